"""A client's home programme in Chromium on a 390 px phone: open it, tick an exercise, send a
check-in, then reload with the network off and find it all still there; and axe-core finds no
serious or critical problem on the plan page, its sheet or its "ended" page."""

import json

import pytest
from playwright.sync_api import expect

from plans.models import CheckIn, Plan

from ..factories import ExerciseFactory, step_block, video_block
from ..plans_support import make_plan
from . import visitor_support
from .visitor_support import DESKTOP, PHONE, new_page, require, run_axe

visitor_browser = visitor_support.visitor_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def plan(site):
    chin = ExerciseFactory(
        name="Chin Tucks",
        frequency="Twice a day",
        steps=[step_block("Glide your chin straight back."), step_block("Hold, then relax.")],
        video=[video_block(title="Chin tucks video")],
    )
    angels = ExerciseFactory(name="Wall Angels", frequency="3 times a week", video=[])
    return make_plan(exercises=[chin, angels])


def test_open_tick_check_in_and_reload_offline_on_a_phone(visitor_browser, live_server, plan):
    require()
    context, page = new_page(visitor_browser, live_server.url, viewport=PHONE)
    try:
        plan_url = f"{live_server.url}/plan/{plan.token}/"
        page.goto(plan_url)
        expect(page.get_by_role("heading", name="Stiff neck starter")).to_be_visible()
        # The service worker has kept this page for offline use.
        page.locator("[data-plan-kept]").wait_for(state="attached")

        tick = page.get_by_label("Done today: Chin Tucks")
        tick.check()
        expect(page.get_by_label("Done today: Wall Angels")).not_to_be_checked()

        page.get_by_role("radio", name="4", exact=True).check()
        page.get_by_label("Anything to add? (optional)").fill("Easier to turn my head today.")
        page.get_by_role("button", name="Send how it feels").click()
        expect(page.locator("[data-plan-checkin-status]")).to_have_text(
            "Sent, thank you. It will be there for your next visit."
        )
        checkin = CheckIn.objects.get()
        assert (checkin.feeling, checkin.comment) == (4, "Easier to turn my head today.")

        context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", name="Stiff neck starter")).to_be_visible()
        expect(page.get_by_text("Glide your chin straight back.")).to_be_visible()
        expect(page.get_by_label("Done today: Chin Tucks")).to_be_checked()
        expect(page.locator("[data-plan-offline]")).to_be_visible()
        # The stylesheet came from the phone's copy too: the page is styled, not bare HTML.
        assert (
            page.evaluate(
                "getComputedStyle(document.querySelector('.plan-exercise')).borderTopStyle"
            )
            == "solid"
        )

        # A check-in sent offline says so and keeps what she wrote.
        page.get_by_role("radio", name="2", exact=True).check()
        page.get_by_label("Anything to add? (optional)").fill("Sore after gardening.")
        page.get_by_role("button", name="Send how it feels").click()
        expect(page.locator("[data-plan-checkin-status]")).to_contain_text("offline")
        expect(page.get_by_label("Anything to add? (optional)")).to_have_value(
            "Sore after gardening."
        )
        assert CheckIn.objects.count() == 1
        context.set_offline(False)
    finally:
        context.close()
    assert not page.blocked_requests, page.blocked_requests


def test_a_revoked_plan_is_removed_from_the_phone(visitor_browser, live_server, plan):
    require()
    context, page = new_page(visitor_browser, live_server.url, viewport=PHONE)
    try:
        plan_url = f"{live_server.url}/plan/{plan.token}/"
        page.goto(plan_url)
        page.locator("[data-plan-kept]").wait_for(state="attached")
        kept = "(url) => caches.open('plan-v1').then((c) => c.match(url)).then((r) => Boolean(r))"
        assert page.evaluate(kept, plan_url)
        Plan.objects.filter(pk=plan.pk).update(status=Plan.REVOKED)
        response = page.reload()
        assert response.status == 410
        expect(page.get_by_role("heading", name="This link no longer works")).to_be_visible()
        # The phone's copy is gone too: offline, the plan can no longer be opened.
        assert not page.evaluate(kept, plan_url)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_plan_pages_pass_axe(visitor_browser, live_server, plan, viewport):
    require(axe=True)
    ended = make_plan(exercises=[], client_label="Mo", status=Plan.REVOKED)
    context, page = new_page(visitor_browser, live_server.url, viewport=viewport, bypass_csp=True)
    failures = {}
    try:
        for name, path in {
            "plan": f"/plan/{plan.token}/",
            "sheet": f"/plan/{plan.token}/sheet/",
            "ended": f"/plan/{ended.token}/",
        }.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            if violations := run_axe(page):
                failures[name] = violations
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2)
