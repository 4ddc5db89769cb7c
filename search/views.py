"""/search/ for visitors, and /search/suggest/ for search-as-you-type."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from modelsearch.backends import get_search_backend
from wagtail.models import Site

from articles.models import ArticlePage
from core.models import BodyArea
from core.pagination import page_number
from exercises.models import Exercise

from .engine import KINDS, search_page
from .models import ZeroResultSearch
from .query_log import count_search
from .text import clean_query, query_terms

MAX_SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2
POPULAR_ARTICLES = 4


def _featured_article_ids(request):
    """The articles the therapist features on the home page: the site's root page, whose
    model (home.HomePage, a layer above this one) lists them with ``featured_article_ids()``."""
    site = Site.find_for_request(request)
    home = site.root_page.specific if site is not None else None
    featured = getattr(home, "featured_article_ids", None)
    return featured() if featured is not None and home.live else []


def _popular_articles(request):
    """The home page's featured articles (the therapist's picks), else the newest ones."""
    picked = _featured_article_ids(request)
    articles = ArticlePage.objects.live().public()
    if picked:
        by_id = articles.in_bulk(picked)
        chosen = [by_id[pk] for pk in picked if pk in by_id][:POPULAR_ARTICLES]
        if chosen:
            return chosen
    # Newest by tree position: the path index answers this without sorting every article.
    newest = articles.only("pk", "title", "url_path", "path", "depth", "summary")
    return list(newest.order_by("-path")[:POPULAR_ARTICLES])


def _editors_picks(query_record):
    """Promoted pages for this query that visitors can open, and external links."""
    picks = []
    for pick in query_record.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page is None:
            picks.append({"title": pick.title, "url": pick.link, "description": pick.description})
        elif pick.page.live and pick.page.url:
            picks.append(
                {"title": pick.page.title, "url": pick.page.url, "description": pick.description}
            )
    return picks


@never_cache
def search(request):
    # never_cache: every search is counted, so no cache may answer for this view.
    query = clean_query(request.GET.get("q", ""))
    terms = query_terms(query)
    kind = request.GET.get("type", "").strip()
    kind = kind if kind in KINDS else None
    areas = list(BodyArea.objects.all())
    area_slug = request.GET.get("area", "").strip()[:60]
    area = next((a for a in areas if a.slug == area_slug), None)
    unknown_area = bool(area_slug) and area is None

    context = {
        "search_query": query,
        "terms": terms,
        "current_kind": kind,
        "current_area": area,
        "unknown_area": unknown_area,
        "body_areas": areas,
        "kinds": [("", "Everything"), ("article", "Articles"), ("exercise", "Exercises")],
        "hits": [],
        "page_obj": None,
        "editors_picks": [],
        "popular_articles": [],
    }
    if query and not terms:
        context["no_words"] = True
    if terms:
        page_obj, hits = search_page(request, terms, kind=kind, area=area)
        context.update({"page_obj": page_obj, "hits": hits})
        first_page = page_number(request.GET.get("page", 1)) == 1
        if first_page:
            # Counted once per search, not again for each further page of the same search.
            query_record = count_search(query)
            if not kind and not area:
                context["editors_picks"] = _editors_picks(query_record)
            if not hits:
                ZeroResultSearch.record(query)
    if query and not context["hits"] and not context["editors_picks"]:
        context["popular_articles"] = _popular_articles(request)
    return TemplateResponse(request, "search/search.html", context)


def suggest(request):
    """Up to eight titles of articles and exercises that start like what the visitor typed."""
    query = clean_query(request.GET.get("q", ""))[:100]
    terms = query_terms(query) if len(query) >= MIN_SUGGEST_LENGTH else []
    suggestions = []
    if terms:
        phrase = " ".join(terms)
        articles = ArticlePage.objects.live().public().only("pk", "title", "url_path")
        for page in articles.autocomplete(phrase, operator="and")[:MAX_SUGGESTIONS]:
            url = page.get_url(request)
            if url:
                suggestions.append({"title": page.title, "url": url, "kind": "article"})
        exercises = Exercise.objects.live().only("pk", "name", "slug")
        found = get_search_backend().autocomplete(phrase, exercises, operator="and")
        for exercise in found[:MAX_SUGGESTIONS]:
            url = exercise.get_url(request)
            if url:
                suggestions.append({"title": exercise.name, "url": url, "kind": "exercise"})
        # Titles that start with what was typed first; then articles before exercises.
        lowered = query.lower()
        suggestions.sort(key=lambda s: not s["title"].lower().startswith(lowered))
        suggestions = suggestions[:MAX_SUGGESTIONS]
    response = JsonResponse({"query": query, "results": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
