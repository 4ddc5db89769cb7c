"""The editor as the therapist meets it: tabs, help text, block picker, previews, branding."""

import datetime
import re

import pytest
from django.db import models
from django.urls import reverse
from wagtail.models import Page

from articles.models import ArticlePage, RelatedArticle
from core.models import ClinicSettings, Practitioner
from exercises.models import Exercise
from home.models import HomePage

from .admin_forms import edit_page_url
from .factories import ArticlePageFactory, ExerciseFactory, ImageFactory

pytestmark = pytest.mark.django_db


# --- the article editor ----------------------------------------------------------------------


def test_article_editor_tabs_are_in_a_natural_order(site, editor_client):
    page = ArticlePageFactory(parent=site.articles)

    html = editor_client.get(edit_page_url(page)).content.decode()

    tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([A-Z][a-z]+)', html)
    assert tabs[:4] == ["Content", "Related", "Promote", "Settings"]


def test_article_editor_explains_pages_own_fields_in_plain_words(site, editor_client):
    page = ArticlePageFactory(parent=site.articles)

    html = editor_client.get(edit_page_url(page)).content.decode()

    assert "The headline visitors see at the top of the article" in html
    assert "Change it only before the first publish: old links break." in html
    assert "Leave empty to use the summary." in html
    # Required fields say so before she saves.
    assert html.count("Required.") >= 4


@pytest.mark.parametrize("model", [ArticlePage, Exercise, ClinicSettings, Practitioner, HomePage])
def test_every_field_she_edits_has_help_text(model):
    page_fields = {field.name for field in Page._meta.get_fields()}
    missing = [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.Field)
        and field.editable
        and not field.auto_created
        and field.name not in page_fields
        and field.name not in {"id", "site", "page", "sort_order"}
        and not field.primary_key
        and not (field.help_text or "").strip()
    ]
    assert missing == [], f"{model.__name__} fields without help text: {missing}"


def test_related_article_field_has_help_text():
    assert RelatedArticle._meta.get_field("article").help_text


def article_body_blocks():
    return ArticlePage.body.field.stream_block.child_blocks


@pytest.mark.parametrize("name", list(article_body_blocks()))
def test_every_article_block_has_icon_label_description_and_preview(name):
    block = article_body_blocks()[name]

    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.label
    assert block.get_description()
    assert block.is_previewable


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("paragraph", "keep the <b>upper back</b>"),
        ("heading", "Why the upper back matters"),
        ("quote", "slept through the night"),
        ("video", "Free Your Neck"),
        ("callout", "Go gently"),
        ("update", "One more video I forgot"),
        ("exercise", "Magic Neck Stretch"),
        ("image", "Keep the movement small and slow."),
    ],
)
def test_block_picker_previews_render_realistic_content(site, editor_client, name, expected):
    block = article_body_blocks()[name]

    response = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "css/site.css" in html  # the site's own styles, so it looks like the real page


def test_exercise_block_preview_shows_a_real_exercise_from_her_library(site, editor_client):
    ExerciseFactory(name="Chin tuck", summary="Pull the chin straight back to ease the neck.")
    block = article_body_blocks()["exercise"]

    html = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    ).content.decode()

    assert "Chin tuck" in html


def test_image_block_preview_uses_a_photo_from_her_library(site, editor_client):
    ImageFactory(title="Shoulder roll photo")
    block = article_body_blocks()["image"]

    html = editor_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    ).content.decode()

    assert "<img" in html
    assert 'alt="A person stretching their neck"' in html


def test_collapsed_blocks_show_what_they_are():
    blocks = article_body_blocks()
    assert blocks["video"].meta.label_format == "Video: {title}"
    assert blocks["exercise"].meta.label_format == "Exercise: {exercise}"
    assert blocks["update"].meta.label_format == "Update {date}: {heading}"
    assert blocks["callout"].meta.label_format == "Callout ({kind}): {heading}"


def rich_text_blocks(block):
    """Every RichTextBlock inside ``block``, however deeply nested (updates, callouts...)."""
    from wagtail.blocks import ListBlock, RichTextBlock

    if isinstance(block, RichTextBlock):
        yield block
    children = getattr(block, "child_blocks", None) or {}
    if isinstance(block, ListBlock):
        children = {"item": block.child_block}
    for child in children.values():
        yield from rich_text_blocks(child)


def test_rich_text_toolbar_offers_only_what_the_site_renders():
    allowed = {"bold", "italic", "link", "ol", "ul"}
    found = list(rich_text_blocks(ArticlePage.body.field.stream_block))
    found += list(rich_text_blocks(Exercise.steps.field.stream_block))
    assert len(found) >= 3  # paragraphs, callout text, paragraphs inside updates
    for block in found:
        assert set(block.features) <= allowed, block
    for model, name in [(Exercise, "cautions"), (ClinicSettings, "default_disclaimer")]:
        assert set(model._meta.get_field(name).features) <= allowed


# --- live preview ----------------------------------------------------------------------------


def test_article_and_exercise_editors_offer_phone_and_desktop_preview(site, editor_client):
    page = ArticlePageFactory(parent=site.articles)
    exercise = ExerciseFactory()
    urls = [
        edit_page_url(page),
        reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk]),
    ]
    for url in urls:
        html = editor_client.get(url).content.decode()
        assert "Preview in mobile size" in html, url
        assert "Preview in desktop size" in html, url


def test_clinic_settings_live_preview_shows_the_home_page_with_unsaved_changes(
    site, superuser_client
):
    edit_url = reverse(
        "wagtailsettings:edit", args=["core", "clinicsettings", site.wagtail_site.pk]
    )
    preview_url = reverse(
        "wagtailsettings:preview_on_edit", args=["core", "clinicsettings", site.wagtail_site.pk]
    )
    html = superuser_client.get(edit_url).content.decode()
    assert "Preview in mobile size" in html

    data = {
        "clinic_name": "Harvest Moon Massage Therapy",
        "tagline": "Barefoot massage in Decatur",
        "practitioner": str(site.practitioner.pk),
        "phone": "(404) 555-0199",
        "email": "hello@harvestmoon.example",
        "address": "1 Church St\nDecatur",
        "opening_hours-count": "0",
        "hours_note": "",
        "booking_url": "https://booking.example.com/harvest-moon",
        "default_safety_note": '{"blocks":[],"entityMap":{}}',
        "default_disclaimer": '{"blocks":[],"entityMap":{}}',
        "related_reading_count": "3",
    }
    response = superuser_client.post(preview_url, data)
    assert response.json()["is_valid"], response.json()

    preview = superuser_client.get(preview_url, {"mode": ""}).content.decode()

    assert "(404) 555-0199" in preview
    assert "Barefoot massage in Decatur" in preview
    assert "Welcome to the clinic" in preview  # it is the home page
    # Nothing was saved: visitors still see the old number.
    assert ClinicSettings.for_site(site.wagtail_site).phone == "(404) 555-0142"


# --- on the public site ----------------------------------------------------------------------


def test_user_bar_shows_on_the_public_site_only_when_she_is_logged_in(site, client, editor):
    page = ArticlePageFactory(parent=site.articles)

    assert "w-userbar" not in client.get(page.url).content.decode()

    client.force_login(editor)
    html = client.get(page.url).content.decode()
    assert "w-userbar" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html


def test_visitors_see_when_an_article_and_exercise_were_last_reviewed(site, client):
    page = ArticlePageFactory(parent=site.articles, last_reviewed=datetime.date(2025, 3, 14))
    exercise = ExerciseFactory(name="Chin tuck", last_reviewed=datetime.date(2025, 1, 9))

    assert "Reviewed" in client.get(page.url).content.decode()
    assert "March 14, 2025" in client.get(page.url).content.decode()
    exercise_html = client.get(f"/exercises/{exercise.slug}/").content.decode()
    assert "Reviewed" in exercise_html and "January 9, 2025" in exercise_html


# --- branding --------------------------------------------------------------------------------


def test_admin_login_page_carries_the_clinic_name(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()

    assert "Sign in to Harvest Moon Massage Therapy" in html
    assert "clinic-logo" in html
    assert "css/admin.css" in html


def test_admin_uses_the_clinic_colours_and_logo(site, editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "css/admin.css" in html
    assert "data-wagtail-sidebar-branding-logo" in html and "clinic-logo" in html
    assert "Harvest Moon admin" in html  # the browser tab title
