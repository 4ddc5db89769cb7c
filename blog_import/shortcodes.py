"""WordPress's own markup inside post content: shortcodes and Gutenberg block comments.

Runs on the raw HTML before it is parsed. Video embeds in every form WordPress stores them
become a <wxr-video> marker element; [caption] becomes a <figure>; every other shortcode is
removed (the words of an enclosing one are kept) and counted in ``dropped``.
"""

import json
import re
from collections import Counter
from html import escape, unescape

from core.video import VideoURLError, parse_video_url

VIDEO_MARKER = "wxr-video"
DROP_MARKER = "wxr-drop"

GUTENBERG_EMBED = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(\{.*?\})?\s*/?-->(.*?)"
    r"<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.DOTALL | re.IGNORECASE,
)
URL = re.compile(r"https?://[^\s<>\"'\]\[]+", re.IGNORECASE)
FIGCAPTION = re.compile(r"<figcaption[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")

EMBED_SHORTCODE = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
ENCLOSED_VIDEO_SHORTCODE = re.compile(
    r"\[(youtube|vimeo)\]\s*(.*?)\s*\[/\1\]", re.DOTALL | re.IGNORECASE
)
VIDEO_SHORTCODE = re.compile(r"\[(youtube|vimeo)(?:=|\s+)([^\]]*)\]", re.IGNORECASE)
VIDEO_FILE_SHORTCODE = re.compile(
    r"\[video\b([^\]]*)\](?:(.*?)\[/video\])?", re.DOTALL | re.IGNORECASE
)
CAPTION_SHORTCODE = re.compile(
    r"\[(?:caption|wp_caption)\b([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]",
    re.DOTALL | re.IGNORECASE,
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)
# Any [name ...] or [/name]; [[name]] is WordPress's way of writing a literal [name].
SHORTCODE = re.compile(r"\[(\[?)(/?)([A-Za-z][\w-]*)([^\[\]]*?)(/?)\](\]?)")
# Self-closing shortcodes common on WordPress sites; anything else counts as a shortcode only
# when it has attributes, a closing tag or a plugin-style name, so "[sic]" stays text.
KNOWN_SHORTCODES = {
    "gallery",
    "audio",
    "playlist",
    "contact-form",
    "contact-form-7",
    "gravityform",
    "wpforms",
    "instagram",
    "tweet",
    "soundcloud",
    "spotify",
    "googlemaps",
    "slideshow",
    "video",
    "embed",
    "more",
}


def video_url(text):
    """The canonical watch address of a YouTube or Vimeo URL (or id), or None."""
    text = unescape((text or "").strip().strip("\"'"))
    if not text:
        return None
    try:
        video = parse_video_url(text)
    except VideoURLError:
        return None
    start = f"&t={video.start}s" if video.provider == "youtube" and video.start else ""
    if video.provider == "youtube":
        return f"https://www.youtube.com/watch?v={video.video_id}{start}"
    suffix = f"/{video.vimeo_hash}" if video.vimeo_hash else ""
    return f"https://vimeo.com/{video.video_id}{suffix}" + (
        f"#t={video.start}s" if video.start else ""
    )


def video_marker(url, caption=""):
    return f'<{VIDEO_MARKER} url="{escape(url)}" caption="{escape(caption)}"></{VIDEO_MARKER}>'


def drop_marker(what):
    return f'<{DROP_MARKER} what="{escape(what)}"></{DROP_MARKER}>'


def _attributes(text):
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in ATTRIBUTE.finditer(text)
    }


def _host(url):
    match = re.match(r"https?://(?:www\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    return match.group(1).lower() if match else "another site"


def _gutenberg_embed(match):
    attributes, inner = match.group(1), match.group(2)
    url = ""
    if attributes:
        try:
            url = str(json.loads(attributes).get("url") or "")
        except (ValueError, AttributeError):
            url = ""
    if not url:
        found = URL.search(TAG.sub(" ", inner))
        url = found.group(0) if found else ""
    caption_match = FIGCAPTION.search(inner)
    caption = (
        " ".join(unescape(TAG.sub(" ", caption_match.group(1))).split()) if caption_match else ""
    )
    video = video_url(url)
    if video:
        return video_marker(video, caption)
    return drop_marker(f"embed from {_host(url)}")


def _embed_shortcode(match):
    url = TAG.sub("", match.group(1)).strip()
    video = video_url(url)
    return video_marker(video) if video else drop_marker(f"embed from {_host(url)}")


def _video_argument(provider, argument):
    argument = argument.strip()
    attributes = _attributes(argument)
    value = attributes.get("id") or attributes.get("url") or attributes.get("src") or argument
    value = value.split()[0] if value.split() else ""
    value = value.strip("\"'")
    if provider.lower() == "youtube" and re.fullmatch(r"[A-Za-z0-9_-]{11}", value):
        value = f"https://www.youtube.com/watch?v={value}"
    elif provider.lower() == "vimeo" and value.isdigit():
        value = f"https://vimeo.com/{value}"
    # Jetpack allows options after the address: [youtube https://youtu.be/x&w=640&h=360].
    value = re.sub(r"&(?:amp;)?(?:w|h|hd|rel|fs|showinfo|autohide)=[^&]*", "", value)
    return video_url(value)


def _video_shortcode(match):
    video = _video_argument(match.group(1), match.group(2))
    return video_marker(video) if video else drop_marker(f"[{match.group(1).lower()}] shortcode")


def _video_file_shortcode(match):
    attributes = _attributes(match.group(1))
    for name in ("src", "mp4", "webm", "ogv", "youtube", "vimeo"):
        video = video_url(attributes.get(name, ""))
        if video:
            return video_marker(video)
    return drop_marker("video file ([video] shortcode)")


def _caption_shortcode(match):
    attributes = _attributes(match.group(1))
    found = CAPTION_MEDIA.match(match.group(2))
    if not found:
        return match.group(2)
    caption = attributes.get("caption") or found.group(2)
    caption = " ".join(unescape(TAG.sub(" ", caption)).split())
    return f"<figure>{found.group(1)}<figcaption>{escape(caption)}</figcaption></figure>"


def _other_shortcodes(html, dropped):
    closers = {m.group(3).lower() for m in SHORTCODE.finditer(html) if m.group(2)}

    def replace(match):
        escaped_open, closing, name, rest = (
            match.group(1),
            match.group(2),
            match.group(3),
            match.group(4),
        )
        if escaped_open and match.group(6):
            return match.group(0)[1:-1]
        lowered = name.lower()
        is_shortcode = (
            lowered in KNOWN_SHORTCODES
            or lowered in closers
            or "=" in rest
            or "_" in name
            or "-" in name
        )
        if not is_shortcode:
            return match.group(0)
        if not closing:
            dropped[f"[{lowered}] shortcode"] += 1
        return ""

    return SHORTCODE.sub(replace, html)


def expand(html, dropped: Counter):
    """Content with video embeds and captions turned into markup the converter reads, and
    every other shortcode removed and counted."""
    html = GUTENBERG_EMBED.sub(_gutenberg_embed, html or "")
    html = EMBED_SHORTCODE.sub(_embed_shortcode, html)
    html = ENCLOSED_VIDEO_SHORTCODE.sub(lambda m: _video_shortcode(m), html)
    html = VIDEO_SHORTCODE.sub(_video_shortcode, html)
    html = VIDEO_FILE_SHORTCODE.sub(_video_file_shortcode, html)
    html = CAPTION_SHORTCODE.sub(_caption_shortcode, html)
    return _other_shortcodes(html, dropped)
