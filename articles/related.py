"""Related reading: the editor's picks, then articles that share exercises and body areas.

Which articles visitors can open is Wagtail's call, never this module's: every candidate comes
from the article model's own ``live().public()``, so drafts, withdrawn pages and anything at or
under a view restriction (password, login, groups) are left out by the same rules that serve
pages. One query picks, scores and sorts the editor's picks and the suggestions together, and
fetches their cards; the scores come from the two many-to-many through tables (both indexed on
each column), over fixed-size candidate pools, so the cost stays flat as the clinic writes more,
and the number of queries is fixed:

    the editor's picks with this article's exercises and areas (1) + view restrictions (1, read
    by public()) + choice and cards (1) + the cards' body areas and photo renditions (2) +
    reasons (1)

(renditions only when a card has a photo, reasons only when there are suggestions).

For a visitor's request the result is remembered under the content generation (core/cache.py):
worked out once per content change, then read back in one cache look-up. Previews and drafts
always work it out afresh, from the links being edited.

The module never imports the article models: it works from the article it is given (its class,
managers and through tables), so articles/models.py imports it, and only that way round.
"""

from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from wagtail.models import Site

from core.cache import public_pages, remember, shows_published_content
from core.models import ClinicSettings

# What what_it_brings reads, by row kind.
PICK, EXERCISE, AREA = 0, 1, 2
# A shared exercise says more about two articles being alike than a shared body area does.
EXERCISE_WEIGHT = 2
AREA_WEIGHT = 1
DEFAULT_COUNT = 3
# Fixed-size candidate pools (see _candidate_ids), so the cost stays flat however many articles
# the clinic writes: the newest articles, scored exactly, plus the best articles of any age that
# share an exercise.
RECENT_WINDOW = 500
OLDER_EXERCISE_MATCHES = 100


@dataclass
class RelatedItem:
    """One suggestion: the article and a short, honest line on why it is suggested."""

    page: object
    reason: str = ""
    picked: bool = False

    def __getattr__(self, name):
        # Reads like the page itself (item.title, item.url), for code that wants only pages.
        if name.startswith("__") or name == "page":
            raise AttributeError(name)
        return getattr(self.page, name)


def _and_list(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _exercise_reason(names):
    if len(names) > 2:
        return f"Also uses {names[0]} and {len(names) - 1} more exercises"
    return f"Also uses {_and_list(names)}"


def _area_reason(names):
    return f"More on {_and_list(name.lower() for name in names)}"


def reading_count(request=None):
    """How many suggestions the clinic wants (ClinicSettings.related_reading_count)."""
    if request is not None:
        return ClinicSettings.for_request(request).related_reading_count
    site = Site.objects.filter(is_default_site=True).first()
    return ClinicSettings.for_site(site).related_reading_count if site else DEFAULT_COUNT


def _ids(rows, kind):
    """The ids of one kind of row, picks in her order: by sort_order, then as they were added."""
    return [pk for row_kind, pk, *_order in sorted(rows, key=_row_order) if row_kind == kind]


def _row_order(row):
    kind, _pk, sort_order, row_id = row
    return (kind, sort_order is None, sort_order or 0, row_id or 0)


def what_it_brings(article):
    """The editor's picks (in her order, without repeats or the article itself), the article's
    live exercises and its body areas: three lists of ids, in one query for a saved article.
    The picks are read through the relation, so a preview shows the links being edited."""
    model = type(article)
    exercises = model.exercises.through.objects.filter(
        articlepage_id=article.pk, exercise__live=True
    ).values_list(Value(EXERCISE), "exercise_id", Value(0), "pk")
    areas = model.body_areas.through.objects.filter(articlepage_id=article.pk).values_list(
        Value(AREA), "bodyarea_id", Value(0), "pk"
    )
    links = article.related_links.all()
    if isinstance(links, QuerySet):
        picks = links.order_by().values_list(Value(PICK), "article_id", "sort_order", "pk")
        rows = list(picks.union(exercises, areas, all=True))
    else:
        # Unsaved or edited links, held in memory (a preview): the rest from the database.
        rows = [(PICK, link.article_id, link.sort_order, link.pk) for link in links]
        if article.pk is not None:
            rows += exercises.union(areas, all=True)
    picked = []
    for pk in _ids(rows, PICK):
        if pk and pk != article.pk and pk not in picked:
            picked.append(pk)
    return picked, _ids(rows, EXERCISE), _ids(rows, AREA)


class _Count(Func):
    """COUNT(*) as a plain function: a correlated subquery of it is one row, 0 when nothing
    matches, and adds no GROUP BY of its own."""

    function = "COUNT"
    template = "%(function)s(*)"
    output_field = IntegerField()


def _points(through, column, mine, weight, article_ref="pk"):
    """``weight`` points for each of ``mine`` (ids) the outer row's article has: a probe of the
    unique (article, thing) index per candidate, never a scan. The weight is applied inside the
    subquery, so a grouped outer query groups by the article id alone."""
    if not mine:
        return Value(0, output_field=IntegerField())
    rows = through.objects.filter(articlepage_id=OuterRef(article_ref), **{f"{column}__in": mine})
    return Subquery(rows.values(n=_Count() * weight), output_field=IntegerField())


def _candidate_ids(article, visible, picked, my_exercises, my_areas):
    """A subquery of the ids worth scoring: the picks, plus two fixed-size pools.

    A body area such as "neck" can be on half of all articles and a favourite exercise on a
    quarter, so scoring every article that shares something would grow with the corpus.
    Instead:

    - the newest RECENT_WINDOW visible articles, later scored exactly: exact for any clinic with
      fewer articles than that;
    - the best OLDER_EXERCISE_MATCHES articles sharing an exercise (the strong signal), of any
      age, counted on the exercise through table and ranked without touching the page table
      (ties: higher id, i.e. created later); the visibility rules apply to them afterwards.

    One union of id lists, so the database looks up a few hundred articles by primary key
    instead of testing every article against three lists.
    """
    model = type(article)
    excluded = [pk for pk in (article.pk, *picked) if pk is not None]
    pools = []
    if my_exercises or my_areas:
        pools.append(
            visible.filter(~Q(pk__in=excluded), first_published_at__isnull=False)
            .order_by("-first_published_at")
            .values("pk")[:RECENT_WINDOW]
        )
    if my_exercises:
        area_points = _points(
            model.body_areas.through, "bodyarea_id", my_areas, AREA_WEIGHT, "articlepage_id"
        )
        pools.append(
            model.exercises.through.objects.filter(
                ~Q(articlepage_id__in=excluded), exercise_id__in=my_exercises
            )
            .values("articlepage_id")
            .annotate(score=EXERCISE_WEIGHT * Count("*") + area_points)
            .order_by("-score", "-articlepage_id")
            .values("articlepage_id")[:OLDER_EXERCISE_MATCHES]
        )
    if not connections[visible.db].features.supports_slicing_ordering_in_compound:
        # SQLite allows no LIMIT inside a UNION: there each pool sits in an IN of its own.
        pools = [model.objects.order_by().filter(pk__in=pool).values("pk") for pool in pools]
    if picked:
        pools.append(model.objects.order_by().filter(pk__in=picked).values("pk"))
    return pools[0].union(*pools[1:], all=True) if len(pools) > 1 else pools[0]


def _reasons(article, my_exercises, my_areas, suggested_ids):
    """Why each suggestion is related: the shared exercises by name, else the shared areas."""
    model = type(article)
    exercises = model.exercises.through.objects.filter(
        articlepage_id__in=suggested_ids, exercise_id__in=my_exercises
    ).values_list("articlepage_id", Value(EXERCISE), Value(0), "exercise__name", "exercise_id")
    areas = model.body_areas.through.objects.filter(
        articlepage_id__in=suggested_ids, bodyarea_id__in=my_areas
    ).values_list(
        "articlepage_id", Value(AREA), "bodyarea__sort_order", "bodyarea__name", "bodyarea_id"
    )
    names = {EXERCISE: {}, AREA: {}}
    # One query for both; sorted here (exercises by name, areas in their display order)
    # because a UNION cannot be ordered by joined columns.
    for article_id, kind, _order, name, _pk in sorted(
        exercises.union(areas, all=True), key=lambda row: row[1:]
    ):
        names[kind].setdefault(article_id, []).append(name)
    reasons = {pk: _area_reason(found) for pk, found in names[AREA].items()}
    reasons.update((pk, _exercise_reason(found)) for pk, found in names[EXERCISE].items())
    return reasons


def choose(article, count, picked, my_exercises, my_areas):
    """Up to ``count`` article cards, each annotated with ``pick_order`` (its place in her
    picks, or None) and ``score``: the picks visitors can open, in her order, then the
    best-scored suggestions, ties newest first. Suggestions that share nothing can come last;
    the caller drops them (sorted last, they only fill places nothing better could)."""
    if not (picked or my_exercises or my_areas):
        return []
    model = type(article)
    visible = public_pages(model.objects.live())
    if picked:
        pick_order = Case(
            *[When(pk=pk, then=Value(position)) for position, pk in enumerate(picked)],
            output_field=IntegerField(),
        )
    else:
        pick_order = Value(None, output_field=IntegerField())
    exercise_points = _points(model.exercises.through, "exercise_id", my_exercises, EXERCISE_WEIGHT)
    area_points = _points(model.body_areas.through, "bodyarea_id", my_areas, AREA_WEIGHT)
    candidates = _candidate_ids(article, visible, picked, my_exercises, my_areas)
    return list(
        visible.filter(pk__in=candidates)
        .listing()
        .defer_streamfields()
        # Selected once; the ORDER BY refers to it by position.
        .annotate(pick_order=pick_order, score=exercise_points + area_points)
        .order_by(
            F("pick_order").asc(nulls_last=True),
            "-score",
            F("first_published_at").desc(nulls_last=True),
            "-pk",
        )[:count]
    )


def related_reading(article, count=None, request=None):
    """Editor's picks first, in her order, then automatic suggestions up to ``count``."""
    if count is None:
        count = reading_count(request)
    if count <= 0:
        return []
    if article.pk and shows_published_content(request) and _links_are_saved(article):
        return remember(
            "related-reading", (article.pk, count), lambda: _related_reading(article, count)
        )
    return _related_reading(article, count)


def _links_are_saved(article):
    """False when the article carries picks held in memory (a form or a revision being shown)."""
    return isinstance(article.related_links.all(), QuerySet)


def _related_reading(article, count):
    picked, my_exercises, my_areas = what_it_brings(article)
    if getattr(article, "only_my_picks", False):
        # She asked for her picks alone: nothing is suggested after them.
        my_exercises, my_areas = [], []
    chosen = [
        page
        for page in choose(article, count, picked, my_exercises, my_areas)
        if page.pick_order is not None or page.score > 0
    ]
    suggested_ids = [page.pk for page in chosen if page.pick_order is None]
    reasons = _reasons(article, my_exercises, my_areas, suggested_ids) if suggested_ids else {}
    author = getattr(article.author, "name", "") if article.author_id else ""
    recommended = f"Recommended by {author}" if author else "Recommended"
    return [
        RelatedItem(page, recommended, picked=True)
        if page.pick_order is not None
        else RelatedItem(page, reasons.get(page.pk, ""))
        for page in chosen
    ]
