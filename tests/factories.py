"""Builders for test data: body areas, practitioners, images, exercises and every page type.

Plain factory_boy rather than wagtail_factories' page factories: pages here need a parent
(``parent=...``) and a real publish (``save_revision().publish()``, which sets
``first_published_at`` and a live revision like the admin does). Pass ``publish=False`` for a
draft that was never published.

The ``*_block`` helpers return StreamField data in the raw JSON shape Wagtail stores
(``{"type": ..., "value": ...}``), so they can be assigned straight to a StreamField::

    ArticlePageFactory(parent=index, body=[paragraph_block("<p>Hi</p>"), video_block()])

For admin form POST data use ``tests/admin_forms.py`` instead.

Pages and exercises are indexed (search, references) once, from their final rows, instead of
once per save (``tests/index_updates.py``).
"""

import datetime
import uuid

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Collection

from articles.models import ArticleIndexPage, ArticlePage, RelatedArticle
from core.models import BodyArea, ClinicSettings, Practitioner
from exercises.models import Exercise, ExerciseLibraryPage
from home.models import HomePage

from .index_updates import index_once

YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
VIMEO_URL = "https://vimeo.com/76979871"


# --- snippets and small models -------------------------------------------------------------


class BodyAreaFactory(DjangoModelFactory):
    """A body area; ``BodyAreaFactory(name="Neck")`` gets slug ``neck``. Reuses an existing slug."""

    class Meta:
        model = BodyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    sort_order = factory.Sequence(lambda n: n)


class PractitionerFactory(DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = "Sharon Bryant"
    role = "Licensed massage therapist"
    credentials = "LMT"
    bio = "<p>Sharon has helped sore necks and backs in Decatur for years.</p>"


class ImageFactory(DjangoModelFactory):
    """A small PNG drawn by Pillow in the root collection: no file from disk, no network."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Test image {n}")
    file = factory.django.ImageField(width=80, height=60, color="teal", filename="test.png")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class ExerciseFactory(DjangoModelFactory):
    """An exercise snippet, published by default (``publish=False`` leaves an unpublished draft).

    ``body_areas=[area, ...]`` sets its areas before the revision is saved, so they survive
    publishing. ``video=[video_block(...)]`` and ``steps=[step_block(...)]`` take raw stream data.
    """

    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    summary = factory.LazyAttribute(lambda obj: f"{obj.name} loosens a stiff upper back.")
    video = factory.LazyFunction(lambda: [video_block(title="Exercise video")])
    steps = factory.LazyFunction(
        lambda: [step_block("Sit tall and drop your shoulders."), step_block("Turn slowly.")]
    )
    hold_seconds = 20
    repetitions = 3
    sets = 1
    frequency = "Twice a day"
    difficulty = "gentle"
    cautions = "<p>Stop if you feel tingling in your arm.</p>"
    progress_test = "<p>Turn your head both ways before and after.</p>"

    @classmethod
    def _create(cls, model_class, *args, publish=True, body_areas=(), **kwargs):
        with index_once():
            exercise = model_class(*args, live=False, **kwargs)
            exercise.body_areas = list(body_areas)
            exercise.save()
            revision = exercise.save_revision()
            if publish:
                revision.publish()
        if publish:
            exercise.refresh_from_db()
        return exercise


# --- pages ----------------------------------------------------------------------------------


class PageFactoryBase(DjangoModelFactory):
    """Adds the page under ``parent`` and publishes it unless ``publish=False``.

    ``body_areas`` and ``related`` (a list of ArticlePages) are set before the revision is
    saved, exactly as the admin would, so they survive publishing.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))

    @classmethod
    def _create(
        cls, model_class, *args, parent=None, publish=True, body_areas=(), related=(), **kwargs
    ):
        if parent is None:
            raise ValueError(f"{cls.__name__} needs parent=<page>")
        with index_once():
            page = model_class(*args, live=False, **kwargs)
            if body_areas:
                page.body_areas = list(body_areas)
            if related:
                page.related_links = [RelatedArticle(article=article) for article in related]
            parent.add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
        return model_class.objects.get(pk=page.pk)


class HomePageFactory(PageFactoryBase):
    class Meta:
        model = HomePage

    title = "Harvest Moon Massage Therapy"
    slug = "home"
    intro = "<p>Welcome to the clinic. Sore neck? Start here.</p>"
    call_to_action = "<p>Ready for some hands-on help? Book a massage.</p>"


class ArticleIndexPageFactory(PageFactoryBase):
    class Meta:
        model = ArticleIndexPage

    title = "Articles"
    slug = "articles"
    intro = "<p>Self-care between appointments.</p>"


class ExerciseLibraryPageFactory(PageFactoryBase):
    class Meta:
        model = ExerciseLibraryPage

    title = "Exercises"
    slug = "exercises"
    intro = "<p>Gentle exercises you can do at home.</p>"


class ArticlePageFactory(PageFactoryBase):
    """An article with a short realistic body (paragraph, heading, video, safety callout)."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Help for a sore neck, part {n}")
    summary = "Three gentle videos and a few habits that ease a sore neck."
    body = factory.LazyFunction(
        lambda: [
            paragraph_block("<p>Most neck pain starts in the upper back.</p>"),
            heading_block("Start with the upper back"),
            video_block(title="Free Your Neck"),
            callout_block("safety"),
        ]
    )


# --- raw StreamField data -------------------------------------------------------------------


def _raw(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def paragraph_block(html="<p>A gentle paragraph.</p>"):
    return _raw("paragraph", html)


def heading_block(text="Why the upper back matters"):
    return _raw("heading", {"text": text})


def image_block(image, alt_text="A person rolling their shoulders", caption=""):
    return _raw("image", {"image": image.pk, "alt_text": alt_text, "caption": caption})


def quote_block(quote="I slept through the night again.", attribution="A client"):
    return _raw("quote", {"quote": quote, "attribution": attribution})


def video_block(
    url=YOUTUBE_URL, title="Free Your Neck", caption="", start_time="", transcript="", poster=None
):
    return _raw(
        "video",
        {
            "url": url,
            "title": title,
            "caption": caption,
            "start_time": start_time,
            "transcript": transcript,
            "poster": poster.pk if poster else None,
        },
    )


def exercise_block(exercise, note=""):
    """``exercise`` may be an Exercise or a bare pk (e.g. of one that no longer exists)."""
    pk = getattr(exercise, "pk", exercise)
    return _raw("exercise", {"exercise": pk, "note": note})


def callout_block(kind="tip", heading="", text="", articles=(), exercises=()):
    return _raw(
        "callout",
        {
            "kind": kind,
            "heading": heading,
            "text": text,
            "articles": [_raw("item", page.pk) for page in articles],
            "exercises": [_raw("item", exercise.pk) for exercise in exercises],
        },
    )


def update_block(date=datetime.date(2025, 3, 14), heading="Update", body=None):
    """A dated update; ``body`` is a list of paragraph/video/exercise/callout/image blocks."""
    if body is None:
        body = [paragraph_block("<p>One more thing I forgot to mention.</p>")]
    return _raw("update", {"date": date.isoformat(), "heading": heading, "body": body})


def step_block(text="Sit tall and let your shoulders drop."):
    return _raw("step", text)


def clinic_settings_for(site, **overrides):
    """The site's ClinicSettings with realistic contact details (overridable)."""
    values = {
        "clinic_name": "Harvest Moon Massage Therapy",
        "tagline": "Massage therapy in Decatur",
        "phone": "(404) 555-0142",
        "email": "hello@harvestmoon.example",
        "booking_url": "https://booking.example.com/harvest-moon",
        **overrides,
    }
    settings = ClinicSettings.for_site(site)
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings
