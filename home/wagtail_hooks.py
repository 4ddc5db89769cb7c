"""Her dashboard: drafts, what is due for review and what visitors search for."""

from wagtail import hooks

from .dashboard import dashboard_panels


@hooks.register("construct_homepage_panels")
def clinic_dashboard_panels(request, panels):
    """Above Wagtail's own panels."""
    panels.extend(dashboard_panels())
