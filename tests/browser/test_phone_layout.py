"""The phone layout a person in pain meets, measured in Chromium at 320, 390 and 1280 px: a
short header with search behind a button, the seed article's first exercise within two
screens, a call bar that never wraps or is cut, print sheets whose QR code opens the exercise
and whose words are never broken in two."""

import io

import pytest
from PIL import Image

from ..factories import ExerciseFactory, ImageFactory, step_block
from ..visitor_layout_support import build_seed_article, decode_qr
from . import visitor_support
from .visitor_support import new_page, require

visitor_browser = visitor_support.visitor_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"320": 320, "390": 390, "1280": 1280}
HEADER_LIMIT_ON_PHONES = 120
# Two intervals a day, midnight to noon and noon to midnight: open at any moment.
ALWAYS_OPEN = [
    ("hours", {"weekday": str(day), "opens": opens, "closes": closes})
    for day in range(7)
    for opens, closes in (("00:00", "12:00"), ("12:00", "00:00"))
]


def viewport(width):
    return {"width": width, "height": 844 if width < 768 else 900}


@pytest.fixture
def seed(site):
    # Open all day, every day, so open-now.js always shows its longest label, "Open now: call".
    site.settings.opening_hours = ALWAYS_OPEN
    site.settings.save()
    hero = ImageFactory(title="Moon over hills", file__width=1600, file__height=900)
    return build_seed_article(site, hero_image=hero)


@pytest.fixture
def open_page(visitor_browser, live_server):
    contexts = []

    def open_page(path, width, **options):
        require()
        context, page = new_page(
            visitor_browser, live_server.url, viewport=viewport(width), **options
        )
        contexts.append(context)
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_header_is_short_with_the_name_on_one_line(open_page, seed, width):
    page = open_page(seed.url, width)
    header = page.evaluate(
        """() => {
            const header = document.querySelector('.site-header');
            const name = document.querySelector('.brand__name');
            const lineHeight = parseFloat(getComputedStyle(name).lineHeight);
            return {height: header.getBoundingClientRect().height,
                    nameLines: Math.round(name.getBoundingClientRect().height / lineHeight),
                    nameRight: name.getBoundingClientRect().right,
                    pageWidth: document.documentElement.scrollWidth};
        }"""
    )
    assert header["nameLines"] == 1, header
    assert header["pageWidth"] <= width, "nothing pushes the page sideways"
    if width < 768:
        assert header["height"] <= HEADER_LIMIT_ON_PHONES, header
        assert not page.locator("#site-search-q").is_visible(), "search waits behind its button"
    else:
        assert page.locator("#site-search-q").is_visible()


def test_search_button_opens_the_search_box(open_page, seed):
    page = open_page(seed.url, 390)
    toggle = page.locator(".site-header [data-search-toggle]")
    assert toggle.evaluate("e => e.tagName") == "BUTTON"
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-search-q").is_visible()
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.press("Escape")
    assert not page.locator("#site-search-q").is_visible()


def test_without_javascript_search_is_a_link_to_the_search_page(open_page, seed, live_server):
    page = open_page(seed.url, 390, java_script_enabled=False)
    toggle = page.locator(".site-header [data-search-toggle]")
    assert toggle.get_attribute("href") == "/search/"
    toggle.click()
    page.wait_for_url(f"{live_server.url}/search/")
    assert page.locator("main input[type=search]").first.is_visible()


@pytest.mark.parametrize("width", [390, 1280], ids=["390", "1280"])
def test_first_exercise_starts_within_two_screens_of_the_seed_article(open_page, seed, width):
    page = open_page(seed.url, width)
    found = page.evaluate(
        """() => {
            const first = document.querySelector('main .exercise-card, main .video');
            return {top: first.getBoundingClientRect().top + scrollY, screen: innerHeight,
                    tocLinks: [...document.querySelectorAll('.toc__list a')].map(a => a.textContent.trim())};
        }"""
    )
    assert found["top"] < 2 * found["screen"], found
    assert found["tocLinks"][:3] == ["Free Your Neck", "Magic Neck Stretch", "Baby Rolling"]


def test_in_this_article_links_jump_to_the_exercise(open_page, seed):
    # Reduced motion: the jump is instant, not a smooth scroll to wait for.
    page = open_page(seed.url, 390, reduced_motion="reduce")
    page.locator(".toc__list a", has_text="Magic Neck Stretch").click()
    page.wait_for_function("location.hash === '#magic-neck-stretch'")
    top = page.evaluate("document.getElementById('magic-neck-stretch').getBoundingClientRect().top")
    assert 0 <= top < 100


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_call_bar_never_wraps_nor_is_cut(open_page, seed, width):
    page = open_page(seed.url, width)
    bar = page.locator(".action-bar")
    if width >= 768:
        assert not bar.is_visible(), "wider screens have call and book in the header"
        return
    page.wait_for_selector(".action-bar.is-open-now")
    assert "Open now: call" in bar.inner_text()
    measures = page.evaluate(
        """() => {
            const bar = document.querySelector('.action-bar');
            return [...bar.querySelectorAll('a')].map(link => {
                const box = link.getBoundingClientRect();
                const label = link.querySelector('span');
                const range = document.createRange();
                range.selectNodeContents(label);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                const dot = getComputedStyle(link, '::before');
                return {text: link.textContent.trim(), left: box.left, right: box.right,
                        fits: link.scrollWidth <= link.clientWidth, lines: lines.size,
                        labelLeft: range.getBoundingClientRect().left,
                        labelRight: range.getBoundingClientRect().right,
                        dot: dot.content !== 'none' && dot.content !== 'normal'};
            });
        }"""
    )
    assert (
        page.evaluate("document.querySelector('.action-bar').getBoundingClientRect().height") <= 64
    )
    for link in measures:
        assert link["lines"] == 1, link
        assert link["fits"], link
        assert link["left"] >= 0 and link["right"] <= width, link
        assert link["left"] <= link["labelLeft"] and link["labelRight"] <= link["right"], link
    call = next(link for link in measures if link["text"].startswith("Open now"))
    assert call["dot"], "the open-now dot is drawn"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_print_sheet_qr_code_opens_the_exercise_page(open_page, seed, live_server, width):
    page = open_page("/exercises/free-your-neck/print/", width)
    qr = page.locator(".sheet__qr svg")
    box = qr.bounding_box()
    assert box["width"] >= 100 and box["x"] >= 0 and box["x"] + box["width"] <= width
    image = Image.open(io.BytesIO(qr.screenshot()))
    assert decode_qr(image) == f"{live_server.url}/exercises/free-your-neck/"


WORDS_BROKEN_ACROSS_LINES = """() => {
    const broken = [];
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.sheet__url, svg, a[href^="http"]')) continue;
        for (const match of node.textContent.matchAll(/[A-Za-z][A-Za-z'’]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_print_sheet_never_breaks_a_word(open_page, seed, media):
    ExerciseFactory(
        name="Nothing but yourself",
        slug="long-words",
        summary="Seeeeeeee nothinggggggg " * 12,
        steps=[step_block("Breathe and see that nothing hurts. " * 8)],
    )
    for path in ("/exercises/free-your-neck/print/", "/exercises/long-words/print/"):
        page = open_page(path, 320 if media == "screen" else 700)
        page.emulate_media(media=media)
        assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == [], path
