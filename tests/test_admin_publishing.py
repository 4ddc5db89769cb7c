"""Scheduled publishing, and seeing where something is used before deleting or unpublishing it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticlePage
from exercises.models import Exercise

from .admin_forms import add_page_url, article_form_data, paragraph_form
from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    callout_block,
    exercise_block,
    paragraph_block,
)

pytestmark = pytest.mark.django_db

GOOD_SUMMARY = "Three gentle videos and a few habits that ease a sore neck between visits."


def move_schedule_into_the_past(obj):
    """What the passing of time does to a scheduled revision, without waiting for it."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = obj.latest_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


# --- scheduled publishing --------------------------------------------------------------------


def test_an_article_scheduled_in_the_admin_goes_live_when_publish_scheduled_runs(
    site, editor_client, client
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    data = article_form_data(
        "Baby rolling, who knew?",
        summary=GOOD_SUMMARY,
        body=[paragraph_form("<p>The first part worked so well I forgot the rest.</p>")],
    )
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")

    response = editor_client.post(add_page_url(ArticlePage, site.articles), data, follow=True)

    assert "scheduled for publishing" in response.content.decode()
    page = ArticlePage.objects.get(slug="baby-rolling-who-knew")
    assert not page.live
    assert page.latest_revision.approved_go_live_at is not None

    # Not due yet: the command leaves it alone.
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live
    assert client.get("/articles/baby-rolling-who-knew/").status_code == 404

    move_schedule_into_the_past(page)
    call_command("publish_scheduled", verbosity=0)

    page.refresh_from_db()
    assert page.live
    response = client.get("/articles/baby-rolling-who-knew/")
    assert response.status_code == 200
    assert "The first part worked so well" in response.content.decode()


def test_a_scheduled_exercise_goes_live_when_due(site):
    exercise = ExerciseFactory(name="Baby rolling", publish=False)
    exercise.go_live_at = timezone.now() + datetime.timedelta(hours=3)
    exercise.save_revision().publish()
    exercise.refresh_from_db()
    assert not exercise.live

    move_schedule_into_the_past(exercise)
    call_command("publish_scheduled", verbosity=0)

    assert Exercise.objects.get(pk=exercise.pk).live


def test_publish_scheduled_dry_run_changes_nothing(site):
    page = ArticlePageFactory(parent=site.articles, publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    move_schedule_into_the_past(page)

    call_command("publish_scheduled", "--dryrun", verbosity=0)

    page.refresh_from_db()
    assert not page.live


# --- usage before delete / unpublish ---------------------------------------------------------


@pytest.fixture
def exercise_used_in_two_articles(site):
    exercise = ExerciseFactory(name="Magic Neck Stretch")
    ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        body=[paragraph_block(), exercise_block(exercise), callout_block("safety")],
    )
    ArticlePageFactory(
        parent=site.articles,
        title="Head forward posture",
        body=[callout_block("read_next", exercises=[exercise])],
    )
    return exercise


def test_deleting_an_exercise_shows_the_articles_using_it(
    exercise_used_in_two_articles, editor_client
):
    exercise = exercise_used_in_two_articles
    url = reverse("wagtailsnippets_exercises_exercise:delete", args=[exercise.pk])

    html = editor_client.get(url).content.decode()

    assert "This exercise is used in 2 places" in html
    assert "Help for upper back and neck pain" in html
    assert "Head forward posture" in html
    article = ArticlePage.objects.get(title="Help for upper back and neck pain")
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in html
    assert reverse("wagtailsnippets_exercises_exercise:usage", args=[exercise.pk]) in html
    # She can still go ahead: it is her decision.
    assert "Yes, delete" in html


def test_unpublishing_an_exercise_shows_the_articles_using_it(
    exercise_used_in_two_articles, editor_client
):
    exercise = exercise_used_in_two_articles
    url = reverse("wagtailsnippets_exercises_exercise:unpublish", args=[exercise.pk])

    html = editor_client.get(url).content.decode()

    assert "This exercise is used in 2 places" in html
    assert "Help for upper back and neck pain" in html
    assert "Yes, unpublish it" in html


def test_exercise_usage_page_lists_the_articles(exercise_used_in_two_articles, editor_client):
    exercise = exercise_used_in_two_articles
    url = reverse("wagtailsnippets_exercises_exercise:usage", args=[exercise.pk])

    html = editor_client.get(url).content.decode()

    assert "Help for upper back and neck pain" in html
    assert "Head forward posture" in html


@pytest.fixture
def article_linked_from_others(site):
    target = ArticlePageFactory(parent=site.articles, title="Head forward posture")
    ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        body=[callout_block("read_next", articles=[target])],
    )
    ArticlePageFactory(parent=site.articles, title="Strengthen the upper back", related=[target])
    return target


def test_deleting_an_article_shows_the_articles_linking_to_it(
    article_linked_from_others, editor_client
):
    url = reverse("wagtailadmin_pages:delete", args=[article_linked_from_others.pk])

    html = editor_client.get(url).content.decode()

    assert "This article is used in 2 places" in html
    assert "Help for upper back and neck pain" in html  # a read-next callout
    assert "Strengthen the upper back" in html  # a related-reading link


def test_unpublishing_an_article_shows_the_articles_linking_to_it(
    article_linked_from_others, editor_client
):
    url = reverse("wagtailadmin_pages:unpublish", args=[article_linked_from_others.pk])

    html = editor_client.get(url).content.decode()

    assert "This article is used in 2 places" in html
    assert "Strengthen the upper back" in html


def test_deleting_something_unused_says_so(site, editor_client):
    exercise = ExerciseFactory(name="Lonely stretch")
    url = reverse("wagtailsnippets_exercises_exercise:delete", args=[exercise.pk])

    html = editor_client.get(url).content.decode()

    assert "not used anywhere else on the site" in html
