"""What the page cache files a page under: tracking parameters are ignored, parameters no page
reads are never stored, and the order of parameters does not matter."""

import pytest
from django.test import Client

from . import cache_support

page_cache = cache_support.page_cache


@pytest.fixture
def article(site):
    return cache_support.sore_neck_article(site)


def test_tracking_parameters_share_the_page_s_cached_copy(page_cache, article):
    visitor = Client()
    plain = visitor.get("/articles/sore-neck/")
    assert plain["X-Page-Cache"] == "miss"
    for query in (
        "utm_source=newsletter&utm_medium=email",
        "utm_source=facebook&fbclid=IwAR0abc",
        "gclid=Cj0KCQ",
        "mc_cid=1a2b&mc_eid=3c4d",
        "msclkid=xyz",
    ):
        response = visitor.get(f"/articles/sore-neck/?{query}")
        assert response["X-Page-Cache"] == "hit", query
        assert response.content == plain.content


def test_a_click_id_never_reaches_the_page_another_visitor_gets(page_cache, site, article):
    """The page is rendered without the tracking parameters, so links that keep the query
    string (the search page's) never carry one visitor's click id to the next."""
    first = Client().get("/search/?q=neck&fbclid=PRIVATE-CLICK-ID&utm_campaign=spring")
    assert first.status_code == 200
    assert b"PRIVATE-CLICK-ID" not in first.content
    assert b"utm_campaign" not in first.content


def test_unknown_parameters_are_served_but_never_stored(page_cache, article):
    visitor = Client()
    for _ in range(2):
        response = visitor.get("/articles/sore-neck/?x=1")
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
    # Nor do they take the place of the page's own copy.
    assert visitor.get("/articles/sore-neck/")["X-Page-Cache"] == "miss"


def test_parameter_order_does_not_matter(page_cache, site, article):
    visitor = Client()
    assert visitor.get("/articles/?area=neck&page=1")["X-Page-Cache"] == "miss"
    assert visitor.get("/articles/?page=1&area=neck")["X-Page-Cache"] == "hit"
    assert visitor.get("/articles/?page=1&area=neck&utm_source=x")["X-Page-Cache"] == "hit"
