"""The admin's "Import from your old blog": editors only; upload, read the report, confirm."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import ArticlePage
from blog_import import wxr
from blog_import.models import ImportedPost

from .blog_import_support import export, post, seed_export

pytestmark = pytest.mark.django_db

URL = "/admin/import-old-blog/"


@pytest.fixture(autouse=True)
def _pending_folder(settings, tmp_path):
    settings.BLOG_IMPORT_PENDING_DIR = str(tmp_path / "pending")
    return tmp_path / "pending"


def _upload(client, data, name="export.xml", **extra):
    return client.post(URL, {"step": "upload", "export": SimpleUploadedFile(name, data), **extra})


def test_the_url_is_the_named_admin_view():
    assert reverse("blog_import") == URL


def test_anonymous_visitors_are_sent_to_log_in(site, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = _upload(client, seed_export())
    assert response.status_code == 302
    assert not ImportedPost.objects.exists()


def test_an_admin_user_who_is_not_an_editor_is_refused(site, client):
    user = get_user_model().objects.create_user(username="helper", password="x-long-password")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    # Wagtail answers a refused admin page by sending them back to the dashboard.
    for response in (client.get(URL), _upload(client, seed_export())):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert b"Import old blog" not in client.get("/admin/").content
    assert not ImportedPost.objects.exists()


def test_editors_see_the_menu_item_and_the_form(site, editor_client):
    assert b"Import old blog" in editor_client.get("/admin/").content
    response = editor_client.get(URL)
    assert response.status_code == 200
    assert b"Your blog&#x27;s export file" in response.content or b"export file" in response.content
    assert b'name="publish"' in response.content  # editors may publish


def test_upload_shows_the_report_and_saves_nothing_until_confirmed(site, editor_client):
    response = _upload(editor_client, seed_export())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing has been saved yet" in html
    assert "Would create 3 draft articles under Articles." in html
    assert "Help for Upper Back and Neck Pain" in html
    assert "→ /articles/help-for-upper-back-and-neck-pain/ (the old address" in html
    assert 'value="confirm"' in html
    assert not ArticlePage.objects.filter(slug="head-forward-posture").exists()

    response = editor_client.post(URL, {"step": "confirm"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Created 3 draft articles under Articles." in html
    page = ArticlePage.objects.get(slug="help-for-upper-back-and-neck-pain")
    assert f'href="/admin/pages/{page.pk}/edit/"' in html
    assert not page.live
    assert page.latest_revision.user.username == "therapist"

    # The waiting file is gone: confirming twice cannot import twice.
    response = editor_client.post(URL, {"step": "confirm"})
    assert response.status_code == 400
    assert "choose the file again" in response.content.decode()
    assert ImportedPost.objects.count() == 3


def test_publish_straight_away(site, editor_client, client):
    _upload(editor_client, export([post("Neck news")]), publish="on")
    editor_client.post(URL, {"step": "confirm"})

    assert ArticlePage.objects.get(slug="neck-news").live
    assert client.get("/2020/05/12/neck-news/").status_code == 301


def test_the_same_file_again_offers_nothing_to_confirm(site, editor_client):
    _upload(editor_client, seed_export())
    editor_client.post(URL, {"step": "confirm"})

    response = _upload(editor_client, seed_export())
    html = response.content.decode()
    assert "Nothing to import: all 3 posts in this file were imported before" in html
    assert 'value="confirm"' not in html


BAD_FILES = {
    "malformed": (b"<rss><channel><item></channel>", "not well-formed XML"),
    "not wxr": (b"<html><body>Hello</body></html>", "not a WordPress or Squarespace export"),
    "invalid utf-8": (export([post("Caf\xe9")]).replace(b"Caf\xc3\xa9", b"Caf\xe9"), "UTF-8"),
    "entities": (
        export([post("x")], prolog='<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n'),
        "refused for safety",
    ),
    "empty": (b"", "empty"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_a_clear_form_error_and_imports_nothing(site, editor_client, case):
    data, message = BAD_FILES[case]
    response = _upload(editor_client, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "error" in html
    assert not ImportedPost.objects.exists()
    assert not ArticlePage.objects.exists()


def test_a_file_over_the_limit_is_refused(site, editor_client, monkeypatch):
    # The real limit is 50 MB (the command's test sends a real one); a smaller one keeps the
    # upload quick while going through the same check.
    monkeypatch.setattr("blog_import.forms.MAX_BYTES", 1000)
    response = _upload(editor_client, seed_export())

    assert response.status_code == 400
    assert "too big to import" in response.content.decode()
    assert not ImportedPost.objects.exists()
    assert wxr.MAX_BYTES == 50 * 1024 * 1024


def test_a_forged_confirmation_imports_nothing(site, editor_client, _pending_folder):
    session = editor_client.session
    session["blog_import_pending"] = {"token": "../../etc/passwd", "publish": True}
    session.save()

    response = editor_client.post(URL, {"step": "confirm"})
    assert response.status_code == 400
    assert not ImportedPost.objects.exists()


def test_an_export_too_big_for_one_request_points_to_the_command(site, editor_client, monkeypatch):
    monkeypatch.setattr("blog_import.forms.ADMIN_MAX_POSTS", 2)
    response = _upload(editor_client, seed_export())

    assert response.status_code == 400
    html = response.content.decode()
    assert "This export has 3 posts; here up to 2 can be imported at a time." in html
    assert "import_wxr" in html
    assert not ImportedPost.objects.exists()
