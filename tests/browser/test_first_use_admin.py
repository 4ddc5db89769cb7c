"""What she tripped over on first use, seen through the real admin in Chromium."""

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise
from tests.conftest import PASSWORD

from . import journey

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def no_autosave(settings):
    # A script types faster than autosave's timer; the test checks her buttons, not the timer.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


def test_new_exercise_from_the_dashboard_fills_its_address_and_saves_a_plain_draft(
    live_server, site, editor, page, screenshot, no_autosave
):
    base = live_server.url
    journey.log_in(page, base, editor.username, PASSWORD)
    # No picture is asked of a third party.
    assert not [
        img for img in page.locator("img").all() if "gravatar" in (img.get_attribute("src") or "")
    ]
    page.get_by_role("link", name="New exercise").click()
    page.locator("#id_name").fill("Wall Angels")
    page.locator("#id_summary").fill("Sliding the arms up a wall opens the chest and upper back.")
    # The web address is on the Settings tab, already filled in from the name.
    page.get_by_role("tab", name="Settings").click()
    expect(page.locator("#id_slug")).to_have_value("wall-angels")
    page.get_by_role("tab", name="Content").click()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("not visible to visitors until you publish it")).to_be_visible()
    screenshot("exercise-draft-saved")
    exercise = Exercise.objects.get(name="Wall Angels")
    assert exercise.slug == "wall-angels"
    assert not exercise.live
