"""A newly uploaded image gets its renditions when it is saved, in the editor's request, so a
visitor's first view of a page showing it draws none."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model

from core.renditions import site_specs, specs_in_template

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    exercise_block,
    image_block,
    video_block,
)

Image = get_image_model()


def png(width=640, height=400):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def rendition_count():
    return Image.get_rendition_model().objects.count()


@pytest.fixture
def uploaded(editor_client, django_capture_on_commit_callbacks):
    """An image uploaded through the admin, as the therapist does it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/images/add/", {"title": "Shoulder stretch", "file": png(), "collection": 1}
        )
    assert response.status_code == 302, response.content[:1000]
    return Image.objects.get(title="Shoulder stretch")


def test_uploading_an_image_makes_every_rendition_the_templates_use(uploaded):
    made = set(uploaded.renditions.values_list("filter_spec", flat=True))
    assert made >= set(site_specs())


def test_a_visitor_s_first_view_draws_no_rendition(site, uploaded):
    exercise = ExerciseFactory(name="Doorway Stretch", image=uploaded)
    article = ArticlePageFactory(
        parent=site.articles,
        title="Open up the chest",
        hero_image=uploaded,
        hero_image_alt="A doorway stretch",
        body=[
            image_block(uploaded),
            video_block(title="Doorway Stretch", poster=uploaded),
            exercise_block(exercise),
        ],
    )
    before = rendition_count()
    for path in (article.url, "/articles/", "/", exercise.get_url(), "/exercises/"):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert rendition_count() == before, f"{path} drew a rendition"


def test_template_specs_are_read_as_wagtail_names_them():
    text = (
        '{% picture page.hero_image format-{avif,jpeg} width-{480,800} sizes="(min-width: 5rem) '
        '4rem, 100vw" alt="" %}{% image value.image fill-96x96 class="x" %}'
        "{% srcset_image photo width-{200,400} as img %}"
    )
    assert specs_in_template(text) == [
        "format-avif|width-480",
        "format-avif|width-800",
        "format-jpeg|width-480",
        "format-jpeg|width-800",
        "fill-96x96",
        "width-200",
        "width-400",
    ]
