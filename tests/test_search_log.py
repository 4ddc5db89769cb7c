"""The search query log is pruned by `manage.py prune_search_log`, so it cannot grow forever."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.models import ZeroResultSearch
from search.reports import top_search_terms

pytestmark = pytest.mark.django_db


def searched(term, days_ago, hits=1):
    query = Query.get(term)
    date = timezone.localdate() - datetime.timedelta(days=days_ago)
    QueryDailyHits.objects.create(query=query, date=date, hits=hits)
    return query


def prune(*args):
    out = StringIO()
    call_command("prune_search_log", *args, stdout=out)
    return out.getvalue()


def test_old_counts_and_terms_go_recent_ones_stay():
    searched("neck", days_ago=0)
    searched("neck", days_ago=200)  # same term, an old day: only that day's count goes
    searched("sciatica", days_ago=120)  # searched only long ago: the term goes too
    searched("posture", days_ago=89)  # day 90 counting today: kept by the default
    ZeroResultSearch.objects.create(query_string="plantar", date=timezone.localdate(), hits=2)
    ZeroResultSearch.objects.create(
        query_string="fasciitis", date=timezone.localdate() - datetime.timedelta(days=95), hits=1
    )

    output = prune()

    assert sorted(Query.objects.values_list("query_string", flat=True)) == ["neck", "posture"]
    assert QueryDailyHits.objects.count() == 2
    assert list(ZeroResultSearch.objects.values_list("query_string", flat=True)) == ["plantar"]
    assert "Deleted 2 daily search counts, 1 daily counts of searches that found nothing" in output
    assert "1 search terms" in output
    # The admin report still has what it shows.
    assert [row["term"] for row in top_search_terms(days=30)] == ["neck"]


def test_a_term_with_a_promoted_result_is_never_deleted(site):
    query = searched("crick", days_ago=400)
    SearchPromotion.objects.create(query=query, page=site.articles, description="Start here")
    prune()
    assert Query.objects.filter(query_string="crick").exists()
    assert SearchPromotion.objects.count() == 1
    assert not QueryDailyHits.objects.exists()


def test_days_option_and_dry_run():
    searched("neck", days_ago=40)
    assert "Would delete 1 daily search counts" in prune("--days", "30", "--dry-run")
    assert QueryDailyHits.objects.count() == 1 and Query.objects.count() == 1
    prune("--days", "30")
    assert not QueryDailyHits.objects.exists() and not Query.objects.exists()
    searched("neck", days_ago=40)
    prune("--days", "45")
    assert QueryDailyHits.objects.count() == 1


def test_refuses_to_cut_into_the_report():
    with pytest.raises(CommandError, match="at least 30"):
        prune("--days", "7")
