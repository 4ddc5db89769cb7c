""" "My routine" in a phone-sized Chromium: add exercises from the library and from an article,
reorder them with the keyboard, remove one, print it as a sheet; nothing goes to the server.
Also the opening-hours call to action, on a fixed clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from . import visitor_support

# Fixtures shared with test_accessibility.py (conftest.py belongs to the editor browser tests).
visitor_browser = visitor_support.visitor_browser
visitor_page = visitor_support.visitor_page
visitor_content = visitor_support.visitor_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DECATUR = ZoneInfo("America/New_York")


def routine_names(page):
    return [
        " ".join(text.split()) for text in page.locator(".routine-item__title a").all_inner_texts()
    ]


def stored_slugs(page):
    return page.evaluate(
        "JSON.parse(localStorage.getItem('harvest-moon-routine') || '[]').map(i => i.slug)"
    )


def test_build_reorder_and_print_a_routine(visitor_page, live_server, visitor_content):
    page = visitor_page
    base = live_server.url
    server_hits = []

    # From the library: two exercises.
    # Settled first: the browser fetches the page's icons on its own after it loads.
    page.goto(f"{base}/exercises/", wait_until="networkidle")
    page.on("request", lambda request: server_hits.append(request.url))
    page.get_by_role("button", name="Add to my routine: Chin Tucks").click()
    status = page.locator(".routine-add__status").filter(has_text="Added to your routine")
    assert status.inner_text() == "Added to your routine. It has 1 exercise."
    page.get_by_role("button", name="Add to my routine: Shoulder Rolls").click()
    # Pressing again would remove it: the button says so.
    assert page.get_by_role("button", name="Remove from my routine: Shoulder Rolls").is_visible()
    # Saving never asks the server for anything.
    assert server_hits == []

    # From an article: the exercise card's own button.
    page.goto(base + visitor_content["article"].url)
    page.get_by_role("button", name="Add to my routine: Magic Neck Stretch").click()
    assert stored_slugs(page) == ["chin-tucks", "shoulder-rolls", "magic-neck-stretch"]

    page.goto(base + reverse("routine"))
    assert routine_names(page) == ["Chin Tucks", "Shoulder Rolls", "Magic Neck Stretch"]
    first = page.locator(".routine-item").first
    assert "Hold 5 seconds · 10 times · 1 set · Twice a day" in first.inner_text()
    assert first.locator(".step").all_inner_texts() == [
        "Glide your chin straight back.",
        "Hold, then relax.",
    ]
    assert page.get_by_role("button", name="Move up: Chin Tucks").is_disabled()

    # Reorder with the keyboard only: focus "Move down" on Chin Tucks and press Enter twice.
    page.get_by_role("button", name="Move down: Chin Tucks").focus()
    page.keyboard.press("Enter")
    assert routine_names(page) == ["Shoulder Rolls", "Chin Tucks", "Magic Neck Stretch"]
    # Focus follows the exercise, so pressing again keeps moving the same one.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move down: Chin Tucks"
    )
    assert page.locator("[data-routine-status]").inner_text() == "Chin Tucks is now number 2 of 3."
    page.keyboard.press("Enter")
    assert routine_names(page) == ["Shoulder Rolls", "Magic Neck Stretch", "Chin Tucks"]
    # At the bottom "Move down" is disabled; focus moved to "Move up" instead of being lost.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move up: Chin Tucks"
    )
    page.get_by_role("button", name="Move up: Magic Neck Stretch").click()
    assert routine_names(page) == ["Magic Neck Stretch", "Shoulder Rolls", "Chin Tucks"]

    # Remove one; the order survives a reload (it is in this browser's storage).
    page.get_by_role("button", name="Remove: Shoulder Rolls").click()
    page.reload()
    assert routine_names(page) == ["Magic Neck Stretch", "Chin Tucks"]
    assert stored_slugs(page) == ["magic-neck-stretch", "chin-tucks"]

    # Print: a sheet with the steps and doses, without the site's chrome or the buttons.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".action-bar").is_visible()
    assert not page.get_by_role("button", name="Move up: Chin Tucks").is_visible()
    assert not page.get_by_role("button", name="Print my routine").is_visible()
    assert page.get_by_text("Harvest Moon Massage Therapy · (404) 555-0142").is_visible()
    assert page.get_by_text("Glide your chin straight back.").is_visible()
    assert page.get_by_text("Hold 5 seconds · 10 times").is_visible()
    assert page.get_by_text("Go gently. If anything hurts").is_visible()
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")

    assert not [url for url in server_hits if "routine" in url and "?" in url]
    assert page.blocked_requests == []
    assert page.console_errors == []


def test_routine_page_when_empty_and_without_javascript(
    visitor_browser, visitor_page, live_server, visitor_content
):
    visitor_page.goto(live_server.url + reverse("routine"))
    assert visitor_page.get_by_text("Your routine is empty.").is_visible()
    assert visitor_page.get_by_role("link", name="Browse the exercises").is_visible()

    context, page = visitor_support.new_page(
        visitor_browser, live_server.url, java_script_enabled=False
    )
    try:
        page.goto(live_server.url + reverse("routine"))
        assert page.get_by_text("Your routine needs JavaScript turned on").is_visible()
        # The add buttons stay hidden: they could not work.
        page.goto(f"{live_server.url}/exercises/chin-tucks/")
        boxes = page.locator("[data-routine-add]")
        assert boxes.count() >= 1
        assert all(box.is_hidden() for box in boxes.all())
        assert page.get_by_role("link", name="Print a one-page sheet").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("moment", "expected_first"),
    [
        # Tuesday 11:00 in Decatur: open, the call comes first.
        (datetime.datetime(2025, 3, 11, 11, 0, tzinfo=DECATUR), "Open now: call (404) 555-0142"),
        # Tuesday 19:00: closed, book online.
        (datetime.datetime(2025, 3, 11, 19, 0, tzinfo=DECATUR), "Book online"),
        # Monday 11:00: closed all day.
        (datetime.datetime(2025, 3, 10, 11, 0, tzinfo=DECATUR), "Book online"),
    ],
    ids=["open", "evening", "closed-day"],
)
def test_call_to_action_follows_opening_hours(
    visitor_browser, live_server, visitor_content, moment, expected_first
):
    # The visitor's own clock is in another time zone: the clinic's clock decides.
    context, page = visitor_support.new_page(
        visitor_browser, live_server.url, timezone_id="Europe/London"
    )
    try:
        page.clock.set_fixed_time(moment)
        page.goto(live_server.url + "/")
        hero = page.locator(".hero [data-open-now] a")
        hero.first.wait_for()
        assert " ".join(hero.first.inner_text().split()) == expected_first
        action_bar_call = page.locator(".action-bar [data-cta=call]")
        is_open = expected_first.startswith("Open now")
        assert (action_bar_call.inner_text().strip() == "Open now: call") is is_open
    finally:
        context.close()
