"""Plain Django views the page tree has no place for: body-area pages and the routine."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_safe

from articles.models import ArticlePage
from core.models import BodyArea
from core.pagination import paginate
from exercises.models import Exercise


@require_GET
def body_area_page(request, slug):
    """/areas/<slug>/: every published article and exercise for one body area."""
    area = get_object_or_404(BodyArea, slug=slug)
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(body_areas=area)
        .listing()
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )
    page_obj = paginate(request, articles, per_page=12)
    exercises = Exercise.objects.live().filter(body_areas=area).listing()
    return TemplateResponse(
        request,
        "home/body_area_page.html",
        {
            "area": area,
            "articles": page_obj,
            "page_obj": page_obj,
            "exercises": exercises,
            "body_areas": BodyArea.objects.all(),
        },
    )


@require_safe
def routine(request):
    """/routine/: the exercises this visitor saved, read by static/js/routine.js from her own
    browser's storage. The server knows nothing about them, so the page is the same for everyone
    (and safe to cache); without JavaScript it explains what the routine is and links to the
    exercises."""
    return TemplateResponse(request, "home/routine.html", {"seo_noindex": True})
