"""Template helpers for the site's frame: navigation, opening hours and query strings."""

from django import template
from django.utils.http import urlencode

from home.models import WEEKDAYS

register = template.Library()

WEEKDAY_NAMES = dict(WEEKDAYS)


def _section_urls(request):
    """The live article index's and exercise library's URLs, looked up once per request."""
    cached = getattr(request, "_clinic_section_urls", None) if request else None
    if cached is not None:
        return cached
    from articles.models import ArticleIndexPage
    from exercises.models import ExerciseLibraryPage

    urls = {}
    for key, model in (("articles", ArticleIndexPage), ("exercises", ExerciseLibraryPage)):
        found = model.objects.live().only("id", "url_path", "path", "depth").first()
        urls[key] = (found.get_url(request) if found else None) or ""
    if request is not None:
        request._clinic_section_urls = urls
    return urls


@register.simple_tag(takes_context=True)
def section_url(context, key):
    """{% section_url "articles" %} -> "/articles/" (or "" when that section is not live)."""
    return _section_urls(context.get("request")).get(key, "")


@register.simple_tag(takes_context=True)
def primary_nav(context):
    """Home, Articles and Exercises with their URLs and whether the visitor is in that section."""
    request = context.get("request")
    urls = _section_urls(request)
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
