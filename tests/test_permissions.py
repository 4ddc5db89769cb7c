"""What the therapist (the "Editors" group) can and cannot do in the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from articles.models import ArticlePage
from exercises.models import Exercise

from .admin_forms import (
    add_page_url,
    article_form_data,
    edit_page_url,
    exercise_form,
    exercise_form_data,
    paragraph_form,
    video_form,
)
from .factories import ArticlePageFactory, ExerciseFactory, ImageFactory

pytestmark = pytest.mark.django_db


def _png_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_reaches_the_admin_dashboard(editor_client):
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_anonymous_visitor_is_sent_to_login(site, client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


def test_editor_creates_and_publishes_article(site, editor_client, client):
    exercise = ExerciseFactory(name="Free Your Neck")
    data = article_form_data(
        "Desk break for a stiff neck",
        [
            paragraph_form("<p>Every hour, stand up and do this.</p>"),
            video_form("https://youtu.be/dQw4w9WgXcQ", "Free Your Neck"),
            exercise_form(exercise, note="Every hour"),
        ],
        author=site.practitioner,
        body_areas=[site.areas["neck"]],
    )

    response = editor_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="desk-break-for-a-stiff-neck")
    assert article.live
    assert article.owner.username == "therapist"
    assert client.get("/articles/desk-break-for-a-stiff-neck/").status_code == 200


def test_editor_edits_and_publishes_existing_article(site, editor_client):
    article = ArticlePageFactory(parent=site.articles, title="Neck help")
    data = article_form_data(
        "Neck help, revised", [paragraph_form("<p>New words.</p>")], slug=article.slug
    )

    response = editor_client.post(edit_page_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Neck help, revised"
    assert article.live


def test_editor_creates_and_publishes_exercise(site, editor_client, client):
    data = exercise_form_data(
        "Chin Tucks",
        "chin-tucks",
        video=[video_form("https://vimeo.com/76979871", "Chin tucks")],
        steps=["Sit tall.", "Draw your chin straight back.", "Hold, then relax."],
        body_areas=[site.areas["neck"]],
    )

    response = editor_client.post(reverse("wagtailsnippets_exercises_exercise:add"), data)

    assert response.status_code == 302, response.context["form"].errors
    exercise = Exercise.objects.get(slug="chin-tucks")
    assert exercise.live
    assert len(exercise.steps) == 3
    assert list(exercise.body_areas.all()) == [site.areas["neck"]]
    assert client.get("/exercises/chin-tucks/").status_code == 200


def test_editor_saving_exercise_as_draft_keeps_it_off_the_site(site, editor_client, client):
    data = exercise_form_data(
        "Wall Angels", "wall-angels", steps=["Stand at a wall."], publish=False
    )

    response = editor_client.post(reverse("wagtailsnippets_exercises_exercise:add"), data)

    assert response.status_code == 302
    assert not Exercise.objects.get(slug="wall-angels").live
    assert client.get("/exercises/wall-angels/").status_code == 404


def test_exercise_with_bad_video_url_is_refused(site, editor_client):
    data = exercise_form_data(
        "Bad video", "bad-video", video=[video_form("https://example.com/v.mp4", "Oops")]
    )
    response = editor_client.post(reverse("wagtailsnippets_exercises_exercise:add"), data)
    assert response.status_code == 200
    assert "YouTube or Vimeo" in response.content.decode()
    assert not Exercise.objects.filter(slug="bad-video").exists()


def test_editor_uploads_an_image(editor_client):
    upload = SimpleUploadedFile("shoulders.png", _png_bytes(), content_type="image/png")
    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "Shoulder roll", "file": upload}
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Shoulder roll").exists()


def test_editor_can_choose_images(editor_client):
    ImageFactory(title="Seated stretch")
    response = editor_client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    assert "Seated stretch" in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_users:add", "wagtailusers_groups:index"],
)
def test_editor_cannot_manage_users_or_groups(editor_client, url_name):
    response = editor_client.get(reverse(url_name))
    # Wagtail answers "permission denied" by redirecting to the dashboard with a message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")


def test_editor_cannot_make_herself_superuser(editor_client, editor):
    response = editor_client.post(
        reverse("wagtailusers_users:edit", args=[editor.pk]),
        {"username": editor.username, "is_superuser": "on"},
    )
    assert response.status_code in (302, 403)
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_editors_group_has_no_user_or_group_permissions(editors_group):
    codenames = set(editors_group.permissions.values_list("codename", flat=True))
    assert not {c for c in codenames if c.endswith(("_user", "_group"))}
    assert {"publish_exercise", "add_exercise", "access_admin"} <= codenames


def test_setting_up_editors_group_twice_does_not_duplicate(editors_group):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from home.management.commands.load_demo_content import setup_editors_group

    before = GroupPagePermission.objects.filter(group=editors_group).count()
    setup_editors_group()
    assert Group.objects.filter(name="Editors").count() == 1
    assert GroupPagePermission.objects.filter(group=editors_group).count() == before


@pytest.mark.parametrize(
    "url_name",
    [
        "search_synonym_modeladmin_create",
        "wagtailsearchpromotions:index",
        "wagtailsearchpromotions:add",
    ],
)
def test_editor_manages_search_synonyms_and_editors_picks(editor_client, url_name):
    """She tunes search herself: synonyms and promoted results are hers to add."""
    response = editor_client.get(reverse(url_name))
    assert response.status_code == 200


def test_editor_adds_a_synonym(editor_client):
    from search.models import Synonym

    response = editor_client.post(
        reverse("search_synonym_modeladmin_create"),
        {"term": "crick", "alternatives": "stiff neck"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert Synonym.objects.filter(term="crick").exists()
