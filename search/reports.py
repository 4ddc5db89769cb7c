"""What visitors searched for: shared by the admin report and the dashboard panel."""

import datetime

from django.db.models import Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import QueryDailyHits

from .models import ZeroResultSearch


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=max(int(days), 1) - 1)


def top_search_terms(days=30, limit=10):
    """[{"term": "stiff neck", "count": 12}, ...]: the most searched terms, most first."""
    rows = (
        QueryDailyHits.objects.filter(date__gte=_since(days))
        .values("query__query_string")
        .annotate(total=Sum("hits"))
        .order_by("-total", "query__query_string")[:limit]
    )
    return [{"term": row["query__query_string"], "count": row["total"]} for row in rows]


def zero_result_terms(days=30, limit=10):
    """[{"term": "sciatica", "count": 3}, ...]: terms that found nothing, most searched first."""
    rows = (
        ZeroResultSearch.objects.filter(date__gte=_since(days))
        .values("query_string")
        .annotate(total=Sum("hits"))
        .order_by("-total", "query_string")[:limit]
    )
    return [{"term": row["query_string"], "count": row["total"]} for row in rows]
