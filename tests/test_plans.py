"""Home programmes, the client's side: the private address, privacy headers, expiry, check-ins,
the throttle, the calendar file, the sheet's QR code, the service worker and the clean-up."""

import base64
import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from core.cache import current_generation
from plans.models import CheckIn, Plan, new_token
from plans.reminders import schedule_for

from .factories import ArticlePageFactory, ExerciseFactory, video_block
from .plans_support import decode_qr, make_plan, svg_qr_to_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site):
    return make_plan()


def url_of(plan, suffix=""):
    return f"/plan/{plan.token}/{suffix}"


def post_checkin(client, plan, json=False, **data):
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(url_of(plan, "check-in/"), data, **headers)


# --- the token ---------------------------------------------------------------------------------


def test_each_token_carries_at_least_128_random_bits():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(raw) * 8 >= 128
    # Random, not a counter: the tokens share no common prefix.
    assert len({token[:4] for token in tokens}) > 150


def test_every_plan_gets_its_own_token(site):
    first, second = make_plan(), make_plan(exercises=[])
    assert first.token != second.token and len(first.token) >= 22


def test_the_right_token_opens_the_plan(client, plan):
    response = client.get(url_of(plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stiff neck starter" in html and "Chin Tucks" in html and "Little and often." in html


@pytest.mark.parametrize(
    "alter",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:-1],
        lambda token: token.upper() if token.upper() != token else token.lower(),
        lambda token: new_token(),
        lambda token: "x" * 300,
        lambda token: token + "%00",
    ],
    ids=["last-char", "truncated", "case", "another", "huge", "nul"],
)
def test_a_wrong_or_altered_token_is_404(client, plan, alter):
    for suffix in ("", "sheet/", "reminders.ics"):
        response = client.get(f"/plan/{alter(plan.token)}/{suffix}")
        assert response.status_code == 404
        assert plan.title not in response.content.decode()


def test_a_template_has_no_client_address(client, site):
    template = make_plan(is_template=True, client_label="")
    assert client.get(url_of(template)).status_code == 404


# --- privacy -----------------------------------------------------------------------------------


def assert_private(response):
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_every_plan_response_is_private(client, plan, site):
    for suffix in ("", "sheet/", "reminders.ics"):
        response = client.get(url_of(plan, suffix))
        assert response.status_code == 200
        assert_private(response)
    assert not client.get(url_of(plan)).cookies  # nothing is kept about the visitor
    sent = post_checkin(client, plan, feeling="4")
    assert_private(sent)
    assert not sent.cookies
    assert_private(post_checkin(client, plan, feeling="eleven"))
    assert_private(client.get(f"/plan/{new_token()}/"))
    plan.status = Plan.REVOKED
    plan.save()
    assert_private(client.get(url_of(plan)))
    other = make_plan(exercises=[])
    for suffix in ("", "sheet/"):
        html = client.get(url_of(other, suffix)).content.decode()
        assert '<meta name="robots" content="noindex' in html


@override_settings(CLINIC_PAGE_CACHE_SECONDS=600)
def test_plan_pages_never_enter_the_page_cache(client, plan):
    # The cache is on: an ordinary page is stored...
    assert client.get("/exercises/")["X-Page-Cache"] == "miss"
    assert client.get("/exercises/")["X-Page-Cache"] == "hit"
    # ...a plan never is, however often it is opened.
    for _ in range(3):
        response = client.get(url_of(plan))
        assert response.status_code == 200
        assert "X-Page-Cache" not in response


@override_settings(CLINIC_PAGE_CACHE_SECONDS=600)
def test_a_checkin_or_a_plan_edit_does_not_empty_the_page_cache(client, plan):
    generation = current_generation()
    assert post_checkin(client, plan, feeling="3").status_code == 303
    plan.note = "<p>Changed.</p>"
    plan.save()
    assert current_generation() == generation


def test_plan_page_loads_nothing_from_another_site(client, site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", video=[video_block(title="Neck video")])
    plan = make_plan(exercises=[exercise])
    html = client.get(url_of(plan)).content.decode()
    # The video is a click-to-load link (static/js/video.js); no player, no remote script.
    assert "data-video-embed=" in html
    assert "<iframe" not in html
    for attribute in ('src="http', "src='http", 'href="//', 'src="//'):
        assert attribute not in html
    stylesheets = [line for line in html.splitlines() if 'rel="stylesheet"' in line]
    assert stylesheets and all('href="/static/' in line for line in stylesheets)


def test_plans_are_not_in_search_sitemap_feeds_or_structured_data(
    client, plan, update_search_index
):
    update_search_index()
    html = client.get(url_of(plan)).content.decode()
    assert "application/ld+json" not in html and "og:image" not in html
    assert 'rel="canonical"' not in html
    for path in ("/sitemap.xml", "/articles/feed/", "/articles/feed/rss/", "/search/?q=Dana"):
        body = client.get(path).content.decode()
        assert plan.token not in body and "/plan/" not in body, path
    # No link-preview picture is ever drawn for a plan.
    for kind in ("plan", "plans", "checkin"):
        assert client.get(f"/share/{kind}/{plan.pk}.png").status_code == 404


def test_only_published_articles_are_suggested(client, site):
    published = ArticlePageFactory(parent=site.articles, title="Sleep with a sore neck")
    draft = ArticlePageFactory(parent=site.articles, title="Unfinished draft")
    draft.unpublish()
    plan = make_plan(articles=[published, draft])
    html = client.get(url_of(plan)).content.decode()
    assert "Sleep with a sore neck" in html and "Unfinished draft" not in html


def test_a_dose_override_replaces_the_exercise_dose(client, site):
    exercise = ExerciseFactory(name="Chin Tucks", hold_seconds=5, repetitions=10, frequency="Daily")
    plan = make_plan(exercises=[(exercise, {"repetitions": 4, "frequency": "Twice a day"})])
    html = client.get(url_of(plan)).content.decode()
    assert "Hold 5 seconds · 4 times · 1 set · Twice a day" in html
    assert "10 times" not in html


# --- expiry and revocation ------------------------------------------------------------------


@pytest.mark.parametrize("change", ["revoked", "expired"])
def test_revoked_or_expired_plans_answer_410_with_the_phone(client, plan, site, change):
    if change == "revoked":
        plan.status = Plan.REVOKED
    else:
        plan.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    plan.save()
    for suffix in ("", "sheet/", "reminders.ics"):
        response = client.get(url_of(plan, suffix))
        assert response.status_code == 410
        html = response.content.decode()
        assert "no longer works" in html and "new link" in html
        assert site.settings.phone in html
        assert "Chin Tucks" not in html
    assert post_checkin(client, plan, feeling="2").status_code == 410
    assert not plan.checkins.exists()


def test_a_plan_works_through_its_last_day(client, plan):
    plan.expires_on = timezone.localdate()
    plan.save()
    assert client.get(url_of(plan)).status_code == 200


# --- check-ins -------------------------------------------------------------------------------


def test_a_checkin_is_saved_and_confirmed(client, plan):
    response = post_checkin(client, plan, feeling="4", comment="  Better after the walk.  ")
    assert response.status_code == 303
    assert response["Location"] == f"{url_of(plan)}?sent=1#check-in"
    checkin = plan.checkins.get()
    assert (checkin.feeling, checkin.comment) == (4, "Better after the walk.")
    assert "Sent, thank you" in client.get(response["Location"]).content.decode()


def test_a_checkin_from_the_script_gets_json(client, plan):
    response = post_checkin(client, plan, json=True, feeling="0")
    assert response.status_code == 201 and "thank you" in response.json()["message"]
    assert plan.checkins.get().feeling == 0


def test_checkins_need_no_csrf_cookie(plan):
    # The private address is the credential; a page kept offline for days must still send.
    client = Client(enforce_csrf_checks=True)
    assert post_checkin(client, plan, feeling="10", comment="").status_code == 303


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "whole number from 0 to 10"),
        ({"feeling": ""}, "whole number from 0 to 10"),
        ({"feeling": "11"}, "whole number from 0 to 10"),
        ({"feeling": "-1"}, "whole number from 0 to 10"),
        ({"feeling": "5.5"}, "whole number from 0 to 10"),
        ({"feeling": "05"}, "whole number from 0 to 10"),
        ({"feeling": "seven"}, "whole number from 0 to 10"),
        ({"feeling": "\u0663"}, "whole number from 0 to 10"),  # an Arabic-Indic three
        ({"feeling": ["3", "4"]}, "whole number from 0 to 10"),
        ({"feeling": "3", "comment": "x" * 281}, "281 characters long"),
        ({"feeling": "3", "comment": "bad\x00byte"}, "cannot be saved"),
        ({"feeling": "3", "comment": ["one", "two"]}, "one comment at a time"),
    ],
    ids=[
        "missing",
        "empty",
        "eleven",
        "negative",
        "decimal",
        "leading-zero",
        "word",
        "unicode-digit",
        "twice",
        "long-comment",
        "control-char",
        "two-comments",
    ],
)
def test_bad_checkins_get_400_with_a_clear_message(client, plan, data, message):
    response = post_checkin(client, plan, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    json_response = post_checkin(client, plan, json=True, **data)
    assert json_response.status_code == 400 and message in json_response.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_refused_checkin_keeps_what_she_typed(client, plan):
    response = post_checkin(client, plan, comment="My shoulder clicked twice today.")
    assert response.status_code == 400
    assert "My shoulder clicked twice today." in response.content.decode()


def test_a_comment_of_exactly_280_characters_is_fine(client, plan):
    assert post_checkin(client, plan, feeling="5", comment="y" * 280).status_code == 303


def test_checkin_address_takes_only_posts(client, plan):
    assert client.get(url_of(plan, "check-in/")).status_code == 405


@override_settings(CLINIC_PLAN_CHECKINS_PER_DAY=3)
def test_a_plan_takes_only_a_few_checkins_a_day(client, plan):
    for feeling in ("3", "4", "5"):
        assert post_checkin(client, plan, feeling=feeling).status_code == 303
    response = post_checkin(client, plan, feeling="6")
    assert (
        response.status_code == 429
        and "already sent 3 check-ins today" in response.content.decode()
    )
    assert post_checkin(client, plan, json=True, feeling="6").status_code == 429
    assert plan.checkins.count() == 3
    # Yesterday's do not count against today.
    plan.checkins.update(created_at=timezone.now() - datetime.timedelta(days=1, hours=1))
    assert post_checkin(client, plan, feeling="6").status_code == 303


# --- the wrong-token throttle ---------------------------------------------------------------


@override_settings(CLINIC_PLAN_MISS_LIMIT=3)
def test_repeated_wrong_tokens_from_one_client_are_throttled(plan):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert guesser.get(f"/plan/{new_token()}/").status_code == 404
    refused = guesser.get(f"/plan/{new_token()}/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    # Even a right guess is refused while the pause lasts; everyone else is unaffected.
    assert guesser.get(url_of(plan)).status_code == 429
    assert Client(REMOTE_ADDR="198.51.100.4").get(url_of(plan)).status_code == 200


@override_settings(CLINIC_PLAN_MISS_LIMIT=3)
def test_right_tokens_never_count_towards_the_throttle(plan):
    client = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(10):
        assert client.get(url_of(plan)).status_code == 200


# --- calendar reminders ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how_often", "freq", "interval", "byday", "per_day"),
    [
        ("Daily", "DAILY", 1, (), 1),
        ("Every day, each side", "DAILY", 1, (), 1),
        ("Twice a day", "DAILY", 1, (), 2),
        ("Once or twice a day", "DAILY", 1, (), 1),
        ("Three times a day", "DAILY", 1, (), 3),
        ("3 times per day", "DAILY", 1, (), 3),
        ("Every other day", "DAILY", 2, (), 1),
        ("Every 3 days", "DAILY", 3, (), 1),
        ("3 times a week", "WEEKLY", 1, ("MO", "WE", "FR"), 1),
        ("Twice a week", "WEEKLY", 1, ("MO", "TH"), 1),
        ("Weekly", "WEEKLY", 1, ("MO",), 1),
        ("Mornings", "DAILY", 1, (), 1),
        ("Morning and evening", "DAILY", 1, (), 2),
        ("", "DAILY", 1, (), 1),
    ],
)
def test_how_often_becomes_a_recurrence(how_often, freq, interval, byday, per_day):
    schedule = schedule_for(how_often)
    assert (schedule.freq, schedule.interval, schedule.byday) == (freq, interval, byday)
    assert len(schedule.times) == per_day


def test_calendar_file_parses_back_with_the_right_recurrences(client, site):
    from icalendar import Calendar

    plan = make_plan(
        exercises=[
            ExerciseFactory(name="Chin Tucks", frequency="Twice a day"),
            ExerciseFactory(name="Wall Angels", frequency="3 times a week"),
            (ExerciseFactory(name="Cat Cow", frequency="Daily"), {"frequency": "Every other day"}),
        ]
    )
    response = client.get(url_of(plan, "reminders.ics"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    assert calendar.walk("VTIMEZONE"), "local times need their time zone"
    events = {}
    for event in calendar.walk("VEVENT"):
        events.setdefault(str(event["SUMMARY"]).split(" (")[0], []).append(event)
    assert sorted(events) == ["Cat Cow", "Chin Tucks", "Wall Angels"]
    chin = events["Chin Tucks"]
    assert len(chin) == 2 and {e["DTSTART"].dt.hour for e in chin} == {9, 18}
    assert all(e["RRULE"]["FREQ"] == ["DAILY"] for e in chin)
    (angels,) = events["Wall Angels"]
    assert angels["RRULE"]["FREQ"] == ["WEEKLY"] and angels["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    assert angels["DTSTART"].dt.weekday() in (0, 2, 4)
    (cat,) = events["Cat Cow"]  # the plan's "Every other day" wins over the exercise's "Daily"
    assert cat["RRULE"]["FREQ"] == ["DAILY"] and cat["RRULE"]["INTERVAL"] == [2]
    for event in calendar.walk("VEVENT"):
        until = event["RRULE"]["UNTIL"][0]
        assert until.utcoffset() == datetime.timedelta(0)
        assert timezone.localtime(until).date() == plan.expires_on
        assert event["DTSTART"].dt.date() >= plan.starts_on
        assert plan.token not in str(event["UID"])
        assert event.walk("VALARM")
        assert url_of(plan) in str(event["DESCRIPTION"])


# --- the printable sheet ---------------------------------------------------------------------


def test_sheet_has_note_doses_steps_log_phone_and_a_qr_code_to_the_plan(client, plan, site):
    html = client.get(url_of(plan, "sheet/")).content.decode()
    assert "Little and often." in html and "Chin Tucks" in html and "Twice a day" in html
    assert "Sit tall and drop your shoulders." in html
    assert html.count('class="plan-sheet__box"') == 14 * 2  # two weeks, two exercises
    assert site.settings.phone in html
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert decode_qr(svg_qr_to_image(svg)) == [f"http://testserver{url_of(plan)}"]


# --- offline ---------------------------------------------------------------------------------


def test_service_worker_scope_covers_every_plan_and_nothing_else(client, plan):
    html = client.get(url_of(plan)).content.decode()
    assert 'data-plan-worker="/plan/sw.js"' in html and 'data-plan-scope="/plan/"' in html
    response = client.get("/plan/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/static/js/plan.js"' in body and '"/static/css/site.css"' in body
    # Videos and every other site go straight to the network.
    assert "url.origin !== self.location.origin" in body


# --- clean-up --------------------------------------------------------------------------------


def test_checkins_are_deleted_90_days_after_a_plan_ends(site):
    today = timezone.localdate()
    old = make_plan(
        exercises=[],
        expires_on=today - datetime.timedelta(days=91),
        starts_on=today - datetime.timedelta(days=150),
    )
    recent = make_plan(
        exercises=[],
        expires_on=today - datetime.timedelta(days=89),
        starts_on=today - datetime.timedelta(days=150),
    )
    active = make_plan(exercises=[])
    for plan in (old, recent, active):
        CheckIn.objects.create(plan=plan, feeling=3)
    out = io.StringIO()
    call_command("delete_old_checkins", "--dry-run", stdout=out)
    assert "1 check-ins would be deleted" in out.getvalue() and CheckIn.objects.count() == 3
    call_command("delete_old_checkins", stdout=io.StringIO())
    assert set(CheckIn.objects.values_list("plan_id", flat=True)) == {recent.pk, active.pk}
    assert Plan.objects.filter(pk=old.pk).exists()  # the plan itself stays until she deletes it


# --- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "sheet/", "reminders.ics"])
def test_hostile_requests_to_a_plan_get_no_server_error_or_reflection(plan, suffix):
    from .test_hostile_input import attack

    failures = attack(url_of(plan, suffix))
    assert not failures, "\n".join(failures[:40])


def test_hostile_checkins_get_no_server_error(client, plan):
    from .test_hostile_input import SCRIPT

    for data in (
        {"feeling": SCRIPT, "comment": SCRIPT},
        {"feeling": "9" * 400},
        {"feeling[]": "3"},
    ):
        response = post_checkin(client, plan, **data)
        assert response.status_code == 400
        assert "<script>" not in response.content.decode().split("<main", 1)[-1]
    body = b"\xff\xfe" * 100
    response = client.post(
        url_of(plan, "check-in/"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


def test_a_plan_page_costs_the_same_queries_for_two_or_five_exercises(client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(count):
        plan = make_plan(exercises=[ExerciseFactory(video=[]) for _ in range(count)])
        client.get(url_of(plan))  # warm: site root paths, settings
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url_of(plan)).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(5)
