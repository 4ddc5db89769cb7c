"""The clinic's opening hours: "is it open now?", and the same hours for browsers and search engines.

Everything is in the site's TIME_ZONE (the clinic's wall clock), whatever the server's clock says.
Pages are cached for anonymous visitors, so the server never bakes "Open now" into HTML: it renders
a time-independent default ("Book online") and hands these hours to static/js/open-now.js, which
decides in the visitor's browser, in the clinic's time zone. ``is_open_at`` is the same rule in
Python, for tests, for pages that are never cached and for anything server-side later.
"""

import datetime
import json
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

SCHEMA_DAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


@dataclass(frozen=True)
class OpeningInterval:
    weekday: int  # 0 = Monday, as Python's date.weekday()
    opens: datetime.time
    closes: datetime.time

    @property
    def overnight(self):
        """Closes after midnight, e.g. 18:00 to 02:00 (closes <= opens)."""
        return self.closes <= self.opens


def clinic_time_zone():
    return ZoneInfo(settings.TIME_ZONE)


def _as_time(value):
    """A TimeBlock value, or the "HH:MM" string an unsaved, unnormalised value may hold."""
    if isinstance(value, datetime.time) or value is None:
        return value
    try:
        return datetime.time.fromisoformat(str(value))
    except ValueError:
        return None


def opening_intervals(clinic):
    """The clinic's opening hours as intervals, skipping incomplete rows, Monday first."""
    intervals = []
    for block in getattr(clinic, "opening_hours", None) or []:
        value = block.value
        try:
            weekday = int(value.get("weekday"))
        except (TypeError, ValueError):
            continue
        opens, closes = _as_time(value.get("opens")), _as_time(value.get("closes"))
        if not (0 <= weekday <= 6) or opens is None or closes is None or opens == closes:
            continue
        intervals.append(OpeningInterval(weekday, opens, closes))
    return sorted(intervals, key=lambda i: (i.weekday, i.opens))


def is_open_at(clinic, moment=None):
    """True when ``moment`` (aware; default now) falls inside the clinic's opening hours.

    Opening time is inclusive and closing time exclusive: at 17:00 a clinic open 9 to 5 is closed.
    """
    moment = timezone.localtime(moment or timezone.now(), clinic_time_zone())
    weekday, now = moment.weekday(), moment.time().replace(tzinfo=None)
    for interval in opening_intervals(clinic):
        if interval.overnight:
            # The evening part on its own day, the small hours on the next day.
            if interval.weekday == weekday and now >= interval.opens:
                return True
            if (interval.weekday + 1) % 7 == weekday and now < interval.closes:
                return True
        elif interval.weekday == weekday and interval.opens <= now < interval.closes:
            return True
    return False


def hours_for_browser(clinic):
    """A compact JSON list for open-now.js: [[weekday (0 = Monday), "HH:MM", "HH:MM"], ...]."""
    return json.dumps(
        [
            [i.weekday, i.opens.strftime("%H:%M"), i.closes.strftime("%H:%M")]
            for i in opening_intervals(clinic)
        ],
        separators=(",", ":"),
    )


def opening_hours_specification(clinic):
    """schema.org OpeningHoursSpecification objects, one per opening interval."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[i.weekday]}",
            "opens": i.opens.strftime("%H:%M"),
            "closes": i.closes.strftime("%H:%M"),
        }
        for i in opening_intervals(clinic)
    ]
