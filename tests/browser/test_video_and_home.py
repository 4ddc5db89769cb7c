"""In Chromium at 390 and 1280 px: a step's time starts the exercise's video there (loading the
click-to-load player first), without JavaScript it is a link to the video at that time; and the
home page shows what the clinic offers, where and when, with nothing loaded from elsewhere."""

from decimal import Decimal

import pytest

from home.models import HomePage, HomeTestimonial
from home.models import Testimonial as ClientTestimonial

from ..factories import (
    VIMEO_URL,
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    exercise_block,
    step_block,
    video_block,
)
from .conftest import ARTIFACTS
from .visitor_support import DESKTOP, PHONE, new_page, require, run_axe, visitor_browser

__all__ = ["visitor_browser"]

pytestmark = [
    pytest.mark.browser,
    # Restores the migrated rows (root page, default site) for the next transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

YT = "dQw4w9WgXcQ"
VIEWPORTS = [pytest.param(PHONE, id="390"), pytest.param(DESKTOP, id="1280")]


def timed_step(text, video_time):
    block = step_block(text)
    block["value"] = {"text": text, "video_time": video_time}
    return block


@pytest.fixture
def timed_content(site):
    poster = ImageFactory(title="Seated twist")
    cover = video_block(url=f"https://youtu.be/{YT}", title="Free Your Neck", poster=poster)
    cover["value"]["length"] = "4:05"
    neck = ExerciseFactory(
        name="Free Your Neck",
        video=[cover],
        steps=[
            timed_step("Sit toward the front of a firm chair.", "0:35"),
            timed_step("Turn your chest to the right.", "1:10"),
        ],
    )
    rolling = ExerciseFactory(
        name="Baby Rolling",
        video=[video_block(url=VIMEO_URL, title="Baby Rolling")],
        steps=[timed_step("Lie on your back on a rug.", "0:20")],
    )
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for a stiff neck",
        body=[
            video_block(title="An article's own video"),
            exercise_block(neck),
            exercise_block(rolling),
        ],
    )
    return {"neck": neck, "rolling": rolling, "article": article}


@pytest.fixture
def home_content(site):
    site.settings.address = "1187 Larkspur Row, Suite B\nDecatur, GA 30030"
    site.settings.opening_hours = [
        ("hours", {"weekday": str(day), "opens": "10:00", "closes": "18:00"}) for day in (1, 2, 4)
    ]
    site.settings.save()
    home = HomePage.objects.get(pk=site.home.pk)
    home.heading = "Ashiatsu barefoot massage in Decatur"
    home.about = "<p>In Ashiatsu I massage with my feet, holding bars on the ceiling.</p>"
    home.photo = ImageFactory(title="The treatment room")
    home.photo_alt = "The massage table under two wooden ceiling bars"
    home.services = [
        (
            "service",
            {"name": name, "duration_minutes": minutes, "price": Decimal(price)},
        )
        for name, minutes, price in [
            ("Ashiatsu barefoot massage", 60, "95"),
            ("Ashiatsu, extended", 90, "135"),
            ("Neck and shoulder session", 45, "75"),
        ]
    ]
    home.testimonials = [
        HomeTestimonial(
            testimonial=ClientTestimonial.objects.create(name=name, quote=quote), sort_order=i
        )
        for i, (name, quote) in enumerate(
            [
                ("Denise R.", "My upper back felt loose for days."),
                ("Marcus T.", "She finds the knots nobody else could reach."),
            ]
        )
    ]
    home.save_revision().publish()
    return home


def save_screenshot(page, name, full_page=False):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def frame_src(page, scope):
    frame = page.locator(f"{scope} iframe.video__frame")
    frame.wait_for()
    return frame.get_attribute("src")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_tapping_a_step_time_starts_the_video_there(
    visitor_browser, live_server, timed_content, viewport
):
    require()
    context, page = new_page(visitor_browser, live_server.url, viewport=viewport)
    page.goto(f"{live_server.url}/exercises/{timed_content['neck'].slug}/")
    cover = page.locator("a.video__player")
    assert " ".join(cover.inner_text().split()) == "Free Your Neck Play video (YouTube) Length 4:05"
    assert page.locator(".video__length").is_visible()

    step_time = page.locator("a.step__time").first
    assert step_time.locator("time").inner_text() == "0:35"
    assert " ".join(step_time.inner_text().split()) == "Watch this step in the video from 0:35"
    box = step_time.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= viewport["width"], box
    step_time.click()
    # The player was not loaded yet: the click loads it, already at that moment.
    src = frame_src(page, "article.exercise")
    assert src == f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0&start=35"
    frame = page.locator("iframe.video__frame")
    assert frame.get_attribute("title") == "Free Your Neck"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert frame.is_visible() and frame.bounding_box()["y"] < viewport["height"]

    # With the player open, another step's time moves it there.
    page.locator("a.step__time").nth(1).click()
    page.wait_for_function("document.querySelector('iframe.video__frame').src.endsWith('start=70')")
    assert page.locator("iframe.video__frame").count() == 1
    assert not page.console_errors, page.console_errors
    save_screenshot(page, f"step-times-{viewport['width']}")
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_step_times_in_an_article_start_their_own_exercise_s_video(
    visitor_browser, live_server, timed_content, viewport
):
    require()
    context, page = new_page(visitor_browser, live_server.url, viewport=viewport)
    page.goto(live_server.url + timed_content["article"].url)
    rolling_card = page.locator("article.exercise-card").filter(has_text="Baby Rolling")
    rolling_card.locator("a.step__time").click()
    src = rolling_card.locator("iframe.video__frame")
    src.wait_for()
    assert src.get_attribute("src") == (
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=20s"
    )
    # Only that card's player loaded: the article's own video and the other card still wait.
    assert page.locator("iframe.video__frame").count() == 1
    assert page.locator("a.video__player").count() == 2
    assert not page.console_errors, page.console_errors
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_without_javascript_a_step_time_is_a_link_to_the_video_at_that_time(
    visitor_browser, live_server, timed_content, viewport
):
    require()
    context, page = new_page(
        visitor_browser, live_server.url, viewport=viewport, java_script_enabled=False
    )
    page.goto(f"{live_server.url}/exercises/{timed_content['neck'].slug}/")
    links = page.locator("a.step__time")
    assert links.nth(0).get_attribute("href") == f"https://www.youtube.com/watch?v={YT}&t=35s"
    assert links.nth(1).get_attribute("href") == f"https://www.youtube.com/watch?v={YT}&t=70s"
    assert links.nth(0).is_visible()
    assert not page.blocked_requests, "nothing was fetched from the video site"
    links.nth(0).click()
    # It goes to the video's own page at that time (the test aborts it: no network).
    page.wait_for_timeout(300)
    assert f"https://www.youtube.com/watch?v={YT}&t=35s" in page.blocked_requests
    assert page.locator("iframe").count() == 0
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_page_sells_the_clinic(visitor_browser, live_server, home_content, viewport):
    require()
    context, page = new_page(visitor_browser, live_server.url, viewport=viewport)
    page.goto(live_server.url + "/")
    assert page.locator("main h1").inner_text() == "Ashiatsu barefoot massage in Decatur"
    for heading in (
        "In Ashiatsu I massage with my feet",
        "Services and prices",
        "What clients say",
        "Visit the studio",
    ):
        section = page.get_by_text(heading).first
        section.scroll_into_view_if_needed()
        assert section.is_visible(), heading
    prices = page.locator(".service__price").all_inner_texts()
    assert prices == ["$95", "$135", "$75"]
    assert page.locator(".testimonial__name").all_inner_texts() == ["Denise R.", "Marcus T."]
    assert page.locator(".home-about img").get_attribute("alt") == (
        "The massage table under two wooden ceiling bars"
    )
    map_link = page.locator("a[data-map-link]")
    assert map_link.get_attribute("href").startswith("https://www.openstreetmap.org/search?query=")
    assert page.locator(".home-visit .hours li").count() == 3
    assert page.locator("section[aria-labelledby=services-title] a.button").is_visible()
    # Nothing sticks out sideways on a phone, and nothing came from another site.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.locator("iframe").count() == 0
    assert not page.blocked_requests, page.blocked_requests
    assert not page.console_errors, page.console_errors
    if viewport["width"] >= 1000:
        # Beside each other on a wide screen: the explanation and her photo.
        text_box = page.locator(".home-about__text").bounding_box()
        photo_box = page.locator(".home-about__photo").bounding_box()
        assert photo_box["x"] > text_box["x"] + text_box["width"] - 1
    save_screenshot(page, f"home-{viewport['width']}", full_page=True)
    context.close()


def test_home_and_step_times_pass_axe(visitor_browser, live_server, home_content, timed_content):
    require(axe=True)
    for viewport in (PHONE, DESKTOP):
        context, page = new_page(
            visitor_browser, live_server.url, viewport=viewport, bypass_csp=True
        )
        for path in ("/", f"/exercises/{timed_content['neck'].slug}/"):
            page.goto(live_server.url + path)
            violations = run_axe(page)
            assert not violations, (path, viewport, violations)
        context.close()
