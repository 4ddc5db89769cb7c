"""The URLs of the site's two sections (the article index and the exercise library), looked up
once per request: the header, the footer and every exercise link on a page need them."""


def _live_section(model):
    # Ordered by id, not Page's default tree path: with ORDER BY path, SQLite walks the whole
    # page tree by its path index to find the one library page (milliseconds at 10,000 articles).
    return model.objects.live().only("id", "url_path", "path", "depth").order_by("pk").first()


def section_urls(request=None):
    """{"articles": "/articles/", "exercises": "/exercises/"}; "" for a section that is not live."""
    cached = getattr(request, "_clinic_section_urls", None) if request is not None else None
    if cached is not None:
        return cached
    from articles.models import ArticleIndexPage
    from exercises.models import ExerciseLibraryPage

    urls = {}
    for key, model in (("articles", ArticleIndexPage), ("exercises", ExerciseLibraryPage)):
        found = _live_section(model)
        urls[key] = (found.get_url(request) if found else None) or ""
    if request is not None:
        request._clinic_section_urls = urls
    return urls
