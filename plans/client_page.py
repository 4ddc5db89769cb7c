"""What the client's page, its printable sheet and the admin preview show about a plan.

Shared by the public views and ``Plan.get_preview_context``: the preview renders an unsaved plan
straight from the editor's form, so everything here reads the plan's in-memory relations.
"""

import datetime
import hashlib

from django.conf import settings
from django.utils import timezone

from articles.models import ArticlePage

CHECKINS_PER_DAY = 3
SHEET_LOG_DAYS = 14


def checkins_per_day():
    return getattr(settings, "CLINIC_PLAN_CHECKINS_PER_DAY", CHECKINS_PER_DAY)


def storage_key(plan):
    """The key "Done today" ticks are kept under in the client's browser: derived from the token
    (so two plans on one phone never mix), but not the token itself."""
    return "plan-" + hashlib.sha256(f"ticks|{plan.token}".encode()).hexdigest()[:16]


def readable_articles(plan):
    """The plan's articles that are published and public, in her order."""
    ids = [item.page_id for item in plan.plan_articles.all() if item.page_id]
    if not ids:
        return []
    found = {page.pk: page for page in ArticlePage.objects.live().public().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def plan_page_context(request, plan, preview=False):
    items = [item for item in plan.plan_exercises.all() if item.exercise_id]
    return {
        "plan": plan,
        "items": items,
        "articles": readable_articles(plan),
        "is_preview": preview,
        "storage_key": storage_key(plan),
        "comment_max_length": 280,
        "feelings": range(11),
        "checkins_per_day": checkins_per_day(),
        "seo_noindex": True,
    }


def sheet_log_days(plan, today=None):
    """The fourteen dates of the sheet's tick-box log, from the plan's start (or today)."""
    start = max(plan.starts_on, today or timezone.localdate())
    return [start + datetime.timedelta(days=offset) for offset in range(SHEET_LOG_DAYS)]
