"""A post's flat blocks -> the shape of an article: dated updates, callouts, video titles.

Pure, like content.py. Recognised by their words, the way she writes them:

- a heading or paragraph starting "Update" or "Updated" opens an update section, dated from
  its text ("Updated March 14, 2025", "Update 3/14/25", "Update 2025-03-14") or else from the
  post's last-modified date; the section runs to the next heading, horizontal rule, update or
  closing note (read next, safety, call to action, fine print);
- fine print ("not a doctor", "not medical advice", "fine print"), a safety note ("be gentle
  with yourself", "if anything feels wrong, stop"), a paragraph pointing at other imported posts
  with the word "read" (read next), and an invitation to call or book become callouts, keeping
  her own words.
"""

import datetime
import re
from html import escape

from .content import plain

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b"), ("m", "d", "y")),
    (re.compile(MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), ("M", "d", "y")),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(\d{4})\b", re.I),
        ("d", "M", "y"),
    ),
    (re.compile(MONTH + r",?\s+(\d{4})\b", re.I), ("M", "y")),
]
UPDATE_OPENER = re.compile(r"^\W*updated?\b", re.I)
EMPHASIS = re.compile(r"^[\s*_~]+|[\s*_~]+$")
HEADING_MAX = 120

CALLOUT_WORDS = [
    (
        "fine_print",
        (
            "fine print",
            "not a doctor",
            "not medical advice",
            "replace medical advice",
            "disclaimer",
        ),
    ),
    (
        "safety",
        (
            "be gentle with yourself",
            "if anything feels wrong",
            "if it hurts, stop",
            "stop if it hurts",
            "safety note",
        ),
    ),
    (
        "call_to_action",
        ("give me a call", "call me", "book an appointment", "book a session", "book your"),
    ),
]
CLOSING_CALLOUTS = {"fine_print", "safety", "call_to_action", "read_next"}
CALLOUT_MAX_CHARS = 700
INTERNAL_KEY = re.compile(r'linktype="page" id="\{\{import:([^|}]*)\|')
UPDATE_CONTENT = {"paragraph", "video", "image", "callout"}


def date_in(text):
    """The first date written in ``text``, or None."""
    for pattern, order in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        try:
            year = int(parts["y"])
            year += 2000 if year < 100 else 0
            month = MONTHS[parts["M"].lower().rstrip(".")] if "M" in parts else int(parts["m"])
            return datetime.date(year, month, int(parts.get("d", 1))), match.group(0)
        except (KeyError, ValueError):
            continue
    return None


def strip_emphasis(html):
    """'<p>***Micro fine print***</p>' -> '<p>Micro fine print</p>'."""
    html = re.sub(r"^(<p>(?:<[bi]>)*)[\s*_~]+", r"\1", html)
    return re.sub(r"[\s*_~]+((?:</[bi]>)*</p>)$", r"\1", html)


def callout_kind(html):
    text = plain(html).lower()
    if len(text) > CALLOUT_MAX_CHARS:
        return None
    for kind, phrases in CALLOUT_WORDS[:2]:
        if any(phrase in text for phrase in phrases):
            return kind
    if INTERNAL_KEY.search(html) and re.search(r"\bread(?:ing)?\b", text):
        return "read_next"
    if any(phrase in text for phrase in CALLOUT_WORDS[2][1]):
        return "call_to_action"
    return None


def linked_keys(html):
    keys = []
    for key in INTERNAL_KEY.findall(html):
        if key not in keys:
            keys.append(key)
    return keys


def _update(text, html, fallback_date):
    """An update opener: (date, heading, paragraph to keep in its body or None)."""
    found = date_in(text)
    date = found[0] if found else fallback_date
    heading = EMPHASIS.sub("", text)
    if found:
        heading = heading.replace(found[1], " ")
    heading = re.sub(r"\s+([:,.;])", r"\1", " ".join(heading.split())).strip(" :,-–—(")
    heading = re.sub(r"\(\s*\)", "", heading).strip() or "Update"
    if len(heading) <= HEADING_MAX:
        return date, heading, None
    return date, "Update", html


def shape(blocks, fallback_date):
    """Group updates, make callouts and title videos. Returns the article's blocks."""
    out = []
    update = None  # the open update section's value
    last_heading = None
    for kind, value in blocks:
        if kind == "paragraph":
            text = plain(value)
            if UPDATE_OPENER.match(EMPHASIS.sub("", text)):
                date, heading, keep = _update(text, value, fallback_date)
                update = {"date": date, "heading": heading, "body": []}
                out.append(("update", update))
                if keep:
                    update["body"].append(("paragraph", keep))
                continue
            callout = callout_kind(value)
            if callout:
                if callout in CLOSING_CALLOUTS:
                    update = None
                kind, value = (
                    "callout",
                    {
                        "kind": callout,
                        "text": strip_emphasis(value),
                        "articles": linked_keys(value) if callout == "read_next" else [],
                    },
                )
        elif kind == "heading":
            if UPDATE_OPENER.match(value["text"]):
                date, heading, _keep = _update(value["text"], "", fallback_date)
                update = {"date": date, "heading": heading[:HEADING_MAX], "body": []}
                out.append(("update", update))
                continue
            update = None
            if len(value["text"]) > HEADING_MAX:
                # Too long for a heading block: kept whole, as a bold paragraph.
                out.append(("paragraph", f"<p><b>{escape(value['text'], quote=False)}</b></p>"))
                continue
            last_heading = value["text"]
            out.append(("heading", {"text": value["text"]}))
            continue
        elif kind == "break":
            update = None
            continue
        if kind == "video" and not value["title"]:
            caption = value["caption"]
            if last_heading:
                value = {**value, "title": last_heading[:HEADING_MAX]}
            elif caption and len(caption) <= HEADING_MAX:
                # A short caption under an embed is its name ("Baby Rolling, Who Knew?").
                value = {**value, "title": caption, "caption": ""}
            last_heading = None
        if update is not None and kind in UPDATE_CONTENT:
            update["body"].append((kind, value))
        else:
            update = None
            out.append((kind, value))
    return out


def first_sentence(blocks):
    """The first sentence of the first paragraph, for a summary when the post has no excerpt."""
    for kind, value in blocks:
        if kind == "paragraph" and not value.startswith(("<ul", "<ol")):
            text = plain(value)
            if text:
                match = re.match(r"(.+?[.!?])(?:\s|$)", text)
                return match.group(1) if match else text
    return ""
