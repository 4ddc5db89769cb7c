"""Uncached page cost: the seed article and /articles/, with the demo content and at 10,000 articles.

    .venv/bin/python benchmarks/pages.py [--articles 10000] [--repeat 40]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/pages.py

Builds a throwaway database (SQLite in /tmp, or a ``test_bench_pages_<pid>`` PostgreSQL database
next to DATABASE_URL's), loads the demo content, then requests pages in-process through Django's
test Client with the page cache off, as production runs otherwise (file caches, persistent
database connections, remembered values on). Each page is timed in turns with ``/healthz``,
the project's own hello world (one database query, a cache write and read), so the ratio holds
on a busy machine even when the milliseconds do not. Then it adds ``--articles`` articles in bulk
(older than the demo's, sharing its exercises and body areas, one of them behind a password so
Wagtail's privacy filter has a restriction to apply) and measures again.

Two states per page: "uncached" is a page-cache miss while the content is unchanged (a query
string, an editor, another host), with related reading and the JSON-LD remembered; "cold" is
the first view just after a publish, when nothing is remembered yet.

Prints every figure, then each target with "ok" or "missed":
  - the seed article, uncached: at most 20 SQL queries, at most 25x the time of /healthz;
  - at --articles articles: the seed article's queries and time within 20% of the demo's;
  - /articles/ at --articles articles: time within 20% of the demo's.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")

from throwaway_db import configure_database  # noqa: E402 (after sys.path)

SEED_ARTICLE = "/articles/help-for-upper-back-and-neck-pain/"
INDEX = "/articles/"


def configure_caches(folder):
    """The production set-up of one machine: a file cache shared by workers, pages beside it;
    the page cache off, so every request renders, and what pages remember on."""
    from django.test.utils import override_settings

    override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(folder / "cache"),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
            "pages": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(folder / "cache-pages"),
                "OPTIONS": {"MAX_ENTRIES": 3000},
            },
            "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        },
        CLINIC_PAGE_CACHE_SECONDS=0,
        CLINIC_REMEMBER_SECONDS=600,
    ).enable()


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


SHOW_SQL = False


def count_queries(client, path):
    from django.db import connection

    executed = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if SHOW_SQL:
        print(f"SQL for {path}:")
        for sql in executed:
            print(f"    {sql[:160]}")
    return len(executed)


def timed(client, path):
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def measure(client, path, repeat):
    """Median ms of the page uncached and cold, and of /healthz timed in turns with them."""
    from core.cache import bump_generation

    for _ in range(3):
        client.get(path)
    queries = count_queries(client, path)
    bump_generation()
    cold_queries = count_queries(client, path)
    healthz, uncached, cold = [], [], []
    for _ in range(repeat):
        # Three of the baseline per page view: its fastest is then steadier than the page's.
        healthz.extend(timed(client, "/healthz") for _ in range(3))
        uncached.append(timed(client, path))
        bump_generation()
        cold.append(timed(client, path))
    # The fastest of each: the page's own cost, least disturbed by whatever else the machine
    # was doing; the medians are printed beside them.
    return {
        "queries": queries,
        "cold_queries": cold_queries,
        "healthz": min(healthz),
        "uncached": min(uncached),
        "cold": min(cold),
        "median": {
            "healthz": statistics.median(healthz),
            "uncached": statistics.median(uncached),
            "cold": statistics.median(cold),
        },
    }


def add_articles(count, seed=7):
    """``count`` articles in bulk under the demo's article index, older than the demo's, with
    the demo's exercises and body areas (popular ones more often), one behind a password."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page, PageViewRestriction

    from articles.models import ArticleIndexPage, ArticlePage
    from core.models import BodyArea
    from exercises.models import Exercise

    rng = random.Random(seed)
    index = ArticleIndexPage.objects.get()
    areas = list(BodyArea.objects.values_list("pk", flat=True).order_by("sort_order", "pk"))
    exercises = list(Exercise.objects.values_list("pk", flat=True).order_by("pk"))
    hero = ArticlePage.objects.exclude(hero_image=None).values_list("hero_image", flat=True)[0]
    oldest = ArticlePage.objects.order_by("first_published_at")[0].first_published_at
    content_type = ContentType.objects.get_for_model(ArticlePage)
    start = index.numchild
    pages = []
    for n in range(count):
        slug = f"generated-{n}"
        published = oldest - timezone.timedelta(hours=count - n)
        pages.append(
            Page(
                title=f"Generated article {n}",
                draft_title=f"Generated article {n}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, start + n + 1),  # noqa: SLF001
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=n % 20 != 0,
                has_unpublished_changes=n % 20 == 0,
                first_published_at=published if n % 20 else None,
                last_published_at=published if n % 20 else None,
                locale_id=index.locale_id,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    Page.objects.filter(pk=index.pk).update(numchild=start + count)
    ids = list(
        Page.objects.filter(slug__startswith="generated-", depth=index.depth + 1).values_list(
            "pk", flat=True
        )
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ArticlePage._meta.db_table} "  # noqa: S608 (table name from metadata)
            "(page_ptr_id, summary, hero_image_alt, body, hero_image_id, only_my_picks) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(pk, "A gentle article.", "A stretch", "[]", hero, False) for pk in ids],
        )
    weights = [1 / (rank + 1) for rank in range(len(areas))]
    area_through = ArticlePage.body_areas.through
    exercise_through = ArticlePage.exercises.through
    area_through.objects.bulk_create(
        [
            area_through(articlepage_id=pk, bodyarea_id=area)
            for pk in ids
            for area in set(rng.choices(areas, weights, k=rng.choice([1, 2, 3])))
        ],
        batch_size=2000,
    )
    exercise_through.objects.bulk_create(
        [
            exercise_through(articlepage_id=pk, exercise_id=exercise)
            for pk in ids
            for exercise in set(rng.choices(exercises, k=rng.choice([0, 1, 2, 3])))
        ],
        batch_size=2000,
    )
    PageViewRestriction.objects.create(
        page_id=ids[1], restriction_type=PageViewRestriction.PASSWORD, password="members"
    )
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a bulk load on a live database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(ids)


def verdict(passed):
    return "ok" if passed else "missed"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40, help="timed requests per page")
    parser.add_argument("--show-sql", action="store_true", help="print each page's queries")
    args = parser.parse_args()
    global SHOW_SQL  # noqa: PLW0603 - a flag for the whole run
    SHOW_SQL = args.show_sql

    print(f"load average (1, 5, 15 min) at the start: {load_average()}")
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    connection, old_name = configure_database("pages")
    try:
        configure_caches(folder)
        from django.core.management import call_command
        from django.test import Client

        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("load_demo_content", "--no-users", stdout=quiet)
        print(f"Loaded the demo content in {time.perf_counter() - started:.1f}s")
        # Connections persist between requests, as production.py sets (DB_CONN_MAX_AGE=60).
        connection.settings_dict["CONN_MAX_AGE"] = 60
        connection.close()
        client = Client()
        results = {}
        for label in ("demo", "large"):
            if label == "large":
                started = time.perf_counter()
                added = add_articles(args.articles)
                print(f"Added {added} articles in {time.perf_counter() - started:.1f}s")
                connection.close()
            for path in (SEED_ARTICLE, INDEX):
                results[label, path] = measure(client, path, args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(folder, ignore_errors=True)

    print(
        f"\n{connection.vendor}, in-process, {args.repeat} timed requests each "
        "(fastest ms; median in brackets)"
    )
    header = f"  {'page':<22}{'corpus':>8}{'SQL':>5}{'cold SQL':>9}{'ms':>16}{'cold ms':>16}"
    print(header + f"{'/healthz ms':>14}{'x healthz':>10}")
    for (label, path), found in results.items():
        corpus = "demo" if label == "demo" else f"{args.articles:,}"
        median = found["median"]
        print(
            f"  {path[:21]:<22}{corpus:>8}{found['queries']:>5}{found['cold_queries']:>9}"
            f"{found['uncached']:>8.1f} ({median['uncached']:5.1f})"
            f"{found['cold']:>8.1f} ({median['cold']:5.1f})"
            f"{found['healthz']:>6.2f} ({median['healthz']:4.2f})"
            f"{found['uncached'] / found['healthz']:>10.1f}"
        )

    def ratio(label, path, key="uncached"):
        found = results[label, path]
        return found[key] / found["healthz"]

    demo, large = results["demo", SEED_ARTICLE], results["large", SEED_ARTICLE]
    targets = [
        ("seed article, uncached: SQL queries <= 20", f"{demo['queries']}", demo["queries"] <= 20),
        (
            "seed article, uncached: <= 25x /healthz",
            f"{ratio('demo', SEED_ARTICLE):.1f}x",
            ratio("demo", SEED_ARTICLE) <= 25,
        ),
        (
            f"seed article at {args.articles:,}: SQL queries within 20% of the demo's",
            f"{large['queries']} vs {demo['queries']}",
            large["queries"] <= demo["queries"] * 1.2,
        ),
        (
            f"seed article at {args.articles:,}: time within 20% of the demo's",
            f"{ratio('large', SEED_ARTICLE):.1f}x vs {ratio('demo', SEED_ARTICLE):.1f}x healthz",
            ratio("large", SEED_ARTICLE) <= ratio("demo", SEED_ARTICLE) * 1.2,
        ),
        (
            f"/articles/ at {args.articles:,}: time within 20% of the demo's",
            f"{ratio('large', INDEX):.1f}x vs {ratio('demo', INDEX):.1f}x healthz",
            ratio("large", INDEX) <= ratio("demo", INDEX) * 1.2,
        ),
    ]
    print("\nTargets:")
    for name, figure, passed in targets:
        print(f"  {name:<62} {figure:<28} {verdict(passed)}")
    print(
        "  (cold, just after a publish, for comparison: seed article "
        f"{demo['cold_queries']} queries, {ratio('demo', SEED_ARTICLE, 'cold'):.1f}x /healthz)"
    )
    print(f"  load average (1, 5, 15 min) at the end: {load_average()}")


if __name__ == "__main__":
    main()
