"""Query budgets for uncached pages (speed figures themselves are in benchmarks/pages.py): an
article like the seed one (photo, author, videos, exercises, a read-next callout, picks) costs at
most 20 SQL queries when the page cache misses but nothing changed, at any corpus size and with
private pages in it (never more than with 5); /articles/ likewise."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from . import cache_support
from .factories import ExerciseFactory, ImageFactory
from .test_related import build_corpus

remembering = cache_support.remembering
BUDGET = 20


def queries(path):
    client = Client()
    client.get(path)  # the first view after a change works out what is then remembered
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_an_uncached_article_stays_within_budget_at_any_size(remembering, site):
    exercises = [
        ExerciseFactory(name=f"Exercise {n}", body_areas=[site.areas["neck"]]) for n in range(6)
    ]
    image = ImageFactory()
    small = build_corpus(site, 5, exercises, image)
    article, index = small[-1].url, site.articles.url
    few, few_index = queries(article), queries(index)
    assert few <= BUDGET

    more = build_corpus(site, 35, exercises, image, start=5)
    PageViewRestriction.objects.create(
        page=more[3], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert queries(article) <= few
    assert queries(index) <= few_index
