"""Counting searches in Wagtail's query log (the admin's "most searched" report and editor's
picks read it) with one write per search, and pruning the log (``prune_search_log``)."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits


def add_hit(queryset, **identity):
    """Add one to the ``hits`` of the row ``identity`` picks out, creating it with one hit if
    it does not exist yet. The usual case, a row that exists, is a single UPDATE."""
    if queryset.filter(**identity).update(hits=F("hits") + 1):
        return
    # get_or_create: a concurrent first search may have created the row in the meantime.
    _, created = queryset.get_or_create(**identity, defaults={"hits": 1})
    if not created:
        queryset.filter(**identity).update(hits=F("hits") + 1)


def count_search(query_string):
    """The Query record for ``query_string``, with today's hit counted (what Wagtail's
    ``Query.get(q).add_hit()`` does, without reading the daily row first)."""
    record = Query.get(query_string)
    # The same date Wagtail's add_hit() uses, so its reports and ours agree.
    add_hit(QueryDailyHits.objects.all(), query=record, date=timezone.now().date())
    return record


def prune_search_log(days, dry_run=False):
    """Delete the log's daily counts older than ``days`` days (today is day 1), and the search
    terms that are left with no count and no promoted result (editor's picks hang off a term,
    so those stay). Returns how many rows of each went (or would go, with ``dry_run``)."""
    from .models import ZeroResultSearch

    oldest_kept = timezone.localdate() - datetime.timedelta(days=days - 1)
    with transaction.atomic():
        daily_hits = QueryDailyHits.objects.filter(date__lt=oldest_kept)
        zero_results = ZeroResultSearch.objects.filter(date__lt=oldest_kept)
        removed = {"daily_hits": daily_hits.count(), "zero_results": zero_results.count()}
        if not dry_run:
            daily_hits.delete()
            zero_results.delete()
        # Terms whose every count is old (or, in a dry run, about to be).
        recent = QueryDailyHits.objects.filter(date__gte=oldest_kept).values("query_id")
        unused = Query.objects.filter(editors_picks__isnull=True).exclude(pk__in=recent)
        removed["queries"] = unused.count()
        if not dry_run:
            unused.delete()
    return removed
