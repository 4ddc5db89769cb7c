"""Content checks in the editor: plain-language warnings that never block publishing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.content_checks import article_warnings
from articles.models import ArticlePage
from exercises.content_checks import exercise_warnings
from exercises.models import Exercise

from .admin_forms import (
    add_page_url,
    article_form_data,
    callout_form,
    edit_page_url,
    exercise_form,
    exercise_form_data,
    paragraph_form,
    video_form,
)
from .factories import (
    YOUTUBE_URL,
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    callout_block,
    exercise_block,
    paragraph_block,
    update_block,
    video_block,
)

pytestmark = pytest.mark.django_db

GOOD_SUMMARY = "Three gentle videos and a few habits that ease a sore neck between visits."


def warning_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_a_tidy_article_has_no_warnings(site):
    exercise = ExerciseFactory()
    page = ArticlePageFactory(
        parent=site.articles,
        summary=GOOD_SUMMARY,
        body=[
            paragraph_block(),
            video_block(title="Free Your Neck", transcript="Sit tall. Turn slowly."),
            exercise_block(exercise),
            callout_block("safety"),
        ],
    )

    assert article_warnings(page) == []


def test_article_checks_name_each_problem_in_her_words(site):
    exercise = ExerciseFactory()
    page = ArticlePageFactory(
        parent=site.articles,
        summary="Neck.",
        hero_image=ImageFactory(),
        hero_image_alt="",
        body=[
            video_block(title="Free Your Neck", transcript=""),
            update_block(body=[video_block(title="Baby Rolling", transcript="")]),
            exercise_block(exercise),
        ],
    )

    text = " ".join(article_warnings(page))

    assert "The summary is very short" in text
    assert "photo at the top has no description" in text
    assert "“Free Your Neck” has no transcript" in text
    # Videos inside an update section are checked too.
    assert "“Baby Rolling” has no transcript" in text
    assert "exercises but no safety note" in text


def test_safety_callout_inside_an_update_counts(site):
    page = ArticlePageFactory(
        parent=site.articles,
        summary=GOOD_SUMMARY,
        body=[update_block(body=[exercise_block(ExerciseFactory()), callout_block("safety")])],
    )

    assert not any("safety" in warning for warning in article_warnings(page))


def test_exercise_checks(site):
    exercise = ExerciseFactory(
        summary="Short.", video=[video_block(transcript="")], steps=[], cautions=""
    )

    text = " ".join(exercise_warnings(exercise))

    assert "summary is very short" in text
    assert "no transcript" in text
    assert "no steps" in text
    assert "Cautions" in text


def test_article_editor_shows_the_warnings_before_publishing(site, editor_client):
    page = ArticlePageFactory(
        parent=site.articles,
        summary=GOOD_SUMMARY,
        body=[
            video_block(title="Free Your Neck", transcript=""),
            exercise_block(ExerciseFactory()),
        ],
    )

    html = editor_client.get(edit_page_url(page)).content.decode()

    assert "Worth a look before you publish" in html
    assert "you can still publish as it is" in html
    assert "“Free Your Neck” has no transcript" in html
    assert "exercises but no safety note" in html


def test_article_editor_has_no_warning_box_when_all_is_well(site, editor_client):
    page = ArticlePageFactory(parent=site.articles, summary=GOOD_SUMMARY, body=[paragraph_block()])

    html = editor_client.get(edit_page_url(page)).content.decode()

    assert "Worth a look before you publish" not in html


def test_publishing_an_article_with_problems_still_publishes_and_warns(site, editor_client):
    exercise = ExerciseFactory()
    data = article_form_data(
        "Help for upper back and neck pain",
        summary="Neck.",
        body=[
            paragraph_form("<p>This week has been jam packed with back pain.</p>"),
            video_form(YOUTUBE_URL, "Free Your Neck"),
            exercise_form(exercise),
        ],
    )

    response = editor_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="help-for-upper-back-and-neck-pain")
    assert page.live
    # Said once, in the "Before you publish" panel where she decides, not again as a banner.
    assert warning_texts(response) == []
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert html.count("“Free Your Neck” has no transcript") == 1
    assert "exercises but no safety note" in html
    assert "summary is very short" in html


def test_saving_a_tidy_article_adds_no_warnings(site, editor_client):
    exercise = ExerciseFactory()
    data = article_form_data(
        "A tidy article",
        summary=GOOD_SUMMARY,
        body=[
            paragraph_form("<p>Go slow.</p>"),
            video_form(YOUTUBE_URL, "Free Your Neck", transcript="Sit tall."),
            exercise_form(exercise),
            callout_form("safety"),
        ],
    )

    response = editor_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 302
    assert warning_texts(response) == []


def test_publishing_an_exercise_with_problems_still_publishes_and_warns(site, editor_client):
    data = exercise_form_data(
        "Chin tuck",
        "chin-tuck",
        video=[video_form(YOUTUBE_URL, "Chin tuck video")],
        steps=["Pull your chin straight back."],
    )

    response = editor_client.post(reverse("wagtailsnippets_exercises_exercise:add"), data)

    assert response.status_code == 302
    exercise = Exercise.objects.get(slug="chin-tuck")
    assert exercise.live
    assert warning_texts(response) == []
    url = reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])
    assert editor_client.get(url).content.decode().count("has no transcript") == 1


def test_exercise_editor_shows_the_warnings(site, editor_client):
    exercise = ExerciseFactory(video=[video_block(title="Chin tuck video", transcript="")])

    url = reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])
    html = editor_client.get(url).content.decode()

    assert "Worth a look before you publish" in html
    assert "“Chin tuck video” in this exercise has no transcript" in html
