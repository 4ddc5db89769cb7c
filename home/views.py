"""Plain Django views the page tree has no place for: body-area pages and robots.txt."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from home.models import BodyArea
from home.pagination import paginate


@require_GET
def body_area_page(request, slug):
    """/areas/<slug>/: every published article and exercise for one body area."""
    from articles.models import ArticlePage
    from exercises.models import Exercise

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


@require_GET
def robots_txt(request):
    """Crawlers may read everything but the admin and search results; here is the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
