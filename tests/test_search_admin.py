"""What the therapist sees in the admin: synonyms, and what visitors searched for."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import Synonym, ZeroResultSearch
from search.reports import top_search_terms, zero_result_terms

from .factories import ArticlePageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_reports_count_the_last_30_days_only(site, client):
    ArticlePageFactory(parent=site.articles, title="Stiff neck relief")
    for _ in range(3):
        client.get("/search/", {"q": "stiff neck"})
    client.get("/search/", {"q": "sciatica"})
    old = timezone.localdate() - datetime.timedelta(days=45)
    Query.get("ancient").add_hit(date=old)
    ZeroResultSearch.objects.create(query_string="ancient", date=old, hits=9)

    assert top_search_terms(days=30, limit=10) == [
        {"term": "stiff neck", "count": 3},
        {"term": "sciatica", "count": 1},
    ]
    assert zero_result_terms(days=30, limit=10) == [{"term": "sciatica", "count": 1}]
    assert top_search_terms(limit=1) == [{"term": "stiff neck", "count": 3}]


def test_report_page_is_listed_under_reports_and_shows_terms(site, client, superuser_client):
    ArticlePageFactory(parent=site.articles, title="Stiff neck relief")
    client.get("/search/", {"q": "stiff neck"})
    client.get("/search/", {"q": "<b>plantar</b>"})

    admin_home = superuser_client.get("/admin/").content.decode()
    assert "/admin/reports/visitor-searches/" in admin_home

    response = superuser_client.get("/admin/reports/visitor-searches/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Most searched" in html and "stiff neck" in html
    assert "Found nothing" in html and "&lt;b&gt;plantar&lt;/b&gt;" in html
    assert "<b>plantar" not in html


def test_report_needs_admin_access(site, client):
    response = client.get("/admin/reports/visitor-searches/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_therapist_adds_a_synonym_in_the_admin(site, superuser_client, client):
    ArticlePageFactory(parent=site.articles, title="Stiff neck relief")
    assert client.get("/search/", {"q": "crick"}).context["hits"] == []

    index = superuser_client.get("/admin/search/synonym/")
    assert index.status_code == 200
    response = superuser_client.post(
        "/admin/search/synonym/create/", {"term": "Crick", "alternatives": "stiff neck"}
    )
    assert response.status_code == 302
    assert Synonym.objects.get().term == "crick"

    titles = [hit.title for hit in client.get("/search/", {"q": "crick"}).context["hits"]]
    assert titles == ["Stiff neck relief"]
