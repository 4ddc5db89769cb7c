"""The search index follows the content: publish, edit, unpublish, delete, and exercise changes."""

import pytest
from django.core.cache import cache

from .factories import ArticlePageFactory, ExerciseFactory, exercise_block, paragraph_block


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def found(client, query):
    return [hit.title for hit in client.get("/search/", {"q": query}).context["hits"]]


def test_published_edit_is_searchable_and_old_words_are_gone(site, client):
    article = ArticlePageFactory(
        parent=site.articles, title="Desk habits", body=[paragraph_block("<p>Try a kumquat.</p>")]
    )
    assert found(client, "kumquat") == ["Desk habits"]

    article.body = [paragraph_block("<p>Try a persimmon.</p>")]
    article.save_revision()  # A draft: visitors still see the published words.
    assert found(client, "persimmon") == []
    assert found(client, "kumquat") == ["Desk habits"]

    article.save_revision().publish()
    assert found(client, "persimmon") == ["Desk habits"]
    assert found(client, "kumquat") == []


def test_unpublish_and_delete_remove_from_results(site, client):
    article = ArticlePageFactory(parent=site.articles, title="Quokka shoulder roll")
    exercise = ExerciseFactory(name="Quokka neck glide")
    assert sorted(found(client, "quokka")) == ["Quokka neck glide", "Quokka shoulder roll"]

    article.unpublish()
    exercise.unpublish()
    assert found(client, "quokka") == []

    article.save_revision().publish()
    assert found(client, "quokka") == ["Quokka shoulder roll"]
    article.delete()
    assert found(client, "quokka") == []


def test_exercise_edit_reindexes_the_articles_that_include_it(site, client):
    exercise = ExerciseFactory(name="Doorway stretch", summary="Opens the chest.")
    ArticlePageFactory(
        parent=site.articles,
        title="Rounded shoulders",
        body=[paragraph_block("<p>Hunched all day?</p>"), exercise_block(exercise)],
    )
    assert "Rounded shoulders" in found(client, "chest")
    assert "Rounded shoulders" not in found(client, "pectoral")

    exercise.summary = "Opens the pectoral muscles."
    exercise.save_revision().publish()
    assert "Rounded shoulders" in found(client, "pectoral")
    assert "Rounded shoulders" not in found(client, "chest")


def test_unpublished_or_deleted_exercise_words_leave_the_article(site, client):
    exercise = ExerciseFactory(name="Wombat twist", summary="A gentle spinal twist.")
    ArticlePageFactory(
        parent=site.articles, title="Lower back basics", body=[exercise_block(exercise)]
    )
    assert found(client, "wombat") == ["Lower back basics", "Wombat twist"] or set(
        found(client, "wombat")
    ) == {"Lower back basics", "Wombat twist"}

    exercise.unpublish()
    assert found(client, "wombat") == []

    exercise.save_revision().publish()
    assert "Lower back basics" in found(client, "wombat")
    exercise.delete()
    assert found(client, "wombat") == []


def test_remembered_ranking_follows_a_publish(site, client):
    """Rankings are remembered per query; a publish must still show up in the very next search."""
    first = client.get("/search/?q=pelican")
    assert "Pelican stretch" not in first.content.decode()
    ArticlePageFactory(
        parent=site.articles,
        title="Pelican stretch for the upper back",
        slug="pelican-stretch",
        summary="A gentle opener.",
    )
    second = client.get("/search/?q=pelican")
    assert "Pelican stretch for the upper back" in second.content.decode()
