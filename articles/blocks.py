"""Blocks only articles use: callouts, exercise cards, dated updates, and the article body."""

import datetime

from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.models import Page
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import (
    HeadingBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)
from core.cache import public_pages
from exercises.models import Exercise

CALLOUT_KINDS = [
    ("tip", "Tip"),
    ("safety", "Safety: go slow, stop if it hurts"),
    ("fine_print", "Fine print: not medical advice"),
    ("call_to_action", "Call to action: call or book"),
    ("read_next", "Read next"),
]
CALLOUT_DEFAULT_HEADINGS = {
    "tip": "Tip",
    "safety": "Go gently",
    "fine_print": "The fine print",
    "call_to_action": "Still sore? Let's work on it together",
    "read_next": "Read next",
}


class CalloutStructValue(blocks.StructValue):
    @property
    def display_heading(self):
        return self.get("heading") or CALLOUT_DEFAULT_HEADINGS.get(self.get("kind"), "")

    @property
    def has_text(self):
        """False for an empty editor paragraph such as <p></p>, so defaults still apply."""
        text = self.get("text")
        return bool(
            text and strip_tags(str(text.source if hasattr(text, "source") else text)).strip()
        )

    @cached_property
    def visible_articles(self):
        """Linked articles that visitors can still open: live and public, in the editor's order."""
        chosen = [page for page in (self.get("articles") or []) if page is not None]
        if not chosen:
            return []
        visible = set(
            public_pages(Page.objects.live())
            .filter(pk__in=[page.pk for page in chosen])
            .values_list("pk", flat=True)
        )
        seen, result = set(), []
        for page in chosen:
            if page.pk in visible and page.pk not in seen:
                seen.add(page.pk)
                result.append(page)
        return result

    @cached_property
    def visible_exercises(self):
        seen, result = set(), []
        for exercise in self.get("exercises") or []:
            if exercise is not None and exercise.live and exercise.pk not in seen:
                seen.add(exercise.pk)
                result.append(exercise)
        return result


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=CALLOUT_KINDS,
        default="tip",
        help_text="Safety and fine print use your standard wording from Clinic settings when "
        "you leave the text empty. A call to action always shows your phone and booking link.",
    )
    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Optional. Leave empty for a heading that suits the kind.",
    )
    text = ParagraphBlock(required=False, help_text="Optional. What you want to say.")
    articles = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="articles.ArticlePage"),
        required=False,
        default=[],
        label="Articles to link to",
        help_text="Optional. Other articles worth reading next.",
    )
    exercises = blocks.ListBlock(
        SnippetChooserBlock("exercises.Exercise"),
        required=False,
        default=[],
        label="Exercises to link to",
        help_text="Optional. Exercises from your library to point to.",
    )

    class Meta:
        icon = "warning"
        label = "Callout"
        template = "blocks/callout.html"
        value_class = CalloutStructValue
        label_format = "Callout ({kind}): {heading}"
        description = "A box that stands out: a tip, a safety note, fine print, a call to "
        "action or what to read next."
        preview_value = {
            "kind": "safety",
            "heading": "Go gently",
            "text": "<p>Go slow, take care of yourself and if anything feels wrong, stop.</p>",
        }


class ExerciseBlock(blocks.StructBlock):
    exercise = SnippetChooserBlock(
        "exercises.Exercise",
        help_text="Pick an exercise from your library. Edit it once and every article shows "
        "the change.",
    )
    note = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional. A note for this article only, for example 'Do this one every day'.",
    )

    class Meta:
        icon = "tasks"
        label = "Exercise"
        template = "blocks/exercise.html"
        label_format = "Exercise: {exercise}"
        description = "An exercise card from your library: video, steps, dose and cautions."
        preview_value = {"note": "Do this one every day."}

    def get_preview_value(self):
        """A real exercise from her library, so the block picker shows what visitors will see."""
        exercise = Exercise.objects.live().first() or sample_exercise()
        return self.normalize({"exercise": exercise, "note": self.meta.preview_value["note"]})


def sample_exercise():
    """An unsaved, realistic exercise for previews while the library is still empty."""
    return Exercise(
        name="Magic Neck Stretch",
        slug="magic-neck-stretch",
        summary="Gets the upper back moving so the neck can stop working so hard.",
        steps=[
            ("step", "Sit tall and let your shoulders drop."),
            ("step", "Slowly turn your head to the right, then to the left."),
        ],
        hold_seconds=20,
        repetitions=3,
        frequency="Twice a day",
        cautions="<p>Stop if you feel tingling in your arm.</p>",
        live=True,
    )


class UpdateContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    video = VideoBlock()
    exercise = ExerciseBlock()
    callout = CalloutBlock()
    image = ImageBlock()

    class Meta:
        icon = "doc-full"


class UpdateStructValue(blocks.StructValue):
    @property
    def anchor(self):
        date = self.get("date")
        return f"update-{date.isoformat()}" if date else "update"

    @property
    def display_heading(self):
        return self.get("heading") or "Update"


class UpdateBlock(blocks.StructBlock):
    date = blocks.DateBlock(
        help_text="The day you added this update. The article shows 'Updated' with the newest date."
    )
    heading = blocks.CharBlock(
        default="Update",
        max_length=120,
        help_text="A short title, for example 'One more video I forgot'.",
    )
    body = UpdateContentBlock(help_text="What you are adding: text, videos, exercises, callouts.")

    class Meta:
        icon = "date"
        label = "Update"
        template = "blocks/update.html"
        value_class = UpdateStructValue
        label_format = "Update {date}: {heading}"
        description = "A dated section added later, listed near the top of the article."
        preview_value = {
            "date": datetime.date(2025, 3, 14),
            "heading": "One more video I forgot",
            "body": [
                (
                    "paragraph",
                    "<p>I realised I had left out a favourite, so here it is.</p>",
                )
            ],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    exercise = ExerciseBlock()
    callout = CalloutBlock()
    update = UpdateBlock()

    class Meta:
        icon = "doc-full"
