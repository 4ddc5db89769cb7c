"""Where an object is used, for the delete and unpublish confirmations in the admin.

Wagtail's own summary only says "referenced N times"; the therapist should see the names of the
articles that would lose the exercise or link, with a way to open each, before she confirms.
"""

from django import template
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import ReferenceIndex

register = template.Library()

# A clinic's site is small; the cap only guards the confirmation page against a runaway list.
MAX_PLACES = 50


@register.simple_tag(takes_context=True)
def places_using(context):
    """[{title, edit_url, live}] for what references the object being confirmed (at most
    MAX_PLACES): ``object`` in the generic delete/unpublish views, ``page`` in the page ones."""
    obj = context.get("object") or context.get("page")
    if obj is None or getattr(obj, "pk", None) is None:
        return []
    finder = AdminURLFinder(context["request"].user)
    places = []
    for source, _references in ReferenceIndex.get_grouped_references_to(obj):
        source = getattr(source, "specific", source)
        title = (
            source.get_admin_display_title()
            if hasattr(source, "get_admin_display_title")
            else str(source)
        )
        places.append(
            {
                "title": title,
                "edit_url": finder.get_edit_url(source),
                "live": getattr(source, "live", True),
            }
        )
        if len(places) >= MAX_PLACES:
            break
    return places
