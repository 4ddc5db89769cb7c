"""Admin registrations for site-wide models, the clinic's admin branding and her dashboard."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .admin_panels import dashboard_panels
from .checks import add_warning_messages
from .models import BodyArea


class BodyAreaAdmin(ModelAdmin):
    model = BodyArea
    menu_label = "Body areas"
    menu_icon = "crosshairs"
    menu_order = 250
    add_to_settings_menu = False
    list_display = ("name", "slug", "sort_order")
    search_fields = ("name",)
    ordering = ("sort_order", "name")


modeladmin_register(BodyAreaAdmin)


@hooks.register("insert_global_admin_css")
def clinic_admin_colours():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("construct_homepage_panels")
def clinic_dashboard_panels(request, panels):
    """Her drafts, what is due for review and what visitors search for, above Wagtail's own."""
    panels.extend(dashboard_panels())


# Content checks: warnings after saving or publishing an article, never a block. (Exercises get
# theirs from exercises/wagtail_hooks.py.)
@hooks.register("after_create_page")
def warn_about_page_content_on_create(request, page):
    add_warning_messages(request, page)


@hooks.register("after_edit_page")
def warn_about_page_content_on_edit(request, page):
    add_warning_messages(request, page)
