"""Titles weigh more than body text, on SQLite (FTS5) and on PostgreSQL (CI runs both)."""

import pytest
from django.core.cache import cache
from django.db import connection
from modelsearch.backends import get_search_backend

from .factories import ArticlePageFactory, ExerciseFactory, paragraph_block, step_block

BODY_FULL_OF_IT = "<p>Posture, posture, posture: good posture starts with noticing posture.</p>"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def article(site, title, summary, body_html):
    return ArticlePageFactory(
        parent=site.articles, title=title, summary=summary, body=[paragraph_block(body_html)]
    )


def test_backend_matches_the_database(db):
    backend = type(get_search_backend()).__name__
    expected = {
        "sqlite": "WeightedSQLiteSearchBackend",
        "postgresql": "IndexTablePostgresSearchBackend",
    }[connection.vendor]
    assert backend == expected


def test_title_match_outranks_body_only_matches(site, client):
    article(site, "Desk habits", "Small changes at your desk.", BODY_FULL_OF_IT)
    # A long title, so its length norm gives it no help over the short ones.
    long_title = "What your posture says about the way you sit at a desk all day long"
    article(site, long_title, "A short note.", "<p>Sit tall and breathe.</p>")
    article(site, "Sofa work", "Cushions help.", BODY_FULL_OF_IT)
    titles = [hit.title for hit in client.get("/search/", {"q": "posture"}).context["hits"]]
    assert titles[0] == long_title
    assert len(titles) == 3


def test_exercise_name_outranks_an_article_body(site, client):
    ExerciseFactory(
        name="Chin tuck",
        summary="A small nod.",
        steps=[step_block("Glide your head back.")],
    )
    article(
        site,
        "Office aches",
        "Sore by Friday?",
        "<p>Do a chin tuck, then another chin tuck, then rest.</p>",
    )
    hits = client.get("/search/", {"q": "chin tuck"}).context["hits"]
    assert [(hit.kind, hit.title) for hit in hits][0] == ("exercise", "Chin tuck")


def test_words_side_by_side_outrank_the_same_words_apart(site, client):
    """ "stiff neck": an article saying "stiff neck" ranks above one that says "stiff" and
    "neck" more often, but apart."""
    article(
        site,
        "Morning aches",
        "Stiff hips, a sore neck, a stiff back, neck tension: mornings are stiff.",
        "<p>Warm up slowly.</p>",
    )
    article(site, "Three videos I recommend", "For a stiff neck.", "<p>Warm up slowly.</p>")
    titles = [hit.title for hit in client.get("/search/", {"q": "stiff neck"}).context["hits"]]
    assert titles == ["Three videos I recommend", "Morning aches"]
    # One word: no phrase, the more frequent match still wins.
    titles = [hit.title for hit in client.get("/search/", {"q": "stiff"}).context["hits"]]
    assert titles[0] == "Morning aches"
