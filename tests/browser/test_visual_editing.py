"""Visual editing in a real browser: the therapist changes her article from the page she sees.

She signs in, opens the seed article on the site and edits an update, a shared exercise and a
new safety callout from the page; each change is a draft (a visitor, in a separate anonymous
browser context, still sees the old text) until she presses Publish (the visitor's next request
shows it). Then the same with the keyboard alone, and axe-core over the editing UI.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from exercises.models import Exercise
from tests.conftest import PASSWORD
from tests.visual_editing_support import (
    ADDED_SENTENCE,
    EXERCISE_LABEL,
    NEW_FREQUENCY,
    OLD_FREQUENCY,
    SAFETY_TEXT,
    UPDATE_LABEL,
    UPDATE_TEXT,
    build_seed_article,
)

from . import journey
from .visitor_support import DESKTOP, new_page, require, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def seed(site, settings):
    # The anonymous page cache on, as in production: publishing must still show at once.
    settings.CLINIC_PAGE_CACHE_SECONDS = 600
    return build_seed_article(site)


@pytest.fixture
def visitor(browser, live_server):
    """A separate, anonymous browser context with the site's real CSP."""
    context, page = new_page(browser, live_server.url, viewport=DESKTOP)
    yield page
    context.close()


@pytest.fixture
def signed_in(page, live_server, editor, seed):
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.csp_violations = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text),
    )
    journey.log_in(page, live_server.url, editor.username, PASSWORD)
    page.goto(live_server.url + seed["article"].url)
    return page


def drawer(page):
    return page.frame_locator(".ve-drawer__frame")


def rich_text_holds(frame, name, text):
    """Wait until the rich text editor has written what was typed into its form field (it does
    so a moment after each keystroke), as it has by the time a person reaches Save."""
    expect(frame.locator(f"input[name='{name}']")).to_have_value(re.compile(re.escape(text)))


def visitor_sees(visitor, url, text):
    visitor.goto(url)
    return text in visitor.locator("main").inner_text()


def publish_from_bar(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".ve-bar [role=status]")).to_contain_text("Published")


def test_update_exercise_and_new_callout_from_the_page(signed_in, visitor, live_server, seed):
    page, url = signed_in, live_server.url + seed["article"].url
    assert visitor_sees(visitor, url, UPDATE_TEXT)

    # 1. The update: outlined with its label, opened by a click, a sentence added, saved.
    update = page.get_by_role("group", name=UPDATE_LABEL)
    update.hover()
    expect(update.get_by_role("button", name=f"Edit: {UPDATE_LABEL}")).to_be_visible()
    update.get_by_text(UPDATE_TEXT).click()
    expect(page.get_by_role("dialog", name=f"Edit: {UPDATE_LABEL}")).to_be_visible()
    editor = drawer(page).locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + ADDED_SENTENCE)
    rich_text_holds(drawer(page), "ve-block-body-0-value", ADDED_SENTENCE)
    drawer(page).get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator(".ve-bar [role=status]")).to_contain_text("Saved as a draft")
    expect(page.get_by_role("group", name=UPDATE_LABEL)).to_contain_text(ADDED_SENTENCE)
    article = ArticlePage.objects.get(pk=seed["article"].pk)
    assert article.has_unpublished_changes
    assert not visitor_sees(visitor, url, ADDED_SENTENCE), "a draft reached a visitor"

    publish_from_bar(page)
    assert visitor_sees(visitor, url, ADDED_SENTENCE), "published text not shown at once"

    # 2. The exercise: its own editor, saying how many articles use it.
    page.get_by_role("button", name=f"Edit: {EXERCISE_LABEL}").click()
    frame = drawer(page)
    expect(frame.get_by_text("Changes show in 4 articles.")).to_be_visible()
    frame.locator("#id_frequency").fill(NEW_FREQUENCY)
    frame.get_by_role("button", name="Save draft").click()
    expect(frame.get_by_text("Saved as a draft")).to_be_visible()
    assert Exercise.objects.get(pk=seed["exercise"].pk).has_unpublished_changes
    assert visitor_sees(visitor, url, OLD_FREQUENCY)
    assert not visitor_sees(visitor, url, NEW_FREQUENCY)

    page.get_by_role("button", name="Close", exact=True).click()
    page.get_by_role("button", name=f"Edit: {EXERCISE_LABEL}").click()
    frame = drawer(page)
    expect(frame.locator("#id_frequency")).to_have_value(NEW_FREQUENCY)
    with page.expect_navigation():
        frame.get_by_role("button", name="Publish the exercise").click()
        expect(frame.get_by_text("Published: 4 articles show the change now.")).to_be_visible()
        frame.get_by_role("button", name="Close").click()
    assert visitor_sees(visitor, url, NEW_FREQUENCY)

    # 3. A new safety callout between the update and the tip, from the "+" between them.
    page.get_by_role("button", name=f"Add a block after {UPDATE_LABEL}").click()
    frame = drawer(page)
    expect(frame.get_by_role("link", name="Callout")).to_be_visible()
    frame.get_by_role("link", name="Safety: go slow, stop if it hurts").click()
    expect(frame.locator("select[name$='kind']")).to_have_value("safety")
    frame.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type(SAFETY_TEXT)
    rich_text_holds(frame, "ve-block-text", SAFETY_TEXT)
    frame.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator(".ve-bar [role=status]")).to_contain_text("Saved as a draft")
    labels = page.locator("[data-ve-block]").evaluate_all(
        "(blocks) => blocks.map((b) => b.getAttribute('aria-label'))"
    )
    assert labels[2:5] == [UPDATE_LABEL, "Safety note", "Tip"], labels
    assert not visitor_sees(visitor, url, SAFETY_TEXT)
    publish_from_bar(page)
    assert visitor_sees(visitor, url, SAFETY_TEXT)

    # 4. Moved down, from the page: a draft again.
    safety = page.get_by_role("group", name="Safety note").first
    safety.get_by_role("button", name="Move down: Safety note").click()
    expect(page.locator(".ve-bar [role=status]")).to_contain_text("Moved down")
    labels = page.locator("[data-ve-block]").evaluate_all(
        "(blocks) => blocks.map((b) => b.getAttribute('aria-label'))"
    )
    assert labels[3:5] == ["Tip", "Safety note"], labels

    # 5. The title, from the page: she then sees her draft page, and edits on from there.
    with page.expect_navigation():
        page.get_by_role("button", name="Edit: title, summary and photo").click()
        drawer(page).locator("#id_title").fill("Help for a stiff upper back")
        drawer(page).get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help for a stiff upper back")
    expect(page.locator(".ve-bar")).to_contain_text("Your draft")
    assert not visitor_sees(visitor, url, "Help for a stiff upper back")
    page.get_by_role("button", name="Edit: Tip").click()
    expect(drawer(page).get_by_role("button", name="Save draft")).to_be_visible()
    page.get_by_role("button", name="Close", exact=True).click()
    publish_from_bar(page)
    assert visitor_sees(visitor, url, "Help for a stiff upper back")
    assert not page.console_errors, page.console_errors
    assert not page.csp_violations, page.csp_violations


def focused(page):
    """What has focus, looking into the drawer's iframe when it holds it."""
    return page.evaluate(
        """() => {
            let el = document.activeElement;
            while (el && el.tagName === "IFRAME" && el.contentDocument) {
                el = el.contentDocument.activeElement;
            }
            return el ? {tag: el.tagName, text: (el.getAttribute("aria-label")
                || el.textContent || "").trim().slice(0, 80), name: el.name || "", editable: el.isContentEditable,
                inDrawer: !!(document.activeElement.closest && document.activeElement.closest("dialog"))}
                : null;
        }"""
    )


def tab_until(page, matches, limit=120, key="Tab"):
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now and matches(now):
            return now
    raise AssertionError(f"never reached by {key}: last focus {focused(page)}")


def test_keyboard_only(signed_in, visitor, live_server, seed):
    page, url = signed_in, live_server.url + seed["article"].url
    page.locator("body").focus()

    # The update's label is reachable by Tab and says what it is; Enter opens the drawer.
    tab_until(page, lambda f: f["text"] == f"Edit: {UPDATE_LABEL}")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name=f"Edit: {UPDATE_LABEL}")).to_be_visible()
    expect(drawer(page).get_by_role("button", name="Save draft")).to_be_visible()
    # Focus stays in the drawer however far she tabs, either way.
    for _ in range(25):
        page.keyboard.press("Tab")
        assert focused(page)["inDrawer"], focused(page)
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        assert focused(page)["inDrawer"], focused(page)
    tab_until(page, lambda f: f["editable"])  # the update's paragraph
    page.keyboard.press("Control+End")
    page.keyboard.type(" " + ADDED_SENTENCE)
    rich_text_holds(drawer(page), "ve-block-body-0-value", ADDED_SENTENCE)
    tab_until(page, lambda f: f["text"] == "Save draft")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    # Focus returns to the block she opened.
    expect(page.get_by_role("button", name=f"Edit: {UPDATE_LABEL}")).to_be_focused()
    assert not visitor_sees(visitor, url, ADDED_SENTENCE)
    tab_until(page, lambda f: f["text"] == "Publish", key="Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert visitor_sees(visitor, url, ADDED_SENTENCE)

    # The exercise, by keyboard: its editor says where it shows; Escape closes the drawer.
    page.locator("body").focus()
    tab_until(page, lambda f: f["text"] == f"Edit: {EXERCISE_LABEL}")
    page.keyboard.press("Enter")
    frame = drawer(page)
    expect(frame.get_by_text("Changes show in 4 articles.")).to_be_visible()
    tab_until(page, lambda f: f["name"] == "frequency")
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_FREQUENCY)
    tab_until(page, lambda f: f["text"] == "Save draft")
    page.keyboard.press("Enter")
    expect(frame.get_by_text("Saved as a draft")).to_be_visible()
    assert not visitor_sees(visitor, url, NEW_FREQUENCY)
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_role("button", name=f"Edit: {EXERCISE_LABEL}")).to_be_focused()
    page.keyboard.press("Enter")
    tab_until(page, lambda f: f["text"] == "Publish the exercise")
    page.keyboard.press("Enter")
    expect(frame.get_by_text("Published: 4 articles")).to_be_visible()
    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert visitor_sees(visitor, url, NEW_FREQUENCY)

    # A new safety callout after the update, by keyboard.
    page.locator("body").focus()
    tab_until(page, lambda f: f["text"] == f"Add a block after {UPDATE_LABEL}")
    page.keyboard.press("Enter")
    expect(drawer(page).get_by_role("link", name="Callout")).to_be_visible()
    tab_until(page, lambda f: f["text"] == "Safety: go slow, stop if it hurts")
    page.keyboard.press("Enter")
    expect(drawer(page).locator("select[name$='kind']")).to_have_value("safety")
    tab_until(page, lambda f: f["editable"])  # the callout's text
    page.keyboard.type(SAFETY_TEXT)
    rich_text_holds(drawer(page), "ve-block-text", SAFETY_TEXT)
    tab_until(page, lambda f: f["text"] == "Save draft")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_role("group", name="Safety note")).to_contain_text(SAFETY_TEXT)
    assert not visitor_sees(visitor, url, SAFETY_TEXT)
    page.get_by_role("button", name="Publish", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert visitor_sees(visitor, url, SAFETY_TEXT)
    assert not page.console_errors, page.console_errors


def test_a_block_clicked_in_the_preview_panel_opens_its_form_in_the_editor(
    signed_in, live_server, seed
):
    page = signed_in
    page.goto(f"{live_server.url}/admin/pages/{seed['article'].pk}/edit/")
    preview = journey.open_preview(page)
    update = preview.get_by_role("group", name=UPDATE_LABEL)
    update.hover()
    expect(update.get_by_role("button", name=f"Edit: {UPDATE_LABEL}")).to_be_visible()
    assert preview.locator("[data-ve-insert], [data-ve-move]").count() == 0
    update.get_by_role("button", name=f"Edit: {UPDATE_LABEL}").click()
    update_id = update.get_attribute("data-ve-block")
    # Focus moves to the update's first field in the editor beside the preview.
    expect(
        page.locator(f'[data-contentpath="{update_id}"] input[name$="-value-date"]')
    ).to_be_focused()


def test_editing_ui_passes_axe(browser, live_server, editor, seed):
    require(axe=True)
    context, page = new_page(browser, live_server.url, viewport=DESKTOP, bypass_csp=True)
    try:
        journey.log_in(page, live_server.url, editor.username, PASSWORD)
        page.goto(live_server.url + seed["article"].url)
        failures = {}
        update = page.get_by_role("group", name=UPDATE_LABEL)
        update.hover()
        if violations := run_axe(page):
            failures["page with outlines"] = violations
        update.get_by_role("button", name=f"Edit: {UPDATE_LABEL}").click()
        drawer(page).locator(".public-DraftEditor-content").first.wait_for()
        if violations := run_axe(page):
            failures["drawer open"] = violations
        for name, path in {
            "block form": re.sub(
                r"^.*?(/admin/)", r"\1", page.locator(".ve-drawer__frame").get_attribute("src")
            ),
            "block chooser": f"/admin/editing/pages/{seed['article'].pk}/insert/"
            f"?revision={seed['article'].latest_revision_id}",
            "exercise editor": f"/admin/editing/exercises/{seed['exercise'].pk}/",
        }.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            if violations := run_axe(page):
                failures[name] = violations
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2)
