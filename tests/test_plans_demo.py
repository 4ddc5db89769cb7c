"""The demo home programmes: an active three-exercise plan with check-ins, an expired one, a
template; loaded once, and the active plan's address printed every time."""

import pytest
from django.utils import timezone

from plans.demo import load_demo_plans
from plans.models import Plan

from .factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def test_demo_plans_are_loaded_once_and_the_active_address_is_printed(client, site):
    for slug, name in (
        ("chin-tucks", "Chin Tucks"),
        ("magic-neck-stretch", "Magic Neck Stretch"),
        ("doorway-pec-stretch", "Doorway Pec Stretch"),
    ):
        ExerciseFactory(slug=slug, name=name)
    created, printed = [], []
    note = lambda kind, name, was_created: created.append(name)  # noqa: E731
    active = load_demo_plans(note, log=printed.append)
    assert len(created) == 3 and Plan.objects.filter(is_template=True).count() == 1
    assert active.plan_exercises.count() == 3 and active.checkins.count() >= 3
    assert active.is_available()
    assert printed[-1].endswith(f"/plan/{active.token}/")
    ended = Plan.objects.get(client_label="M. K.")
    assert ended.expires_on < timezone.localdate()
    assert client.get(f"/plan/{ended.token}/").status_code == 410
    assert client.get(f"/plan/{active.token}/").status_code == 200

    created.clear()
    again = load_demo_plans(note, log=printed.append)
    assert not created and again.token == active.token and Plan.objects.count() == 3
    assert printed[-1] == printed[0]
