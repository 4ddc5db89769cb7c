"""The header's section links (Articles, Exercises) and exercise links share one lookup."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core import sections


def test_header_links_both_sections(site, client):
    html = client.get("/").content.decode()
    assert f'href="{site.articles.url}"' in html
    assert f'href="{site.exercises.url}"' in html


def test_a_section_that_is_not_live_has_no_link(site, client):
    site.exercises.unpublish()
    html = client.get("/").content.decode()
    assert f'href="{site.articles.url}"' in html
    assert 'href="/exercises/"' not in html
    assert sections.section_url("exercises") == ""


def test_one_query_finds_every_section_for_a_request(site):
    request = RequestFactory().get("/")
    sections.section_url("articles", request)  # warm per-process caches (content types, site)
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as captured:
        found = sections.section_urls(request)
        again = sections.section_url("exercises", request)
    page_queries = [q for q in captured if 'FROM "wagtailcore_page"' in q["sql"]]
    assert len(page_queries) == 1
    assert found == {"articles": site.articles.url, "exercises": site.exercises.url}
    assert again == site.exercises.url
