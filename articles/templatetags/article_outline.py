"""The article's "In this article" list: its exercises and videos, built from the body blocks,
each a jump link to where it starts on the page."""

from dataclasses import dataclass, field

from django import template

register = template.Library()


@dataclass
class OutlineEntry:
    kind: str  # "Exercise" or "Video"
    label: str
    anchor: str
    in_update: object = None  # the date of the update that added it, if one did


@dataclass
class BodyItem:
    """One top-level body block, with what its template needs to know about its neighbours."""

    block: object
    anchor: str = ""  # an id to wrap the block in, when the block has none of its own
    exercise_title_shown: bool = False


@dataclass
class ArticleOutline:
    items: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    # A fine-print callout without text of its own shows the clinic's standard disclaimer.
    shows_disclaimer: bool = False


def _same_words(a, b):
    return " ".join(str(a).casefold().split()) == " ".join(str(b).casefold().split())


def _live_exercise(value):
    exercise = value.get("exercise") if value else None
    return exercise if exercise is not None and exercise.live else None


def _walk(blocks, outline, update=None):
    """Adds entries for blocks (a body or an update's body). An exercise's own heading (a
    heading block with the exercise's name, since the previous exercise or video) already
    names it: the link goes to that heading and the card does not repeat the title."""
    heading = None
    items = []
    for block in blocks:
        item = BodyItem(block=block)
        kind = block.block_type
        if kind == "heading":
            heading = block.value
        elif kind == "exercise":
            exercise = _live_exercise(block.value)
            if exercise is not None:
                anchor = f"exercise-{exercise.slug}"
                if heading is not None and _same_words(heading.get("text"), exercise.name):
                    item.exercise_title_shown = True
                    anchor = heading.anchor
                outline.entries.append(
                    OutlineEntry(
                        kind="Exercise",
                        label=exercise.name,
                        anchor=anchor,
                        in_update=_update_date(update),
                    )
                )
            heading = None
        elif kind == "video":
            # A video in an update links to the update: update.html lays out its blocks.
            if update is None:
                item.anchor = f"video-{sum(1 for other in items if other.anchor) + 1}"
            outline.entries.append(
                OutlineEntry(
                    kind="Video",
                    label=block.value.get("title") or "Video",
                    anchor=item.anchor or update.anchor,
                    in_update=_update_date(update),
                )
            )
            heading = None
        elif kind == "callout":
            if block.value.get("kind") == "fine_print" and not block.value.has_text:
                outline.shows_disclaimer = True
        elif kind == "update" and update is None:
            _walk(block.value.get("body") or [], outline, update=block.value)
        items.append(item)
    return items


def _update_date(update):
    return update.get("date") if update is not None else None


@register.simple_tag
def article_outline(body):
    """{% article_outline page.body as outline %}: outline.entries for the list, outline.items
    to render the body with (each item's block, and the anchor and flags it needs)."""
    outline = ArticleOutline()
    outline.items = _walk(body or [], outline)
    return outline
