"""Security headers, CSP-safe public templates, and login throttling for the admin."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from articles.models import ArticlePage
from exercises.models import Exercise

from .conftest import PASSWORD
from .html_checks import assert_no_script

PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; "
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
    "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", "--no-users", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("update_index", verbosity=0)
    return None


def public_paths():
    paths = ["/", "/articles/", "/exercises/", "/search/?q=neck", "/search/?q=zzzz-nothing"]
    paths += [page.url for page in ArticlePage.objects.live().public()]
    paths += [f"/exercises/{exercise.slug}/" for exercise in Exercise.objects.live()]
    return paths


@pytest.mark.django_db
def test_public_pages_send_the_security_headers(site):
    response = Client().get("/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_not_found_and_health_pages_send_the_headers_too(site):
    for path in ["/no-such-page/", "/healthz"]:
        response = Client().get(path)
        assert response["Content-Security-Policy"] == PUBLIC_CSP, path
        assert response["X-Content-Type-Options"] == "nosniff", path


@pytest.mark.django_db
def test_admin_gets_a_policy_that_leaves_wagtails_inline_scripts_working(superuser_client, site):
    response = superuser_client.get("/admin/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    # No script-src/style-src: the admin's inline scripts and styles must keep working...
    assert "script-src" not in csp and "style-src" not in csp
    # ...but nobody else may frame it, and no plugins or <base> tricks.
    assert "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp
    assert response["X-Frame-Options"] in {"SAMEORIGIN", "DENY"}


def test_demo_pages_have_nothing_the_csp_would_block(demo_site):
    """Grep every rendered demo page: no inline script, style attribute or handler, and every
    script, stylesheet and image from our own origin."""
    paths = public_paths()
    assert len(paths) > 8, paths
    client = Client()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert_no_script(html, path)
        for tag, attribute in [("link", "href"), ("img", "src"), ("source", "srcset")]:
            for element in re.findall(rf"<{tag}\b[^>]*>", html):
                # rel=canonical/alternate name this page's addresses; nothing is fetched from them.
                if re.search(r'\brel="(canonical|alternate)"', element):
                    continue
                for url in re.findall(rf"\b{attribute}=\"([^\"]+)\"", element):
                    assert url.startswith(("/", "data:")) and not url.startswith("//"), (path, url)


def test_article_images_are_responsive_lazy_and_sized(site):
    """Renditions come as <picture> with AVIF/WebP sources and srcset; every <img> has width and
    height (nothing jumps); the hero loads eagerly, images further down lazily."""
    from .factories import ArticlePageFactory, ImageFactory, image_block, paragraph_block

    hero = ImageFactory(file__width=1600, file__height=900)
    inline = ImageFactory(file__width=1200, file__height=800)
    ArticlePageFactory(
        parent=site.articles,
        slug="pictured",
        hero_image=hero,
        hero_image_alt="A therapist at work",
        body=[paragraph_block(), image_block(inline, alt_text="Rolling the shoulders")],
    )
    html = Client().get("/articles/pictured/").content.decode()
    images = re.findall(r"<img\b[^>]*>", html)
    assert len(images) >= 2, images
    for img in images:
        assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img), img
        assert "srcset=" in img, img
    hero_img = next(img for img in images if 'alt="A therapist at work"' in img)
    body_img = next(img for img in images if 'alt="Rolling the shoulders"' in img)
    assert 'loading="lazy"' not in hero_img
    assert 'loading="lazy"' in body_img
    assert len(re.findall(r'<source[^>]+type="image/avif"', html)) >= 2
    assert len(re.findall(r'<source[^>]+type="image/webp"', html)) >= 2


# --- login throttling -----------------------------------------------------------------------


@pytest.fixture
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_sixth_failed_login_is_refused_with_a_clear_message(fresh_throttle, editor):
    client = Client()
    for _ in range(5):
        response = login(client, editor.username, "wrong password")
        assert response.status_code == 200  # the login form again, with its error
    refused = login(client, editor.username, PASSWORD)  # even the right password now waits
    assert refused.status_code == 429
    assert b"Too many failed sign-in attempts" in refused.content
    assert b"15 minutes" in refused.content
    assert int(refused["Retry-After"]) >= 60
    assert "_auth_user_id" not in client.session


def test_throttle_is_per_address(fresh_throttle, editor):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        login(attacker, editor.username, "wrong password")
    assert login(attacker, editor.username, "guess").status_code == 429
    therapist = Client(REMOTE_ADDR="198.51.100.7")
    response = login(therapist, editor.username, PASSWORD)
    assert response.status_code == 302  # signed in: a stranger cannot lock her out


def test_one_address_cannot_try_many_usernames(fresh_throttle, db):
    client = Client(REMOTE_ADDR="203.0.113.10")
    for number in range(20):
        login(client, f"user{number}", "wrong")
    assert login(client, "someone-else", "wrong").status_code == 429


def test_a_successful_login_resets_the_count(fresh_throttle, editor):
    client = Client()
    for _ in range(4):
        login(client, editor.username, "wrong password")
    assert login(client, editor.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, editor.username, "wrong password").status_code == 200
    assert login(client, editor.username, PASSWORD).status_code == 302


def test_page_views_are_not_throttled(fresh_throttle, site):
    client = Client()
    for _ in range(8):
        login(client, "nobody", "wrong")
    assert client.get("/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
