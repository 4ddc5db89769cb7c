"""Read-only boxes in the plan's admin form: the client's link (copy button, QR code, sheet and
calendar file) and her check-ins over time."""

from wagtail.admin.panels import Panel

from .chart import checkin_chart_svg
from .qr import qr_svg


class PlanLinkPanel(Panel):
    """The private address and every way to hand it over, once the plan is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "The client's link")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "plans/admin/link_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            plan = self.instance
            if plan.is_template:
                return context
            url = self.request.build_absolute_uri(plan.get_client_url())
            context.update(
                {
                    "plan": plan,
                    "plan_url": url,
                    "qr_svg": qr_svg(url, scale=3),
                    "sheet_url": plan.get_sheet_url(),
                    "calendar_url": plan.get_calendar_url(),
                    "available": plan.is_available(),
                    "reminders": [
                        (item, item.schedule)
                        for item in plan.plan_exercises.all()
                        if item.exercise_id
                    ],
                }
            )
            return context


class CheckInsPanel(Panel):
    """Her client's check-ins: a chart over time and the list, newest first."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Check-ins")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "plans/admin/checkins_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and not self.instance.is_template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            checkins = list(self.instance.checkins.order_by("created_at"))
            seen = getattr(self.instance, "_checkins_seen_before", None)
            context.update(
                {
                    "chart": checkin_chart_svg(checkins, self.instance),
                    "checkins": [
                        (checkin, seen is None or checkin.created_at > seen)
                        for checkin in reversed(checkins)
                    ],
                }
            )
            return context
