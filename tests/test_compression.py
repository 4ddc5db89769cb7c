"""HTML compressed by the application (brotli or gzip, as the visitor asks), only for anonymous,
cacheable pages, cached pages not compressed again, and brotli files for static assets."""

import gzip

import brotli
import pytest
from django.test import Client

from . import cache_support

ARTICLE = "/articles/sore-neck/"

page_cache = cache_support.page_cache


@pytest.fixture
def article(site):
    return cache_support.sore_neck_article(
        site, "<p>Most neck pain starts in the upper back. " * 40 + "</p>"
    )


def get(path, encoding=None, client=None):
    client = client or Client()
    headers = {"Accept-Encoding": encoding} if encoding is not None else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return response


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("cached", [True, False], ids=["page cache on", "page cache off"])
def test_article_is_sent_with_brotli_or_gzip_as_asked(settings, page_cache, article, cached):
    if not cached:
        settings.CLINIC_PAGE_CACHE_SECONDS = 0
    plain = get(ARTICLE, "identity")
    assert "Content-Encoding" not in plain
    assert "accept-encoding" in vary(plain)

    br = get(ARTICLE, "gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert "accept-encoding" in vary(br)
    assert brotli.decompress(br.content) == plain.content
    assert int(br["Content-Length"]) == len(br.content) < len(plain.content) / 3

    gz = get(ARTICLE, "gzip")
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain.content

    refused = get(ARTICLE, "br;q=0, gzip;q=0.5")
    assert refused["Content-Encoding"] == "gzip"


def test_a_cached_page_is_not_compressed_again_on_each_hit(page_cache, article, monkeypatch):
    import core.middleware

    calls = []
    real = core.middleware.compress
    monkeypatch.setattr(
        core.middleware, "compress", lambda body, enc: calls.append(enc) or real(body, enc)
    )
    first = get(ARTICLE, "br")
    assert first["X-Page-Cache"] == "miss" and calls == ["br"]
    for _ in range(3):
        hit = get(ARTICLE, "br")
        assert hit["X-Page-Cache"] == "hit"
        assert hit.content == first.content
    assert calls == ["br"]
    get(ARTICLE, "gzip")  # a form it was not asked for yet: made once, then kept
    get(ARTICLE, "gzip")
    assert calls == ["br", "gzip"]
    head = Client().head(ARTICLE, headers={"Accept-Encoding": "br"})
    assert head["Content-Encoding"] == "br" and head.content == b""
    assert int(head["Content-Length"]) == len(first.content)


def test_editors_and_pages_with_cookies_or_secrets_are_never_compressed(
    page_cache, article, editor_client
):
    """BREACH needs a secret in a compressed response: pages for signed-in editors, pages that
    set a cookie (a CSRF token) and the admin are sent uncompressed."""
    assert "Content-Encoding" not in get(ARTICLE, "br", client=editor_client)
    login = Client().get("/admin/login/", headers={"Accept-Encoding": "br"})
    assert login.status_code == 200
    assert "Content-Encoding" not in login
    reader = Client()
    reader.cookies["messages"] = "a flash message"
    assert "Content-Encoding" not in get(ARTICLE, "br", client=reader)


def test_tiny_responses_are_not_compressed(page_cache, site):
    response = get("/robots.txt", "br")
    assert len(response.content) < 860
    assert "Content-Encoding" not in response


def test_static_files_get_brotli_copies_and_whitenoise_serves_them(tmp_path, settings):
    """What production's CompressedManifestStaticFilesStorage does at collectstatic, for the
    project's own static files: a .br beside each compressible file, served to browsers that
    ask for br."""
    from django.core.management import call_command
    from whitenoise import WhiteNoise

    settings.STATIC_ROOT = str(tmp_path)
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # (Django's settings signals reset the finders and the static storage.)
    call_command("collectstatic", interactive=False, verbosity=0)
    stylesheets = [path for path in tmp_path.rglob("*.css") if "." in path.stem]  # hashed
    assert stylesheets
    for stylesheet in stylesheets:
        assert stylesheet.with_name(stylesheet.name + ".br").exists(), stylesheet
    name = stylesheets[0].relative_to(tmp_path).as_posix()

    def not_static(environ, start_response):
        start_response("404 Not Found", [])
        return [b""]

    app = WhiteNoise(not_static, root=str(tmp_path), prefix="static/")
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(
        app(
            {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": f"/static/{name}",
                "HTTP_ACCEPT_ENCODING": "gzip, br",
                "SERVER_NAME": "testserver",
                "SERVER_PORT": "80",
                "wsgi.url_scheme": "http",
            },
            start_response,
        )
    )
    assert seen["status"].startswith("200")
    assert seen["headers"]["Content-Encoding"] == "br"
    assert brotli.decompress(body) == stylesheets[0].read_bytes()
