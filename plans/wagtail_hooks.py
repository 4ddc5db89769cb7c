"""Home programmes in the admin: the plan snippet, its dashboard panel and its styles."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import PlanViewSet
from .dashboard import PlansPanel

register_snippet(PlanViewSet)


@hooks.register("construct_homepage_panels")
def plans_dashboard_panel(request, panels):
    if request.user.has_perm("plans.change_plan"):
        panels.append(PlansPanel())


@hooks.register("insert_global_admin_css")
def plans_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/plan-admin.css"))


@hooks.register("insert_global_admin_js")
def plans_admin_js():
    return format_html('<script src="{}" defer></script>', static("js/plan-admin.js"))
