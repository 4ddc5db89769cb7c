"""Admin report: what visitors searched for, and what found nothing, in the last 30 days."""

from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .reports import top_search_terms, zero_result_terms

REPORT_DAYS = 30
REPORT_LIMIT = 25


class SearchTermsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/search_terms_report.html"
    page_title = "What visitors search for"
    header_icon = "search"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": "Reports"},
            {"url": reverse("search_terms_report"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "days": REPORT_DAYS,
                "top_terms": top_search_terms(days=REPORT_DAYS, limit=REPORT_LIMIT),
                "zero_terms": zero_result_terms(days=REPORT_DAYS, limit=REPORT_LIMIT),
                "picks_url": reverse("wagtailsearchpromotions:index"),
                "synonyms_url": reverse("search_synonym_modeladmin_index"),
            }
        )
        return context
