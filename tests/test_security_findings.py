"""The security audit's findings, replayed: each replay failed before its fix (a few neighbours
guard the new behaviour around it).

1. Wagtail's other login page (/_util/login/) was not throttled.
2. The throttle trusted an X-Forwarded-For entry the client could write.
3. The throttle failed open without its cache, and concurrent attempts slipped past the limit.
5. Canonical links, og:url, JSON-LD and the sitemap said http://localhost/ in production.
7. Password reset was not throttled; /healthz refused a load balancer's Host.
8. Backups were world-readable; the too-many-pixels error said "(unknown number)".
(4 and 6 have their own tests with the page cache and search.) Sixty attempts at once:
tests/test_security_concurrency.py. Two-step sign-in: tests/test_two_factor.py. A bad Host never emailing the admins and `check --deploy`:
tests/test_production.py (they need the production settings).
"""

import io
import os
import stat

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.models import Collection

from core.backup import create_backup

from .conftest import PASSWORD


def admin_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def frontend_login(client, username, password):
    return client.post("/_util/login/", {"username": username, "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


# --- 1: every login form ----------------------------------------------------------------------


def test_the_restricted_page_login_is_refused_once_the_admin_login_is_locked(editor):
    client = Client(REMOTE_ADDR="203.0.113.20")
    for _ in range(5):
        admin_login(client, editor.username, "wrong password")
    refused = frontend_login(client, editor.username, PASSWORD)
    assert refused.status_code == 429
    assert b"Too many failed sign-in attempts" in refused.content
    assert not signed_in(client)


def test_failures_on_the_restricted_page_login_count_too(editor):
    client = Client(REMOTE_ADDR="203.0.113.21")
    processed = [frontend_login(client, editor.username, "wrong").status_code for _ in range(25)]
    assert processed.count(429) == 20, processed
    assert admin_login(client, editor.username, PASSWORD).status_code == 429
    assert not signed_in(client)


# --- 2: the client address behind proxies ------------------------------------------------------


def test_made_up_forwarded_addresses_do_not_escape_the_limit(editor, settings):
    """One proxy in front (it appends the address it saw): whatever the client put before that
    in X-Forwarded-For is ignored, so 40 invented addresses are still one client."""
    settings.CLINIC_TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.2")  # the proxy
    statuses = []
    for number in range(40):
        forwarded = f"198.18.{number // 250}.{number % 250 + 1}, 203.0.113.30"
        response = client.post(
            "/admin/login/",
            {"username": editor.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        statuses.append(response.status_code)
    assert statuses.count(200) == 5, statuses
    assert statuses[5:] == [429] * 35


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(editor, settings):
    """The audit's case: production trusted X-Forwarded-For whenever it sat behind an HTTPS
    proxy (the old CLINIC_TRUST_X_FORWARDED_FOR), and took its last entry, which the client
    writes itself when the proxy passes the header on. 40 invented addresses, none refused."""
    settings.CLINIC_TRUST_X_FORWARDED_FOR = True  # what production used to set
    settings.CLINIC_TRUSTED_PROXY_COUNT = 0
    client = Client(REMOTE_ADDR="203.0.113.31")
    statuses = [
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.18.0.{number + 1}",
        ).status_code
        for number in range(40)
    ]
    assert statuses == [200] * 5 + [429] * 35


def test_the_real_client_behind_the_proxy_is_not_locked_out_by_another(editor, settings):
    settings.CLINIC_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(6):
        proxy.post(
            "/admin/login/",
            {"username": editor.username, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.32",
        )
    response = proxy.post(
        "/admin/login/",
        {"username": editor.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.40",
    )
    assert response.status_code == 302


# --- 3: no cache needed, no race past the limit ------------------------------------------------


def test_the_lockout_holds_when_the_cache_is_gone(editor, settings):
    """A cache that keeps nothing (what an unreachable Redis with IGNORE_EXCEPTIONS amounts to):
    the counts are in the database, so the sixth attempt is still refused."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    client = Client(REMOTE_ADDR="203.0.113.33")
    statuses = [admin_login(client, editor.username, "wrong").status_code for _ in range(30)]
    assert statuses == [200] * 5 + [429] * 25


# --- 5: the site's public address --------------------------------------------------------------


def test_pages_and_the_sitemap_use_the_configured_address(site, settings):
    from core.site_address import update_site_after_migrate

    settings.CLINIC_SITE_URL = "https://harvestmoonmassage.com"
    update_site_after_migrate(sender=None)  # what `migrate` does in a deploy
    home = Client().get("/")
    html = home.content.decode()
    assert '<link rel="canonical" href="https://harvestmoonmassage.com/"' in html
    assert 'content="https://harvestmoonmassage.com/"' in html  # og:url
    assert "localhost" not in html
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert "<loc>https://harvestmoonmassage.com/articles/</loc>" in sitemap
    assert "localhost" not in sitemap


def test_the_deploy_check_fails_while_the_address_is_local(site, settings):
    from core.site_address import check_site_address, update_site_after_migrate

    settings.CLINIC_SITE_URL = "http://localhost"
    assert {error.id for error in check_site_address()} == {"core.E001", "core.E002"}
    settings.CLINIC_SITE_URL = "https://harvestmoonmassage.com"
    assert [error.id for error in check_site_address()] == ["core.E002"]  # Site still localhost
    update_site_after_migrate(sender=None)
    assert check_site_address() == []


# --- 7: password reset, /healthz for any Host --------------------------------------------------


def test_password_reset_requests_are_throttled(editor):
    client = Client(REMOTE_ADDR="203.0.113.35")
    statuses = [
        client.post("/admin/password_reset/", {"email": editor.email}).status_code
        for _ in range(10)
    ]
    assert len(mail.outbox) == 3
    assert statuses[:3] == [302] * 3
    assert statuses[3:] == [429] * 7
    refused = client.post("/admin/password_reset/", {"email": editor.email})
    assert b"Too many password reset requests" in refused.content


def test_one_address_cannot_ask_for_resets_of_many_emails(editor):
    client = Client(REMOTE_ADDR="203.0.113.36")
    for number in range(10):
        client.post("/admin/password_reset/", {"email": f"someone{number}@example.com"})
    response = client.post("/admin/password_reset/", {"email": editor.email})
    assert response.status_code == 429
    assert mail.outbox == []


def test_healthz_answers_a_host_the_site_does_not_serve(db):
    response = Client(HTTP_HOST="10.1.2.3:8000").get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert Client(HTTP_HOST="10.1.2.3:8000").get("/").status_code == 400


# --- 8: backups owner-only, the real pixel count -----------------------------------------------


def test_backups_are_readable_by_their_owner_only(db, tmp_path):
    previous = os.umask(0o022)
    try:
        archive = tmp_path / "backup.tar.gz"
        create_backup(str(archive), log=lambda message: None)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


def test_a_backup_over_an_old_world_readable_file_is_owner_only(db, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    (tmp_path / "backup.tar.gz.partial").write_bytes(b"left over")
    os.chmod(tmp_path / "backup.tar.gz.partial", 0o644)
    create_backup(str(archive), log=lambda message: None)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_the_too_many_pixels_error_says_how_many(superuser_client):
    """15,000 x 15,000 is past twice Pillow's own limit: Wagtail could not count it."""
    buffer = io.BytesIO()
    Image.new("1", (15_000, 15_000)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    response = superuser_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Huge",
            "collection": str(Collection.get_first_root_node().pk),
            "file": upload,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "too many pixels (225,000,000)" in html
    assert "unknown number" not in html
