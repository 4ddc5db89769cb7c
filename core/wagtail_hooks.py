"""Admin registrations for the shared models, the clinic's admin colours and her messages."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

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


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    """Account → Two-step sign-in (core/two_factor_views.py): set up, new recovery codes, off."""
    from django.urls import reverse

    return {
        "url": reverse("two_factor_setup"),
        "label": "Two-step sign-in",
        "help_text": "Ask for a code from your phone after your password.",
    }
