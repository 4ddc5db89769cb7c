"""Searching articles and exercises together, ranked on one list, in a fixed number of queries.

1. Both kinds are ranked together by the backend, ids and scores only, in one capped query
   (search/ranked_results.py); other backends rank each kind and the lists are merged by score.
   Results with every word come first; for several words, those with only some follow.
2. The ranked list is remembered until the content changes; a kind filter and the page are
   applied to it in Python, so the tabs' counts and lists always agree.
3. Only the results on the current page are loaded, with everything their cards need
   prefetched: a handful of queries whether the page shows 1 result or 10.
"""

import contextlib
import hashlib
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from modelsearch.backends import get_search_backend
from modelsearch.query import Or, Phrase, PlainText
from wagtail.models import Page

from articles.models import ArticlePage
from core.cache import request_generation
from core.pagination import paginate
from exercises.models import Exercise

from .backends import lower_score_is_better
from .modelsearch_internals import with_scores
from .spelling import corrected_variants
from .synonyms import MAX_ALTERNATIVE_QUERIES, expand
from .text import excerpt

KINDS = ("article", "exercise")
# Nobody reads past page 20; capping keeps the ranked list cheap at any corpus size.
MAX_RESULTS = 200
PER_PAGE = 10
# Results are ordered by how many of the query's words, and pairs of neighbouring words, they
# have, counting the first few of each.
MAX_COUNTED = 8
RANKING_CACHE_SECONDS = 10 * 60


# A hit has every word of the query (or of one of its variants), or only some of them.
ALL, SOME = "all", "some"


@dataclass
class Hit:
    kind: str
    pk: int
    score: float
    tier: str = ALL
    obj: object = None
    url: str = ""
    excerpt: str = ""
    areas: list = field(default_factory=list)

    def key(self):
        return (self.kind, self.pk)

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


def _rank(backend, query, sources, phrase=None, words=()):
    """[(kind, pk, backend score, matches ``phrase``, how many of ``words`` it has)]: each
    kind's best MAX_RESULTS, from one ranking query on our database backends (and one per word
    counted); one query per kind elsewhere (Elasticsearch, OpenSearch), which skip the phrase
    and word checks.

    Each kind has its own MAX_RESULTS: cut as one list, a kind with fewer matches would miss
    those below the cut (for "stiff neck" on a large site, the best few hundred matches are
    all articles)."""
    rank_across = getattr(backend, "rank_across", None)
    if rank_across is not None:
        ranked = rank_across(query, sources, limit=MAX_RESULTS, phrase=phrase, words=words)
        if ranked is not None:
            return ranked
    ranked = []
    for kind, model, allowed in sources:
        # Through the backend: Exercise's queryset has no .search(). Ids only, no objects.
        queryset = model.objects.filter(pk__in=allowed.values_list("pk", flat=True)).only("pk")
        results = backend.search(query, queryset)[:MAX_RESULTS]
        ranked += [(kind, obj.pk, score or 0.0, False, 0) for obj, score in with_scores(results)]
    return ranked


def search_variants(terms):
    """What is searched for the visitor's words: the words as typed, then with misspellings
    corrected ("sholder" -> "shoulder"), then with the therapist's synonyms swapped in."""
    if not terms:
        return []
    variants = []
    for variant in [list(terms), *corrected_variants(terms)]:
        for expanded in expand(variant):
            # "crick in my neck" -> "stiff neck", not "stiff neck neck".
            expanded = list(dict.fromkeys(expanded))
            if expanded not in variants:
                variants.append(expanded)
    return variants[:MAX_ALTERNATIVE_QUERIES]


def also_searched(terms):
    """["stiff neck"] for "crick": the other things searched, as the visitor can read them."""
    return [" ".join(variant) for variant in search_variants(terms)[1:]]


def ranked_hits(terms, area=None):
    """ranked_hits_uncached(), remembered per query until the content changes.

    Visitors ask the same few things ("neck", "posture"), and ranking is the costly part. The
    key includes the site's content generation (core.cache), which every publish, edit,
    synonym change or delete bumps, so a remembered ranking is never stale. Both kinds are
    in one list, so the "Articles" and "Exercises" tabs are that list filtered, and cost
    nothing more.
    """
    if not terms:
        return []
    raw_key = json.dumps([terms, area.slug if area else None, request_generation()])
    key = "search:ranked:v2:" + hashlib.sha256(raw_key.encode()).hexdigest()
    try:
        cached = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break search
        cached = None
    if cached is not None:
        return [Hit(kind_, pk, score, tier=tier) for kind_, pk, score, tier in cached]
    hits = ranked_hits_uncached(terms, area=area)
    with contextlib.suppress(Exception):  # a cache outage must not break search
        cached = [(hit.kind, hit.pk, hit.score, hit.tier) for hit in hits]
        cache.set(key, cached, RANKING_CACHE_SECONDS)
    return hits


def ranked_hits_uncached(terms, area=None):
    """All hits (ids and scores only) of both kinds: first those with every word (of the words
    as typed, or of a variant: a correction, a synonym), best first; then those with only
    some of the words (tier SOME), best first."""
    if not terms:
        return []
    backend = get_search_backend()
    sign = -1 if lower_score_is_better(backend) else 1
    variants = search_variants(terms)
    sources = _sources(None, area)
    # The words side by side, as typed ("stiff neck"), come before the same words apart: a
    # score boost would not do it, as ts_rank() and bm25() grow with each repeated word.
    phrases = [Phrase(" ".join(variant)) for variant in variants if len(variant) > 1]
    phrase = (phrases[0] if len(phrases) == 1 else Or(phrases)) if phrases else None

    def order(hit):
        # The score; a stable tie-break: articles before exercises, newest first.
        return (-hit.score, hit.kind, -hit.pk)

    # Two neighbouring words side by side count too: for "lower back pain", an article saying
    # "lower back" before one with "lower", "back" and "pain" scattered.
    pairs = list(
        dict.fromkeys(
            " ".join(variant[i : i + 2]) for variant in variants for i in range(len(variant) - 1)
        )
    )
    pairs = [Phrase(pair) for pair in pairs[:MAX_COUNTED]]
    long_query = any(len(variant) > 2 for variant in variants)
    ranked = _rank(
        backend,
        build_query(variants, "and"),
        sources,
        phrase=phrase,
        words=pairs if long_query else (),
    )
    in_phrase = {(kind_, pk) for kind_, pk, _, found, _ in ranked if found}
    hits = sorted(
        ((matched, Hit(kind_, pk, sign * score)) for kind_, pk, score, _, matched in ranked),
        key=lambda pair: (pair[1].key() not in in_phrase, -pair[0], *order(pair[1])),
    )
    hits = [hit for _, hit in hits]
    # Some of the words: only for a kind with room left (nobody reads past MAX_RESULTS), and
    # never for one word in every variant, where "some of the words" is "every word".
    full = {
        kind_ for kind_, _, _ in sources if sum(hit.kind == kind_ for hit in hits) >= MAX_RESULTS
    }
    sources = [source for source in sources if source[0] not in full]
    if not phrases or not sources:
        return hits
    # With only some of the words, those with more of them (and of the pairs) first: "neck"
    # and "look" before "neck" alone, however often it says "neck"; then the score.
    words = list(dict.fromkeys(word for variant in variants for word in variant))
    counted = [PlainText(word) for word in words[:MAX_COUNTED]] + pairs
    found = {hit.key() for hit in hits}
    some = []
    for kind_, pk, score, _, matched in _rank(
        backend, build_query(variants, "or"), sources, words=counted
    ):
        if (kind_, pk) not in found:
            some.append((matched, Hit(kind_, pk, sign * score, tier=SOME)))
    some.sort(key=lambda pair: (-pair[0], *order(pair[1])))
    return hits + [hit for _, hit in some]


def load_page(hits, request, terms):
    """Fetch the objects for one page of hits and attach URL, areas and excerpt."""
    article_ids = [hit.pk for hit in hits if hit.kind == "article"]
    exercise_ids = [hit.pk for hit in hits if hit.kind == "exercise"]
    articles, exercises = {}, {}
    if article_ids:
        # The exercises' text is read only for an excerpt that neither the summary nor the body
        # has a word for: looked up then, for that article, not prefetched for every card.
        articles = (
            ArticlePage.objects.filter(pk__in=article_ids).prefetch_related("body_areas").in_bulk()
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
                obj.search_exercises_text,
            ]
        else:
            hit.url = obj.get_url(request)
            texts = [obj.summary, obj.search_text]
        hit.excerpt = excerpt(texts, terms)
        loaded.append(hit)
    return loaded


@dataclass
class Results:
    """One search, as the results page shows it."""

    page_obj: object
    hits: list  # this page's hits, loaded
    counts: dict  # {"": all, "article": n, "exercise": n}
    also_searched: list
    any_all_words: bool = True  # whether any hit of the (filtered) list has every word

    @property
    def all_words(self):
        return [hit for hit in self.hits if hit.tier == ALL]

    @property
    def some_words(self):
        return [hit for hit in self.hits if hit.tier == SOME]

    @property
    def some_words_start(self):
        """The number of the first result with only some of the words on this page."""
        return self.page_obj.start_index() + len(self.all_words)


def search_page(request, terms, kind=None, area=None):
    """The Results for the request's ?page=: the ranked list of both kinds, filtered to
    ``kind``, so every tab's count is the length of the list it shows."""
    everything = ranked_hits(terms, area=area)
    counts = {"": len(everything), **dict.fromkeys(KINDS, 0)}
    for hit in everything:
        counts[hit.kind] += 1
    hits = [hit for hit in everything if kind is None or hit.kind == kind]
    page_obj = paginate(request, hits, per_page=PER_PAGE)
    variants = search_variants(terms)
    # Excerpts show and highlight the variants' words too: "crick" found this article through
    # "stiff neck", and the visitor should see why.
    shown_terms = list(dict.fromkeys(term for variant in variants for term in variant))
    loaded = load_page(list(page_obj.object_list), request, shown_terms)
    also = [" ".join(variant) for variant in variants[1:]]
    return Results(
        page_obj=page_obj,
        hits=loaded,
        counts=counts,
        also_searched=also,
        any_all_words=bool(hits) and hits[0].tier == ALL,
    )
