"""Blocks used inside an exercise: its steps, each with an optional moment in its video."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from core.video import format_clock, iso_duration, parse_clock_time, parse_video_url

# The block picker's preview shows a step's time as visitors see it, against a sample video.
PREVIEW_VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


class StepStructValue(blocks.StructValue):
    """A step's text and its time in the video.

    ``str(step)`` is the text alone, so templates and code written when a step was plain text
    (the print sheet, "My routine", search excerpts) keep reading it as text.
    """

    def __str__(self):
        return self.get("text") or ""

    @cached_property
    def video_seconds(self):
        try:
            return parse_clock_time(self.get("video_time"))
        except ValueError:
            return None

    @property
    def video_time_label(self):
        return format_clock(self.video_seconds) if self.video_seconds is not None else ""

    @property
    def video_time_iso(self):
        return iso_duration(self.video_seconds) if self.video_seconds is not None else ""


class StepBlock(blocks.StructBlock):
    """One instruction. Steps saved before they had a video time are plain strings in the
    database (and in old revisions); they are read as a step with that text and no time."""

    text = blocks.TextBlock(
        label="What to do",
        help_text="One instruction, in plain words, for example 'Sit tall and let your "
        "shoulders drop.'",
    )
    video_time = blocks.CharBlock(
        required=False,
        max_length=10,
        label="Time in the video",
        help_text="Optional. Where the exercise's video shows this step, as minutes:seconds, "
        "for example 0:35. Visitors tap the time to watch from there.",
    )

    class Meta:
        icon = "list-ol"
        label = "Step"
        template = "blocks/step.html"
        value_class = StepStructValue
        label_format = "{text}"
        description = "One instruction, in the order the visitor should do it."
        preview_value = {
            "text": "Sit tall, let your shoulders drop and slowly turn your head to the right.",
            "video_time": "0:35",
        }
        form_classname = "struct-block step-block"

    @classmethod
    def construct_from_lookup(cls, lookup, child_blocks=(), **kwargs):
        # Migrations written while a step was a plain TextBlock name this class with no
        # child blocks; the declared ones (text, video_time) apply.
        return super().construct_from_lookup(lookup, child_blocks, **kwargs)

    @staticmethod
    def _from_plain_text(value):
        return {"text": value, "video_time": ""} if isinstance(value, str) else value

    def to_python(self, value):
        return super().to_python(self._from_plain_text(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self._from_plain_text(value) for value in values])

    def normalize(self, value):
        return super().normalize(self._from_plain_text(value))

    def clean(self, value):
        value = super().clean(value)
        try:
            parse_clock_time(value.get("video_time"))
        except ValueError as error:
            raise StructBlockValidationError(
                block_errors={"video_time": ErrorList([ValidationError(str(error))])}
            ) from error
        return value

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context=parent_context)
        context.setdefault("video", parse_video_url(PREVIEW_VIDEO_URL))
        return context

    def get_context(self, value, parent_context=None):
        """``video`` (core.video.Video) comes from the exercise's template; with it and a time,
        the step links to that moment."""
        context = super().get_context(value, parent_context=parent_context)
        video = context.get("video")
        seconds = value.video_seconds
        context["video_at_step"] = (
            video.at(seconds) if video and hasattr(video, "at") and seconds is not None else None
        )
        return context
