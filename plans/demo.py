"""Demo home programmes for invented clients, loaded by `manage.py load_demo_content`.

A template ("Stiff neck starter"), an active plan made from it for "Dana" with a few check-ins,
and an expired one for "M. K.". Found again by title and client on later runs and left alone, so
their links stay the same; the active plan's address is printed every time.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from articles.models import ArticlePage
from exercises.models import Exercise

from .models import CheckIn, Plan, PlanArticle, PlanExercise

STARTER = {
    "title": "Stiff neck starter",
    "note": "<p>Little and often beats once a week. Go only as far as feels like a good "
    "stretch, and stop if anything tingles or hurts more.</p>",
    "exercises": [
        ("chin-tucks", {"frequency": "Twice a day"}, "Sitting at your desk is fine."),
        ("magic-neck-stretch", {}, ""),
        ("doorway-pec-stretch", {"frequency": "3 times a week"}, "Gently on the left side."),
    ],
    "articles": ["help-for-upper-back-and-neck-pain"],
}
# (days ago, feeling, comment) for Dana's active plan.
DANA_CHECKINS = [
    (12, 7, "Stiff every morning, better by lunch."),
    (9, 6, ""),
    (6, 5, "Chin tucks help at the desk."),
    (3, 4, ""),
    (1, 3, "Slept well for the first time in a while."),
]


def _fill(plan, spec):
    for order, (slug, dose, note) in enumerate(spec["exercises"]):
        exercise = Exercise.objects.filter(slug=slug).first()
        if exercise is not None:
            PlanExercise.objects.create(
                plan=plan, exercise=exercise, sort_order=order, note=note, **dose
            )
    for order, slug in enumerate(spec["articles"]):
        article = ArticlePage.objects.filter(slug=slug).first()
        if article is not None:
            PlanArticle.objects.create(plan=plan, page=article, sort_order=order)


def _plan(note, *, client_label, is_template, starts_on, expires_on, next_visit_on=None):
    existing = Plan.objects.filter(
        title=STARTER["title"], client_label=client_label, is_template=is_template
    ).first()
    if existing is not None:
        return existing, False
    plan = Plan.objects.create(
        title=STARTER["title"],
        client_label=client_label,
        is_template=is_template,
        note=STARTER["note"],
        starts_on=starts_on,
        expires_on=expires_on,
        next_visit_on=next_visit_on,
    )
    _fill(plan, STARTER)
    note("home programme", str(plan), True)
    return plan, True


def load_demo_plans(note, log=print, today=None):
    """``note(kind, name, created)`` records what was created (the demo loader's own)."""
    today = today or timezone.localdate()
    _plan(
        note,
        client_label="",
        is_template=True,
        starts_on=today,
        expires_on=today + datetime.timedelta(weeks=8),
    )
    dana, created = _plan(
        note,
        client_label="Dana",
        is_template=False,
        starts_on=today - datetime.timedelta(days=14),
        expires_on=today + datetime.timedelta(weeks=6),
        next_visit_on=today + datetime.timedelta(days=3),
    )
    if created:
        now = timezone.now()
        for days_ago, feeling, comment in DANA_CHECKINS:
            CheckIn.objects.create(
                plan=dana,
                feeling=feeling,
                comment=comment,
                created_at=now - datetime.timedelta(days=days_ago, hours=2),
            )
    ended, created = _plan(
        note,
        client_label="M. K.",
        is_template=False,
        starts_on=today - datetime.timedelta(weeks=12),
        expires_on=today - datetime.timedelta(weeks=4),
    )
    if created:
        for days_ago, feeling in ((80, 6), (70, 4)):
            CheckIn.objects.create(
                plan=ended,
                feeling=feeling,
                created_at=timezone.now() - datetime.timedelta(days=days_ago),
            )
        # Looked at long ago: the dashboard lists only Dana's as new.
        Plan.objects.filter(pk=ended.pk).update(checkins_seen_at=timezone.now())
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    log(f"  demo client plan (Dana, active): {base}{dana.get_client_url()}")
    return dana
