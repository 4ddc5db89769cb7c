"""The results page of a search: one page of the ranked list (search/ranking.py), loaded.

Only the results on the current page are loaded, with everything their cards need prefetched:
a handful of queries whether the page shows 1 result or 10.
"""

import copy
from dataclasses import dataclass

from django.db.models import CharField, Value

from articles.models import ArticlePage
from core.cache import remember_in_process
from core.models import BodyArea
from core.pagination import paginate
from exercises.models import Exercise

from .ranking import ALL, PER_PAGE, SOME, ranked_hits, search_variants
from .text import excerpt


def body_areas():
    """The body areas, in their order: read once per content change in each process (every
    change to an area moves the generation on), a copy of each for this request."""
    return [copy.copy(area) for area in remember_in_process("body-areas", _read_body_areas)]


def _read_body_areas():
    return list(BodyArea.objects.all())


def _area_links(article_ids, exercise_ids):
    """{(kind, pk): [body area pk]} for the articles and exercises on the page, in one query."""
    parts = []
    for kind, model, ids in (
        ("article", ArticlePage, article_ids),
        ("exercise", Exercise, exercise_ids),
    ):
        if ids:
            through = model.body_areas.through
            owner = f"{model._meta.model_name}_id"
            links = through.objects.filter(**{f"{owner}__in": ids})
            parts.append(
                links.annotate(kind=Value(kind, output_field=CharField()))
                .values_list("kind", owner, "bodyarea_id")
                .order_by()
            )
    if not parts:
        return {}
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {}
    for kind, pk, area in rows:
        found.setdefault((kind, pk), []).append(area)
    return found


def load_page(hits, request, terms, areas=None):
    """Fetch the objects for one page of hits and attach URL, areas and excerpt. ``areas``:
    every body area, in order (body_areas())."""
    article_ids = [hit.pk for hit in hits if hit.kind == "article"]
    exercise_ids = [hit.pk for hit in hits if hit.kind == "exercise"]
    articles, exercises = {}, {}
    if article_ids:
        # The exercises' text is read only for an excerpt that neither the summary nor the body
        # has a word for: looked up then, for that article, not prefetched for every card.
        articles = ArticlePage.objects.filter(pk__in=article_ids).in_bulk()
    if exercise_ids:
        exercises = Exercise.objects.filter(pk__in=exercise_ids).in_bulk()
    areas = body_areas() if areas is None else areas
    links = _area_links(article_ids, exercise_ids)
    loaded = []
    for hit in hits:
        obj = (articles if hit.kind == "article" else exercises).get(hit.pk)
        if obj is None:  # Deleted between the two queries.
            continue
        hit.obj = obj
        linked = set(links.get(hit.key(), ()))
        hit.areas = [area for area in areas if area.pk in linked]  # in the areas' own order
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


def search_page(request, terms, kind=None, area=None, areas=None):
    """The Results for the request's ?page=: the ranked list of both kinds, filtered to
    ``kind``, so every tab's count is the length of the list it shows."""
    ranking = ranked_hits(terms, area=area)
    hits = ranking.listed(kind)
    page_obj = paginate(request, hits, per_page=PER_PAGE)
    variants = search_variants(terms)
    # Excerpts show and highlight the variants' words too: "crick" found this article through
    # "stiff neck", and the visitor should see why.
    shown_terms = list(dict.fromkeys(term for variant in variants for term in variant))
    loaded = load_page(list(page_obj.object_list), request, shown_terms, areas=areas)
    also = [" ".join(variant) for variant in variants[1:]]
    return Results(
        page_obj=page_obj,
        hits=loaded,
        counts=ranking.counts(),
        also_searched=also,
        any_all_words=bool(hits.first),
    )
