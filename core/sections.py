"""The URLs of the site's two sections (the article index and the exercise library), looked up
once per request (and for visitors once per content change): the header, the footer and every
exercise link on a page need them."""

from .cache import remember, shows_published_content

SECTION_MODELS = {
    "articles": ("articles", "ArticleIndexPage"),
    "exercises": ("exercises", "ExerciseLibraryPage"),
}


def _look_up(keys, request):
    """{key: URL or ""} for ``keys``, in one query."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    models = {key: apps.get_model(*SECTION_MODELS[key]) for key in keys}
    content_types = ContentType.objects.get_for_models(*models.values())  # cached per process
    key_by_type = {content_types[model].pk: key for key, model in models.items()}
    # Ordered by id, not Page's default tree path: with ORDER BY path, SQLite walks the whole
    # page tree by its path index to find the section pages, which grows with the articles.
    pages = (
        Page.objects.live()
        .filter(content_type_id__in=key_by_type)
        .only("id", "url_path", "path", "depth", "content_type_id")
        .order_by("pk")
    )
    first = {}
    for page in pages:
        first.setdefault(key_by_type[page.content_type_id], page)
    return {key: (first[key].get_url(request) if key in first else None) or "" for key in keys}


def section_url(key, request=None):
    """ "/exercises/" for "exercises"; "" when that section is not live. With a request, every
    section is looked up at once, the first time one is needed, and remembered on the request;
    without one, only the section asked for."""
    if request is None:
        return _look_up([key], None)[key]
    known = request.__dict__.setdefault("_clinic_section_urls", {})
    if key not in known:
        if shows_published_content(request):
            # Remembered until the content changes, per address the site is reached by.
            parts = (request.scheme, request.get_host())
            found = remember("section-urls", parts, lambda: _look_up(list(SECTION_MODELS), request))
        else:
            found = _look_up(list(SECTION_MODELS), request)
        known.update(found)
    return known[key]


def section_urls(request=None):
    """{"articles": "/articles/", "exercises": "/exercises/"}."""
    if request is None:
        return _look_up(list(SECTION_MODELS), None)
    return {key: section_url(key, request) for key in SECTION_MODELS}
