"""/search/ for visitors, and /search/suggest/ for search-as-you-type."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from modelsearch.backends import get_search_backend
from wagtail.models import Page, Site

from articles.models import ArticlePage
from core.cache import remember_in_process_by_key
from core.pagination import page_number
from exercises.models import Exercise

from .engine import body_areas, search_page
from .models import ZeroResultSearch
from .query_log import count_search
from .ranking import KINDS, ranked_hits, search_variants
from .synonyms import expand
from .text import clean_query, query_terms

MAX_SUGGESTIONS = 8
# How many of a synonym's (or a correction's) best results are suggested.
SYNONYM_SUGGESTIONS = 3
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


# Searches whose editor's picks are remembered per content change in each process.
MAX_REMEMBERED_PICKS = 500


def _remembered_editors_picks(query_record):
    """_editors_picks(), remembered per search term until the content changes: every change to
    a promotion or a page moves the generation on."""
    picks = remember_in_process_by_key(
        "search-editors-picks",
        query_record.pk,
        lambda: _editors_picks(query_record),
        MAX_REMEMBERED_PICKS,
    )
    return [dict(pick) for pick in picks]


def _editors_picks(query_record):
    """Promoted pages for this query that an anonymous visitor may open (live and public: not
    behind a login, a password or a group, nor below a page that is), and external links.
    The page is checked before anything of it is shown: a promotion's own title and
    description would tell a visitor what the hidden page is about."""
    promotions = list(query_record.editors_picks.select_related("page").order_by("sort_order"))
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible = set()
    if page_ids:
        visible = set(
            Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
        )
    picks = []
    for pick in promotions:
        if pick.page is None:
            picks.append({"title": pick.title, "url": pick.link, "description": pick.description})
        elif pick.page_id in visible and pick.page.url:
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
    areas = body_areas()
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
        "results": None,
        "editors_picks": [],
        "popular_articles": [],
    }
    if query and not terms:
        context["no_words"] = True
    if terms:
        results = search_page(request, terms, kind=kind, area=area, areas=areas)
        context.update({"results": results, "page_obj": results.page_obj, "hits": results.hits})
        context["tabs"] = [
            {"value": value, "label": label, "count": results.counts[value]}
            for value, label in context["kinds"]
        ]
        first_page = page_number(request.GET.get("page", 1)) == 1
        if first_page:
            # Counted once per search, not again for each further page of the same search.
            query_record = count_search(query)
            if not kind and not area:
                context["editors_picks"] = _remembered_editors_picks(query_record)
            if not results.counts[""]:
                ZeroResultSearch.record(query)
    if query and not context["hits"] and not context["editors_picks"]:
        context["popular_articles"] = _popular_articles(request)
    return TemplateResponse(request, "search/search.html", context)


def _title_suggestions(request, phrase):
    """Articles and exercises whose titles start like ``phrase`` (the search index's
    autocomplete), articles first."""
    suggestions = []
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
    return suggestions


def _best_result_suggestions(request, hits):
    """Title, address and kind of each of ``hits`` (the search's best), in their order."""
    article_ids = [hit.pk for hit in hits if hit.kind == "article"]
    exercise_ids = [hit.pk for hit in hits if hit.kind == "exercise"]
    articles = exercises = {}
    if article_ids:
        articles = (
            ArticlePage.objects.live().public().only("pk", "title", "url_path").in_bulk(article_ids)
        )
    if exercise_ids:
        exercises = Exercise.objects.live().only("pk", "name", "slug").in_bulk(exercise_ids)
    suggestions = []
    for hit in hits:
        obj = (articles if hit.kind == "article" else exercises).get(hit.pk)
        url = obj.get_url(request) if obj is not None else None
        if url:
            title = obj.title if hit.kind == "article" else obj.name
            suggestions.append({"title": title, "url": url, "kind": hit.kind})
    return suggestions


def suggest(request):
    """Up to eight articles and exercises for what the visitor is typing: titles that start
    like it, then, when a synonym or a spelling correction applies ("crick" -> "stiff neck",
    "sholder" -> "shoulder"), the best results of searching for that."""
    query = clean_query(request.GET.get("q", ""))[:100]
    terms = query_terms(query) if len(query) >= MIN_SUGGEST_LENGTH else []
    suggestions, also = [], []
    if terms:
        suggestions = _title_suggestions(request, " ".join(terms))
        # Titles that start with what was typed first; then articles before exercises.
        lowered = query.lower()
        suggestions.sort(key=lambda s: not s["title"].lower().startswith(lowered))
        variants = search_variants(terms)
        # A correction only when no title starts like the words: "shoul" is a word being
        # typed, not a misspelling of "should".
        if len(expand(terms)) > 1 or (len(variants) > 1 and not suggestions):
            also = [" ".join(variant) for variant in variants[1:]]
            best = ranked_hits(terms).all_words[:SYNONYM_SUGGESTIONS]
            shown = {suggestion["url"] for suggestion in suggestions}
            for suggestion in _best_result_suggestions(request, best):
                if suggestion["url"] not in shown:
                    suggestions.append(suggestion)
        suggestions = suggestions[:MAX_SUGGESTIONS]
    response = JsonResponse({"query": query, "also_searched": also, "results": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
