"""Pages for visitors that are not Wagtail pages: the home-care routine."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe


@require_safe
def routine(request):
    """/routine/: the exercises this visitor saved, read by static/js/routine.js from her own
    browser's storage. The server knows nothing about them, so the page is the same for everyone
    (and safe to cache); without JavaScript it explains what the routine is and links to the
    exercises."""
    return TemplateResponse(request, "home/routine.html", {"seo_noindex": True})
