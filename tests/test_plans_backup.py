"""Backups carry home programmes: plans, their exercises and articles, and clients' check-ins,
with the same private addresses after a restore."""

import io

import pytest
from django.core.management import call_command

from core.backup import current_counts
from core.project import project_app_labels
from plans.models import CheckIn, Plan, PlanExercise

from .factories import ArticlePageFactory
from .plans_support import make_plan

pytestmark = pytest.mark.django_db


def test_plans_are_a_project_app_the_backup_counts(site):
    assert "plans" in project_app_labels()
    plan = make_plan()
    CheckIn.objects.create(plan=plan, feeling=4, comment="Better")
    counts = current_counts()
    for label in ("plans.plan", "plans.planexercise", "plans.checkin"):
        assert counts.get(label), label


def test_backup_and_restore_bring_back_plans_and_checkins(site, client, tmp_path):
    article = ArticlePageFactory(parent=site.articles, title="Sleep with a sore neck")
    plan = make_plan(articles=[article])
    CheckIn.objects.create(plan=plan, feeling=6, comment="Stiff this morning")
    CheckIn.objects.create(plan=plan, feeling=3)
    token, before = plan.token, current_counts()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())

    Plan.objects.all().delete()
    assert not CheckIn.objects.exists()
    call_command("restore", str(archive), "--force", stdout=io.StringIO())

    assert current_counts() == before
    restored = Plan.objects.get(token=token)
    assert list(restored.checkins.values_list("feeling", "comment")) == [
        (6, "Stiff this morning"),
        (3, ""),
    ]
    assert PlanExercise.objects.filter(plan=restored).count() == 2
    html = client.get(f"/plan/{token}/").content.decode()
    assert "Chin Tucks" in html and "Sleep with a sore neck" in html
