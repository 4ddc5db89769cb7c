"""The call to action knows the opening hours: "Open now: call" during them, "Book online"
otherwise. The rule lives in core/hours.py (and the same rule in static/js/open-now.js, tested
in tests/browser/test_routine.py); pages carry the hours, never a time-dependent answer, so the
anonymous page cache can never serve a stale "Open now"."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from core.hours import hours_for_browser, is_open_at, opening_intervals

pytestmark = pytest.mark.django_db

DECATUR = ZoneInfo("America/New_York")


def at(year, month, day, hour, minute=0, tz=DECATUR):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)


@pytest.fixture
def clinic(site):
    settings = site.settings
    settings.opening_hours = [
        # Tuesday 10-18, Thursday 12-20, Friday evening into Saturday 18:00-01:00.
        ("hours", {"weekday": "1", "opens": "10:00", "closes": "18:00"}),
        ("hours", {"weekday": "3", "opens": "12:00", "closes": "20:00"}),
        ("hours", {"weekday": "4", "opens": "18:00", "closes": "01:00"}),
    ]
    settings.save()
    return settings


# 2025-03-11 is a Tuesday.
@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(2025, 3, 11, 9, 59), False),
        (at(2025, 3, 11, 10, 0), True),  # opening time counts
        (at(2025, 3, 11, 17, 59), True),
        (at(2025, 3, 11, 18, 0), False),  # closing time does not
        (at(2025, 3, 10, 12, 0), False),  # Monday: closed all day
        (at(2025, 3, 13, 19, 30), True),  # Thursday evening
        (at(2025, 3, 14, 23, 30), True),  # Friday late
        (at(2025, 3, 15, 0, 30), True),  # ...until 1am Saturday
        (at(2025, 3, 15, 1, 0), False),
        (at(2025, 3, 16, 0, 30), False),  # Sunday small hours: Saturday was closed
    ],
)
def test_open_at(clinic, moment, open_):
    assert is_open_at(clinic, moment) is open_


def test_open_is_judged_on_the_clinics_clock_not_the_servers(clinic):
    # 15:30 UTC on a Tuesday in March is 11:30 in Decatur (EDT): open.
    assert is_open_at(clinic, at(2025, 3, 11, 15, 30, tz=datetime.UTC))
    # 23:30 UTC on that Tuesday is 19:30 in Decatur: closed, though the UTC hour is "late".
    assert not is_open_at(clinic, at(2025, 3, 11, 23, 30, tz=datetime.UTC))
    # 14:30 UTC is 10:30 EDT in summer but 09:30 EST in winter (a Tuesday in January): closed.
    assert not is_open_at(clinic, at(2025, 1, 7, 14, 30, tz=datetime.UTC))


def test_no_hours_means_never_open(site):
    assert opening_intervals(site.settings) == []
    assert not is_open_at(site.settings, at(2025, 3, 11, 12, 0))
    assert hours_for_browser(site.settings) == "[]"


def test_page_carries_the_hours_for_the_browser(client, clinic):
    html = client.get("/").content.decode()
    assert 'data-time-zone="America/New_York"' in html
    start = html.index('data-open-hours="') + len('data-open-hours="')
    raw = html[start : html.index('"', start)].replace("&quot;", '"')
    assert json.loads(raw) == [[1, "10:00", "18:00"], [3, "12:00", "20:00"], [4, "18:00", "01:00"]]


def test_call_to_action_html_does_not_depend_on_the_time(client, clinic, monkeypatch):
    """Whatever the hour, the server renders Book online first and the phone second, so a
    cached page is right at any time; open-now.js promotes the call during opening hours."""
    from django.utils import timezone

    pages = []
    for moment in (at(2025, 3, 11, 11, 0), at(2025, 3, 11, 22, 0)):
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        pages.append(client.get("/").content.decode())
    assert pages[0] == pages[1]
    html = pages[0]
    hero = html[html.index("data-open-now") :]
    assert hero.index("Book online") < hero.index("Call (404) 555-0142")
    assert 'data-cta="call" href="tel:4045550142"' in html
    assert "Open now" not in html


def test_call_to_action_without_a_booking_link_is_just_the_phone(client, clinic):
    clinic.booking_url = ""
    clinic.save()
    html = client.get("/").content.decode()
    assert "Book online" not in html
    assert 'class="button" data-cta="call"' in html
