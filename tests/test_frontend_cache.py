"""A CDN or caching proxy in front is purged when a page is published or unpublished: Wagtail's
front-end cache app, configured from the environment in production."""

import pytest
from django.test import Client

from . import cache_support
from .factories import ArticlePageFactory

PURGE_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


@pytest.fixture
def fake_cdn(settings, monkeypatch):
    cache_support.allow_loopback(monkeypatch)
    with cache_support.FakePurgeEndpoint() as endpoint:
        settings.WAGTAILFRONTENDCACHE = {
            "proxy": {"BACKEND": PURGE_BACKEND, "LOCATION": endpoint.url}
        }
        yield endpoint


def test_publishing_purges_the_page_and_the_pages_that_list_it(
    site, fake_cdn, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=site.articles, title="Sore neck", slug="sore-neck")
    fake_cdn.requests.clear()
    article.title = "Help for a sore neck"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert {"/articles/sore-neck/", "/articles/", "/"} <= fake_cdn.purged_paths()
    wagtail_site = site.wagtail_site
    expected_host = wagtail_site.hostname
    if wagtail_site.port != 80:
        expected_host += f":{wagtail_site.port}"
    hosts = {host for method, _path, host in fake_cdn.requests if method == "PURGE"}
    assert hosts == {expected_host}


def test_unpublishing_purges_the_page(site, fake_cdn, django_capture_on_commit_callbacks):
    article = ArticlePageFactory(parent=site.articles, title="Sore neck", slug="sore-neck")
    fake_cdn.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert "/articles/sore-neck/" in fake_cdn.purged_paths()
    assert Client().get("/articles/sore-neck/").status_code == 404


def test_nothing_is_purged_without_a_cdn(site, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    article = ArticlePageFactory(parent=site.articles, title="Sore neck", slug="sore-neck")
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # no network: tests/conftest.py refuses any


PRINT_FRONTEND_CACHE = "from django.conf import settings\nprint(settings.WAGTAILFRONTENDCACHE)"


def test_production_reads_the_cdn_from_the_environment():
    from .test_production import production_env, run_python

    none = run_python(PRINT_FRONTEND_CACHE, production_env())
    assert none.returncode == 0, none.stderr
    assert none.stdout.strip().splitlines()[-1] == "{}"
    found = run_python(
        PRINT_FRONTEND_CACHE,
        production_env(
            FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081",
            CLOUDFLARE_ZONE_ID="zone123",
            CLOUDFLARE_API_TOKEN="token456",
        ),
    )
    assert found.returncode == 0, found.stderr
    line = found.stdout.strip().splitlines()[-1]
    assert PURGE_BACKEND in line and "http://127.0.0.1:6081" in line
    assert "CloudflareBackend" in line and "zone123" in line
