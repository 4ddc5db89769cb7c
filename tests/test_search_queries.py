"""A results page costs a fixed number of SQL queries, however many results it shows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticlePageFactory, ExerciseFactory, exercise_block, paragraph_block

# What the costliest page (no results: popular articles and body areas too) needs today, so a
# query added by mistake fails here.
QUERY_BUDGET = 12


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def build(site, articles, exercises, batch):
    areas = list(site.areas.values())
    made = [
        ExerciseFactory(name=f"Neck glide {batch}-{n}", body_areas=areas[: 1 + n % 3])
        for n in range(exercises)
    ]
    for n in range(articles):
        ArticlePageFactory(
            parent=site.articles,
            title=f"Neck note {batch}-{n}",
            body=[paragraph_block("<p>A neck tip.</p>"), *[exercise_block(e) for e in made[:2]]],
            body_areas=areas[: 1 + n % 3],
        )


def queries_for(client, params):
    client.get("/search/", params)  # Warm caches (site root paths, settings, query log row).
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return len(captured), len(response.context["hits"])


@pytest.mark.parametrize(
    "params",
    [
        {"q": "neck"},
        {"q": "neck", "type": "article"},
        {"q": "neck", "type": "exercise"},
        {"q": "neck", "area": "neck"},
    ],
)
def test_same_number_of_queries_for_few_and_many_results(site, client, params):
    build(site, articles=1, exercises=1, batch="a")
    small, small_shown = queries_for(client, params | {"q": "neck"})
    build(site, articles=14, exercises=8, batch="b")
    large, large_shown = queries_for(client, params)
    assert large_shown > small_shown
    if "type" in params:
        assert large == small
    else:
        # Loading a kind costs its queries only when that kind is on the page, so a page of
        # ten may cost less than a page showing one of each; never more.
        assert large <= small
    assert small <= QUERY_BUDGET


def test_later_pages_cost_the_same_for_one_or_ten_results(site, client):
    params = {"q": "neck", "type": "article", "page": "2"}
    build(site, articles=11, exercises=0, batch="a")
    small, small_shown = queries_for(client, params)
    build(site, articles=9, exercises=0, batch="b")
    large, large_shown = queries_for(client, params)
    assert (small_shown, large_shown) == (1, 10)
    assert large == small <= QUERY_BUDGET


def test_no_results_page_has_a_budget_too(site, client, django_assert_max_num_queries):
    build(site, articles=3, exercises=3, batch="a")
    client.get("/search/", {"q": "sciatica"})
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get("/search/", {"q": "sciatica"})


# Several words: each tier is ranked once, then each of the first few words and neighbouring
# pairs is checked on the best candidates only (search/engine.py), whatever the corpus size.
SEVERAL_WORDS_BUDGET = 24


# A misspelling after a change: the results page, plus reading the vocabulary (titles, names,
# areas, synonyms, the index's word list; PostgreSQL also reads the summaries) and which index
# entries a visitor may see (the index's entry list, each kind's published ids).
COLD_BUDGET = QUERY_BUDGET + 18


@pytest.mark.parametrize("query", ["neck tip", "neck glide tip", "why is my neck tip sore"])
def test_several_words_cost_the_same_for_few_and_many_results(site, client, query):
    build(site, articles=1, exercises=1, batch="a")
    small, small_shown = queries_for(client, {"q": query})
    build(site, articles=14, exercises=8, batch="b")
    large, large_shown = queries_for(client, {"q": query})
    assert large_shown > small_shown
    assert large <= small <= SEVERAL_WORDS_BUDGET


def test_a_cold_search_costs_a_fixed_number_of_queries_too(site, client):
    """The first search with a misspelling after a change also reads the vocabulary for
    spelling corrections: a handful of queries, the same for a small and a large site."""
    build(site, articles=1, exercises=1, batch="a")
    client.get("/search/", {"q": "nekc"})  # The query log's row for it exists now.
    counts = []
    for articles in (1, 12):
        build(site, articles=articles, exercises=articles, batch=str(articles))  # a change
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": "nekc"})  # a misspelling: read it all
        assert response.context["results"].also_searched == ["neck"]
        counts.append(len(captured))
    # As above: a page without articles does not load any, so it may cost less; never more.
    assert counts[1] <= counts[0] <= COLD_BUDGET
