"""Video that helps: a time for each exercise step, and a video cover with title, length and poster.

The step's time is a plain link to the video at that moment (what visitors without JavaScript
get); static/js/video.js turns it into "start the player here" (tests/browser/test_video_and_home.py).
"""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.blocks import VideoBlock
from core.video import format_clock, iso_duration, parse_clock_time, parse_video_url
from exercises.blocks import StepBlock
from exercises.models import Exercise

from .admin_forms import exercise_form_data, video_form
from .factories import (
    VIMEO_URL,
    YOUTUBE_URL,
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    exercise_block,
    step_block,
    video_block,
)

YT = "dQw4w9WgXcQ"
EXERCISE_ADD_URL = reverse("wagtailsnippets_exercises_exercise:add")


def timed_step(text, video_time=""):
    """A step as stored since steps have a time in the video."""
    block = step_block(text)
    block["value"] = {"text": text, "video_time": video_time}
    return block


def timed_video_block(url=YOUTUBE_URL, title="Free Your Neck", length="", poster=None):
    block = video_block(url=url, title=title, poster=poster)
    block["value"]["length"] = length
    return block


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# --- the time an editor types ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("0:35", 35),
        ("1:05", 65),
        ("12:00", 720),
        (" 3:09 ", 189),
        ("1:02:30", 3750),
        ("10:00:00", 36000),
        ("", None),
        (None, None),
    ],
)
def test_step_times_are_minutes_and_seconds_or_hours_too(typed, seconds):
    assert parse_clock_time(typed) == seconds


@pytest.mark.parametrize(
    "typed", ["35", "0:5", "1:2:3", "abc", "0.35", "1m30s", "-0:35", "0:35s", "1:60:00", "0:35:"]
)
def test_other_ways_of_writing_a_time_are_refused_with_an_example(typed):
    with pytest.raises(ValueError, match="minutes:seconds, for example 0:35"):
        parse_clock_time(typed)


def test_seconds_past_59_are_explained():
    with pytest.raises(ValueError, match="write 1:15 rather than 0:75"):
        parse_clock_time("0:75")


def test_times_read_back_as_the_player_shows_them():
    assert [format_clock(s) for s in (0, 35, 65, 720, 3750)] == [
        "0:00",
        "0:35",
        "1:05",
        "12:00",
        "1:02:30",
    ]
    assert [iso_duration(s) for s in (35, 60, 245, 3750)] == [
        "PT35S",
        "PT1M",
        "PT4M5S",
        "PT1H2M30S",
    ]


def test_a_video_at_a_moment_keeps_its_privacy_enhanced_player():
    youtube = parse_video_url(f"https://youtu.be/{YT}").at(35)
    assert youtube.embed_url == (
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0&start=35"
    )
    assert youtube.watch_url == f"https://www.youtube.com/watch?v={YT}&t=35s"
    vimeo = parse_video_url(VIMEO_URL).at(70)
    assert vimeo.embed_url == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=70s"
    assert vimeo.watch_url == "https://vimeo.com/76979871#t=70s"


# --- the step block ------------------------------------------------------------------------


def test_step_block_refuses_a_bad_time_on_its_own_field():
    block = StepBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"text": "Sit tall.", "video_time": "half way"}))
    assert set(error.value.block_errors) == {"video_time"}
    assert "for example 0:35" in str(error.value.block_errors["video_time"])


def test_step_block_accepts_a_time_or_none():
    block = StepBlock()
    for typed in ("", "0:35", "1:02:30"):
        value = block.clean(block.to_python({"text": "Sit tall.", "video_time": typed}))
        assert value["text"] == "Sit tall."


def test_a_step_saved_as_plain_text_still_reads_as_its_text(site):
    """Steps stored before they had a time (and old revisions) are plain strings."""
    exercise = ExerciseFactory(name="Chin Tucks", steps=[step_block("Glide your chin back.")])
    exercise = Exercise.objects.get(pk=exercise.pk)
    step = exercise.steps[0].value
    assert step["text"] == "Glide your chin back."
    assert str(step) == "Glide your chin back."
    assert step.video_time_label == ""
    assert "Glide your chin back." in exercise.search_text()


def test_the_step_time_is_not_indexed_as_words(site):
    exercise = ExerciseFactory(steps=[timed_step("Sit tall.", "0:35")])
    assert "0:35" not in exercise.search_text()
    assert "Sit tall." in exercise.search_text()


# --- what visitors see ------------------------------------------------------------------------


def exercise_page(client, exercise):
    return soup_of(client.get(f"/exercises/{exercise.slug}/"))


def test_step_times_link_to_the_video_at_that_moment(site, client):
    exercise = ExerciseFactory(
        name="Free Your Neck",
        video=[timed_video_block(url=f"https://youtu.be/{YT}", title="Free Your Neck video")],
        steps=[
            timed_step("Sit tall.", "0:35"),
            timed_step("Turn slowly.", "1:10"),
            timed_step("Rest."),
        ],
    )
    soup = exercise_page(client, exercise)
    steps = soup.select("ol.steps > li.step")
    assert len(steps) == 3
    first = steps[0].select_one("a.step__time")
    # Without JavaScript: a plain link to the video's own page at that time.
    assert first["href"] == f"https://www.youtube.com/watch?v={YT}&t=35s"
    # With it: the privacy-enhanced player, started there.
    assert first["data-video-seek"] == (
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0&start=35"
    )
    assert first.select_one("time")["datetime"] == "PT35S"
    assert " ".join(first.get_text(" ").split()) == "Watch this step in the video from 0:35"
    assert steps[1].select_one("a.step__time")["href"].endswith("&t=70s")
    assert steps[2].select_one("a.step__time") is None, "no time, no link"
    assert "Sit tall." in steps[0].get_text()


def test_vimeo_step_times_use_the_time_fragment(site, client):
    exercise = ExerciseFactory(
        video=[timed_video_block(url=VIMEO_URL)], steps=[timed_step("Roll over.", "2:05")]
    )
    link = exercise_page(client, exercise).select_one("a.step__time")
    assert link["href"] == "https://vimeo.com/76979871#t=125s"
    assert (
        link["data-video-seek"] == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=125s"
    )


def test_a_step_time_without_a_video_is_not_a_link(site, client):
    exercise = ExerciseFactory(video=[], steps=[timed_step("Sit tall.", "0:35")])
    soup = exercise_page(client, exercise)
    assert soup.select_one("a.step__time") is None
    assert "Sit tall." in soup.select_one("ol.steps").get_text()


def test_step_times_in_an_article_point_at_that_exercise_s_video(site, client):
    exercise = ExerciseFactory(
        name="Magic Neck Stretch",
        video=[timed_video_block(url=VIMEO_URL, title="Magic neck stretch video")],
        steps=[timed_step("Hug yourself.", "0:20")],
    )
    article = ArticlePageFactory(parent=site.articles, body=[exercise_block(exercise)])
    soup = soup_of(client.get(article.url))
    card = soup.select_one("article.exercise-card")
    assert card.has_attr("data-video-scope"), "the script finds the card's own player"
    assert card.select_one("a.video__player")["data-video-title"] == "Magic neck stretch video"
    assert card.select_one("a.step__time")["href"] == "https://vimeo.com/76979871#t=20s"


def test_print_sheet_and_routine_read_steps_with_times_as_text(site, client):
    exercise = ExerciseFactory(
        name="Wall Angels", steps=[timed_step("Stand against a wall.", "0:35")]
    )
    sheet = client.get(f"/exercises/{exercise.slug}/print/").content.decode()
    assert "Stand against a wall." in sheet
    assert "{&#x27;text" not in sheet and "StructValue" not in sheet
    button = exercise_page(client, exercise).select_one("[data-exercise-steps]")
    assert button["data-exercise-steps"] == '["Stand against a wall."]'


# --- the video cover ----------------------------------------------------------------------------


def test_video_cover_shows_title_length_and_the_uploaded_poster(site, client):
    poster = ImageFactory(title="Still of the stretch")
    exercise = ExerciseFactory(
        video=[timed_video_block(title="Free Your Neck", length="4:05", poster=poster)]
    )
    cover = exercise_page(client, exercise).select_one("a.video__player")
    assert cover.select_one(".video__title").get_text() == "Free Your Neck"
    assert cover.select_one(".video__length time")["datetime"] == "PT4M5S"
    assert cover.select_one(".video__length").get_text(" ", strip=True) == "Length 4:05"
    # The poster is her own upload, served by this site: nothing comes from YouTube or Vimeo.
    img = cover.select_one("img.video__poster, picture img")
    assert img is not None and img["src"].startswith("/")
    assert "ytimg" not in str(cover) and "vimeocdn" not in str(cover)


def test_video_cover_without_length_or_poster_shows_the_title_on_a_panel(site, client):
    exercise = ExerciseFactory(video=[timed_video_block(title="Chin tucks")])
    cover = exercise_page(client, exercise).select_one("a.video__player")
    assert cover.select_one(".video__title").get_text() == "Chin tucks"
    assert cover.select_one(".video__length") is None
    assert cover.select_one(".video__placeholder") is not None
    assert cover.select_one("img") is None


def test_video_block_refuses_a_length_that_is_not_a_time():
    block = VideoBlock()
    value = block.to_python(
        {"url": YOUTUBE_URL, "title": "Free Your Neck", "length": "four minutes", "poster": None}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"length"}


# --- the editor's side ---------------------------------------------------------------------------


def test_editor_saves_step_times_through_the_admin(site, editor_client):
    data = exercise_form_data(
        "Shoulder Rolls",
        "shoulder-rolls",
        video=[video_form(YOUTUBE_URL, "Shoulder rolls")],
        steps=[{"text": "Roll back.", "video_time": "0:35"}, "Relax."],
    )
    response = editor_client.post(EXERCISE_ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    steps = Exercise.objects.get(slug="shoulder-rolls").steps
    assert [(s.value["text"], s.value["video_time"]) for s in steps] == [
        ("Roll back.", "0:35"),
        ("Relax.", ""),
    ]


def test_a_bad_step_time_is_shown_on_the_form_and_nothing_is_lost(site, editor_client):
    data = exercise_form_data(
        "Shoulder Rolls",
        "shoulder-rolls",
        steps=[{"text": "Roll your shoulders back slowly.", "video_time": "0:75"}],
    )
    response = editor_client.post(EXERCISE_ADD_URL, data)
    assert response.status_code == 200, "the form comes back, it is not a server error"
    html = response.content.decode()
    assert "write 1:15 rather than 0:75" in html
    assert "Roll your shoulders back slowly." in html, "her text is still in the form"
    assert not Exercise.objects.filter(slug="shoulder-rolls").exists()


# --- cards without a picture --------------------------------------------------------------------


def test_cards_without_a_picture_have_no_empty_box(site, client):
    ExerciseFactory(name="Chin Tucks", image=None)
    ExerciseFactory(name="Wall Angels", image=ImageFactory())
    ArticlePageFactory(parent=site.articles, title="No picture here", hero_image=None)
    for url in ("/exercises/", "/articles/", "/"):
        soup = soup_of(client.get(url))
        assert soup.select(".card__placeholder") == [], url
        for card in soup.select("article.card"):
            has_picture = card.select_one("img") is not None
            assert has_picture != ("card--no-image" in card["class"]), (url, card["class"])
    cards = soup_of(client.get("/exercises/")).select("article.card")
    by_name = {card.select_one(".card__title").get_text(strip=True): card for card in cards}
    assert by_name["Chin Tucks"].select_one("img") is None
    assert by_name["Wall Angels"].select_one("img") is not None


# --- worth a look before publishing -------------------------------------------------------------


def unsaved_exercise(video, steps):
    return Exercise(
        name="Wall Angels",
        summary="Slide your arms up and down a wall to train the upper back.",
        cautions="<p>Stop if it hurts.</p>",
        video=video,
        steps=[("step", {"text": text, "video_time": time}) for text, time in steps],
    )


def test_step_times_without_a_video_are_pointed_out():
    exercise = unsaved_exercise([], [("Stand at a wall.", "0:35")])
    assert any("no video that plays" in w for w in exercise.content_warnings())


def test_step_times_after_the_end_of_the_video_are_pointed_out():
    video = [("video", {"url": YOUTUBE_URL, "title": "Wall angels", "length": "2:00"})]
    exercise = unsaved_exercise(video, [("Stand.", "0:35"), ("Slide.", "1:50"), ("Rest.", "2:30")])
    assert any(
        w.startswith("Step 3: the time is after the end of the video (2:00)")
        for w in exercise.content_warnings()
    )
    in_time = unsaved_exercise(video, [("Stand.", "0:35")])
    assert not any("time" in w for w in in_time.content_warnings())


def test_the_block_picker_previews_a_step_with_its_time(site, superuser_client):
    block = Exercise._meta.get_field("steps").stream_block.child_blocks["step"]
    response = superuser_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    link = soup_of(response).select_one("a.step__time")
    assert link is not None and link.select_one("time").get_text() == "0:35"


def test_a_video_named_like_its_exercise_does_not_repeat_the_name_on_its_cover(site, client):
    exercise = ExerciseFactory(
        name="Free Your Neck", video=[timed_video_block(title="Free Your Neck")]
    )

    cover = exercise_page(client, exercise).select_one("a.video__player")

    # Still named for screen readers; shown once, in the heading above.
    assert "visually-hidden" in cover.select_one(".video__title")["class"]
    assert cover.select_one(".video__provider").get_text(strip=True) == "Watch on YouTube"
