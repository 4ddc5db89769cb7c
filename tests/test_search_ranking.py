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
