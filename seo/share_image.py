"""The picture a link preview shows when an article or exercise has no photo of its own.

Drawn here with Pillow (clinic name + title on the site's colours), 1200x630 as OpenGraph and
Twitter expect. Rendered on first request and kept in the cache under a key made of exactly what
is drawn, so a new title or clinic name draws a new picture and nothing else ever does.
"""

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe
from PIL import Image, ImageDraw, ImageFont

from .meta import SHARE_IMAGE_SIZE

# Colours from static/css/site.css, so a shared link looks like the site.
BACKGROUND = (38, 43, 61)  # --night
ACCENT = (242, 185, 94)  # --moon
TEXT = (247, 236, 217)  # --moon-light
MUTED = (214, 208, 200)

FONT_FILES = {
    "bold": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    ],
    "regular": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ],
}
CACHE_SECONDS = 60 * 60 * 24 * 30
DRAWING_VERSION = "1"


@lru_cache(maxsize=16)
def _font(weight, size):
    for path in FONT_FILES[weight]:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    # Pillow's own font: always there, so a server without system fonts still draws text.
    return ImageFont.load_default(size)


def _wrap(draw, text, font, width, max_lines):
    """Greedy word wrap; the last line gets an ellipsis when the text does not fit."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def render_share_image(title, clinic_name, subtitle="", footer=""):
    """PNG bytes: the clinic's name, a rule, the title in large type, an optional subtitle and
    a footer line (the phone number), with a moon in the corner."""
    width, height = SHARE_IMAGE_SIZE
    margin = 80
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 24, height], fill=ACCENT)
    name_font = _font("regular", 34)
    draw.text((margin, margin - 10), clinic_name, font=name_font, fill=MUTED)
    draw.line([margin, margin + 48, margin + 160, margin + 48], fill=ACCENT, width=5)
    # A crescent moon: a full disc with a background-coloured disc bitten out of it.
    cx, cy, r = width - margin - 70, margin + 60, 70
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ACCENT)
    draw.ellipse([cx - r + 34, cy - r - 14, cx + r + 34, cy + r - 14], fill=BACKGROUND)
    if footer:
        footer_font = _font("regular", 30)
        draw.text((margin, height - margin - 10), footer, font=footer_font, fill=ACCENT)

    size, lines = 76, []
    for size in (76, 66, 58, 50):
        title_font = _font("bold", size)
        lines = _wrap(draw, title, title_font, width - 2 * margin - 120, max_lines=4)
        if len(lines) <= 3:
            break
    title_font = _font("bold", size)
    y = margin + 130 if len(lines) < 3 else margin + 100
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=TEXT)
        y += int(size * 1.25)
    if subtitle:
        sub_font = _font("regular", 32)
        for line in _wrap(draw, subtitle, sub_font, width - 2 * margin, max_lines=2):
            if y + 50 > height - margin + 30:
                break
            draw.text((margin, y + 20), line, font=sub_font, fill=MUTED)
            y += 44
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def cached_share_image(title, clinic_name, subtitle="", footer=""):
    key_source = "\x1f".join([DRAWING_VERSION, title, clinic_name, subtitle, footer])
    key = "share-image:" + hashlib.sha256(key_source.encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        png = render_share_image(title, clinic_name, subtitle, footer)
        cache.set(key, png, CACHE_SECONDS)
    return png, key


def _clinic(request):
    from core.models import ClinicSettings

    return ClinicSettings.for_request(request)


def _png_response(request, title, subtitle=""):
    clinic = _clinic(request)
    clinic_name = clinic.clinic_name or "Harvest Moon Massage Therapy"
    footer = f"Call {clinic.phone}" if clinic.phone else ""
    png, key = cached_share_image(title, clinic_name, subtitle, footer)
    etag = f'"{key.rsplit(":", 1)[1][:32]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def share_image(request, kind, pk):
    """/share/article/<id>.png and /share/exercise/<id>.png, for live public content only."""
    from articles.models import ArticlePage
    from exercises.models import Exercise

    if kind == "article":
        page = ArticlePage.objects.live().public().filter(pk=pk).first()
        if page is None:
            raise Http404("No such article")
        return _png_response(request, page.title, "Self-care article")
    if kind == "exercise":
        exercise = Exercise.objects.live().filter(pk=pk).first()
        if exercise is None:
            raise Http404("No such exercise")
        return _png_response(request, exercise.name, "Exercise to try at home")
    raise Http404("No such share image")


@require_safe
def site_share_image(request):
    clinic = _clinic(request)
    return _png_response(request, clinic.tagline or "Massage therapy and self-care")
