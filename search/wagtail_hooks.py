"""Admin: the synonyms the therapist manages, and the search terms report under Reports."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .admin_views import SearchTermsReportView
from .models import Synonym


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = "Search synonyms"
    menu_icon = "search"
    menu_order = 260
    add_to_settings_menu = False
    list_display = ("term", "alternatives")
    search_fields = ("term", "alternatives")
    ordering = ("term",)


modeladmin_register(SynonymAdmin)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [
        path(
            "reports/visitor-searches/",
            SearchTermsReportView.as_view(),
            name="search_terms_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    # Every admin user: the therapist reads this to decide what to write next.
    return MenuItem(
        "What visitors search for",
        reverse("search_terms_report"),
        name="visitor-searches",
        icon_name="search",
        order=1310,
    )
