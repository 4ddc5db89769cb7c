"""Site search. A first version: published, public articles and exercises by relevance."""

from django.template.response import TemplateResponse

from articles.models import ArticlePage
from exercises.models import Exercise
from home.pagination import paginate

MAX_QUERY_LENGTH = 200


def search(request):
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    results = []
    if query:
        articles = list(ArticlePage.objects.live().public().search(query)[:50])
        exercises = list(Exercise.objects.live().search(query)[:50])
        results = articles + exercises
    page_obj = paginate(request, results, per_page=10)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results": page_obj, "page_obj": page_obj},
    )
