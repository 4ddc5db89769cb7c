"""Calendar reminders: an exercise's "how often" ("Twice a day", "3 times a week", "Every other
day", "Mornings") read as an RFC 5545 recurrence, and the `.ics` file built from a plan.

The therapist writes "how often" in her own words, so this reads the common phrasings and falls
back to one reminder a day for anything else: a reminder too many is better than none.
"""

import datetime
import hashlib
import re
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

NUMBER_WORDS = {
    "once": 1,
    "one": 1,
    "a": 1,
    "twice": 2,
    "two": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}
# Reminder times through the day, by how many a day; more than four a day would be nagging.
DAY_TIMES = {
    1: [datetime.time(9)],
    2: [datetime.time(9), datetime.time(18)],
    3: [datetime.time(9), datetime.time(13), datetime.time(18)],
    4: [datetime.time(8), datetime.time(12), datetime.time(16), datetime.time(20)],
}
# Days of the week for "N times a week", spread out.
WEEK_DAYS = {
    1: ["MO"],
    2: ["MO", "TH"],
    3: ["MO", "WE", "FR"],
    4: ["MO", "TU", "TH", "FR"],
    5: ["MO", "TU", "WE", "TH", "FR"],
    6: ["MO", "TU", "WE", "TH", "FR", "SA"],
}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
MORNING = datetime.time(8)
EVENING = datetime.time(19)
COUNT = r"(\d+|once|one|twice|two|three|thrice|four|five|six|seven)"


@dataclass(frozen=True)
class Schedule:
    freq: str  # "DAILY" or "WEEKLY"
    interval: int = 1
    byday: tuple = ()
    times: tuple = (datetime.time(9),)
    understood: bool = True

    def rrule(self, until=None):
        rule = {"FREQ": self.freq}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.byday:
            rule["BYDAY"] = list(self.byday)
        if until is not None:
            rule["UNTIL"] = until
        return rule

    def first_day(self, day):
        """The first day on or after ``day`` that the rule falls on: a weekly rule's DTSTART
        should be one of its days, or some calendars show an extra reminder."""
        if not self.byday:
            return day
        wanted = {WEEKDAY_CODES.index(code) for code in self.byday}
        while day.weekday() not in wanted:
            day += datetime.timedelta(days=1)
        return day

    def describe(self):
        """In plain words, for the admin: what the reminders will do."""
        per_day = len(self.times)
        times = ", ".join(f"{t:%H:%M}" for t in self.times)
        if self.freq == "WEEKLY":
            return f"{len(self.byday)} day(s) a week ({', '.join(self.byday)}) at {times}"
        if self.interval > 1:
            return f"every {self.interval} days at {times}"
        return f"{per_day} a day at {times}" if per_day > 1 else f"every day at {times}"


def _count(word):
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def schedule_for(how_often):
    text = " ".join((how_often or "").lower().replace("-", " ").split())
    if not text:
        return Schedule("DAILY")
    if "every other day" in text or "alternate days" in text:
        return Schedule("DAILY", interval=2)
    if match := re.search(rf"every {COUNT} days", text):
        return Schedule("DAILY", interval=max(1, min(_count(match[1]), 7)))
    if match := re.search(rf"{COUNT}( times?)? (a|per|each) week", text):
        per_week = max(1, _count(match[1]))
        if per_week >= 7:
            return Schedule("DAILY")
        return Schedule("WEEKLY", byday=tuple(WEEK_DAYS[per_week]))
    if "weekly" in text or re.search(r"\b(once )?a week\b", text):
        return Schedule("WEEKLY", byday=("MO",))
    if "morning" in text and "evening" in text:
        return Schedule("DAILY", times=(MORNING, EVENING))
    # "Once or twice a day": the smaller number, so reminders never ask for more than she does.
    if match := re.search(rf"{COUNT}( times?)?( or {COUNT}( times?)?)? (a|per|each) day", text):
        per_day = max(1, min(_count(match[1]), 4))
        return Schedule("DAILY", times=tuple(DAY_TIMES[per_day]))
    if re.search(r"\b(mornings?|on waking|breakfast)\b", text):
        return Schedule("DAILY", times=(MORNING,))
    if re.search(r"\b(evenings?|bedtime|before bed|at night)\b", text):
        return Schedule("DAILY", times=(EVENING,))
    if re.search(r"\b(daily|every day|each day|a day)\b", text):
        return Schedule("DAILY")
    return Schedule("DAILY", understood=False)


def _uid(plan, item_key, slot, host):
    # Stable across downloads (so a second import updates rather than duplicates), and not the
    # token itself: the UID must not be a way into the plan.
    digest = hashlib.sha256(f"{plan.token}|{item_key}|{slot}".encode()).hexdigest()[:24]
    return f"{digest}@{host}"


def plan_calendar(plan, plan_url, clinic_name, host):
    """The plan's reminders as an iCalendar file (bytes): one recurring event for each exercise
    and time of day, from the plan's start to the last day its link works."""
    from icalendar import Alarm, Calendar, Event

    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", f"-//{clinic_name}//Home programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{plan.title} ({clinic_name})")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    first_day = max(plan.starts_on, timezone.localdate())
    # RFC 5545: with a local DTSTART, UNTIL is given in UTC.
    until = datetime.datetime.combine(
        plan.expires_on, datetime.time(23, 59, 59), tzinfo=zone
    ).astimezone(datetime.UTC)
    for item in plan.plan_exercises.all():
        schedule = item.schedule
        for slot, at in enumerate(schedule.times):
            event = Event()
            event.add("uid", _uid(plan, item.pk or item.sort_order, slot, host))
            event.add("dtstamp", now)
            start = datetime.datetime.combine(schedule.first_day(first_day), at, tzinfo=zone)
            event.add("dtstart", start)
            event.add("duration", datetime.timedelta(minutes=10))
            event.add("summary", f"{item.exercise.name} (home exercise)")
            lines = [item.dose] if item.dose else []
            if item.note:
                lines.append(item.note)
            lines.append(f"Your plan: {plan_url}")
            event.add("description", "\n".join(lines))
            event.add("url", plan_url)
            event.add("rrule", schedule.rrule(until=until))
            event.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Time for {item.exercise.name}")
            alarm.add("trigger", datetime.timedelta(0))
            event.add_component(alarm)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
