"""Searching articles and exercises together, ranked on one list, in a fixed number of queries.

1. Both kinds are ranked together by the backend, ids and scores only, in one capped query
   (search/ranked_results.py); other backends rank each kind and the lists are merged by score.
2. The ranked list is remembered until the content changes, and paginated in Python.
3. Only the results on the current page are loaded, with everything their cards need
   prefetched: a handful of queries whether the page shows 1 result or 10.
"""

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from functools import partial

from django.core.cache import cache
from django.db.models import Prefetch
from modelsearch.backends import get_search_backend
from modelsearch.query import Or, Phrase, PlainText
from wagtail.models import Page

from articles.models import ArticlePage
from core.cache import current_generation
from core.pagination import paginate
from exercises.models import Exercise

from .backends import lower_score_is_better
from .modelsearch_internals import with_scores
from .synonyms import expand
from .text import excerpt

KINDS = ("article", "exercise")
# Nobody reads past page 20; capping keeps the ranked list cheap at any corpus size.
MAX_RESULTS = 200
PER_PAGE = 10
RANKING_CACHE_SECONDS = 10 * 60


@dataclass
class Hit:
    kind: str
    pk: int
    score: float
    obj: object = None
    url: str = ""
    excerpt: str = ""
    areas: list = field(default_factory=list)

    @property
    def title(self):
        return self.obj.title

    @property
    def date(self):
        if self.kind == "article":
            published = self.obj.first_published_at
            return self.obj.last_updated or (published.date() if published else None)
        published = self.obj.last_published_at
        return self.obj.last_reviewed or (published.date() if published else None)


def build_query(variants, operator):
    """PlainText for the visitor's words, OR'ed with each synonym variant (see expand())."""
    queries = [PlainText(" ".join(variant), operator=operator) for variant in variants]
    return queries[0] if len(queries) == 1 else Or(queries)


def _article_pages(area):
    """Published, public articles (optionally in one body area) as plain page rows: the ranking
    only needs their ids, and the page table answers that without reading article bodies."""
    pages = Page.objects.live().public().type(ArticlePage)
    if area is not None:
        in_area = ArticlePage.body_areas.through.objects.filter(bodyarea=area)
        pages = pages.filter(pk__in=in_area.values("articlepage_id"))
    return pages


def _exercises(area):
    exercises = Exercise.objects.live()
    if area is not None:
        exercises = exercises.filter(body_areas=area)
    return exercises


def _sources(kind, area):
    """(kind, model, allowed rows) for each kind searched."""
    sources = []
    if kind in (None, "article"):
        sources.append(("article", ArticlePage, _article_pages(area)))
    if kind in (None, "exercise"):
        sources.append(("exercise", Exercise, _exercises(area)))
    return sources


def _rank(backend, query, sources, narrow, phrase=None):
    """[(kind, pk, backend score, matches ``phrase``)]: one query on our database backends;
    one per kind elsewhere (Elasticsearch, OpenSearch), which skip the phrase check."""
    rank_across = getattr(backend, "rank_across", None)
    if rank_across is not None:
        ranked = rank_across(query, sources, MAX_RESULTS, narrow=narrow, phrase=phrase)
        if ranked is not None:
            return ranked
    ranked = []
    for kind, model, allowed in sources:
        # Through the backend: Exercise's queryset has no .search(). Ids only, no objects.
        queryset = model.objects.filter(pk__in=allowed.values_list("pk", flat=True)).only("pk")
        results = backend.search(query, queryset)[:MAX_RESULTS]
        ranked += [(kind, obj.pk, score or 0.0, False) for obj, score in with_scores(results)]
    return ranked


def ranked_hits(terms, kind=None, area=None):
    """ranked_hits_uncached(), remembered per query until the content changes.

    Visitors ask the same few things ("neck", "posture"), and ranking is the costly part. The
    key includes the site's content generation (core.cache), which every publish, edit,
    synonym change or delete bumps, so a remembered ranking is never stale.
    """
    if not terms:
        return []
    raw_key = json.dumps([terms, kind, area.slug if area else None, current_generation()])
    key = "search:ranked:" + hashlib.sha256(raw_key.encode()).hexdigest()
    try:
        cached = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break search
        cached = None
    if cached is not None:
        return [Hit(kind_, pk, score) for kind_, pk, score in cached]
    hits = ranked_hits_uncached(terms, kind=kind, area=area)
    with contextlib.suppress(Exception):  # a cache outage must not break search
        cache.set(key, [(hit.kind, hit.pk, hit.score) for hit in hits], RANKING_CACHE_SECONDS)
    return hits


def ranked_hits_uncached(terms, kind=None, area=None):
    """All hits (ids and scores only), best first. Every word must match; when that finds
    nothing, any word may (a long question rarely has every word in one article)."""
    if not terms:
        return []
    backend = get_search_backend()
    sign = -1 if lower_score_is_better(backend) else 1
    variants = expand(terms)
    sources = _sources(kind, area)
    # The words side by side, as typed ("stiff neck"), come before the same words apart: a
    # score boost would not do it, as ts_rank() and bm25() grow with each repeated word.
    phrases = [Phrase(" ".join(variant)) for variant in variants if len(variant) > 1]
    phrase = (phrases[0] if len(phrases) == 1 else Or(phrases)) if phrases else None
    # With several words, "any word" is the fallback when "every word" finds nothing.
    operators = ["and", "or"] if phrases else ["and"]
    for operator in operators:
        query = build_query(variants, operator)
        # Only when every word must match: a long question's words are rarely side by side.
        checked = phrase if operator == "and" else None
        ranked = _rank(backend, query, sources, narrow=area is not None, phrase=checked)
        if ranked:
            in_phrase = {(kind_, pk) for kind_, pk, _, found in ranked if found}
            hits = [Hit(kind_, pk, sign * score) for kind_, pk, score, _ in ranked]
            # Phrase matches first; a stable tie-break: articles before exercises, newest first.
            hits.sort(
                key=lambda hit: ((hit.kind, hit.pk) not in in_phrase, -hit.score, hit.kind, -hit.pk)
            )
            return hits[:MAX_RESULTS]
    return []


def load_page(hits, request, terms):
    """Fetch the objects for one page of hits and attach URL, areas and excerpt."""
    article_ids = [hit.pk for hit in hits if hit.kind == "article"]
    exercise_ids = [hit.pk for hit in hits if hit.kind == "exercise"]
    articles, exercises = {}, {}
    if article_ids:
        articles = (
            ArticlePage.objects.filter(pk__in=article_ids)
            .prefetch_related("body_areas", Prefetch("exercises", queryset=Exercise.objects.live()))
            .in_bulk()
        )
    if exercise_ids:
        exercises = (
            Exercise.objects.filter(pk__in=exercise_ids).prefetch_related("body_areas").in_bulk()
        )
    loaded = []
    for hit in hits:
        obj = (articles if hit.kind == "article" else exercises).get(hit.pk)
        if obj is None:  # Deleted between the two queries.
            continue
        hit.obj = obj
        hit.areas = list(obj.body_areas.all())
        if hit.kind == "article":
            hit.url = obj.get_url(request)
            texts = [
                obj.summary,
                obj.search_body_text,
                partial(obj.search_exercises_text, prefetched=True),
            ]
        else:
            hit.url = obj.get_url(request)
            texts = [obj.summary, obj.search_text]
        hit.excerpt = excerpt(texts, terms)
        loaded.append(hit)
    return loaded


def search_page(request, terms, kind=None, area=None):
    """(page_obj, hits on this page) for the request's ?page=."""
    hits = ranked_hits(terms, kind=kind, area=area)
    page_obj = paginate(request, hits, per_page=PER_PAGE)
    # Excerpts show and highlight the synonyms' words too: "crick" found this article through
    # "stiff neck", and the visitor should see why.
    shown_terms = list(dict.fromkeys(term for variant in expand(terms) for term in variant))
    return page_obj, load_page(list(page_obj.object_list), request, shown_terms)
