"""Dashboard panels for the therapist: new content in one click, her drafts, what is due for
review, what visitors search for.

Registered by ``construct_homepage_panels`` in home/wagtail_hooks.py. Each panel is a Wagtail
admin Component with its own template under templates/wagtailadmin/home/.
"""

import datetime
import logging

from django.db.models import Q
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from articles.models import ArticleIndexPage, ArticlePage
from exercises.models import Exercise
from search import reports

logger = logging.getLogger(__name__)

# Health information goes stale: anything not checked for a year is flagged. A year counts from
# the later of its last review and its first publication: writing it was its first check.
REVIEW_AFTER_DAYS = 365
REVIEW_AFTER_MONTHS = 12
PANEL_ROWS = 10


def exercise_edit_url(exercise):
    return reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])


def review_cutoff(today=None):
    return (today or timezone.localdate()) - datetime.timedelta(days=REVIEW_AFTER_DAYS)


class YourDraftsPanel(Component):
    """Articles, pages and exercises with changes she saved but has not published yet."""

    name = "clinic_your_drafts"
    template_name = "wagtailadmin/home/clinic_your_drafts.html"
    order = 90

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        mine = Q(owner=user) | Q(latest_revision__user=user)
        pages = (
            Page.objects.filter(has_unpublished_changes=True)
            .filter(mine)
            .distinct()
            .order_by("-latest_revision_created_at")[:PANEL_ROWS]
        )
        exercises = (
            Exercise.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
            .select_related("latest_revision")
            .order_by("-latest_revision__created_at")[:PANEL_ROWS]
        )
        drafts = [
            {
                "title": page.get_admin_display_title(),
                "kind": page.specific_class._meta.verbose_name if page.specific_class else "page",
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "saved_at": page.latest_revision_created_at,
                "live": page.live,
            }
            for page in pages
        ] + [
            {
                "title": exercise.name,
                "kind": "exercise",
                "edit_url": exercise_edit_url(exercise),
                "saved_at": exercise.latest_revision.created_at
                if exercise.latest_revision
                else None,
                "live": exercise.live,
            }
            for exercise in exercises
        ]
        epoch = timezone.make_aware(datetime.datetime(2000, 1, 1))
        drafts.sort(key=lambda draft: draft["saved_at"] or epoch, reverse=True)
        return {"drafts": drafts[:PANEL_ROWS]}


class DueForReviewPanel(Component):
    """Published articles and exercises nobody has checked for a year (or ever)."""

    name = "clinic_due_for_review"
    template_name = "wagtailadmin/home/clinic_due_for_review.html"
    order = 95

    def get_context_data(self, parent_context):
        cutoff = review_cutoff()
        published_before = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
        stale = Q(first_published_at__lt=published_before) & (
            Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff)
        )
        articles = (
            ArticlePage.objects.live()
            .filter(stale)
            .order_by("last_reviewed", "first_published_at")
            .only("pk", "title", "last_reviewed")
        )
        exercises = (
            Exercise.objects.live()
            .filter(stale)
            .order_by("last_reviewed", "name")
            .only("pk", "name", "last_reviewed")
        )
        # Never-reviewed first (NULL sorts first on SQLite, last on PostgreSQL: sort in Python).
        items = [
            {
                "title": article.title,
                "kind": "article",
                "edit_url": reverse("wagtailadmin_pages:edit", args=[article.pk]),
                "last_reviewed": article.last_reviewed,
            }
            for article in articles[: PANEL_ROWS * 2]
        ] + [
            {
                "title": exercise.name,
                "kind": "exercise",
                "edit_url": exercise_edit_url(exercise),
                "last_reviewed": exercise.last_reviewed,
            }
            for exercise in exercises[: PANEL_ROWS * 2]
        ]
        items.sort(key=lambda item: item["last_reviewed"] or datetime.date.min)
        return {
            "items": items[:PANEL_ROWS],
            "total": articles.count() + exercises.count(),
            "review_after_months": REVIEW_AFTER_MONTHS,
        }


class SearchTermsPanel(Component):
    """What visitors searched for in the last 30 days, and what found nothing."""

    name = "clinic_search_terms"
    template_name = "wagtailadmin/home/clinic_search_terms.html"
    order = 100
    days = 30

    def get_context_data(self, parent_context):
        try:
            top = list(reports.top_search_terms(days=self.days, limit=PANEL_ROWS))
            nothing_found = list(reports.zero_result_terms(days=self.days, limit=PANEL_ROWS))
        except Exception:
            # A broken report must never take the whole dashboard down with it.
            logger.exception("Search reports failed")
            return {"available": False, "days": self.days}
        return {
            "available": True,
            "days": self.days,
            "top_terms": [_as_term(row) for row in top],
            "zero_result_terms": [_as_term(row) for row in nothing_found],
        }


def _as_term(row):
    """Reports may return (term, count) pairs, dicts or objects: show a term and a count."""
    if isinstance(row, dict):
        return {"term": row.get("term") or row.get("query_string"), "count": row.get("count")}
    if isinstance(row, (tuple, list)):
        return {"term": row[0], "count": row[1] if len(row) > 1 else None}
    term = getattr(row, "term", None) or getattr(row, "query_string", None) or str(row)
    count = getattr(row, "count", None)
    if count is None:
        count = getattr(row, "hits", None)
    return {"term": term, "count": count}


class StartSomethingPanel(Component):
    """ "New article" and "New exercise": the right form in one click, for those who may."""

    name = "clinic_start_something"
    template_name = "wagtailadmin/home/clinic_start_something.html"
    order = 80

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        actions = []
        index = ArticleIndexPage.objects.first()
        if index is not None and index.permissions_for_user(user).can_add_subpage():
            actions.append(
                {
                    "label": "New article",
                    "icon": "doc-full",
                    "url": reverse(
                        "wagtailadmin_pages:add", args=["articles", "articlepage", index.pk]
                    ),
                }
            )
        if user.has_perm("exercises.add_exercise"):
            actions.append(
                {
                    "label": "New exercise",
                    "icon": "tasks",
                    "url": reverse("wagtailsnippets_exercises_exercise:add"),
                }
            )
        if user.has_perm("plans.add_plan"):
            actions.append(
                {
                    "label": "New plan",
                    "icon": "clipboard-list",
                    "url": reverse("wagtailsnippets_plans_plan:add"),
                }
            )
        return {"actions": actions}

    def render_html(self, parent_context=None):
        # Nothing at all (not an empty panel) for someone who may start neither.
        context = self.get_context_data(parent_context)
        if not context["actions"]:
            return ""
        return get_template(self.template_name).render(context)


def dashboard_panels():
    return [StartSomethingPanel(), YourDraftsPanel(), DueForReviewPanel(), SearchTermsPanel()]
