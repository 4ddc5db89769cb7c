"""/favicon.ico and /manifest.webmanifest: the site's icon where browsers look for it without
being told, and the web app manifest for "Add to Home Screen". The icons are files in
static/icons/, drawn by home/demo/app_icons.py."""

import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .models import ClinicSettings

DEFAULT_NAME = "Harvest Moon Massage Therapy"
NIGHT = "#262b3d"
PAPER = "#fbf7f2"


@cache
def _favicon_bytes():
    path = finders.find("icons/favicon.ico")
    if not path:
        return None
    with open(path, "rb") as icon:
        return icon.read()


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    data = _favicon_bytes()
    if data is None:
        raise Http404("No favicon")
    return HttpResponse(data, content_type="image/x-icon")


def short_name(name):
    """Up to 12 characters for the home-screen label: the name's first words that fit."""
    words, label = name.split(), ""
    for word in words:
        candidate = f"{label} {word}".strip()
        if len(candidate) > 12:
            break
        label = candidate
    return label or name[:12]


@require_safe
@cache_control(public=True, max_age=3600)
def web_manifest(request):
    clinic = ClinicSettings.for_request(request)
    name = clinic.clinic_name or DEFAULT_NAME
    manifest = {
        "name": name,
        "short_name": short_name(name),
        "description": clinic.tagline or "Self-care articles and exercises between appointments.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": PAPER,
        "theme_color": NIGHT,
        "icons": [
            {"src": static("icons/icon.svg"), "type": "image/svg+xml", "sizes": "any"},
            {"src": static("icons/icon-192.png"), "type": "image/png", "sizes": "192x192"},
            {"src": static("icons/icon-512.png"), "type": "image/png", "sizes": "512x512"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "type": "image/png",
                "sizes": "512x512",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(json.dumps(manifest, indent=2), content_type="application/manifest+json")
