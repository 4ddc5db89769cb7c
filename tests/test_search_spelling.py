"""Misspellings one letter off a word the site knows find it: "sholder" searches "shoulder"."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import spelling
from search.models import Synonym

from .factories import ArticlePageFactory, ExerciseFactory, paragraph_block, step_block


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def corpus(site):
    ArticlePageFactory(
        parent=site.articles,
        title="Tight shoulder relief",
        summary="Loosen up after a long day.",
        body=[paragraph_block("<p>Breathe out slowly.</p>")],
    )
    ExerciseFactory(
        name="Doorway stretch",
        summary="Opens the chest.",
        steps=[step_block("Lean through the doorway.")],
    )
    Synonym.objects.create(term="crick", alternatives="stiff neck")


def titles(client, query):
    return [hit.title for hit in client.get("/search/", {"q": query}).context["hits"]]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sholder", "shoulder"),  # a letter left out
        ("shoulderr", "shoulder"),  # one too many
        ("shuolder", "shoulder"),  # two letters swapped
        ("shoulfer", "shoulder"),  # a neighbouring key
        ("strech", "stretch"),
    ],
)
def test_one_slip_finds_the_word(corpus, client, typed, meant):
    found = titles(client, typed)
    expected = "Tight shoulder relief" if meant == "shoulder" else "Doorway stretch"
    assert found[0] == expected
    html = client.get("/search/", {"q": typed}).content.decode()
    assert f"(also searched: {meant})" in html


def test_a_misspelt_synonym_still_finds_what_it_stands_for(corpus, client):
    ArticlePageFactory(parent=site_articles(corpus, client), title="Stiff neck help")
    assert "Stiff neck help" in titles(client, "crik")


def site_articles(_corpus, _client):
    from articles.models import ArticleIndexPage

    return ArticleIndexPage.objects.get()


def test_known_words_and_far_misses_are_left_alone(corpus, client):
    assert spelling.corrected_variants(["shoulder", "relief"]) == []
    assert spelling.corrected_variants(["shouldeeer"]) == []  # two letters off
    assert spelling.corrected_variants(["zzzz"]) == []
    # A typing slip is a neighbouring key; any other letter in place of one gives only a
    # word of the titles: "base" is not "ease" mistyped, but "relaef" is "relief".
    assert "ease" not in spelling.edits("base")
    assert "neck" in spelling.edits("nrck")
    # A body word, a slip: SQLite's index lists its words as written (PostgreSQL's only stems).
    body_word = [["breathe"]] if connection.vendor == "sqlite" else []
    assert spelling.corrected_variants(["breathd"]) == body_word
    assert spelling.corrected_variants(["brepthe"]) == []  # body word, not a slip
    assert spelling.corrected_variants(["relaef"]) == [["relief"]]  # title word
    # Short words have too many neighbours to guess from.
    assert spelling.corrected_variants(["arn"]) == []
    html = client.get("/search/", {"q": "shoulder"}).content.decode()
    assert "also searched" not in html


def test_new_words_are_known_after_a_publish(corpus, client):
    assert spelling.corrected_variants(["giraffe"]) == []
    assert spelling.corrected_variants(["girafe"]) == []
    ArticlePageFactory(parent=site_articles(corpus, client), title="Giraffe neck")
    assert spelling.corrected_variants(["girafe"]) == [["giraffe"]]


def test_the_vocabulary_is_read_once_per_content_change_not_per_search(corpus, client, monkeypatch):
    built = []
    build = spelling.build_vocabulary
    monkeypatch.setattr(spelling, "build_vocabulary", lambda: built.append(1) or build())
    client.get("/search/", {"q": "sholder"})
    with CaptureQueriesContext(connection) as captured:
        client.get("/search/", {"q": "sholder pain"})
        client.get("/search/", {"q": "doorwya"})
    assert len(built) == 1
    assert not [q for q in captured.captured_queries if "search_index_words" in q["sql"]]
    assert titles(client, "doorwya") == ["Doorway stretch"]
    ArticlePageFactory(parent=site_articles(corpus, client), title="Giraffe neck")
    titles(client, "girafe")
    assert len(built) == 2


def test_the_index_lists_its_words(corpus):
    from search.modelsearch_internals import index_words

    words, stemmed = index_words()
    assert stemmed == (connection.vendor == "postgresql")
    if stemmed:
        assert {"shoulder", "relief", "doorway", "breath"} <= set(words)
    else:
        assert {"shoulder", "relief", "doorway", "breathe", "slowly"} <= set(words)
