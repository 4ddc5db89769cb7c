"""Image uploads in the admin: wrong type, too big or too many pixels gets a clear message."""

import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

Image = get_image_model()

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


def png_bytes(width, height, mode="RGB", noisy=False):
    picture = PILImage.new(mode, (width, height), 0)
    if noisy:  # random pixels do not compress, so the file is big
        noise = random.Random(6).randbytes(width * height * 3)
        picture = PILImage.frombytes("RGB", (width, height), noise)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(width=40, height=30):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(out, "JPEG")
    return out.getvalue()


def upload(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Upload test",
            "collection": str(Collection.get_first_root_node().pk),
            "file": SimpleUploadedFile(name, content, content_type=content_type),
        },
    )


def upload_multiple(client, name, content, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def assert_refused(response, message):
    assert response.status_code in {200, 400}, response.status_code
    text = response.content.decode()
    assert message in text, text[:3000]
    assert not Image.objects.exists()


def test_a_good_image_is_accepted(superuser_client):
    response = upload(superuser_client, "neck.jpg", jpeg_bytes(), "image/jpeg")
    assert response.status_code == 302
    assert Image.objects.count() == 1


def test_oversized_file_is_refused(superuser_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2000
    content = png_bytes(120, 120, noisy=True)
    assert len(content) > 2000
    assert_refused(upload(superuser_client, "big.png", content), "This file is too big")


def test_too_many_pixels_is_refused(superuser_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    assert_refused(
        upload(superuser_client, "wide.png", png_bytes(20, 20)), "This file has too many pixels"
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_decompression_bomb_is_refused_with_default_limits(superuser_client):
    """A tiny file that would unpack to 100 million pixels (the limit is 40 million)."""
    content = png_bytes(10_000, 10_000, mode="1")
    assert len(content) < 1024 * 1024
    assert_refused(upload(superuser_client, "bomb.png", content), "too many pixels")


def test_a_text_file_named_jpg_is_refused(superuser_client):
    assert_refused(
        upload(superuser_client, "photo.jpg", b"Not a picture at all, just words.", "image/jpeg"),
        "Upload a valid image",
    )


def test_a_png_named_jpg_is_refused(superuser_client):
    assert_refused(
        upload(superuser_client, "photo.jpg", png_bytes(10, 10), "image/jpeg"),
        "Not a valid .jpeg image",
    )


def test_a_truncated_jpeg_is_refused(superuser_client):
    assert_refused(
        upload(superuser_client, "cut.jpg", jpeg_bytes()[:40], "image/jpeg"),
        "Upload a valid image",
    )


def test_svg_is_refused(superuser_client):
    assert_refused(
        upload(superuser_client, "drawing.svg", SVG, "image/svg+xml"),
        "Not a supported image format",
    )


def test_svg_renamed_png_is_refused(superuser_client):
    response = upload(superuser_client, "drawing.png", SVG)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_empty_file_is_refused(superuser_client):
    assert_refused(upload(superuser_client, "empty.png", b""), "The submitted file is empty")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.svg", SVG, "Not a supported image format"),
        ("photo.jpg", b"plain words", "Upload a valid image"),
    ],
)
def test_the_multiple_uploader_refuses_with_a_message_too(superuser_client, name, content, message):
    response = upload_multiple(superuser_client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert not Image.objects.exists()


def test_an_editor_without_image_permission_cannot_upload(client, django_user_model):
    user = django_user_model.objects.create_user("visitor-ish", password="x")
    client.force_login(user)
    response = upload(client, "neck.jpg", jpeg_bytes(), "image/jpeg")
    assert response.status_code in {302, 403}
    assert not Image.objects.exists()
