"""Reading a WordPress eXtended RSS (WXR) export, as WordPress and Squarespace write it.

The file comes from outside, so it is parsed with defusedxml and any DTD is refused: that
rules out entity expansion ("billion laughs"), external entities and external DTDs at once
(real exports never have a DTD). Every problem with the file itself is a WXRError with a
one-line message meant for the therapist.
"""

import datetime
import email.utils
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_BYTES = 50 * 1024 * 1024
MAX_MEGABYTES = MAX_BYTES // (1024 * 1024)


class WXRError(ValueError):
    """The file cannot be imported; the message says why, in one line."""


@dataclass
class Category:
    domain: str  # "category" or "post_tag"
    name: str
    nicename: str = ""


@dataclass
class Item:
    title: str = ""
    link: str = ""
    guid: str = ""
    post_id: str = ""
    post_type: str = ""
    status: str = ""
    slug: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    password: str = ""
    published: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    categories: list[Category] = field(default_factory=list)
    comment_count: int = 0

    @property
    def key(self):
        """What identifies the post across exports: its GUID (else its link, else its id)."""
        return (self.guid or self.link or f"post-{self.post_id}").strip()[:500]


@dataclass
class Export:
    title: str = ""
    base_url: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name
    items: list[Item] = field(default_factory=list)


def _kind(tag):
    """("wp", "post_type") for "{http://wordpress.org/export/1.2/}post_type", ("", "title")..."""
    if not isinstance(tag, str):
        return "", ""
    if not tag.startswith("{"):
        return "", tag
    namespace, _, local = tag[1:].partition("}")
    if "/excerpt/" in namespace:
        return "excerpt", local
    if namespace.startswith(("http://wordpress.org/export/", "https://wordpress.org/export/")):
        return "wp", local
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content", local
    if "purl.org/dc/elements" in namespace:
        return "dc", local
    return "other", local


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _parse_date(text):
    """WordPress writes "2020-05-12 14:30:00" (all zeros for never published); RSS pubDate is
    RFC 822. Returns an aware UTC datetime or None."""
    text = (text or "").strip()
    if not text or text.startswith("0000"):
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).replace(tzinfo=datetime.UTC)
        except ValueError:
            pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed.astimezone(datetime.UTC)


def _item(element):
    item = Item()
    dates = {}
    for child in element:
        prefix, name = _kind(child.tag)
        if prefix == "" and name == "title":
            item.title = _text(child)
        elif prefix == "" and name == "link":
            item.link = _text(child)
        elif prefix == "" and name == "guid":
            item.guid = _text(child)
        elif prefix == "" and name == "pubDate":
            dates["pubDate"] = _text(child)
        elif prefix == "" and name == "category":
            item.categories.append(
                Category(
                    domain=child.get("domain", "category"),
                    name=" ".join((child.text or "").split()),
                    nicename=unquote(child.get("nicename", "")),
                )
            )
        elif prefix == "dc" and name == "creator":
            item.creator = _text(child)
        elif prefix == "content" and name == "encoded":
            item.content = child.text or ""
        elif prefix == "excerpt" and name == "encoded":
            item.excerpt = (child.text or "").strip()
        elif prefix == "wp":
            if name == "post_id":
                item.post_id = _text(child)
            elif name == "post_type":
                item.post_type = _text(child).lower()
            elif name == "status":
                item.status = _text(child).lower()
            elif name == "post_name":
                item.slug = unquote(_text(child))
            elif name == "post_password":
                item.password = _text(child)
            elif name == "comment":
                item.comment_count += 1
            elif name in ("post_date_gmt", "post_date", "post_modified_gmt", "post_modified"):
                dates[name] = _text(child)
    item.published = (
        _parse_date(dates.get("post_date_gmt"))
        or _parse_date(dates.get("post_date"))
        or _parse_date(dates.get("pubDate"))
    )
    item.modified = _parse_date(dates.get("post_modified_gmt")) or _parse_date(
        dates.get("post_modified")
    )
    return item


def parse_wxr(data: bytes) -> Export:
    """Parse the bytes of an export, or raise WXRError with a one-line reason."""
    if len(data) > MAX_BYTES:
        raise WXRError(
            f"The file is too big to import: {len(data) / (1024 * 1024):.1f} MB, and the limit "
            f"is {MAX_MEGABYTES} MB. Export fewer posts at a time (WordPress lets you choose "
            "dates) and import each file."
        )
    if not data.strip():
        raise WXRError("The file is empty. Choose the .xml file your old blog exported.")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WXRError(
            f"The file is not valid UTF-8 text (a bad byte at position {error.start}), so it "
            "cannot be a WordPress export. Export it again from your old blog."
        ) from None
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise WXRError(
            "The file contains a DTD or entity declarations, which real blog exports never "
            "have, so it was refused for safety."
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise WXRError(
            f"The file is not well-formed XML (line {line}, column {column}); it may be cut "
            "short or edited. Export it again from your old blog."
        ) from None
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise WXRError(
            "This is not a WordPress or Squarespace export (WXR): it has no RSS channel. In "
            "WordPress use Tools → Export; in Squarespace, Settings → Import & Export."
        )
    export = Export()
    saw_wordpress = False
    for child in channel:
        prefix, name = _kind(child.tag)
        saw_wordpress = saw_wordpress or prefix == "wp"
        if prefix == "" and name == "title":
            export.title = _text(child)
        elif (prefix, name) in (("", "link"), ("wp", "base_blog_url")):
            export.base_url = export.base_url or _text(child)
        elif prefix == "wp" and name == "author":
            login = display = ""
            for part in child:
                _prefix, part_name = _kind(part.tag)
                if part_name == "author_login":
                    login = _text(part)
                elif part_name == "author_display_name":
                    display = _text(part)
            if login:
                export.authors[login] = display or login
        elif prefix == "" and name == "item":
            item = _item(child)
            saw_wordpress = saw_wordpress or bool(item.post_type)
            export.items.append(item)
    if not saw_wordpress:
        raise WXRError(
            "This is an RSS feed, not a WordPress or Squarespace export (WXR): it has none of "
            "the WordPress details. In WordPress use Tools → Export to get the right file."
        )
    return export
