"""Editors cannot publish markup that runs script, in any block or field, by any route."""

import json

import pytest
from django.test import Client

from core.models import ClinicSettings
from core.sanitise import clean_rich_text

from .admin_forms import article_form_data, edit_page_url, heading_form, list_block
from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    callout_block,
    exercise_block,
    heading_block,
    image_block,
    paragraph_block,
    quote_block,
    step_block,
    update_block,
    video_block,
)
from .html_checks import assert_no_script

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">click me</a>'
STYLE = '<b style="background:url(javascript:alert(1))" onclick="alert(1)">bold</b>'
RICH_PAYLOAD = (
    f"<p>Hello {SCRIPT} {IMG} {JS_LINK} {STYLE}</p><iframe src=https://evil.example></iframe>"
)
TEXT_PAYLOAD = f"Hi {SCRIPT} {IMG} javascript:alert(1)"


def rendered(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def assert_safe(html, where):
    """No element, attribute or URL in the page can run script (parsed, not grepped), and the
    payloads never appear as live markup."""
    assert_no_script(html, where)
    for live_markup in ("<script>alert", "<img src=x", "<iframe src=https://evil", "<b style="):
        assert live_markup not in html, (where, live_markup)


# --- the sanitiser itself -----------------------------------------------------------------


@pytest.mark.parametrize(
    "dirty",
    [SCRIPT, IMG, JS_LINK, STYLE, RICH_PAYLOAD, '<a href=" JaVaScRiPt:alert(1)">x</a>'],
)
def test_sanitiser_removes_everything_that_runs_script(dirty):
    assert_safe(clean_rich_text(dirty), dirty)


def test_sanitiser_keeps_what_the_editor_produces():
    html = (
        '<p>Go <b>slow</b> and <i>gently</i>. <a href="/articles/neck/">Read this</a>, '
        '<a href="https://www.youtube.com/watch?v=x">watch</a> or '
        '<a href="tel:+14045550142">call</a>.</p><ul><li>One</li></ul><ol><li>Two</li></ol>'
    )
    assert clean_rich_text(html) == html


# --- stored data, each block ----------------------------------------------------------------


def body_cases(image):
    return {
        "paragraph": [paragraph_block(RICH_PAYLOAD)],
        "heading": [heading_block(TEXT_PAYLOAD[:120])],
        "quote": [quote_block(TEXT_PAYLOAD, attribution=TEXT_PAYLOAD)],
        "image caption and alt": [image_block(image, alt_text=TEXT_PAYLOAD, caption=TEXT_PAYLOAD)],
        "video title, caption, transcript": [
            video_block(title=TEXT_PAYLOAD, caption=TEXT_PAYLOAD, transcript=TEXT_PAYLOAD)
        ],
        "callout text and heading": [
            callout_block("tip", heading=TEXT_PAYLOAD, text=RICH_PAYLOAD),
            callout_block("call_to_action", text=RICH_PAYLOAD),
        ],
        "update heading and body": [
            update_block(
                heading=TEXT_PAYLOAD,
                body=[paragraph_block(RICH_PAYLOAD), callout_block("safety", text=RICH_PAYLOAD)],
            )
        ],
    }


@pytest.mark.parametrize(
    "case",
    [
        "paragraph",
        "heading",
        "quote",
        "image caption and alt",
        "video title, caption, transcript",
        "callout text and heading",
        "update heading and body",
    ],
)
def test_stored_script_in_a_block_never_reaches_the_page(site, case):
    body = body_cases(ImageFactory())[case]
    ArticlePageFactory(parent=site.articles, slug="hostile", body=body)
    client = Client()
    assert_safe(rendered(client, "/articles/hostile/"), case)
    assert_safe(rendered(client, "/articles/"), case)


def test_stored_script_in_an_exercise_never_reaches_any_page(site):
    exercise = ExerciseFactory(
        name=f"Stretch {SCRIPT}"[:120],
        slug="stretch",
        summary=TEXT_PAYLOAD,
        steps=[step_block(TEXT_PAYLOAD), step_block(IMG)],
        video=[video_block(title=TEXT_PAYLOAD, transcript=TEXT_PAYLOAD)],
        cautions=RICH_PAYLOAD,
        progress_test=RICH_PAYLOAD,
        equipment=TEXT_PAYLOAD,
        frequency=TEXT_PAYLOAD[:80],
    )
    ArticlePageFactory(
        parent=site.articles,
        slug="with-exercise",
        body=[exercise_block(exercise, note=TEXT_PAYLOAD)],
    )
    client = Client()
    for path in ["/articles/with-exercise/", "/exercises/", "/exercises/stretch/"]:
        assert_safe(rendered(client, path), path)


def test_stored_script_in_settings_practitioner_and_page_fields_never_reaches_a_page(site):
    clinic = ClinicSettings.objects.get()
    clinic.tagline = TEXT_PAYLOAD
    clinic.address = TEXT_PAYLOAD
    clinic.hours_note = TEXT_PAYLOAD
    clinic.default_safety_note = RICH_PAYLOAD
    clinic.default_disclaimer = RICH_PAYLOAD
    clinic.save()
    site.practitioner.bio = RICH_PAYLOAD
    site.practitioner.name = TEXT_PAYLOAD[:120]
    site.practitioner.save()
    site.home.intro = RICH_PAYLOAD
    site.home.call_to_action = RICH_PAYLOAD
    site.home.save_revision().publish()
    ArticlePageFactory(
        parent=site.articles,
        title=TEXT_PAYLOAD,
        slug="fields",
        summary=TEXT_PAYLOAD,
        author=site.practitioner,
        body=[callout_block("safety"), callout_block("fine_print")],
    )
    client = Client()
    for path in ["/", "/articles/", "/articles/fields/", "/exercises/"]:
        assert_safe(rendered(client, path), path)


# --- through the editor ---------------------------------------------------------------------


def hostile_contentstate():
    """What a tampered editor could post: script as text and a javascript: link entity."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "type": "unstyled",
                    "depth": 0,
                    "text": f"click {SCRIPT} {IMG}",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(1)"},
                }
            },
        }
    )


def test_script_posted_through_the_page_editor_is_not_published(superuser_client, site):
    article = ArticlePageFactory(parent=site.articles, slug="edited")
    data = article_form_data(
        "Edited",
        slug="edited",
        body=[
            ("paragraph", hostile_contentstate()),
            heading_form(f"Head {SCRIPT}"),
            (
                "callout",
                {
                    "kind": "tip",
                    "heading": SCRIPT,
                    "text": hostile_contentstate(),
                    "articles": list_block([]),
                    "exercises": list_block([]),
                },
            ),
        ],
    )
    response = superuser_client.post(edit_page_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    rich_text = [
        article.body[0].value.source,
        article.body[2].value["text"].source,
    ]
    for source in rich_text:
        # Wagtail's editor whitelist: the link lost its javascript: URL, the text is escaped.
        assert "javascript:" not in source
        assert "<script>" not in source and "<img" not in source
    html = rendered(Client(), "/articles/edited/")
    assert_safe(html, "edited article")
    assert "click" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, harmlessly
