"""The therapist's side of home programmes: the plan snippet's admin screens.

Registered in plans/wagtail_hooks.py. Wagtail's own snippet copy view becomes "Duplicate": it
opens a new plan prefilled from this one (same exercises, note and articles) with a fresh link,
new dates, no client and none of the original's check-ins.
"""

from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import CopyView, EditView, IndexView, SnippetViewSet

from .models import Plan

DUPLICATE_LABEL = "Duplicate"


def _relabel_copy(buttons, copy_url):
    for button in buttons:
        if copy_url and getattr(button, "url", None) == copy_url:
            button.label = DUPLICATE_LABEL
    return buttons


class PlanIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return _relabel_copy(super().get_list_more_buttons(instance), self.get_copy_url(instance))


class PlanCopyView(CopyView):
    page_title = "Duplicate"

    def get_initial_form_instance(self):
        return self.get_object().copy_for_next_client()


class PlanEditView(EditView):
    @property
    def header_more_buttons(self):
        return _relabel_copy(super().header_more_buttons, self.get_copy_url())

    def get_object(self, queryset=None):
        plan = super().get_object(queryset)
        if self.request.method == "GET":
            # Opening the plan counts as looking at its check-ins: the dashboard stops listing
            # them as new. The panel still marks the ones that were new until now.
            if not hasattr(self, "_checkins_seen_before"):
                self._checkins_seen_before = plan.checkins_seen_at
                Plan.objects.filter(pk=plan.pk).update(checkins_seen_at=timezone.now())
            plan._checkins_seen_before = self._checkins_seen_before
        return plan


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "clipboard-list"
    menu_label = "Home programmes"
    menu_name = "home-programmes"
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = PlanIndexView
    copy_view_class = PlanCopyView
    edit_view_class = PlanEditView
    list_display = [
        "__str__",
        Column("state_label", label="Link"),
        DateColumn("next_visit_on", label="Next visit"),
        DateColumn("expires_on", label="Link works until"),
    ]
    list_filter = ["is_template", "status"]
    search_fields = ["title", "client_label"]
    search_backend_name = None
    ordering = ["-is_template", "-created_at"]
