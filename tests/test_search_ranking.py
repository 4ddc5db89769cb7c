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


def test_backend_matches_the_database(db):
    backend = type(get_search_backend()).__name__
    expected = {
        "sqlite": "WeightedSQLiteSearchBackend",
        "postgresql": "IndexTablePostgresSearchBackend",
    }[connection.vendor]
    assert backend == expected


def test_title_match_outranks_body_only_matches(site, client):
    ArticlePageFactory(
        parent=site.articles,
        title="Desk habits",
        summary="Small changes at your desk.",
        body=[paragraph_block(BODY_FULL_OF_IT)],
    )
    # A long title, so its length norm gives it no help over the short ones.
    long_title = "What your posture says about the way you sit at a desk all day long"
    ArticlePageFactory(
        parent=site.articles,
        title=long_title,
        summary="A short note.",
        body=[paragraph_block("<p>Sit tall and breathe.</p>")],
    )
    ArticlePageFactory(
        parent=site.articles,
        title="Sofa work",
        summary="Cushions help.",
        body=[paragraph_block(BODY_FULL_OF_IT)],
    )
    titles = [hit.title for hit in client.get("/search/", {"q": "posture"}).context["hits"]]
    assert titles[0] == long_title
    assert len(titles) == 3


def test_exercise_name_outranks_an_article_body(site, client):
    ExerciseFactory(
        name="Chin tuck",
        summary="A small nod.",
        steps=[step_block("Glide your head back.")],
    )
    ArticlePageFactory(
        parent=site.articles,
        title="Office aches",
        summary="Sore by Friday?",
        body=[paragraph_block("<p>Do a chin tuck, then another chin tuck, then rest.</p>")],
    )
    hits = client.get("/search/", {"q": "chin tuck"}).context["hits"]
    assert [(hit.kind, hit.title) for hit in hits][0] == ("exercise", "Chin tuck")


def test_words_side_by_side_outrank_the_same_words_apart(site, client):
    """ "stiff neck": an article saying "stiff neck" ranks above one that says "stiff" and
    "neck" more often, but apart."""
    ArticlePageFactory(
        parent=site.articles,
        title="Morning aches",
        summary="Stiff hips, a sore neck, a stiff back, neck tension: mornings are stiff.",
        body=[paragraph_block("<p>Warm up slowly.</p>")],
    )
    ArticlePageFactory(
        parent=site.articles,
        title="Three videos I recommend",
        summary="For a stiff neck.",
        body=[paragraph_block("<p>Warm up slowly.</p>")],
    )
    titles = [hit.title for hit in client.get("/search/", {"q": "stiff neck"}).context["hits"]]
    assert titles == ["Three videos I recommend", "Morning aches"]
    # One word: no phrase, the more frequent match still wins.
    titles = [hit.title for hit in client.get("/search/", {"q": "stiff"}).context["hits"]]
    assert titles[0] == "Morning aches"
