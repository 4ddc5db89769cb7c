"""Builders for the home-programme tests: a plan with exercises, and reading a QR code back."""

import datetime
import re

from django.utils import timezone

from plans.models import Plan, PlanArticle, PlanExercise

from .factories import ExerciseFactory


def make_plan(exercises=None, articles=(), **fields):
    """A saved, active plan for "Dana" with the given exercises (two new ones by default).
    ``exercises`` may hold (exercise, {override fields}) pairs."""
    today = timezone.localdate()
    values = {
        "title": "Stiff neck starter",
        "client_label": "Dana",
        "note": "<p>Little and often.</p>",
        "starts_on": today,
        "expires_on": today + datetime.timedelta(weeks=8),
        **fields,
    }
    plan = Plan.objects.create(**values)
    if exercises is None:
        exercises = [
            ExerciseFactory(name="Chin Tucks", frequency="Twice a day"),
            ExerciseFactory(name="Wall Angels", frequency="3 times a week"),
        ]
    for order, entry in enumerate(exercises):
        exercise, overrides = entry if isinstance(entry, tuple) else (entry, {})
        PlanExercise.objects.create(plan=plan, exercise=exercise, sort_order=order, **overrides)
    for order, page in enumerate(articles):
        PlanArticle.objects.create(plan=plan, page=page, sort_order=order)
    return plan


def svg_qr_to_image(svg, scale=8):
    """Draw segno's SVG (one path of horizontal runs: "M x y h n m dx dy ...") as a picture, so
    the QR code shown on a page can be decoded as a phone would."""
    from PIL import Image, ImageDraw

    width = int(re.search(r'width="(\d+)"', svg)[1])
    path_scale = float(re.search(r"scale\((\d+(?:\.\d+)?)\)", svg)[1])
    path = re.search(r' d="([^"]+)"', svg)[1]
    size = int(width / path_scale)
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(
        r"([MmHhVv])\s*(-?\d+(?:\.\d+)?)(?:\s+(-?\d+(?:\.\d+)?))?", path
    ):
        a = float(a)
        if command == "M":
            x, y = a, float(b)
        elif command == "m":
            x, y = x + a, y + float(b)
        elif command == "h":
            top = int(y - 0.5) * scale
            draw.rectangle([x * scale, top, (x + a) * scale - 1, top + scale - 1], fill=0)
            x += a
        else:
            raise AssertionError(f"unexpected SVG path command {command}")
    return image


def decode_qr(image):
    import zxingcpp

    results = zxingcpp.read_barcodes(image)
    return [result.text for result in results]
