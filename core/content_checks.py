"""Content checks in the therapist's own words: things worth fixing before (or after) publishing.

They are warnings, never walls: nothing here stops a save or a publish. A model takes part by
defining ``content_warnings()`` (articles/content_checks.py, exercises/content_checks.py). The
editor shows them once, in a "Before you publish" panel at the top of the form, where she
decides whether to publish; saving does not repeat them as banners.
"""

from wagtail.admin.panels import Panel

# A summary shorter than this cannot say what an article helps with.
MIN_SUMMARY_CHARS = 40


def blocks_with_nested(stream):
    """Every block of a stream, including the blocks inside update sections."""
    for block in stream or []:
        yield block
        if block.block_type == "update":
            yield from block.value.get("body") or []


def video_warnings(stream, where=""):
    warnings = []
    for block in blocks_with_nested(stream):
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


def image_warnings(stream):
    warnings = []
    for block in blocks_with_nested(stream):
        if block.block_type == "image" and not (block.value.get("alt_text") or "").strip():
            warnings.append(
                "An image in the article has no description. Fill in “Describe the image” so "
                "people using screen readers know what it shows."
            )
    return warnings


def warnings_for(obj):
    """The warnings for any object that defines ``content_warnings()``; none for the rest."""
    specific = getattr(obj, "specific", obj)
    check = getattr(specific, "content_warnings", None)
    return check() if callable(check) else []


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
