"""The video URL rules: which YouTube and Vimeo addresses play, and which are refused."""

import pytest
from django.core.exceptions import ValidationError

from core.blocks import VideoBlock
from core.video import UNSUPPORTED_MESSAGE, VideoURLError, parse_start_time, parse_video_url

YT = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "video_id", "start"),
    [
        (f"https://www.youtube.com/watch?v={YT}", YT, 0),
        (f"http://youtube.com/watch?v={YT}&feature=share", YT, 0),
        (f"https://m.youtube.com/watch?v={YT}", YT, 0),
        (f"https://www.youtube.com/watch?v={YT}&t=90", YT, 90),
        (f"https://www.youtube.com/watch?v={YT}&t=1m30s", YT, 90),
        (f"https://youtu.be/{YT}", YT, 0),
        (f"https://youtu.be/{YT}?si=abc123&t=42", YT, 42),
        (f"https://www.youtube.com/shorts/{YT}", YT, 0),
        (f"https://www.youtube.com/embed/{YT}?start=15", YT, 15),
        (f"https://www.youtube-nocookie.com/embed/{YT}", YT, 0),
        (f"https://www.youtube.com/live/{YT}", YT, 0),
        (f"youtube.com/watch?v={YT}", YT, 0),
        (f"  https://youtu.be/{YT}  ", YT, 0),
    ],
)
def test_youtube_addresses_that_play(url, video_id, start):
    video = parse_video_url(url)
    assert video.provider == "youtube"
    assert video.video_id == video_id
    assert video.start == start
    assert video.embed_url.startswith(f"https://www.youtube-nocookie.com/embed/{video_id}?")


@pytest.mark.parametrize(
    ("url", "video_id", "vimeo_hash", "start"),
    [
        ("https://vimeo.com/76979871", "76979871", "", 0),
        ("https://www.vimeo.com/76979871#t=30s", "76979871", "", 30),
        ("https://player.vimeo.com/video/76979871", "76979871", "", 0),
        ("https://vimeo.com/channels/staffpicks/76979871", "76979871", "", 0),
        ("https://vimeo.com/76979871/abcdef1234", "76979871", "abcdef1234", 0),
        ("https://player.vimeo.com/video/76979871?h=abcdef1234", "76979871", "abcdef1234", 0),
    ],
)
def test_vimeo_addresses_that_play(url, video_id, vimeo_hash, start):
    video = parse_video_url(url)
    assert video.provider == "vimeo"
    assert video.video_id == video_id
    assert video.vimeo_hash == vimeo_hash
    assert video.start == start
    assert video.embed_url.startswith(f"https://player.vimeo.com/video/{video_id}?")
    assert "dnt=1" in video.embed_url


def test_private_vimeo_hash_reaches_player_and_watch_link():
    video = parse_video_url("https://vimeo.com/76979871/abcdef1234")
    assert "h=abcdef1234" in video.embed_url
    assert video.watch_url == "https://vimeo.com/76979871/abcdef1234"


def test_start_time_reaches_player_and_watch_link():
    youtube = parse_video_url(f"https://youtu.be/{YT}?t=90")
    assert "start=90" in youtube.embed_url
    assert youtube.watch_url == f"https://www.youtube.com/watch?v={YT}&t=90s"
    vimeo = parse_video_url("https://vimeo.com/76979871#t=30s")
    assert vimeo.embed_url.endswith("#t=30s")


def test_youtube_player_is_privacy_enhanced_and_watch_link_is_plain():
    video = parse_video_url(f"https://www.youtube.com/watch?v={YT}")
    assert "youtube-nocookie.com" in video.embed_url
    assert video.watch_url == f"https://www.youtube.com/watch?v={YT}"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "https://example.com/video/76979871",
        f"https://notyoutube.com/watch?v={YT}",
        f"https://youtube.com.evil.example/watch?v={YT}",
        "https://dailymotion.com/video/x7tgad0",
        f"javascript:alert(1)//youtube.com/watch?v={YT}",
        f"ftp://youtube.com/watch?v={YT}",
        f"data:text/html,youtube.com/watch?v={YT}",
        "https://www.youtube.com/",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/",
        "https://vimeo.com/about",
        "just some words",
        "http://[::1",
    ],
)
def test_addresses_refused_with_clear_message(url):
    with pytest.raises(VideoURLError) as error:
        parse_video_url(url)
    assert "YouTube" in str(error.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/watch?v=tooshort",
        "https://youtu.be/",
        "https://www.youtube.com/embed/<script>",
        f"https://youtu.be/{YT}extra",
    ],
)
def test_youtube_address_without_valid_id_explains_how_to_fix(url):
    with pytest.raises(VideoURLError, match="does not name a video"):
        parse_video_url(url)


def test_unsupported_message_shows_examples():
    assert "youtube.com/watch" in UNSUPPORTED_MESSAGE
    assert "vimeo.com" in UNSUPPORTED_MESSAGE


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("", 0), (None, 0), (90, 90), ("90", 90), ("1:30", 90), ("1:02:03", 3723), ("1m30s", 90)],
)
def test_start_time_formats(raw, seconds):
    assert parse_start_time(raw) == seconds


@pytest.mark.parametrize("raw", ["soon", "1:99", "-5", "1.5"])
def test_bad_start_time_is_refused(raw):
    with pytest.raises(ValueError, match="minutes and seconds"):
        parse_start_time(raw)


# --- the block's own validation: what the editor sees in the admin -------------------------


def _block_value(url, start_time=""):
    block = VideoBlock()
    return block, block.to_python(
        {"url": url, "title": "Free Your Neck", "start_time": start_time, "poster": None}
    )


def test_video_block_accepts_youtube_and_vimeo():
    for url in [f"https://youtu.be/{YT}", "https://vimeo.com/76979871"]:
        block, value = _block_value(url)
        assert block.clean(value)["url"] == url


def test_video_block_refuses_other_hosts_on_the_url_field():
    block, value = _block_value("https://example.com/clip.mp4")
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "url" in error.value.block_errors
    assert "YouTube or Vimeo" in str(error.value.block_errors["url"])


def test_video_block_refuses_bad_start_time_on_its_field():
    block, value = _block_value(f"https://youtu.be/{YT}", start_time="later")
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert set(error.value.block_errors) == {"start_time"}


def test_video_block_start_time_overrides_address():
    block, value = _block_value(f"https://youtu.be/{YT}", start_time="2:00")
    assert value.video.start == 120
    assert "start=120" in value.video.embed_url


def test_stored_bad_address_renders_as_no_player_not_error():
    """An address saved before the rules tightened must not break the page."""
    _block, value = _block_value("https://example.com/old")
    assert value.video is None
