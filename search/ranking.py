"""Ranking a search: the hits of both kinds, ids and scores only, on one list, in two tiers.

1. Both kinds are ranked together by the backend in one capped query (search/ranked_results.py);
   other backends rank each kind and the lists are merged by score. Results with every word come
   first; for several words, those with only some follow.
2. Of those with only some of the words, only how many there are is worked out with the first
   tier, which needs no scoring; they are ranked when a page shows one of them. Most searches
   with several words fill their first pages from the first tier.
3. Both parts are remembered until the content changes; a kind filter and the page are applied
   to the list in Python, so the tabs' counts and lists always agree.
"""

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from functools import partial

from django.core.cache import cache
from modelsearch.backends import get_search_backend
from modelsearch.query import Or, Phrase, PlainText
from wagtail.models import Page

from articles.models import ArticlePage
from core.cache import request_generation
from exercises.models import Exercise

from .backends import lower_score_is_better
from .modelsearch_internals import with_scores
from .ranked_results import Source
from .spelling import corrected_variants
from .synonyms import MAX_ALTERNATIVE_QUERIES, expand

KINDS = ("article", "exercise")
# Nobody reads past page 20; capping keeps the ranked list cheap at any corpus size. Each kind
# lists at most this many, both tiers together.
MAX_RESULTS = 200
# Results are ordered by how many of the query's words, and pairs of neighbouring words, they
# have, counting the first few of each.
MAX_COUNTED = 8
RANKING_CACHE_SECONDS = 10 * 60
# Results per page: when the first page of Everything shows some with only some of the words,
# those are ranked at once rather than counted first.
PER_PAGE = 10

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


def _sources(area):
    """A Source for each kind searched (search/ranked_results.py)."""
    named = area.pk if area is not None else ""
    return [
        Source("article", ArticlePage, partial(_article_pages, area), f"article:{named}"),
        Source("exercise", Exercise, partial(_exercises, area), f"exercise:{named}"),
    ]


def _rank(backend, query, sources, limit, phrase=None, words=(), exclude=(), **options):
    """[(kind, pk, backend score, matches ``phrase``, how many of ``words`` it has)]: each
    kind's best ``limit`` (a number or {kind: number}) leaving out ``exclude`` ((kind, pk as
    text)), from one ranking query on our database backends (and one per word counted); one
    query per kind elsewhere (Elasticsearch, OpenSearch), which skip the phrase and word checks.

    Each kind has its own limit: cut as one list, a kind with fewer matches would miss those
    below the cut (for "stiff neck" on a large site, the best few hundred matches are all
    articles)."""
    rank_across = getattr(backend, "rank_across", None)
    if rank_across is not None:
        ranked = rank_across(
            query, sources, limit, phrase=phrase, words=words, exclude=exclude, **options
        )
        if ranked is not None:
            return ranked
    ranked = []
    for source in sources:
        kind, model = source.label, source.model
        cap = limit[kind] if isinstance(limit, dict) else limit
        # Through the backend: Exercise's queryset has no .search(). Ids only, no objects.
        allowed = source.rows().values_list("pk", flat=True)
        queryset = model.objects.filter(pk__in=allowed).only("pk")
        results = backend.search(query, queryset)[: cap + len(exclude)]
        found = [(obj, score) for obj, score in with_scores(results)]
        found = [pair for pair in found if (kind, str(pair[0].pk)) not in exclude][:cap]
        ranked += [(kind, obj.pk, score or 0.0, False, 0) for obj, score in found]
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


class TieredHits:
    """One tab's hits for the paginator: the first tier at hand, and ``rest_count`` more that
    ``load_rest()`` gives only when a page reaches them. Both are kept as plain rows (kind, pk,
    score, tier); only the hits a page shows become Hit objects."""

    def __init__(self, first, rest_count, load_rest):
        self.first, self.rest_count = first, rest_count
        self._load_rest, self._rest = load_rest, None

    def __len__(self):
        return len(self.first) + self.rest_count

    def rest(self):
        if self._rest is None:
            self._rest = list(self._load_rest())[: self.rest_count] if self.rest_count else []
        return self._rest

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if stop <= len(self.first) and step == 1:
                return _hits(self.first[start:stop])
            return _hits((self.first + self.rest())[index])
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        if index < len(self.first):
            return _hits([self.first[index]])[0]
        return _hits([self.rest()[index - len(self.first)]])[0]

    def __iter__(self):
        yield from _hits(self.first)
        yield from _hits(self.rest())


@dataclass
class Ranking:
    """One search's hits as rows (kind, pk, score, tier): those with every word, best first;
    and of those with only some of the words, how many of each kind there are, ranked by
    some_rows() only when a page shows them."""

    terms: list
    area: object
    rows: list
    some_counts: dict
    key: str = ""  # where the ranking is remembered ("": it is not)
    some: list = None  # the rows with only some of the words, once ranked

    @property
    def all_words(self):
        return _hits(self.rows)

    def counts(self):
        """{"": all, "article": n, "exercise": n}: each tab's count."""
        counts = dict.fromkeys(KINDS, 0)
        for row in self.rows:
            counts[row[0]] += 1
        for kind, count in self.some_counts.items():
            counts[kind] += count
        return {"": sum(counts.values()), **counts}

    def some_rows(self):
        if self.some is None:
            key = self.key and f"{self.key}:some"
            self.some = _cached(key)
            if self.some is None:
                self.some = rank_some(self)
                if key:
                    _remember(key, self.some)
        return self.some

    def listed(self, kind=None):
        """The hits of ``kind`` (None: both), in order, for a paginator."""
        first = [row for row in self.rows if kind in (None, row[0])]
        count = sum(n for kind_, n in self.some_counts.items() if kind in (None, kind_))
        return TieredHits(
            first, count, lambda: [row for row in self.some_rows() if kind in (None, row[0])]
        )


def _hits(rows):
    return [Hit(kind, pk, score, tier=tier) for kind, pk, score, tier in rows]


def _cached(key):
    try:
        return cache.get(key) if key else None
    except Exception:  # noqa: BLE001 - a cache outage must not break search
        return None


def _remember(key, value):
    with contextlib.suppress(Exception):  # a cache outage must not break search
        cache.set(key, value, RANKING_CACHE_SECONDS)


def ranked_hits(terms, area=None):
    """The Ranking for the visitor's words, remembered per query until the content changes.

    Visitors ask the same few things ("neck", "posture"), and ranking is the costly part. The
    key includes the site's content generation (core.cache), which every publish, edit,
    synonym change or delete bumps, so a remembered ranking is never stale. Both kinds are
    in one list, so the "Articles" and "Exercises" tabs are that list filtered, and cost
    nothing more.
    """
    if not terms:
        return Ranking(terms, area, [], {})
    raw_key = json.dumps([terms, area.slug if area else None, request_generation()])
    key = "search:ranked:v3:" + hashlib.sha256(raw_key.encode()).hexdigest()
    cached = _cached(key)
    if cached is not None:
        rows, counts = cached
        return Ranking(terms, area, rows, counts, key=key)
    ranking = rank_all(terms, area)
    ranking.key = key
    _remember(key, (ranking.rows, ranking.some_counts))
    if ranking.some is not None:  # ranked at once: remembered too
        _remember(f"{key}:some", ranking.some)
    return ranking


@dataclass
class _Plan:
    """What one search looks for, shared by both tiers."""

    terms: list
    area: object
    backend: object = None
    variants: list = None
    sources: list = None
    phrase: object = None
    pairs: list = None

    def __post_init__(self):
        self.backend = get_search_backend()
        self.variants = search_variants(self.terms)
        self.sources = _sources(self.area)
        # The words side by side, as typed ("stiff neck"), come before the same words apart: a
        # score boost would not do it, as ts_rank() and bm25() grow with each repeated word.
        phrases = [Phrase(" ".join(variant)) for variant in self.variants if len(variant) > 1]
        self.phrase = (phrases[0] if len(phrases) == 1 else Or(phrases)) if phrases else None
        # Two neighbouring words side by side count too: for "lower back pain", an article
        # saying "lower back" before one with "lower", "back" and "pain" scattered.
        pairs = dict.fromkeys(
            " ".join(variant[i : i + 2])
            for variant in self.variants
            for i in range(len(variant) - 1)
        )
        self.pairs = [Phrase(pair) for pair in list(pairs)[:MAX_COUNTED]]

    def sign(self):
        return -1 if lower_score_is_better(self.backend) else 1

    def rooms(self, rows):
        """{kind: how many hits with only some of the words it may list}, for each kind with
        room left after ``rows`` (nobody reads past MAX_RESULTS); none for one word in every
        variant, where "some of the words" is "every word"."""
        if self.phrase is None:
            return {}
        rooms = {source.label: MAX_RESULTS for source in self.sources}
        for row in rows:
            rooms[row[0]] -= 1
        return {kind: room for kind, room in rooms.items() if room > 0}


def _order(row):
    # The score; a stable tie-break: articles before exercises, newest first.
    kind, pk, score, _ = row
    return (-score, kind, -pk)


def rank_all(terms, area=None):
    """The Ranking, uncached: every hit with every word (of the words as typed, or of a
    variant: a correction, a synonym), best first, ids and scores only; and how many hits of
    each kind have only some of the words (ranked at once when the first page shows them)."""
    plan = _Plan(terms, area)
    long_query = any(len(variant) > 2 for variant in plan.variants)
    ranked = _rank(
        plan.backend,
        build_query(plan.variants, "and"),
        plan.sources,
        MAX_RESULTS,
        phrase=plan.phrase,
        words=plan.pairs if long_query else (),
        # With one variant, an entry with its words side by side has every pair of them.
        phrase_has_words=len(plan.variants) == 1,
    )
    sign = plan.sign()
    # Those with the words side by side first, then those with more of the pairs.
    found = [
        (not in_phrase, -matched, (kind, pk, sign * score, ALL))
        for kind, pk, score, in_phrase, matched in ranked
    ]
    found.sort(key=lambda item: (item[0], item[1], *_order(item[2])))
    ranking = Ranking(terms, area, [row for *_, row in found], {})
    rooms = plan.rooms(ranking.rows)
    sources = [source for source in plan.sources if source.label in rooms]
    if not sources:
        return ranking
    count_across = getattr(plan.backend, "count_across", None)
    counts = None
    if len(ranking.rows) >= PER_PAGE and count_across is not None:
        counts = count_across(build_query(plan.variants, "or"), sources, _excluded(ranking.rows))
    if counts is None:  # The first page shows some (or another backend): ranked at once.
        ranking.some = rank_some(ranking, plan)
        counts = dict.fromkeys(rooms, 0)
        for row in ranking.some:
            counts[row[0]] += 1
    ranking.some_counts = {kind: min(count, rooms[kind]) for kind, count in counts.items()}
    return ranking


def _excluded(rows):
    return {(kind, str(pk)) for kind, pk, *_ in rows}


def rank_some(ranking, plan=None):
    """The rows with only some of the words, after ``ranking``'s rows with every word: those
    with more of the words (and of the pairs) first, "neck" and "look" before "neck" alone,
    however often it says "neck"; then the score. Each kind lists as many as it has room for."""
    plan = plan or _Plan(ranking.terms, ranking.area)
    rooms = plan.rooms(ranking.rows)
    sources = [source for source in plan.sources if source.label in rooms]
    if not sources:
        return []
    words = list(dict.fromkeys(word for variant in plan.variants for word in variant))
    counted = [PlainText(word) for word in words[:MAX_COUNTED]] + plan.pairs
    sign = plan.sign()
    ranked = _rank(
        plan.backend,
        build_query(plan.variants, "or"),
        sources,
        rooms,
        words=counted,
        exclude=_excluded(ranking.rows),
    )
    some = [(-matched, (kind, pk, sign * score, SOME)) for kind, pk, score, _, matched in ranked]
    some.sort(key=lambda item: (item[0], *_order(item[1])))
    return [row for _, row in some]
