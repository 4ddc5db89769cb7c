"""Turn a YouTube or Vimeo address into privacy-enhanced player and watch URLs.

Pure string work: nothing here touches the network, so saving or rendering a page never
calls a third party.
"""

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode, urlsplit

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
YOUTUBE_SHORT_HOSTS = {"youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^\d{1,12}$")
VIMEO_HASH = re.compile(r"^[0-9a-f]{6,20}$")
TIMESTAMP = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)$")
# A moment in a video as an editor writes it and a visitor reads it: m:ss or h:mm:ss.
STRICT_CLOCK = re.compile(r"^(?:(\d{1,2}):([0-5]\d)|(\d{1,3})):([0-5]\d)$")
CLOCK_MESSAGE = (
    "Write the time as minutes:seconds, for example 0:35 or 12:05, or for a long video as "
    "hours:minutes:seconds, for example 1:02:30."
)

UNSUPPORTED_MESSAGE = (
    "Paste the address of a YouTube or Vimeo video, for example "
    "https://www.youtube.com/watch?v=… or https://vimeo.com/123456789."
)


class VideoURLError(ValueError):
    """The address is not a YouTube or Vimeo video we can play."""


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube" or "vimeo"
    video_id: str
    start: int = 0  # seconds
    vimeo_hash: str = ""

    def at(self, seconds: int) -> "Video":
        """The same video, starting ``seconds`` in (for a step's "watch from 0:35" link)."""
        return replace(self, start=max(0, int(seconds)))

    @property
    def provider_name(self) -> str:
        return "YouTube" if self.provider == "youtube" else "Vimeo"

    @property
    def embed_url(self) -> str:
        """The privacy-enhanced player, loaded only after the visitor clicks."""
        if self.provider == "youtube":
            params = {"autoplay": 1, "rel": 0}
            if self.start:
                params["start"] = self.start
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?{urlencode(params)}"
        params = {"dnt": 1, "autoplay": 1}
        if self.vimeo_hash:
            params = {"h": self.vimeo_hash, **params}
        url = f"https://player.vimeo.com/video/{self.video_id}?{urlencode(params)}"
        return f"{url}#t={self.start}s" if self.start else url

    @property
    def watch_url(self) -> str:
        """A plain link for visitors without JavaScript."""
        if self.provider == "youtube":
            url = f"https://www.youtube.com/watch?v={self.video_id}"
            return f"{url}&t={self.start}s" if self.start else url
        url = f"https://vimeo.com/{self.video_id}"
        if self.vimeo_hash:
            url += f"/{self.vimeo_hash}"
        return f"{url}#t={self.start}s" if self.start else url


def parse_start_time(value) -> int:
    """Accept 90, "90", "1:30", "1m30s" or "" and return seconds; raise ValueError otherwise."""
    if value in (None, ""):
        return 0
    if isinstance(value, int):
        if value < 0:
            raise ValueError("The start time cannot be negative.")
        return value
    text = str(value).strip().lower()
    if not text:
        return 0
    if text.isdigit():
        return int(text)
    clock = CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    stamp = TIMESTAMP.match(text)
    if stamp and any(stamp.groups()):
        hours, minutes, seconds = (int(part or 0) for part in stamp.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise ValueError("Write the start time as minutes and seconds, for example 1:30.")


def parse_clock_time(value) -> int | None:
    """A step's time in its video, "0:35" or "1:02:30", in seconds; None when left empty.

    Stricter than parse_start_time: visitors read this time next to the step, so it must look
    like the clock on the player. Raises ValueError with a message for the editor otherwise.
    """
    text = str(value or "").strip()
    if not text:
        return None
    match = STRICT_CLOCK.match(text)
    if not match:
        loose = re.match(r"^(\d+):(\d+)(?::(\d+))?$", text)
        if loose and any(int(part) > 59 for part in loose.groups()[1:] if part):
            raise ValueError(
                "Minutes and seconds go up to 59: write 1:15 rather than 0:75. " + CLOCK_MESSAGE
            )
        raise ValueError(CLOCK_MESSAGE)
    hours, minutes_after_hours, minutes, seconds = match.groups()
    if hours is not None:
        return int(hours) * 3600 + int(minutes_after_hours) * 60 + int(seconds)
    return int(minutes) * 60 + int(seconds)


def format_clock(seconds: int) -> str:
    """35 -> "0:35", 3750 -> "1:02:30": the time as the player shows it."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: int) -> str:
    """35 -> "PT35S", 245 -> "PT4M5S": for <time datetime> (machine-readable durations)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "", f"{secs}S"]
    if secs == 0 and (hours or minutes):
        parts[2] = ""
    return "PT" + "".join(parts)


def parse_video_url(url: str) -> Video:
    """Return the Video an address points at, or raise VideoURLError with a helpful message."""
    text = (url or "").strip()
    if not text:
        raise VideoURLError(UNSUPPORTED_MESSAGE)
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise VideoURLError(UNSUPPORTED_MESSAGE) from error
    if parts.scheme not in ("http", "https"):
        raise VideoURLError(UNSUPPORTED_MESSAGE)
    host = (parts.hostname or "").lower()
    path = [segment for segment in parts.path.split("/") if segment]
    query = parse_qs(parts.query)
    start = _start_from(query, parts.fragment)

    if host in YOUTUBE_SHORT_HOSTS:
        return _youtube(path[0] if path else "", start)
    if host in YOUTUBE_HOSTS:
        if path[:1] == ["watch"]:
            return _youtube((query.get("v") or [""])[0], start)
        if len(path) >= 2 and path[0] in ("embed", "shorts", "live", "v"):
            return _youtube(path[1], start)
        raise VideoURLError(UNSUPPORTED_MESSAGE)
    if host in VIMEO_HOSTS:
        ids = [i for i, segment in enumerate(path) if VIMEO_ID.match(segment)]
        if not ids:
            raise VideoURLError(UNSUPPORTED_MESSAGE)
        index = ids[-1]
        video_hash = (query.get("h") or [""])[0]
        if not video_hash and index + 1 < len(path) and VIMEO_HASH.match(path[index + 1]):
            video_hash = path[index + 1]
        if video_hash and not VIMEO_HASH.match(video_hash):
            video_hash = ""
        return Video("vimeo", path[index], start, video_hash)
    raise VideoURLError(UNSUPPORTED_MESSAGE)


def _youtube(video_id: str, start: int) -> Video:
    if not YOUTUBE_ID.match(video_id or ""):
        raise VideoURLError(
            "That YouTube address does not name a video. Open the video on YouTube, "
            "choose Share and paste the link it gives you."
        )
    return Video("youtube", video_id, start)


def _start_from(query: dict, fragment: str) -> int:
    raw = (query.get("t") or query.get("start") or [""])[0]
    if not raw and fragment.startswith("t="):
        raw = fragment[2:]
    try:
        return parse_start_time(raw)
    except ValueError:
        return 0
