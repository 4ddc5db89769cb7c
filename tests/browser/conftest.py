"""Playwright driving Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

Without Chromium or the playwright package the browser tests skip locally with the reason, and
fail under CI=true, where a skip would hide a missing install step.

``browser`` is the session's only Chromium: Playwright's sync API cannot be started twice in one
thread, so every browser test (visitor_support.visitor_browser too) goes through this fixture.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls tests make between
# browser steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# No first-run chores, no background calls home: the tests must not touch the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "the playwright package is not installed (pip install -r requirements-dev.txt)"
        )
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    # Starting Playwright's sync API switches the context, and Django's connections are
    # context-local: the connection tests use afterwards is a new object without the serialized
    # test database that serialized_rollback restores from. Carry it over.
    from django.db import connections

    saved = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    playwright = sync_playwright().start()
    for alias, contents in saved.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves tests/artifacts/name.png for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(name, full_page=False):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    return save
