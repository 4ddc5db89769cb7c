"""Template helpers for the site's frame: navigation, opening hours and query strings."""

from django import template
from django.utils.http import urlencode

from core import sections
from core.models import WEEKDAYS

register = template.Library()

WEEKDAY_NAMES = dict(WEEKDAYS)


@register.simple_tag(takes_context=True)
def section_url(context, key):
    """{% section_url "articles" %} -> "/articles/" (or "" when that section is not live)."""
    if key not in sections.SECTION_MODELS:
        return ""
    return sections.section_url(key, context.get("request"))


@register.simple_tag(takes_context=True)
def primary_nav(context):
    """Home, Articles and Exercises with their URLs and whether the visitor is in that section."""
    request = context.get("request")
    urls = sections.section_urls(request)
    links = [("Home", "/"), ("Articles", urls["articles"]), ("Exercises", urls["exercises"])]
    path = getattr(request, "path", "")
    return [
        {
            "label": label,
            "url": url,
            "current": path == url if url == "/" else path.startswith(url),
        }
        for label, url in links
        if url
    ]


@register.filter
def weekday_name(value):
    """'0' -> 'Monday'."""
    return WEEKDAY_NAMES.get(str(value), "")


@register.simple_tag
def query_string(**params):
    """?area=neck&page=2 from keyword arguments, leaving out empty ones."""
    kept = {key: value for key, value in params.items() if value not in (None, "")}
    return f"?{urlencode(kept)}" if kept else "?"
