"""The dashboard's "Home programmes" panel: clients who sent check-ins she has not seen yet,
and plans whose next visit is within a week (so she can look before the client comes in)."""

import datetime

from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import Plan

UPCOMING_VISIT_DAYS = 7
PANEL_ROWS = 10


def plan_edit_url(plan):
    return reverse("wagtailsnippets_plans_plan:edit", args=[plan.pk])


class PlansPanel(Component):
    name = "clinic_plans"
    template_name = "plans/admin/dashboard_panel.html"
    order = 85

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        unseen = Q(checkins__created_at__gt=F("checkins_seen_at")) | Q(
            checkins_seen_at__isnull=True, checkins__isnull=False
        )
        with_new = (
            Plan.objects.for_clients()
            .annotate(
                new_count=Count("checkins", filter=unseen), latest=Max("checkins__created_at")
            )
            .filter(new_count__gt=0)
            .order_by("-latest")[:PANEL_ROWS]
        )
        upcoming = (
            Plan.objects.active_on(today)
            .filter(
                next_visit_on__gte=today,
                next_visit_on__lte=today + datetime.timedelta(days=UPCOMING_VISIT_DAYS),
            )
            .order_by("next_visit_on")[:PANEL_ROWS]
        )
        return {
            "new_checkins": [
                {
                    "plan": plan,
                    "count": plan.new_count,
                    "latest": plan.latest,
                    "url": plan_edit_url(plan) + "#tab-check_ins",
                }
                for plan in with_new
            ],
            "upcoming": [{"plan": plan, "url": plan_edit_url(plan)} for plan in upcoming],
            "days": UPCOMING_VISIT_DAYS,
            "plans_url": reverse("wagtailsnippets_plans_plan:list"),
        }
