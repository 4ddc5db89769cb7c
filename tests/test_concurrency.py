"""Visitors reading while the therapist publishes: no errors, and every publish shows.

Runs in a separate process on a real SQLite file (WAL mode, busy timeout, IMMEDIATE transactions
from base.py) with the page cache on: the in-memory test database would not show locking at all.
Bounded: about five seconds of load.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LOAD = r"""
import json, sys, threading, time, traceback
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
settings.ALLOWED_HOSTS = ["*"]
settings.CLINIC_PAGE_CACHE_SECONDS = 600
call_command("migrate", verbosity=0)

from wagtail.models import Page, Site
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, HomePageFactory

root = Page.get_first_root_node()
for child in root.get_children():
    child.delete()
home = HomePageFactory(parent=root)
Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
index = ArticleIndexPageFactory(parent=home)
article = ArticlePageFactory(parent=index, title="Revision 0", slug="live")
mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
connection.close()

DURATION = float(sys.argv[1])
errors, reads, not_seen = [], [0], []
stop = threading.Event()
PATHS = ["/", "/articles/", "/articles/live/"]

def reader(number):
    client = Client()
    i = 0
    while not stop.is_set():
        path = PATHS[i % len(PATHS)]
        i += 1
        try:
            response = client.get(path)
            if response.status_code != 200:
                errors.append(f"reader {number}: {path} -> {response.status_code}")
            reads[0] += 1
        except Exception:
            errors.append(f"reader {number}: {path}: {traceback.format_exc(limit=3)}")
    connection.close()

published = []

def editor():
    from articles.models import ArticlePage
    client = Client()
    n = 0
    deadline = time.monotonic() + DURATION
    while time.monotonic() < deadline:
        n += 1
        try:
            page = ArticlePage.objects.get(slug="live")
            page.title = f"Revision {n}"
            page.save_revision().publish()
            published.append(n)
            # Visible at once, to a visitor, on the article and in the list.
            for path in ["/articles/live/", "/articles/"]:
                body = client.get(path).content.decode()
                if f"Revision {n}<" not in body:
                    not_seen.append((n, path))
        except Exception:
            errors.append(f"editor publish {n}: {traceback.format_exc(limit=5)}")
    stop.set()
    connection.close()

threads = [threading.Thread(target=reader, args=(i,)) for i in range(4)]
threads.append(threading.Thread(target=editor))
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=DURATION + 60)

final = Client().get("/articles/live/").content.decode()
print(json.dumps({
    "journal_mode": mode,
    "errors": errors[:20],
    "error_count": len(errors),
    "reads": reads[0],
    "publishes": len(published),
    "not_seen": not_seen[:20],
    "final_visible": bool(published) and f"Revision {published[-1]}<" in final,
}))
"""


def test_readers_and_a_publishing_editor_at_the_same_time(tmp_path, migrated_sqlite_db):
    # A new install's database, already migrated (the script's migrate finds nothing to do).
    database = migrated_sqlite_db(tmp_path / "concurrent.sqlite3")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "-c", LOAD, "5"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(report)
    assert report["journal_mode"] == "wal"
    assert report["error_count"] == 0, report["errors"]
    assert report["publishes"] >= 3, report
    assert report["reads"] >= 20, report
    assert report["not_seen"] == [], report
    assert report["final_visible"] is True
