"""The therapist's dashboard: her drafts, what is due for review, what visitors search for."""

import datetime
import types

import pytest
from django.urls import reverse
from django.utils import timezone

from home import dashboard

from .factories import ArticlePageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def panel_html(html, panel_id):
    """The HTML of one dashboard panel (up to the next panel), to keep assertions local."""
    start = html.index(f'id="{panel_id}-section"')
    end = html.find('class="w-panel ', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_dashboard_lists_her_unpublished_drafts_with_edit_links(site, editor, editor_client):
    draft_article = ArticlePageFactory(parent=site.articles, title="Knots in the shoulders")
    draft_article.title = "Knots in the shoulders, revised"
    draft_article.save_revision(user=editor)
    never_published = ArticlePageFactory(parent=site.articles, title="Jaw tension", publish=False)
    never_published.save_revision(user=editor)
    exercise = ExerciseFactory(name="Doorway stretch", publish=False)
    exercise.save_revision(user=editor)
    published = ArticlePageFactory(parent=site.articles, title="Already out there")
    published.save_revision(user=editor).publish()

    html = editor_client.get(DASHBOARD).content.decode()
    drafts = panel_html(html, "clinic-your-drafts")

    assert "Your drafts" in drafts
    assert "Knots in the shoulders, revised" in drafts
    assert "published, with changes" in drafts
    assert "Jaw tension" in drafts
    assert "Doorway stretch" in drafts
    assert reverse("wagtailadmin_pages:edit", args=[never_published.pk]) in drafts
    assert reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk]) in drafts
    assert "Already out there" not in drafts


def test_dashboard_drafts_leave_out_other_peoples_drafts(site, editor_client, superuser):
    other = ArticlePageFactory(parent=site.articles, title="Someone else's draft", publish=False)
    other.owner = superuser
    other.save()
    other.save_revision(user=superuser)

    html = editor_client.get(DASHBOARD).content.decode()

    assert "Someone else's draft" not in panel_html(html, "clinic-your-drafts")
    assert "No drafts" in panel_html(html, "clinic-your-drafts")


def test_dashboard_flags_articles_and_exercises_not_reviewed_for_a_year(site, editor_client):
    today = timezone.localdate()
    two_years_ago = timezone.now() - datetime.timedelta(days=730)
    never = ArticlePageFactory(parent=site.articles, title="Never checked", last_reviewed=None)
    long_ago = ArticlePageFactory(
        parent=site.articles,
        title="Checked long ago",
        last_reviewed=today - datetime.timedelta(days=400),
    )
    last_month = ArticlePageFactory(
        parent=site.articles,
        title="Checked last month",
        last_reviewed=today - datetime.timedelta(days=30),
    )
    old_exercise = ExerciseFactory(
        name="Old chin tuck", last_reviewed=today - datetime.timedelta(days=800)
    )
    fresh = ExerciseFactory(name="Fresh shoulder roll", last_reviewed=today)
    ArticlePageFactory(parent=site.articles, title="Unpublished and old", publish=False)
    # All of them went live two years ago: only the review date decides.
    for item in (never, long_ago, last_month, old_exercise, fresh):
        type(item).objects.filter(pk=item.pk).update(first_published_at=two_years_ago)

    html = editor_client.get(DASHBOARD).content.decode()
    due = panel_html(html, "clinic-due-for-review")

    assert "Never checked" in due and "Never reviewed" in due
    assert "Checked long ago" in due
    assert "Old chin tuck" in due
    assert "Checked last month" not in due
    assert "Fresh shoulder roll" not in due
    # Visitors cannot see a draft, so it is not due for a review yet.
    assert "Unpublished and old" not in due


def test_dashboard_shows_search_terms_and_the_ones_that_found_nothing(
    site, editor_client, monkeypatch
):
    calls = []

    def top_search_terms(days=30, limit=10):
        calls.append(("top", days, limit))
        return [("neck pain", 12), ("posture", 4)]

    def zero_result_terms(days=30, limit=10):
        calls.append(("zero", days, limit))
        return [("plantar fasciitis", 3)]

    fake = types.ModuleType("search.reports")
    fake.top_search_terms = top_search_terms
    fake.zero_result_terms = zero_result_terms
    monkeypatch.setattr(dashboard, "reports", fake)

    html = editor_client.get(DASHBOARD).content.decode()
    terms = panel_html(html, "clinic-search-terms")

    assert "neck pain" in terms and "(12)" in terms
    assert "posture" in terms
    assert "Searches that found nothing" in terms
    assert "plantar fasciitis" in terms
    assert ("top", 30, 10) in calls and ("zero", 30, 10) in calls


def test_dashboard_survives_broken_search_reports(site, editor_client, monkeypatch):
    def broken(days=30, limit=10):
        raise RuntimeError("reports table missing")

    fake = types.ModuleType("search.reports")
    fake.top_search_terms = broken
    fake.zero_result_terms = broken
    monkeypatch.setattr(dashboard, "reports", fake)

    response = editor_client.get(DASHBOARD)

    assert response.status_code == 200
    assert "Search figures are not available yet" in response.content.decode()


def test_dashboard_with_real_search_reports_renders(site, editor_client):
    """Whatever search/reports.py returns today, the dashboard still opens."""
    response = editor_client.get(DASHBOARD)

    assert response.status_code == 200
    assert "What visitors search for" in response.content.decode()
