"""Every page type passes axe-core with no serious or critical violations, on a phone and on a
desktop; the video player works from the keyboard; motion follows prefers-reduced-motion."""

import contextlib
import json

import pytest
from django.urls import NoReverseMatch, reverse

from . import visitor_support
from .visitor_support import DESKTOP, PHONE, new_page, require, run_axe

# Fixtures shared with test_routine.py (conftest.py belongs to the editor browser tests).
visitor_browser = visitor_support.visitor_browser
visitor_page = visitor_support.visitor_page
visitor_content = visitor_support.visitor_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def page_paths(content):
    article, exercise = content["article"], content["exercises"][0]
    paths = {
        "home": "/",
        "article index": "/articles/",
        "article index for an area": "/articles/?area=neck",
        "article with every block": article.url,
        "exercise library": "/exercises/",
        "exercise": f"/exercises/{exercise.slug}/",
        "exercise print sheet": f"/exercises/{exercise.slug}/print/",
        "search results": "/search/?q=neck",
        "search without results": "/search/?q=zebra",
        "not found": "/no-such-page/",
        "routine (empty)": reverse("routine"),
    }
    with contextlib.suppress(NoReverseMatch):  # a URL this checkout does not define is left out
        paths["area page"] = reverse("body_area", args=["neck"])
    return paths


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_passes_axe(
    visitor_browser, live_server, visitor_content, update_search_index, viewport
):
    require(axe=True)
    update_search_index()
    context, page = new_page(visitor_browser, live_server.url, viewport=viewport, bypass_csp=True)
    failures = {}
    try:
        paths = page_paths(visitor_content)
        for name, path in paths.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            violations = run_axe(page)
            if violations:
                failures[name] = violations
        # The routine with exercises in it, drawn by routine.js.
        exercise = visitor_content["exercises"][1]
        page.goto(f"{live_server.url}/exercises/{exercise.slug}/")
        page.get_by_role("button", name="Add to my routine: Chin Tucks").click()
        page.goto(live_server.url + reverse("routine"))
        page.get_by_role("button", name="Move down: Chin Tucks").wait_for(state="attached")
        violations = run_axe(page)
        if violations:
            failures["routine (filled)"] = violations
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2)
    assert not page.blocked_requests, page.blocked_requests


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches selector; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_video_plays_from_the_keyboard(visitor_page, live_server, visitor_content, key):
    page = visitor_page
    page.goto(live_server.url + visitor_content["article"].url)
    tab_to(page, "a.video__player")
    player = page.locator(":focus")
    assert player.get_attribute("role") == "button"
    # Its name (from its visible words) says what it is and what pressing it does.
    name = " ".join(player.inner_text().split())
    assert name == "Free Your Neck Play video (YouTube)"
    # Nothing has been fetched from the video site before the visitor asks for it.
    assert not page.blocked_requests
    page.keyboard.press(key)
    frame = page.locator("iframe.video__frame").first
    frame.wait_for()
    assert frame.get_attribute("title") == "Free Your Neck"
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    # Focus moves into the player, so the next Tab does not jump back to the top of the page.
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    # Space must not have scrolled the page away from the player.
    assert frame.is_visible()
    assert not page.console_errors, page.console_errors


def test_transcript_is_one_click_under_the_video(visitor_page, live_server, visitor_content):
    page = visitor_page
    page.goto(live_server.url + visitor_content["article"].url)
    figure = page.locator("figure.video").filter(has_text="Free Your Neck").first
    transcript = figure.locator("details.transcript")
    text = transcript.get_by_text("Breathe out and let your shoulders drop.")
    assert not text.is_visible()
    transcript.get_by_text("Transcript").click()
    assert text.is_visible()


def test_motion_follows_prefers_reduced_motion(visitor_browser, live_server, visitor_content):
    results = {}
    for motion in ("reduce", "no-preference"):
        context, page = new_page(visitor_browser, live_server.url, reduced_motion=motion)
        page.goto(live_server.url + "/")
        results[motion] = page.evaluate(
            """() => ({
                scroll: getComputedStyle(document.documentElement).scrollBehavior,
                transition: getComputedStyle(document.querySelector('.button')).transitionDuration,
            })"""
        )
        context.close()
    assert results["reduce"]["scroll"] == "auto"
    assert all(float(t.rstrip("s")) <= 0.001 for t in results["reduce"]["transition"].split(","))
    assert results["no-preference"]["scroll"] == "smooth"
    assert results["no-preference"]["transition"] != "0s"


def test_area_picker_works_without_javascript(visitor_browser, live_server, visitor_content):
    context, page = new_page(visitor_browser, live_server.url, java_script_enabled=False)
    try:
        page.goto(live_server.url + "/")
        picker = page.get_by_role("region", name="Where does it hurt?")
        picker.get_by_role("link", name="Neck", exact=True).click()
        assert "area=neck" in page.url or "/neck" in page.url
        assert page.get_by_text("Help for upper back and neck pain").first.is_visible()
        page.goto(live_server.url + "/exercises/")
        page.get_by_role("navigation", name="Where does it hurt?").get_by_role(
            "link", name="Shoulders"
        ).click()
        assert page.get_by_role("heading", name="Shoulder Rolls").is_visible()
        assert page.get_by_role("heading", name="Chin Tucks").count() == 0
    finally:
        context.close()
