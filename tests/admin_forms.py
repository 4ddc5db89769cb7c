"""POST data for the Wagtail admin's page and snippet forms, in the shape the editor submits.

Built on wagtail.test.utils.form_data (nested_form_data, streamfield, inline_formset,
rich_text). Each ``*_form`` helper returns the *value* of one StreamField child in form
shape (a tuple ``(block_type, value)`` for ``streamfield([...])``)::

    data = article_form_data("Sore neck", body=[paragraph_form("<p>Hi</p>")])
    client.post(add_page_url(ArticlePage, index), data)
"""

import datetime

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.blocks import RICH_TEXT_FEATURES


def add_page_url(page_model, parent):
    meta = page_model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def edit_page_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def list_block(values):
    """A ListBlock's form data: one item per value (a pk, text...)."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def paragraph_form(html):
    return ("paragraph", rich_text(html, features=RICH_TEXT_FEATURES))


def heading_form(text):
    return ("heading", {"text": text})


def image_form(image, alt_text, caption=""):
    return ("image", {"image": str(image.pk), "alt_text": alt_text, "caption": caption})


def quote_form(quote, attribution=""):
    return ("quote", {"quote": quote, "attribution": attribution})


def video_form(url, title, caption="", start_time="", transcript="", poster=None):
    return (
        "video",
        {
            "url": url,
            "title": title,
            "caption": caption,
            "start_time": start_time,
            "transcript": transcript,
            "poster": str(poster.pk) if poster else "",
        },
    )


def exercise_form(exercise, note=""):
    return ("exercise", {"exercise": str(exercise.pk), "note": note})


def callout_form(kind, heading="", text="", articles=(), exercises=()):
    return (
        "callout",
        {
            "kind": kind,
            "heading": heading,
            # An empty Draftail editor posts "null".
            "text": rich_text(text, features=RICH_TEXT_FEATURES) if text else "null",
            "articles": list_block([str(page.pk) for page in articles]),
            "exercises": list_block([str(exercise.pk) for exercise in exercises]),
        },
    )


def update_form(date, heading, body):
    """``body`` is a list of paragraph/video/exercise/callout/image ``*_form`` tuples."""
    if isinstance(date, datetime.date):
        date = date.isoformat()
    return ("update", {"date": date, "heading": heading, "body": streamfield(body)})


def article_form_data(
    title,
    body,
    slug="",
    summary="A short summary for lists and search engines.",
    author=None,
    body_areas=(),
    related=(),
    publish=True,
):
    """Everything the ArticlePage add/edit form posts, with ``related`` articles in order."""
    from django.utils.text import slugify

    data = nested_form_data(
        {
            "title": title,
            "slug": slug or slugify(title),
            "summary": summary,
            "author": str(author.pk) if author else "",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(body),
            "related_links": inline_formset([{"article": str(page.pk)} for page in related]),
            "seo_title": "",
            "search_description": "",
            "last_reviewed": "",
        }
    )
    data["body_areas"] = [str(area.pk) for area in body_areas]
    if publish:
        data["action-publish"] = "action-publish"
    return data


def simple_page_form_data(title, slug, publish=True, **fields):
    """HomePage / ArticleIndexPage / ExerciseLibraryPage: title, slug, intro and friends.

    HomePage also needs its inline panels: pass ``featured_articles=inline_formset([])`` etc.
    """
    data = nested_form_data({"title": title, "slug": slug, "seo_title": "", **fields})
    if publish:
        data["action-publish"] = "action-publish"
    return data


def home_page_form_data(title="Welcome", slug="home", publish=True):
    return simple_page_form_data(
        title,
        slug,
        publish=publish,
        intro=rich_text("<p>Welcome to the clinic.</p>"),
        call_to_action=rich_text("<p>Book a massage.</p>"),
        featured_articles=inline_formset([]),
        featured_exercises=inline_formset([]),
        testimonials=inline_formset([]),
        services=streamfield([]),
    )


def exercise_form_data(name, slug, video=(), steps=(), body_areas=(), publish=True, **fields):
    """What the Exercise snippet's create/edit form posts."""
    values = {
        "name": name,
        "slug": slug,
        "summary": f"{name} eases a stiff neck.",
        "video": streamfield(list(video)),
        # A step is its text, or a dict with its text and time in the video.
        "steps": streamfield(
            [("step", step if isinstance(step, dict) else {"text": step}) for step in steps]
        ),
        "hold_seconds": "20",
        "repetitions": "3",
        "sets": "1",
        "frequency": "Twice a day",
        "difficulty": "gentle",
        "equipment": "",
        "cautions": rich_text("<p>Stop if it hurts.</p>"),
        "progress_test": "null",
        "image": "",
        "last_reviewed": "",
        **fields,
    }
    data = nested_form_data(values)
    data["body_areas"] = [str(area.pk) for area in body_areas]
    if publish:
        data["action-publish"] = "action-publish"
    return data
