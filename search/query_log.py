"""Counting searches in Wagtail's query log (the admin's "most searched" report and editor's
picks read it) with one write per search."""

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
