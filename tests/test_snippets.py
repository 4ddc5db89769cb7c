"""Exercises as reusable snippets: edit once, every article shows it; the exercise library."""

import pytest
from django.urls import reverse

from .factories import ArticlePageFactory, ExerciseFactory, exercise_block, paragraph_block

pytestmark = pytest.mark.django_db


def _article_using(site, title, *exercises):
    body = [paragraph_block(f"<p>Intro to {title}.</p>")]
    body += [exercise_block(exercise) for exercise in exercises]
    return ArticlePageFactory(parent=site.articles, title=title, body=body)


@pytest.fixture
def shared_exercise(site):
    return ExerciseFactory(
        name="Magic Neck Stretch",
        slug="magic-neck-stretch",
        summary="Melts the tension at the base of the skull.",
        body_areas=[site.areas["neck"]],
    )


def test_one_edit_shows_on_every_article(site, client, shared_exercise):
    first = _article_using(site, "Neck pain", shared_exercise)
    second = _article_using(site, "Desk posture", shared_exercise)
    for article in (first, second):
        assert "Magic Neck Stretch" in client.get(article.url).content.decode()

    shared_exercise.name = "Magic Neck Release"
    shared_exercise.cautions = "<p>Now with a gentler start for very stiff necks.</p>"
    shared_exercise.save_revision().publish()

    for article in (first, second):
        html = client.get(article.url).content.decode()
        assert "Magic Neck Release" in html
        assert "Now with a gentler start" in html
        assert "Magic Neck Stretch" not in html


def test_unpublished_edit_to_exercise_is_not_shown(site, client, shared_exercise):
    article = _article_using(site, "Neck pain", shared_exercise)
    shared_exercise.name = "Half-written draft name"
    shared_exercise.save_revision()  # saved, not published

    html = client.get(article.url).content.decode()
    assert "Magic Neck Stretch" in html
    assert "Half-written draft name" not in html


def test_never_published_exercise_does_not_show_in_article(site, client):
    draft = ExerciseFactory(name="Secret Stretch", summary="Not ready yet.", publish=False)
    article = _article_using(site, "Neck pain", draft)

    response = client.get(article.url)

    assert response.status_code == 200
    assert "Secret Stretch" not in response.content.decode()
    assert "Intro to Neck pain." in response.content.decode()


def test_unpublishing_an_exercise_hides_it_from_articles(site, client, shared_exercise):
    article = _article_using(site, "Neck pain", shared_exercise)
    shared_exercise.unpublish()
    html = client.get(article.url).content.decode()
    assert "Magic Neck Stretch" not in html


def test_deleted_exercise_leaves_article_working(site, client, shared_exercise):
    keep = ExerciseFactory(name="Baby Rolling", slug="baby-rolling")
    article = _article_using(site, "Neck pain", shared_exercise, keep)

    shared_exercise.delete()

    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Magic Neck Stretch" not in html
    assert "Baby Rolling" in html
    assert list(article.exercises.all()) == [keep]


def test_deleting_used_exercise_in_admin_degrades_cleanly(
    site, client, superuser_client, shared_exercise
):
    article = _article_using(site, "Neck pain", shared_exercise)
    delete_url = reverse("wagtailsnippets_exercises_exercise:delete", args=[shared_exercise.pk])

    confirm = superuser_client.get(delete_url)
    assert confirm.status_code == 200
    # She is told where it is used before she confirms.
    assert "Neck pain" in confirm.content.decode()
    superuser_client.post(delete_url)

    response = client.get(article.url)
    assert response.status_code == 200
    assert "Intro to Neck pain." in response.content.decode()


def test_usage_view_lists_articles_using_exercise(site, superuser_client, shared_exercise):
    _article_using(site, "Neck pain", shared_exercise)
    _article_using(site, "Desk posture", shared_exercise)
    ArticlePageFactory(parent=site.articles, title="Unrelated")

    response = superuser_client.get(
        reverse("wagtailsnippets_exercises_exercise:usage", args=[shared_exercise.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Neck pain" in html
    assert "Desk posture" in html
    assert "Unrelated" not in html


def test_exercise_used_inside_an_update_counts_as_used(site, shared_exercise):
    from .factories import update_block

    article = ArticlePageFactory(
        parent=site.articles,
        title="With an update",
        body=[update_block(body=[exercise_block(shared_exercise)])],
    )
    assert list(article.exercises.all()) == [shared_exercise]
    assert list(shared_exercise.articles.all()) == [article]


# --- the exercise library ----------------------------------------------------------------


def test_library_lists_published_exercises_only(site, client, shared_exercise):
    ExerciseFactory(name="Secret Stretch", publish=False)
    response = client.get("/exercises/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Magic Neck Stretch" in html
    assert "Secret Stretch" not in html
    assert 'href="/exercises/magic-neck-stretch/"' in html


def test_library_filters_by_area(site, client, shared_exercise):
    ExerciseFactory(name="Cat Cow", body_areas=[site.areas["lower-back"]])
    response = client.get("/exercises/?area=lower-back")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cat Cow" in html
    assert "Magic Neck Stretch" not in html


@pytest.mark.parametrize("query", ["?area=elbow", "?area=%3Cscript%3E"])
def test_library_unknown_area_is_404(site, client, query):
    assert client.get("/exercises/" + query).status_code == 404


@pytest.mark.parametrize("query", ["?page=abc", "?page=999", "?page=-1"])
def test_library_bad_page_numbers_are_forgiven(site, client, shared_exercise, query):
    response = client.get("/exercises/" + query)
    assert response.status_code == 200
    assert "Magic Neck Stretch" in response.content.decode()


def test_exercise_page_shows_exercise_and_articles_using_it(site, client, shared_exercise):
    _article_using(site, "Neck pain", shared_exercise)
    draft = _article_using(site, "Draft article", shared_exercise)
    draft.unpublish()

    response = client.get("/exercises/magic-neck-stretch/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Magic Neck Stretch" in html
    assert "Sit tall and drop your shoulders." in html, "steps"
    assert "Hold 20 seconds" in html, "dose"
    assert "Stop if you feel tingling" in html, "cautions"
    assert "Articles that use this exercise" in html
    assert "Neck pain" in html
    assert "Draft article" not in html


@pytest.mark.parametrize("slug", ["no-such-exercise", "secret-stretch"])
def test_unknown_or_draft_exercise_page_is_404(site, client, slug):
    ExerciseFactory(name="Secret Stretch", publish=False)
    assert client.get(f"/exercises/{slug}/").status_code == 404


def test_exercise_url_follows_the_library(site, shared_exercise):
    assert shared_exercise.get_url() == "/exercises/magic-neck-stretch/"
    site.exercises.unpublish()
    from exercises.models import ExerciseLibraryPage

    assert ExerciseLibraryPage.url_for_request(None) is None
    assert shared_exercise.get_url() is None
