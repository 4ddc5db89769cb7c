"""`manage.py backup` and `manage.py restore`: one archive, brought back into an empty install."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from core.backup import current_counts
from exercises.models import Exercise

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    exercise_block,
    image_block,
    paragraph_block,
)

REPO = Path(__file__).resolve().parent.parent
PATHS = ["/", "/articles/", "/articles/sore-neck/", "/exercises/", "/exercises/neck-roll/"]

RESTORE_AND_REPORT = """
import json, os, sys
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from core.backup import current_counts
from wagtail.images import get_image_model

setup_test_environment()
call_command("migrate", verbosity=0)
call_command("restore", sys.argv[1])
client = Client()
pages = {path: client.get(path).content.decode() for path in json.loads(sys.argv[2])}
images = get_image_model().objects.all()
print(json.dumps({
    "counts": current_counts(),
    "pages": pages,
    "statuses": {path: client.get(path).status_code for path in json.loads(sys.argv[2])},
    "media_ok": all(os.path.exists(os.path.join(settings.MEDIA_ROOT, image.file.name))
                    for image in images),
    "images": images.count(),
    "login_ok": Client().login(username="therapist", password="correct-horse-battery"),
}))
"""


@pytest.fixture
def content(site, editor):
    cache.clear()  # renditions are cached by image id, which earlier tests reused
    image = ImageFactory(title="Neck roll photo")
    exercise = ExerciseFactory(name="Neck roll", slug="neck-roll", image=image)
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        slug="sore-neck",
        author=site.practitioner,
        hero_image=image,
        hero_image_alt="A neck roll",
        body_areas=[site.areas["neck"]],
        body=[
            paragraph_block("<p>Start <b>slowly</b>.</p>"),
            image_block(image, alt_text="Rolling the neck"),
            exercise_block(exercise),
        ],
    )
    # A second revision, and a draft on top of the live one: history must survive.
    article.title = "Help for a sore neck"
    article.save_revision(user=editor).publish()
    article.summary = "A draft change not yet published."
    article.save_revision(user=editor)
    return {"article": article, "exercise": exercise, "image": image}


def render_all():
    client = Client()
    pages = {}
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


def test_backup_writes_one_archive_with_data_media_and_manifest(content, tmp_path):
    archive_path = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive_path), stdout=out)
    assert "Backed up" in out.getvalue()
    with tarfile.open(archive_path) as archive:
        names = archive.getnames()
        manifest = json.loads(archive.extractfile("manifest.json").read())
        data = json.loads(archive.extractfile("data.json").read())
    assert "data.json" in names and "manifest.json" in names
    image = content["image"]
    assert f"media/{image.file.name}" in names
    assert any(entry["name"] == image.file.name for entry in manifest["media"])
    models = {row["model"] for row in data}
    for label in [
        "wagtailcore.page",
        "wagtailcore.revision",
        "wagtailcore.site",
        "wagtailcore.locale",
        "articles.articlepage",
        "exercises.exercise",
        "core.clinicsettings",
        "core.practitioner",
        "core.bodyarea",
        "wagtailimages.image",
        "auth.user",
        "auth.group",
    ]:
        assert label in models, label
    assert manifest["counts"]["wagtailcore.revision"] == Revision.objects.count()
    assert manifest["counts"]["auth.user"] == 1
    # Content types travel with their ids, so pages keep pointing at the right type.
    assert "contenttypes.contenttype" in models


def test_round_trip_into_a_fresh_install(content, tmp_path, migrated_sqlite_db):
    """Back up, then restore into a brand-new migrated database in another process (as on a
    new server), and compare row counts, rendered pages, media files and logins."""
    before_pages = render_all()
    before_counts = current_counts()
    archive_path = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive_path), stdout=io.StringIO())

    # What `manage.py migrate` makes of a new install (the script's migrate finds nothing to do).
    database = migrated_sqlite_db(tmp_path / "fresh.sqlite3")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "-c", RESTORE_AND_REPORT, str(archive_path), json.dumps(PATHS)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    after = json.loads(result.stdout.strip().splitlines()[-1])
    if connection.vendor != "sqlite":
        # The fresh install here is SQLite: its migrate makes content types and permissions for
        # its own search backend's models, which the PostgreSQL backup never had.
        for label in ("contenttypes.contenttype", "auth.permission"):
            before_counts.pop(label), after["counts"].pop(label)
    assert after["counts"] == before_counts
    assert after["statuses"] == dict.fromkeys(PATHS, 200)
    for path in PATHS:
        assert after["pages"][path] == before_pages[path], path
    assert after["images"] == 1
    assert after["media_ok"] is True
    assert after["login_ok"] is True


def test_restore_refuses_a_database_with_content(content, tmp_path):
    archive_path = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive_path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already has content"):
        call_command("restore", str(archive_path), stdout=io.StringIO())
    assert Page.objects.filter(slug="sore-neck").exists()


def test_restore_force_replaces_everything(content, tmp_path):
    before_pages = render_all()  # first, so the image renditions exist and are backed up
    before_counts = current_counts()
    archive_path = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive_path), stdout=io.StringIO())
    # Changes made after the backup disappear; deleted things come back.
    Exercise.objects.all().delete()
    get_user_model().objects.create_user("intruder", password="x")
    call_command("restore", str(archive_path), "--force", stdout=io.StringIO())
    assert current_counts() == before_counts
    assert not get_user_model().objects.filter(username="intruder").exists()
    assert render_all() == before_pages
    image = get_image_model().objects.get()
    assert os.path.exists(os.path.join(settings.MEDIA_ROOT, image.file.name))


def test_restore_explains_a_file_that_is_not_a_backup(db, tmp_path):
    not_archive = tmp_path / "notes.tar.gz"
    not_archive.write_text("just some notes")
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(not_archive))
    with pytest.raises(CommandError, match="No such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))


def test_restore_detects_a_damaged_archive(content, tmp_path):
    archive_path = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive_path), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive_path) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data.json":
                data = data.replace(b"Help for a sore neck", b"Help for a sore knee")
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--force")
    assert Page.objects.filter(title="Help for a sore neck").exists()


def test_restore_refuses_path_traversal_in_the_archive(db, tmp_path):
    evil = tmp_path / "evil.tar.gz"
    payload = b"owned"
    import hashlib

    data = b"[]"
    manifest = {
        "format": "clinic-backup",
        "version": 1,
        "created": "2025-01-01T00:00:00+00:00",
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "counts": {},
        "media": [
            {"name": "../../escape.txt", "size": 5, "sha256": hashlib.sha256(payload).hexdigest()}
        ],
    }
    with tarfile.open(evil, "w:gz") as archive:
        for name, content_bytes in [
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", data),
            ("media/../../escape.txt", payload),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(content_bytes)
            archive.addfile(info, io.BytesIO(content_bytes))
    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("restore", str(evil))
    assert not (Path(settings.MEDIA_ROOT).parent / "escape.txt").exists()
