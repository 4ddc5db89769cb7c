"""Admin registrations for the shared models, the clinic's admin colours and the content checks."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .content_checks import add_warning_messages
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


# Content checks: warnings after saving or publishing, never a block. Every page and snippet
# passes through here; only models with content_warnings() have anything to say.
@hooks.register("after_create_page")
def warn_about_page_content_on_create(request, page):
    add_warning_messages(request, page)


@hooks.register("after_edit_page")
def warn_about_page_content_on_edit(request, page):
    add_warning_messages(request, page)


@hooks.register("after_create_snippet")
def warn_about_snippet_content_on_create(request, instance):
    add_warning_messages(request, instance)


@hooks.register("after_edit_snippet")
def warn_about_snippet_content_on_edit(request, instance):
    add_warning_messages(request, instance)
