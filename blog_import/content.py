"""Post HTML -> a flat list of blocks in the shape of the article body.

Pure: no database, no network, no files. The result is a list of (kind, value) pairs:

    ("paragraph", "<p>rich text</p>")   only what the paragraph block allows: b, i, links, lists
    ("heading", {"text", "level"})
    ("quote", {"quote", "attribution"})
    ("video", {"url", "title", "caption"})
    ("image", {"src", "alt", "caption"})
    ("break", None)                     a horizontal rule; it ends an update section

Links to other imported posts are written as ``<a linktype="page" id="{{import:KEY|HREF}}">``;
the importer swaps in the page's id once every article exists (or falls back to HREF).
Everything left out is counted in ``dropped``.
"""

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from html import escape, unescape

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

from . import shortcodes

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Never kept, and said so in the report.
DROPPED_TAGS = {
    "script": "script",
    "style": "style",
    "form": "form",
    "input": "form",
    "button": "form",
    "select": "form",
    "textarea": "form",
    "object": "embedded object",
    "embed": "embedded object",
    "applet": "embedded object",
    "canvas": "canvas",
    "svg": "drawing (svg)",
    "audio": "audio file",
    "video": "video file",
    "noscript": "script",
    "link": "style",
    "meta": "metadata",
}
CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "center",
    "body",
    "html",
    "nav",
    "details",
    "summary",
    "dl",
    "dd",
    "dt",
}
BOLD = {"b", "strong"}
ITALIC = {"i", "em", "cite", "dfn", "var"}
# Elements that start their own block when met inside a run of text.
BLOCK_LEVEL = (
    set(HEADINGS)
    | set(DROPPED_TAGS)
    | CONTAINERS
    | {"p", "ul", "ol", "blockquote", "figure", "img", "iframe", "table", "hr", "pre"}
    | {shortcodes.VIDEO_MARKER, shortcodes.DROP_MARKER}
)
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
GENERIC_VIDEO_TITLES = {"", "youtube video player", "vimeo video player", "video", "youtube"}


@dataclass
class Converted:
    blocks: list = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)


def internal_link(key, href):
    return f'<a linktype="page" id="{{{{import:{key}|{escape(href)}}}}}">'


INLINE_TAG = re.compile(r"</?(?:a|b|i|em|strong|span|u|small|sub|sup|code|abbr|mark)\b[^>]*>", re.I)


def plain(html):
    text = re.sub(r"<[^>]+>", " ", INLINE_TAG.sub("", html or ""))
    return " ".join(unescape(text).split())


class _Converter:
    def __init__(self, link_target):
        self.link_target = link_target  # href -> key of an imported post, or None
        self.result = Converted()
        self.inline = []  # the rich text of the paragraph being gathered
        self.autop = True

    # --- blocks ------------------------------------------------------------------------------

    def emit(self, kind, value):
        self.result.blocks.append((kind, value))

    def flush(self):
        html = "".join(self.inline).strip()
        self.inline = []
        html = re.sub(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$", "", html).strip()
        text = plain(html)
        if not text:
            return
        bare = text if " " not in text else ""
        video = shortcodes.video_url(bare) if bare.startswith(("http://", "https://")) else None
        if video:
            # WordPress turns a video address alone on a line into a player.
            self.emit("video", {"url": video, "title": "", "caption": ""})
            return
        self.emit("paragraph", f"<p>{html}</p>")

    def walk(self, parent):
        for node in list(parent.children):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                self.text(str(node))
            elif isinstance(node, Tag):
                if node.name in BLOCK_LEVEL or self._holds_media(node):
                    self.block(node)
                else:
                    self.inline.append(self.render_inline(node))

    def text(self, text):
        if not self.autop:
            self.inline.append(escape(text, quote=False))
            return
        parts = BLANK_LINE.split(text)
        for index, part in enumerate(parts):
            if index:
                self.flush()
            # A single line break in the classic editor is a <br> on the page.
            lines = [escape(line, quote=False) for line in part.split("\n")]
            joined = lines[0]
            for line in lines[1:]:
                joined += "<br/>" + line if joined.strip() and line.strip() else " " + line
            self.inline.append(joined)

    def block(self, node):
        name = node.name
        self.flush()
        if name in DROPPED_TAGS:
            self.result.dropped[DROPPED_TAGS[name]] += 1
        elif name == shortcodes.VIDEO_MARKER:
            self.emit(
                "video",
                {"url": node.get("url", ""), "title": "", "caption": node.get("caption", "")},
            )
        elif name == shortcodes.DROP_MARKER:
            self.result.dropped[node.get("what", "embed")] += 1
        elif name in HEADINGS:
            text = plain(self.render_children(node))
            if text:
                self.emit("heading", {"text": text, "level": HEADINGS[name]})
            self.media_in(node)
        elif name in ("ul", "ol"):
            html = self.render_list(node)
            if plain(html):
                self.emit("paragraph", html)
        elif name == "blockquote":
            self.quote(node)
        elif name == "figure":
            self.figure(node)
        elif name == "img":
            self.image(node)
        elif name == "iframe":
            self.iframe(node)
        elif name == "table":
            self.table(node)
        elif name == "hr":
            self.emit("break", None)
        elif name == "pre":
            lines = [escape(line, quote=False) for line in node.get_text().strip("\n").split("\n")]
            if any(line.strip() for line in lines):
                self.emit("paragraph", "<p>" + "<br/>".join(lines) + "</p>")
        else:
            # <p>, <div> and friends: their children, then a paragraph break.
            autop, self.autop = self.autop, self.autop and name != "p"
            self.walk(node)
            self.flush()
            self.autop = autop

    def _holds_media(self, node):
        return node.find(["img", "iframe", shortcodes.VIDEO_MARKER, "figure"]) is not None

    def media_in(self, node):
        for media in node.find_all(["img", "iframe"]):
            self.block(media)

    def quote(self, node):
        attribution = ""
        for credit in node.find_all(["cite", "footer"]):
            attribution = attribution or " ".join(credit.get_text(" ").split()).lstrip("—–- ")
            credit.extract()
        paragraphs = [plain(self.render_children(p)) for p in node.find_all("p")]
        text = "\n\n".join(p for p in paragraphs if p) or " ".join(node.get_text(" ").split())
        if not text:
            return
        if len(text) > 600 or len(attribution) > 120:
            # Longer than the quote block holds: kept as italic paragraphs, nothing lost.
            for paragraph in text.split("\n\n"):
                self.emit("paragraph", f"<p><i>{escape(paragraph, quote=False)}</i></p>")
            return
        self.emit("quote", {"quote": text, "attribution": attribution})

    def figure(self, node):
        caption_tag = node.find("figcaption")
        caption = " ".join(caption_tag.get_text(" ").split()) if caption_tag else ""
        if caption_tag:
            caption_tag.extract()
        image = node.find("img")
        if image is not None:
            self.image(image, caption)
            return
        frame = node.find("iframe")
        if frame is not None:
            self.iframe(frame, caption)
            return
        video = shortcodes.video_url(node.get_text(" ").strip())
        if video:
            self.emit("video", {"url": video, "title": "", "caption": caption})
            return
        self.walk(node)
        self.flush()

    def image(self, node, caption=""):
        src = node.get("src") or node.get("data-src") or node.get("data-lazy-src") or ""
        if not src and node.get("srcset"):
            src = node["srcset"].split(",")[0].split()[0]
        if not src:
            return
        self.emit(
            "image",
            {
                "src": src.strip(),
                "alt": " ".join((node.get("alt") or "").split())[:250],
                "caption": caption[:250],
            },
        )

    def iframe(self, node, caption=""):
        src = (node.get("src") or node.get("data-src") or "").strip()
        if src.startswith("//"):
            src = "https:" + src
        video = shortcodes.video_url(src)
        if not video:
            self.result.dropped[f"iframe from {shortcodes._host(src)}"] += 1
            return
        title = " ".join((node.get("title") or "").split())
        if title.lower() in GENERIC_VIDEO_TITLES:
            title = ""
        self.emit("video", {"url": video, "title": title[:120], "caption": caption})

    def table(self, node):
        self.result.dropped["table (its rows kept as paragraphs)"] += 1
        for row in node.find_all("tr"):
            cells = [plain(self.render_children(cell)) for cell in row.find_all(["td", "th"])]
            cells = [cell for cell in cells if cell]
            if cells:
                self.emit("paragraph", f"<p>{escape(' – '.join(cells), quote=False)}</p>")

    # --- inline rich text --------------------------------------------------------------------

    def render_list(self, node):
        tag = "ol" if node.name == "ol" else "ul"
        items = []
        for item in node.find_all("li", recursive=False):
            nested = [child.extract() for child in item.find_all(["ul", "ol"], recursive=False)]
            inner = self.render_children(item).strip()
            inner += "".join(self.render_list(child) for child in nested)
            if plain(inner):
                items.append(f"<li>{inner}</li>")
        return f"<{tag}>{''.join(items)}</{tag}>" if items else ""

    def render_children(self, node):
        parts = []
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(escape(" ".join(str(child).split("\n")), quote=False))
            elif isinstance(child, Tag):
                parts.append(self.render_inline(child))
        return "".join(parts)

    def render_inline(self, node):
        name = node.name
        if name in DROPPED_TAGS:
            self.result.dropped[DROPPED_TAGS[name]] += 1
            return ""
        if name == "br":
            return "<br/>"
        if name in ("p", "div", "li") or name in HEADINGS:
            return " " + self.render_children(node) + " "
        inner = self.render_children(node)
        if not inner.strip():
            return inner
        if name in BOLD:
            return f"<b>{inner}</b>"
        if name in ITALIC:
            return f"<i>{inner}</i>"
        if name == "a":
            return self.render_link(node, inner)
        return inner

    def render_link(self, node, inner):
        href = (node.get("href") or "").strip()
        key = self.link_target(href) if href else None
        if key is not None:
            return f"{internal_link(key, href)}{inner}</a>"
        if href.lower().startswith(LINK_SCHEMES) or href.startswith("/"):
            return f'<a href="{escape(href)}">{inner}</a>'
        return inner


def convert(html, link_target=lambda href: None) -> Converted:
    """Blocks for one post's content (see the module docstring)."""
    converter = _Converter(link_target)
    expanded = shortcodes.expand(html, converter.result.dropped)
    with warnings.catch_warnings():
        # A post that is only a video address is content, not a file name by mistake.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(expanded, "html.parser")
    converter.walk(soup)
    converter.flush()
    return converter.result
