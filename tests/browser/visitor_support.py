"""Headless Chromium for the visitor-side browser tests (accessibility, routine, video, hours).

Drives Debian's /usr/bin/chromium through Playwright (never `playwright install`). Every request
that is not for the live test server is aborted, so pressing play on a video or loading a page
never reaches YouTube, Vimeo or anything else. When Chromium, Playwright or axe-core (npm ci) is
missing the tests skip with the reason, except under CI=true, where they fail.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the fixtures make
# between browser steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def require(*, axe=False):
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -r requirements-dev.txt)")
    if axe and not AXE_SCRIPT.exists():
        missing.append(f"{AXE_SCRIPT} (npm ci)")
    if missing:
        message = "Browser tests need: " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def visitor_browser(browser):
    """The session's one Chromium from tests/browser/conftest.py: Playwright's sync API refuses
    to start twice in a thread, and each test module importing this fixture gets its own copy."""
    return browser


def only_local(page, base_url):
    """Abort every request that leaves the test server; remember what was aborted."""
    page.blocked_requests = []

    def handle(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            page.blocked_requests.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return page


def new_page(browser, base_url, *, viewport=PHONE, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = only_local(context.new_page(), base_url)
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def visitor_page(visitor_browser, live_server):
    """A phone-sized page with the site's real Content-Security-Policy in force."""
    context, page = new_page(visitor_browser, live_server.url)
    yield page
    context.close()


def run_axe(page):
    """axe-core's WCAG 2.x A/AA and best-practice rules; returns serious/critical violations.

    axe is injected as a script tag, which the site's CSP would block, so callers open their
    page in a context made with bypass_csp=True (the CSP itself is tested elsewhere).
    """
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def visitor_content(site):
    """An article using every block, three exercises, and the clinic's opening hours."""
    import datetime

    from ..factories import (
        ArticlePageFactory,
        ExerciseFactory,
        ImageFactory,
        callout_block,
        exercise_block,
        heading_block,
        image_block,
        paragraph_block,
        quote_block,
        step_block,
        update_block,
        video_block,
    )

    site.settings.address = "1187 Larkspur Row, Suite B\nDecatur, GA 30030"
    site.settings.opening_hours = [
        ("hours", {"weekday": str(day), "opens": "10:00", "closes": "18:00"}) for day in (1, 2, 4)
    ]
    site.settings.save()
    photo = ImageFactory(title="Stretching at a desk")
    neck = ExerciseFactory(
        name="Magic Neck Stretch",
        summary="Gets the upper back moving so the neck can rest.",
        steps=[step_block("Sit tall and let your shoulders drop."), step_block("Turn slowly.")],
        video=[video_block(title="Magic neck stretch video")],
        body_areas=[site.areas["neck"]],
    )
    chin = ExerciseFactory(
        name="Chin Tucks",
        summary="Counters head-forward posture.",
        steps=[step_block("Glide your chin straight back."), step_block("Hold, then relax.")],
        hold_seconds=5,
        repetitions=10,
        body_areas=[site.areas["neck"]],
        image=photo,
    )
    rolls = ExerciseFactory(
        name="Shoulder Rolls",
        summary="Loosens the shoulders after a long drive.",
        steps=[step_block("Roll your shoulders back five times.")],
        video=[],
        body_areas=[site.areas["shoulders"]],
    )
    other = ArticlePageFactory(
        parent=site.articles, title="Sleep better with a sore neck", author=site.practitioner
    )
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        summary="Three videos that loosen the upper back so the neck can rest.",
        author=site.practitioner,
        hero_image=photo,
        hero_image_alt="A woman stretching her neck at her desk",
        last_reviewed=datetime.date(2025, 5, 1),
        body_areas=[site.areas["neck"], site.areas["upper-back"]],
        related=[other],
        body=[
            paragraph_block(
                "<p>Most neck pain starts in the <a href='/exercises/'>upper back</a>.</p>"
            ),
            heading_block("Start with the upper back"),
            video_block(
                title="Free Your Neck",
                caption="Loosens the upper back so the neck can let go.",
                transcript="Sit tall. Breathe out and let your shoulders drop.",
                poster=photo,
            ),
            exercise_block(neck, note="Do this one every morning."),
            image_block(photo, alt_text="Sitting tall at a desk", caption="Sit tall."),
            quote_block(),
            callout_block("tip", text="<p>Little and often beats once a week.</p>"),
            callout_block("safety"),
            callout_block("read_next", articles=[other], exercises=[chin]),
            callout_block("call_to_action"),
            update_block(
                date=datetime.date(2025, 3, 14),
                heading="One more video I forgot",
                body=[video_block(url="https://vimeo.com/76979871", title="Shoulder rolls video")],
            ),
            callout_block("fine_print"),
        ],
    )
    return {"article": article, "other": other, "exercises": [neck, chin, rolls], "photo": photo}
