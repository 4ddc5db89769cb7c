"""From the planned blocks to the article's stored body: pages, images and body areas.

Separate from the pure conversion because these need the database: which page an imported
post became, which image a file became, which body area a WordPress category means.
"""

import re
from collections import Counter

from django.apps import apps
from django.utils.text import slugify

from articles.models import ArticlePage
from core.models import BodyArea

INTERNAL_LINK = re.compile(r'<a linktype="page" id="\{\{import:([^|}]*)\|([^}]*)\}\}">')
WORD = re.compile(r"[^\W_]+")


def _words(text):
    return " ".join(WORD.findall((text or "").lower()))


class AreaMatcher:
    """Categories and tags -> body areas, by the area's name or web address, or through a
    search synonym ("crick" -> "stiff neck, neck"). Synonyms belong to the search app, which
    sits beside this one, so they are read through the app registry, never imported."""

    def __init__(self):
        self.areas = {}
        for area in BodyArea.objects.all():
            self.areas.setdefault(_words(area.name), area)
            self.areas.setdefault(_words(area.slug), area)
        self.synonyms = {}
        try:
            synonym_model = apps.get_model("search", "Synonym")
        except LookupError:
            synonym_model = None
        if synonym_model is not None:
            for term, alternatives in synonym_model.objects.values_list("term", "alternatives"):
                alternatives = [_words(a) for a in alternatives.split(",") if a.strip()]
                self.synonyms.setdefault(_words(term), []).extend(alternatives)
                # Both ways: a synonym for "neck" also tells us what "neck" is called.
                for alternative in alternatives:
                    self.synonyms.setdefault(alternative, []).append(_words(term))

    def match(self, category):
        for candidate in (category.name, category.nicename, slugify(category.name)):
            words = _words(candidate)
            if not words:
                continue
            if words in self.areas:
                return self.areas[words]
            for alternative in self.synonyms.get(words, ()):
                if alternative in self.areas:
                    return self.areas[alternative]
        return None


def _page_id(key, pages, pending=None):
    if key.startswith("page:"):
        return int(key[5:])
    page = pages.get(key)
    if page is None and pending is not None:
        pending.append(key)
    return page.pk if page is not None else None


def _rich_text(html, pages, pending=None):
    def replace(match):
        page_id = _page_id(match.group(1), pages, pending)
        if page_id is None:
            return f'<a href="{match.group(2)}">'
        return f'<a linktype="page" id="{page_id}">'

    return INTERNAL_LINK.sub(replace, html)


NO_VIDEO_TITLE = "a video with no name of its own is named after the article: give it a better one"
NO_ALT_TEXT = "an image has no description: write one before publishing"


def resolve_body(blocks, pages, media, dropped, default_title="", pending=None, hints=None):
    """The StreamField value for planned blocks. ``pages`` maps "new:<n>" keys to the articles
    made so far; links to posts not made yet fall back to their old address and their keys are
    added to ``pending``. What she should look at is counted in ``hints``."""
    pending = [] if pending is None else pending
    hints = Counter() if hints is None else hints
    body = []
    for kind, value in blocks:
        if kind == "paragraph":
            body.append(("paragraph", _rich_text(value, pages, pending)))
        elif kind == "heading":
            body.append(("heading", {"text": value["text"]}))
        elif kind == "quote":
            body.append(("quote", dict(value)))
        elif kind == "video":
            if not value["title"]:
                hints[NO_VIDEO_TITLE] += 1
            body.append(
                (
                    "video",
                    {
                        "url": value["url"],
                        "title": value["title"] or default_title[:120] or "Video",
                        "caption": value["caption"][:600],
                        "start_time": "",
                        "transcript": "",
                        "poster": None,
                    },
                )
            )
        elif kind == "image":
            found, problem = media.image_for(value["src"])
            if problem:
                dropped[problem] += 1
                continue
            if not value["alt"]:
                hints[NO_ALT_TEXT] += 1
            body.append(
                ("image", {"image": found, "alt_text": value["alt"], "caption": value["caption"]})
            )
        elif kind == "callout":
            ids = [_page_id(key, pages, pending) for key in value["articles"]]
            found_pages = ArticlePage.objects.in_bulk([i for i in ids if i is not None])
            body.append(
                (
                    "callout",
                    {
                        "kind": value["kind"],
                        "heading": "",
                        "text": _rich_text(value["text"], pages, pending),
                        "articles": [found_pages[i] for i in ids if i in found_pages],
                        "exercises": [],
                    },
                )
            )
        elif kind == "update":
            inner = resolve_body(
                value["body"], pages, media, dropped, default_title, pending, hints
            )
            body.append(
                ("update", {"date": value["date"], "heading": value["heading"], "body": inner})
            )
    return body
