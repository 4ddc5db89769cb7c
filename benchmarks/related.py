"""How long related reading takes to compute with 10,000 articles. Target: under 5 ms each.

    .venv/bin/python benchmarks/related.py [--articles 10000] [--sample 300]

Builds a throwaway database (a SQLite file in /tmp, or, when DATABASE_URL points at PostgreSQL,
a throwaway ``test_...`` database next to it), fills it in bulk with articles whose exercises and
body areas overlap the way a clinic's do (a few popular areas and exercises, a long tail), then
times ``related_reading`` (and, alone, the one query that chooses and fetches the cards) for a
random sample of articles and prints mean/p50/p95 in ms, the SQL queries each call costs and the
machine's load average before and after, since a busy machine slows the wall times. The database
is dropped afterwards.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")

from throwaway_db import configure_database, percentile  # noqa: E402 (after sys.path)

AREAS = [
    "Neck",
    "Upper back",
    "Shoulders",
    "Lower back",
    "Hips",
    "Jaw",
    "Wrists and hands",
    "Knees",
    "Feet",
    "Head",
]


def weighted_choice(rng, population, count):
    """``count`` distinct items, popular ones (early in the list) far more likely: Zipf-like."""
    weights = [1 / (rank + 1) for rank in range(len(population))]
    chosen = set()
    while len(chosen) < count:
        chosen.add(rng.choices(population, weights)[0])
    return list(chosen)


def build_corpus(article_count, seed=7):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page, PageViewRestriction

    from articles.models import ArticleIndexPage, ArticlePage
    from core.models import BodyArea
    from exercises.models import Exercise
    from home.models import HomePage

    rng = random.Random(seed)
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    index = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))

    areas = [
        BodyArea.objects.create(name=name, slug=name.lower().replace(" ", "-"), sort_order=i)
        for i, name in enumerate(AREAS)
    ]
    exercise_count = max(20, article_count // 30)
    Exercise.objects.bulk_create(
        Exercise(
            name=f"Exercise {i}",
            slug=f"exercise-{i}",
            summary="Loosens a stiff upper back.",
            live=i % 25 != 0,  # a few are unpublished drafts
        )
        for i in range(exercise_count)
    )
    exercises = list(Exercise.objects.values_list("pk", flat=True).order_by("pk"))

    # Pages in bulk: treebeard paths computed by hand, then the article rows in one insert.
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    pages = []
    for i in range(article_count):
        slug = f"article-{i}"
        published = now - timezone.timedelta(hours=article_count - i)
        live = i % 20 != 0  # one in twenty is a draft that was never published
        pages.append(
            Page(
                title=f"Article {i}",
                draft_title=f"Article {i}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, i + 1),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=live,
                has_unpublished_changes=not live,
                first_published_at=published if live else None,
                last_published_at=published if live else None,
                locale_id=index.locale_id,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    Page.objects.filter(pk=index.pk).update(numchild=article_count)
    page_ids = list(
        Page.objects.filter(depth=index.depth + 1, path__startswith=index.path)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ArticlePage._meta.db_table} "  # noqa: S608 (table name from metadata)
            "(page_ptr_id, summary, hero_image_alt, body, only_my_picks) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(pk, "A gentle article.", "", "[]", False) for pk in page_ids],
        )

    area_through = ArticlePage.body_areas.through
    exercise_through = ArticlePage.exercises.through
    area_rows, exercise_rows = [], []
    for pk in page_ids:
        for area in weighted_choice(rng, areas, rng.choice([1, 1, 2, 2, 3])):
            area_rows.append(area_through(articlepage_id=pk, bodyarea_id=area.pk))
        for exercise in weighted_choice(rng, exercises, rng.choice([0, 1, 2, 2, 3, 4])):
            exercise_rows.append(exercise_through(articlepage_id=pk, exercise_id=exercise))
    area_through.objects.bulk_create(area_rows, batch_size=2000)
    exercise_through.objects.bulk_create(exercise_rows, batch_size=2000)

    # One private article, so the visibility filter has a restriction to apply.
    PageViewRestriction.objects.create(
        page_id=page_ids[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return page_ids, len(area_rows), len(exercise_rows), exercise_count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--count", type=int, default=3, help="suggestions per article")
    args = parser.parse_args()

    connection, old_name = configure_database("related")
    try:
        from django.test.utils import CaptureQueriesContext

        from articles.models import ArticlePage
        from articles.related import choose, related_reading, what_it_brings

        started = time.perf_counter()
        page_ids, area_rows, exercise_rows, exercise_count = build_corpus(args.articles)
        print(
            f"Built {len(page_ids)} articles, {exercise_count} exercises, {len(AREAS)} areas, "
            f"{area_rows} article-area and {exercise_rows} article-exercise links "
            f"in {time.perf_counter() - started:.1f}s"
        )
        rng = random.Random(11)
        sample = list(ArticlePage.objects.live().filter(pk__in=rng.sample(page_ids, args.sample)))
        for article in sample[:5]:  # warm caches and connection
            related_reading(article, count=args.count)

        load_before = os.getloadavg()
        timings = {"choice (SQL: candidates, scores, cards)": []}
        timings["related_reading (picks + recommendations)"] = []
        cpu_timings = {label: [] for label in timings}
        query_counts = set()
        empty = 0

        def timed(label, function):
            wall, cpu = time.perf_counter(), time.process_time()
            result = function()
            timings[label].append((time.perf_counter() - wall) * 1000)
            cpu_timings[label].append((time.process_time() - cpu) * 1000)
            return result

        for article in sample:
            brings = what_it_brings(article)
            timed(
                "choice (SQL: candidates, scores, cards)",
                lambda a=article, b=brings: choose(a, args.count, *b),
            )
            with CaptureQueriesContext(connection) as captured:
                items = timed(
                    "related_reading (picks + recommendations)",
                    lambda a=article: related_reading(a, count=args.count),
                )
            query_counts.add(len(captured))
            empty += not items

        print(
            f"{connection.vendor}, {len(sample)} sampled articles, {args.count} suggestions each "
            f"({empty} had nothing in common with any other article)"
        )
        for label, values in timings.items():
            cpu = cpu_timings[label]
            print(
                f"  {label:42s} wall: mean {statistics.mean(values):6.2f}  "
                f"p50 {percentile(values, 0.5):6.2f}  p95 {percentile(values, 0.95):6.2f} ms"
                f" | CPU: mean {statistics.mean(cpu):6.2f}  p50 {percentile(cpu, 0.5):6.2f}  "
                f"p95 {percentile(cpu, 0.95):6.2f} ms"
            )
        print(f"  SQL queries per related_reading call: {sorted(query_counts)}")
        load = ", ".join(
            f"{before:.2f} -> {after:.2f}"
            for before, after in zip(load_before, os.getloadavg(), strict=True)
        )
        print(f"  load average (1, 5, 15 min) before -> after: {load}")
        print(
            "  (CPU is this process's time, which with SQLite includes the database's work; "
            "wall also counts waiting for a busy machine.)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
