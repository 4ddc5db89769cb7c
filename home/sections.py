"""The URLs of the site's two sections (the article index and the exercise library), looked up
once per request: the header, the footer and every exercise link on a page need them."""

SECTION_MODELS = {
    "articles": ("articles", "ArticleIndexPage"),
    "exercises": ("exercises", "ExerciseLibraryPage"),
}


def section_url(key, request=None):
    """ "/exercises/" for "exercises"; "" when that section is not live. Remembered on the
    request, so a page with many exercise links looks each section up once."""
    known = request.__dict__.setdefault("_clinic_section_urls", {}) if request is not None else {}
    if key not in known:
        from django.apps import apps

        model = apps.get_model(*SECTION_MODELS[key])
        # Ordered by id, not Page's default tree path: with ORDER BY path, SQLite walks the
        # whole page tree by its path index to find the one section page (milliseconds at
        # 10,000 articles).
        found = model.objects.live().only("id", "url_path", "path", "depth").order_by("pk").first()
        known[key] = (found.get_url(request) if found else None) or ""
    return known[key]


def section_urls(request=None):
    """{"articles": "/articles/", "exercises": "/exercises/"}."""
    return {key: section_url(key, request) for key in SECTION_MODELS}
