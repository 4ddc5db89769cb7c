"""Admin registrations for site-wide models."""

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
