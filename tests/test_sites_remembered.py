"""Which Wagtail Site a request is for is remembered per content change (core/sites.py): a
change to the Sites shows on the very next request, and no request shares another's objects."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.sites import site_for_request

from .factories import ArticlePageFactory, HomePageFactory


@pytest.fixture
def remembering(settings):
    settings.CLINIC_REMEMBER_SECONDS = 600


def site_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in captured if 'FROM "wagtailcore_site"' in q["sql"]]


def test_an_article_reads_the_sites_once_per_content_change(site, client, remembering):
    article = ArticlePageFactory(parent=site.articles, title="Chin tucks at the desk")
    client.get(article.url)
    assert site_queries(client, article.url) == []
    ArticlePageFactory(parent=site.articles, title="Another")  # a change
    assert len(site_queries(client, article.url)) == 1
    assert site_queries(client, article.url) == []


def test_a_new_root_page_shows_on_the_next_request(site, client, remembering):
    assert "Chin tucks" not in client.get("/").content.decode()
    client.get("/")
    other_home = HomePageFactory(parent=site.root, title="Welcome, new home", slug="new-home")
    wagtail_site = Site.objects.get(pk=site.wagtail_site.pk)
    wagtail_site.root_page = other_home
    wagtail_site.save()
    assert "Welcome, new home" in client.get("/").content.decode()


def test_a_second_host_gets_its_own_site(site, client, remembering, settings):
    settings.ALLOWED_HOSTS = ["localhost", "other.example", "testserver"]
    client.get("/")
    other_home = HomePageFactory(parent=site.root, title="The other clinic", slug="other")
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    assert "The other clinic" in client.get("/", HTTP_HOST="other.example").content.decode()
    assert "The other clinic" not in client.get("/", HTTP_HOST="localhost").content.decode()


def test_each_request_gets_its_own_copy(site, remembering):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    first, second = site_for_request(request), site_for_request(request)
    assert first.pk == second.pk == site.wagtail_site.pk
    assert first is not second
    assert first.root_page.pk == second.root_page.pk == site.home.pk
    first.root_page.title = "Changed in one request only"
    assert second.root_page.title != "Changed in one request only"
    assert site_for_request(request).root_page.title != "Changed in one request only"
