"""A site running the layout before the core app upgrades with `migrate` and loses nothing.

tests/data/site_before_core_app.tar.gz holds what that release made of `make run`: its SQLite
database with the demo content, and the media folder. The test migrates a copy to today's
layout in another process, as an upgrade on a server would, then reads everything back.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT = REPO / "tests" / "data" / "site_before_core_app.tar.gz"

pytestmark = pytest.mark.slow

# Row counts taken straight from the tables, before and after: the moved models keep theirs.
TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_pagelogentry",
    "wagtailimages_image",
    "wagtailcore_referenceindex",
    "wagtailsearch_indexentry",
    "exercises_exercise",
    "articles_articlepage",
    "articles_articlepage_body_areas",
    "home_bodyarea",
    "home_practitioner",
    "home_clinicsettings",
    "search_synonym",
    "auth_user",
    "auth_group_permissions",
]

# Run in the upgraded site's own process: the ORM's view of the data after the upgrade.
READ_BACK = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.models import Page, Revision, Site
from wagtail.search.models import IndexEntry

from articles.models import ArticlePage
from core.models import BodyArea, ClinicSettings, Practitioner
from exercises.models import Exercise

site = Site.objects.get(is_default_site=True)
therapist = get_user_model().objects.get(username="therapist")
body_area_type = ContentType.objects.get_for_model(BodyArea)
seed = ArticlePage.objects.get(slug="help-for-upper-back-and-neck-pain")
client = Client()
pages = {}
for path in ["/", seed.url, "/exercises/", "/areas/neck/", "/search/?q=neck"]:
    response = client.get(path, HTTP_HOST=site.hostname)
    pages[path] = [response.status_code, response.content.decode()]
print(json.dumps({
    "areas": list(BodyArea.objects.values_list("slug", flat=True)),
    "practitioners": list(Practitioner.objects.values_list("name", flat=True)),
    "clinic_phone": ClinicSettings.for_site(site).phone,
    "seed_author": seed.author.name if seed.author else None,
    "seed_areas": sorted(seed.body_areas.values_list("slug", flat=True)),
    "exercise_areas": sorted(
        Exercise.objects.get(slug="magic-neck-stretch").body_areas.values_list("slug", flat=True)
    ),
    "pages": Page.objects.count(),
    "revisions": Revision.objects.count(),
    "body_area_content_type": [body_area_type.pk, body_area_type.app_label],
    "home_content_types": list(
        ContentType.objects.filter(
            app_label="home", model__in=["bodyarea", "practitioner", "clinicsettings"]
        ).values_list("model", flat=True)
    ),
    "indexed_areas": IndexEntry.objects.filter(content_type=body_area_type).count(),
    "perms": [
        therapist.has_perm(perm)
        for perm in ["core.change_bodyarea", "core.change_practitioner", "core.change_clinicsettings"]
    ],
    # What came after the old release: her clients' plans and the home page's testimonials.
    "new_perms": [
        therapist.has_perm(perm)
        for perm in ["plans.add_plan", "plans.change_plan", "home.change_testimonial"]
    ],
    "rendered": pages,
}))
"""


def counts(database):
    connection = sqlite3.connect(database)
    try:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in TABLES
        }
    finally:
        connection.close()


def content_type_ids(database):
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute(
            "SELECT model, id FROM django_content_type WHERE model IN "
            "('bodyarea', 'practitioner', 'clinicsettings')"
        ).fetchall()
    finally:
        connection.close()
    return dict(rows)


def old_rows(database):
    """What the old layout's tables say, read with plain SQL."""
    connection = sqlite3.connect(database)
    try:

        def column(sql):
            return [row[0] for row in connection.execute(sql).fetchall()]

        seed = "SELECT id FROM wagtailcore_page WHERE slug = 'help-for-upper-back-and-neck-pain'"
        stretch = "SELECT id FROM exercises_exercise WHERE slug = 'magic-neck-stretch'"
        return {
            "areas": column("SELECT slug FROM home_bodyarea ORDER BY sort_order, name"),
            "practitioners": column("SELECT name FROM home_practitioner ORDER BY name"),
            "phone": column("SELECT phone FROM home_clinicsettings")[0],
            "seed_areas": column(
                "SELECT a.slug FROM home_bodyarea a JOIN articles_articlepage_body_areas t "
                f"ON t.bodyarea_id = a.id WHERE t.articlepage_id = ({seed}) ORDER BY a.slug"
            ),
            "exercise_areas": column(
                "SELECT a.slug FROM home_bodyarea a JOIN exercises_exercise_body_areas t "
                f"ON t.bodyarea_id = a.id WHERE t.exercise_id = ({stretch}) ORDER BY a.slug"
            ),
        }
    finally:
        connection.close()


def run(args, env):
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def test_a_site_on_the_old_layout_upgrades_with_migrate_and_loses_nothing(tmp_path):
    with tarfile.open(SNAPSHOT) as archive:
        archive.extractall(tmp_path, filter="data")
    database = tmp_path / "db.sqlite3"
    database_copy = tmp_path / "before.sqlite3"
    database_copy.write_bytes(database.read_bytes())
    before = counts(database)
    ids_before = content_type_ids(database)
    assert before["home_bodyarea"] == 6 and before["exercises_exercise"] == 10  # the demo
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }

    out = run(["manage.py", "migrate", "--noinput"], env)
    assert "core.0001_initial... OK" in out
    after_counts = counts(database)
    # The Editors group gains the six permissions of what the new release adds; nothing else moves.
    assert after_counts.pop("auth_group_permissions") == before.pop("auth_group_permissions") + 6
    assert after_counts == before
    assert content_type_ids(database) == ids_before

    after = json.loads(run(["-c", READ_BACK], env).strip().splitlines()[-1])
    old = old_rows(database_copy)
    assert after["areas"] == old["areas"]
    assert after["practitioners"] == old["practitioners"]
    assert after["clinic_phone"] == old["phone"]
    assert after["seed_author"] == old["practitioners"][0]
    assert after["seed_areas"] == old["seed_areas"]
    assert after["exercise_areas"] == old["exercise_areas"]
    assert after["pages"] == before["wagtailcore_page"]
    assert after["revisions"] == before["wagtailcore_revision"]
    # The same content type row, renamed: permissions and index entries still point at it.
    assert after["body_area_content_type"] == [ids_before["bodyarea"], "core"]
    assert after["home_content_types"] == []
    assert after["indexed_areas"] > 0
    assert after["perms"] == [True, True, True]
    assert after["new_perms"] == [True, True, True]
    for path, (status, _html) in after["rendered"].items():
        assert status == 200, path
    assert old["phone"] in after["rendered"]["/"][1]
    assert "/articles/help-for-upper-back-and-neck-pain/" in after["rendered"]["/search/?q=neck"][1]
