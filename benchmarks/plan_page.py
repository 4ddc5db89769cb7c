"""How long a client's plan page takes to render, next to an article's, in one run.

    .venv/bin/python benchmarks/plan_page.py [--rounds 200]

Builds a throwaway database (a SQLite file in /tmp, or a ``test_bench_...`` database beside
DATABASE_URL's PostgreSQL) with the demo content: the article
/articles/help-for-upper-back-and-neck-pain/ (two videos, an update, related reading) and Dana's
three-exercise "Stiff neck starter" plan. Then it requests both through Django's test client in
alternation (the page cache is off in the test settings, so every request renders), and prints
p50/p95 in ms, SQL queries per request, the plan-to-article ratio and the load average before
and after, since a busy machine slows both. The database is dropped afterwards.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")

from throwaway_db import configure_database, percentile  # noqa: E402 (after sys.path)

ARTICLE_PATH = "/articles/help-for-upper-back-and-neck-pain/"


def timed_get(client, path, connection):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200, help="requests of each page")
    args = parser.parse_args()

    connection, old_name = configure_database("plan_page")
    try:
        from django.test import Client

        from home.demo.loader import DemoLoader
        from plans.models import Plan

        print("Loading the demo content...", flush=True)
        DemoLoader(log=lambda *a: None).run()
        plan = Plan.objects.get(client_label="Dana", is_template=False)
        paths = {"plan": plan.get_client_url(), "article": ARTICLE_PATH}
        client = Client()
        for path in paths.values():  # warm up: templates, renditions, site root paths
            for _ in range(5):
                timed_get(client, path, connection)

        load_before = os.getloadavg()
        times = {name: [] for name in paths}
        queries = {}
        for _ in range(args.rounds):
            for name, path in paths.items():
                elapsed, count = timed_get(client, path, connection)
                times[name].append(elapsed)
                queries[name] = count
        load_after = os.getloadavg()

        print(f"\n{args.rounds} renders of each, alternating ({connection.vendor}):")
        for name in paths:
            values = times[name]
            print(
                f"  {name:<8} p50 {statistics.median(values):6.1f} ms   "
                f"p95 {percentile(values, 0.95):6.1f} ms   {queries[name]:3d} queries"
            )
        ratio = statistics.median(times["plan"]) / statistics.median(times["article"])
        print(f"  plan / article (p50): {ratio:.2f}")
        print(
            "  load average (1, 5, 15 min) before: "
            + ", ".join(f"{v:.2f}" for v in load_before)
            + "   after: "
            + ", ".join(f"{v:.2f}" for v in load_after)
            + f"   ({os.cpu_count()} cores)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
