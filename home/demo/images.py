"""Pictures for the demo, drawn with Pillow so nothing is downloaded."""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

# Warm, calm palettes (top colour, bottom colour, accent) in keeping with the clinic's name.
PALETTES = [
    ((246, 214, 170), (196, 112, 74), (255, 244, 222)),
    ((236, 226, 208), (142, 160, 132), (250, 240, 214)),
    ((250, 222, 196), (170, 96, 110), (255, 236, 210)),
    ((222, 232, 236), (96, 128, 150), (248, 236, 206)),
    ((244, 232, 200), (184, 140, 72), (255, 250, 236)),
    ((238, 218, 206), (122, 96, 132), (252, 232, 208)),
]


def _gradient(size, top, bottom):
    """A vertical gradient, built from Pillow's native ramp (fast, no per-pixel Python)."""
    mask = PILImage.linear_gradient("L").resize(size)
    return PILImage.composite(
        PILImage.new("RGB", size, bottom), PILImage.new("RGB", size, top), mask
    )


def hero_jpeg(variant: int, size=(1600, 900)) -> bytes:
    """A soft landscape: gradient sky, a low moon, rolling hills."""
    top, bottom, accent = PALETTES[variant % len(PALETTES)]
    # Draw small and scale up: soft edges for free, and quick.
    small = (size[0] // 4, size[1] // 4)
    canvas = _gradient(small, top, bottom)
    draw = ImageDraw.Draw(canvas)
    width, height = small
    moon_x = width * (0.2 + 0.12 * (variant % 5))
    moon_r = height * 0.16
    draw.ellipse(
        [moon_x - moon_r, height * 0.3 - moon_r, moon_x + moon_r, height * 0.3 + moon_r],
        fill=accent,
    )
    for layer in range(3):
        shade = tuple(max(0, int(c * (0.75 - 0.12 * layer))) for c in bottom)
        base = height * (0.62 + 0.12 * layer)
        offset = (variant * 37 + layer * 53) % width
        draw.ellipse(
            [offset - width * 0.7, base, offset + width * 0.7, base + height * 0.9], fill=shade
        )
        draw.ellipse(
            [offset + width * 0.1, base + 8, offset + width * 1.5, base + height], fill=shade
        )
    canvas = canvas.filter(ImageFilter.GaussianBlur(2)).resize(size, PILImage.Resampling.BICUBIC)
    return _jpeg(canvas)


def portrait_jpeg(initials: str, size=(800, 800)) -> bytes:
    """A warm square with the practitioner's initials, until she uploads a real photo."""
    top, bottom, accent = PALETTES[0]
    canvas = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(canvas)
    margin = size[0] * 0.14
    draw.ellipse([margin, margin, size[0] - margin, size[1] - margin], fill=(120, 62, 40))
    font = ImageFont.load_default(size=size[0] // 4)
    draw.text((size[0] / 2, size[1] / 2), initials, fill=accent, font=font, anchor="mm")
    return _jpeg(canvas)


def exercise_jpeg(variant: int, size=(1200, 800)) -> bytes:
    """A simple figure-like card for an exercise: head, shoulders and an arc of movement."""
    top, bottom, accent = PALETTES[variant % len(PALETTES)]
    canvas = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(canvas)
    cx, cy = size[0] / 2, size[1] / 2
    figure = (90, 56, 44)
    draw.ellipse([cx - 70, cy - 230, cx + 70, cy - 90], fill=figure)
    draw.rounded_rectangle([cx - 210, cy - 60, cx + 210, cy + 260], radius=120, fill=figure)
    draw.arc([cx - 320, cy - 330, cx + 320, cy + 110], start=200, end=340, fill=accent, width=14)
    return _jpeg(canvas)


def _jpeg(image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def get_or_create_image(title: str, filename: str, make_bytes):
    """The image with this title, creating it from make_bytes() the first time.

    make_bytes is only called when the image is missing, so re-runs draw nothing.
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    data = make_bytes()
    image = Image(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(BytesIO(data), name=filename),
        file_size=len(data),
        # Wagtail's duplicate detection compares SHA-1 hashes of the file contents.
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    return image, True
