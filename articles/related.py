"""Related reading: the editor's picks, then articles that share exercises and body areas.

Scoring happens in the database over the two many-to-many through tables (both indexed on each
column), so the cost depends on how many articles share something with this one, never on the
size of the whole corpus, and the number of queries is fixed:

    picks (1) + visibility of picks (1-2) + scoring (2: view restrictions, scores) +
    cards (3: articles, their body areas, image renditions) + reasons (2)
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Value

# A shared exercise says more about two articles being alike than a shared body area does.
EXERCISE_WEIGHT = 2
AREA_WEIGHT = 1
DEFAULT_COUNT = 3
# Fixed-size candidate pools (see scored_candidates), so the cost stays flat however many
# articles the clinic writes: the newest articles, scored exactly, plus the best older
# articles that share an exercise.
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
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.page, name)


def _through_tables():
    from articles.models import ArticlePage

    return ArticlePage.exercises.through, ArticlePage.body_areas.through


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
    from wagtail.models import Site

    from core.models import ClinicSettings

    if request is not None:
        return ClinicSettings.for_request(request).related_reading_count
    site = Site.objects.filter(is_default_site=True).first()
    return ClinicSettings.for_site(site).related_reading_count if site else DEFAULT_COUNT


def editor_picks(article):
    """The editor's picks that visitors can open, in her order, without repeats or itself."""
    from articles.models import ArticlePage

    picked_ids = []
    for link in article.related_links.all():
        if link.article_id and link.article_id != article.pk and link.article_id not in picked_ids:
            picked_ids.append(link.article_id)
    if not picked_ids:
        return []
    by_id = ArticlePage.objects.live().public().listing().defer_streamfields().in_bulk(picked_ids)
    author = getattr(article.author, "name", "") if article.author_id else ""
    reason = f"Recommended by {author}" if author else ""
    return [RelatedItem(by_id[pk], reason, picked=True) for pk in picked_ids if pk in by_id]


def _mine(article):
    """This article's live exercises and its body areas, as {id: name}, in display order."""
    exercise_through, area_through = _through_tables()
    exercises = exercise_through.objects.filter(
        articlepage_id=article.pk, exercise__live=True
    ).values_list(Value(0), "exercise_id", "exercise__name", Value(0))
    areas = area_through.objects.filter(articlepage_id=article.pk).values_list(
        Value(1), "bodyarea_id", "bodyarea__name", "bodyarea__sort_order"
    )
    found = {0: {}, 1: {}}
    # One query for both; sorted here because a UNION cannot be ordered by joined columns.
    for kind, pk, name, _sort in sorted(exercises.union(areas, all=True), key=_by_kind_order):
        found[kind][pk] = name
    return found[0], found[1]


def _by_kind_order(row):
    kind, pk, name, sort_order = row
    return (kind, sort_order, name, pk)


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _visible(alias, excluded, restricted):
    """SQL for "visitors can open it": live, not excluded, and as PageQuerySet.public() says,
    not at or under a page with a view restriction (``restricted``: its (path, depth) pairs)."""
    conditions = [f"{alias}.live = %s", f"{alias}.id NOT IN ({_placeholders(excluded)})"]
    params = [True, *excluded]
    for path, depth in restricted:
        conditions.append(f"NOT ({alias}.path LIKE %s AND {alias}.depth >= %s)")
        params += [f"{path}%", depth]
    return " AND ".join(conditions), params


def scored_candidates(article, limit, exercise_ids, area_ids, exclude_ids=()):
    """Up to ``limit`` (id, shared exercises, shared areas) for the articles most like this one.

    One SQL query; the database scores, sorts (score, then newest first) and cuts to ``limit``.
    A body area such as "neck" can be on half of all articles and a favourite exercise on a
    quarter, so scoring every article that shares something would grow with the corpus.
    Instead the candidates are, at a fixed cost:

    - the newest RECENT_WINDOW visible articles, each scored exactly by probing the unique
      (article, exercise) and (article, area) indexes: exact for any clinic with fewer
      articles than that;
    - older articles sharing an exercise (the strong signal), read through the exercise_id
      index and scored without touching the page table; the best OLDER_EXERCISE_MATCHES of
      them (ties: higher id, i.e. created later) go on to the final sort.
    """
    from wagtail.models import Page, PageViewRestriction

    if limit <= 0 or not (exercise_ids or area_ids):
        return []
    exercise_through, area_through = _through_tables()
    exercise_table, area_table = exercise_through._meta.db_table, area_through._meta.db_table
    page_table = Page._meta.db_table
    excluded = [article.pk, *exclude_ids]
    restricted = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))

    def shared(table, column, ids, article_column):
        # Table and column names come from model metadata; every value is a parameter.
        if not ids:
            return "0", []
        sql = (
            f"(SELECT COUNT(*) FROM {table} probe WHERE probe.articlepage_id = {article_column} "  # noqa: S608
            f"AND probe.{column} IN ({_placeholders(ids)}))"
        )
        return sql, list(ids)

    visible, params = _visible("candidate", excluded, restricted)
    recent = (
        f"SELECT candidate.id, candidate.first_published_at FROM {page_table} candidate "  # noqa: S608
        f"WHERE {visible} AND candidate.first_published_at IS NOT NULL "
        "ORDER BY candidate.first_published_at DESC LIMIT %s"
    )
    params.append(RECENT_WINDOW)
    ex_sql, ex_params = shared(exercise_table, "exercise_id", exercise_ids, "recent.id")
    ar_sql, ar_params = shared(area_table, "bodyarea_id", area_ids, "recent.id")
    sources = [
        f"SELECT recent.id, recent.first_published_at, {ex_sql} AS ex, {ar_sql} AS ar "  # noqa: S608
        "FROM recent"
    ]
    params += ex_params + ar_params
    if exercise_ids:
        ar_sql, ar_params = shared(area_table, "bodyarea_id", area_ids, "hit.article_id")
        visible, visible_params = _visible("candidate", excluded, restricted)
        sources.append(
            "SELECT candidate.id, candidate.first_published_at, older.ex, older.ar FROM ("  # noqa: S608
            f"SELECT * FROM (SELECT hit.article_id, hit.ex, {ar_sql} AS ar FROM ("
            f"SELECT articlepage_id AS article_id, COUNT(*) AS ex FROM {exercise_table} "
            f"WHERE exercise_id IN ({_placeholders(exercise_ids)}) "
            "AND articlepage_id NOT IN (SELECT id FROM recent) GROUP BY articlepage_id) hit) counted "
            "ORDER BY %s * counted.ex + %s * counted.ar DESC, counted.article_id DESC LIMIT %s"
            ") older "
            f"INNER JOIN {page_table} candidate ON candidate.id = older.article_id "
            f"WHERE {visible}"
        )
        params += [
            *ar_params,
            *exercise_ids,
            EXERCISE_WEIGHT,
            AREA_WEIGHT,
            OLDER_EXERCISE_MATCHES,
            *visible_params,
        ]

    sql = (
        f"WITH recent AS ({recent}), "  # noqa: S608
        f"scored AS MATERIALIZED ({' UNION ALL '.join(sources)}) "
        "SELECT id, ex, ar FROM scored WHERE ex > 0 OR ar > 0 "
        "ORDER BY %s * ex + %s * ar DESC, first_published_at DESC, id DESC LIMIT %s"
    )
    params += [EXERCISE_WEIGHT, AREA_WEIGHT, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _reasons(article, exercises, areas, ids_sharing_exercises, ids_sharing_areas):
    """Why each suggestion is related: the shared exercises by name, else the shared areas."""
    exercise_through, area_through = _through_tables()
    shared_exercises = exercise_through.objects.filter(
        articlepage_id__in=ids_sharing_exercises, exercise_id__in=list(exercises)
    ).values_list("articlepage_id", "exercise_id", Value("exercise"))
    shared_areas = area_through.objects.filter(
        articlepage_id__in=ids_sharing_areas, bodyarea_id__in=list(areas)
    ).values_list("articlepage_id", "bodyarea_id", Value("area"))
    exercise_names, area_names = {}, {}
    for article_id, shared_id, kind in shared_exercises.union(shared_areas, all=True):
        if kind == "exercise":
            exercise_names.setdefault(article_id, set()).add(shared_id)
        else:
            area_names.setdefault(article_id, set()).add(shared_id)
    reasons = {}
    for article_id, found in exercise_names.items():
        reasons[article_id] = _exercise_reason([n for pk, n in exercises.items() if pk in found])
    for article_id, found in area_names.items():
        reasons.setdefault(article_id, _area_reason([n for pk, n in areas.items() if pk in found]))
    return reasons


def recommendations(article, limit, exclude_ids=()):
    """Automatic suggestions as RelatedItems, best first."""
    from articles.models import ArticlePage

    if limit <= 0 or article.pk is None:
        return []
    exercises, areas = _mine(article)
    scored = scored_candidates(article, limit, list(exercises), list(areas), exclude_ids)
    if not scored:
        return []
    with_exercises = [pk for pk, shared_exercises, _ in scored if shared_exercises]
    areas_only = [pk for pk, shared_exercises, _ in scored if not shared_exercises]
    reasons = _reasons(article, exercises, areas, with_exercises, areas_only)
    by_id = ArticlePage.objects.listing().defer_streamfields().in_bulk([pk for pk, _, _ in scored])
    return [RelatedItem(by_id[pk], reasons.get(pk, "")) for pk, _, _ in scored if pk in by_id]


def related_reading(article, count=None, request=None):
    """Editor's picks first, in her order, then automatic suggestions up to ``count``."""
    if count is None:
        count = reading_count(request)
    if count <= 0:
        return []
    items = editor_picks(article)[:count]
    missing = count - len(items)
    if missing > 0:
        items += recommendations(article, missing, exclude_ids=[item.page.pk for item in items])
    return items
