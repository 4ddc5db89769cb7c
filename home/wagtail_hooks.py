"""Her dashboard: drafts, what is due for review and what visitors search for; testimonials."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .dashboard import dashboard_panels
from .models import Testimonial


@hooks.register("construct_homepage_panels")
def clinic_dashboard_panels(request, panels):
    """Above Wagtail's own panels."""
    panels.extend(dashboard_panels())


class TestimonialViewSet(SnippetViewSet):
    """Clients' words she picks for the home page (Pages → home page → Testimonials)."""

    model = Testimonial
    icon = "openquote"
    menu_label = "Testimonials"
    list_display = ["name", "detail", "quote"]
    # A plain database search: testimonials stay out of the site's search index.
    search_fields = ["name", "quote", "detail"]
    ordering = ["name"]


register_snippet(TestimonialViewSet)
