"""Content checks in the therapist's own words: things worth fixing before (or after) publishing.

They are warnings, never walls: nothing here stops a save or a publish. The editor shows them
in a "Before you publish" panel, and again as messages after each save.
"""

from django.contrib import messages
from django.utils.html import strip_tags
from wagtail.admin.panels import Panel

# A summary shorter than this cannot say what an article helps with.
MIN_SUMMARY_CHARS = 40


def _blocks_with_nested(stream):
    """Every block of a stream, including the blocks inside update sections."""
    for block in stream or []:
        yield block
        if block.block_type == "update":
            yield from block.value.get("body") or []


def _video_warnings(stream, where=""):
    warnings = []
    for block in _blocks_with_nested(stream):
        if block.block_type != "video":
            continue
        value = block.value
        if not (value.get("transcript") or "").strip():
            title = value.get("title") or "without a title"
            warnings.append(
                f"The video “{title}”{where} has no transcript. People who cannot listen miss "
                "what it says: paste what is said into its Transcript box when you can."
            )
    return warnings


def _image_warnings(stream):
    warnings = []
    for block in _blocks_with_nested(stream):
        if block.block_type == "image" and not (block.value.get("alt_text") or "").strip():
            warnings.append(
                "An image in the article has no description. Fill in “Describe the image” so "
                "people using screen readers know what it shows."
            )
    return warnings


def article_warnings(page):
    """Plain-language warnings about an ArticlePage (saved or not)."""
    warnings = []
    summary = (page.summary or "").strip()
    if not summary:
        warnings.append(
            "The summary is empty. Visitors see it in lists and search results: write one or "
            "two sentences about what this article will help with."
        )
    elif len(summary) < MIN_SUMMARY_CHARS:
        warnings.append(
            "The summary is very short. One or two full sentences about what this article "
            "will help with work best in lists and search results."
        )
    if page.hero_image_id and not (page.hero_image_alt or "").strip():
        warnings.append(
            "The photo at the top has no description. Fill in “Describe the photo” on the "
            "Content tab so people using screen readers know what it shows."
        )
    body = page.body
    warnings += _video_warnings(body)
    warnings += _image_warnings(body)
    blocks = list(_blocks_with_nested(body))
    has_exercise = any(block.block_type == "exercise" for block in blocks)
    has_safety = any(
        block.block_type == "callout" and block.value.get("kind") == "safety" for block in blocks
    )
    if has_exercise and not has_safety:
        warnings.append(
            "This article has exercises but no safety note. Add a Callout block and choose "
            "“Safety”: leave its text empty to use your standard wording."
        )
    return warnings


def exercise_warnings(exercise):
    """Plain-language warnings about an Exercise (saved or not)."""
    warnings = []
    if len((exercise.summary or "").strip()) < MIN_SUMMARY_CHARS:
        warnings.append(
            "The summary is very short or empty. One or two sentences about what it helps "
            "and how it feels work best on cards and in search results."
        )
    warnings += _video_warnings(exercise.video, where=" in this exercise")
    if not len(exercise.steps or []):
        warnings.append("There are no steps yet. Visitors need to know what to do, in order.")
    if not strip_tags(exercise.cautions or "").strip():
        warnings.append(
            "There is nothing under “Cautions”. A line on when to stop or skip it keeps "
            "visitors safe."
        )
    return warnings


def warnings_for(obj):
    """The warnings for any object the checks know about; an empty list for the rest."""
    from articles.models import ArticlePage
    from exercises.models import Exercise

    specific = getattr(obj, "specific", obj)
    if isinstance(specific, ArticlePage):
        return article_warnings(specific)
    if isinstance(specific, Exercise):
        return exercise_warnings(specific)
    return []


def add_warning_messages(request, obj):
    """After a save or publish: repeat the checks as messages. Autosave (JSON) gets none."""
    if not request.accepts("text/html"):
        return
    # Once per object per request, even if a hook module registers this twice.
    done = request.__dict__.setdefault("_content_checks_done", set())
    key = (type(obj).__name__, obj.pk)
    if key in done:
        return
    done.add(key)
    for warning in warnings_for(obj):
        messages.warning(request, f"Worth a look (nothing was blocked): {warning}")


class ContentChecksPanel(Panel):
    """A "Before you publish" box at the top of the editor listing the warnings for the draft."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Before you publish")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/panels/content_checks.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            # A brand-new object has nothing worth checking until its first save.
            self.warnings = warnings_for(self.instance) if self.instance.pk else []

        def is_shown(self):
            return bool(self.warnings)
