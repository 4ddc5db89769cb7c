"""How well search answers what patients type: the judged query set against the demo content.

    .venv/bin/python benchmarks/search_judged.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/search_judged.py

Builds a throwaway database (see throwaway_db.py), loads the demo content with
``load_demo_content``, then asks /search/ every query of tests/search_judged_support.py and
prints where the page a patient needs came, the share of queries with it first (top 1) and in
the first three (top 3), and each query's time. tests/test_search_judged.py requires every one
in the top 3.
"""

import os
import sys
import time
from io import StringIO
from pathlib import Path

# The project first: this folder (on the path as the script's own) has a search.py too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")

from throwaway_db import configure_database, percentile  # noqa: E402 (after sys.path)


def main():
    connection, old_name = configure_database("judged")
    try:
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client
        from django.test.utils import setup_test_environment

        from tests.search_judged_support import JUDGED_QUERIES, TOP, position

        setup_test_environment()
        print("Loading the demo content...", flush=True)
        call_command("load_demo_content", stdout=StringIO())
        cache.clear()
        client = Client()
        positions, timings = [], []
        width = max(len(query) for query, _ in JUDGED_QUERIES)
        for query, slug in JUDGED_QUERIES:
            started = time.perf_counter()
            found = position(client, query, slug)
            timings.append((time.perf_counter() - started) * 1000)
            positions.append(found)
            shown = "-" if found is None else str(found)
            flag = "" if found is not None and found <= TOP else "   <-- not in the top 3"
            print(f"  {query:<{width}}  {shown:>2}  {slug}{flag}")
        total = len(JUDGED_QUERIES)
        top1 = sum(1 for found in positions if found == 1)
        top3 = sum(1 for found in positions if found is not None and found <= TOP)
        print(f"\n{connection.vendor}: {total} judged queries")
        print(f"  top 1: {top1}/{total} = {top1 / total:.0%}")
        print(f"  top 3: {top3}/{total} = {top3 / total:.0%}")
        print(
            f"  first search of each query (cold): p50 {percentile(timings, 0.5):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
