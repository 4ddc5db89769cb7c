"""Blocks shared by articles and exercises: text, headings, images, quotes and video."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from .video import (
    VideoURLError,
    format_clock,
    iso_duration,
    parse_clock_time,
    parse_start_time,
    parse_video_url,
)

# Only what the site's styles render well: no headings (they are their own block, so they get
# anchors), no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "blocks/paragraph.html"
        description = "Ordinary text, with bold, italics, links and lists."
        preview_value = (
            "<p>Between appointments, a few gentle minutes a day keep the <b>upper back</b> "
            "moving so the neck can stop working so hard.</p>"
        )


class HeadingStructValue(blocks.StructValue):
    @cached_property
    def anchor(self):
        return slugify(self.get("text") or "") or "section"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120,
        help_text="A short title for the section that follows. Visitors can link straight to it.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "blocks/heading.html"
        value_class = HeadingStructValue
        form_classname = "struct-block heading-block"
        description = "Starts a new section of the article, with a link visitors can share."
        preview_value = {"text": "Why the upper back matters"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="Choose or upload a photo.")
    alt_text = blocks.CharBlock(
        max_length=250,
        label="Describe the image",
        help_text=(
            "Required. One sentence for people who cannot see the picture, for example "
            "'A woman rolling her shoulders back while seated'."
        ),
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Optional. Shown under the image."
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image.html"
        description = "A photo with a description for screen readers and an optional caption."
        preview_value = {
            "alt_text": "A person stretching their neck",
            "caption": "Keep the movement small and slow.",
        }

    def get_preview_value(self):
        """The newest photo in her library, when there is one, instead of an empty frame."""
        from wagtail.images import get_image_model

        value = dict(self.meta.preview_value)
        value["image"] = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(value)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, help_text="The words being quoted.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional. Who said it, for example 'A client'."
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote.html"
        description = "A quotation set apart from the text."
        preview_value = {
            "quote": "I did the neck stretch every morning and slept through the night again.",
            "attribution": "A client",
        }


class VideoStructValue(blocks.StructValue):
    @cached_property
    def video(self):
        """The parsed video, or None if the stored address is no longer valid."""
        try:
            video = parse_video_url(self.get("url") or "")
        except VideoURLError:
            return None
        try:
            start = parse_start_time(self.get("start_time"))
        except ValueError:
            start = 0
        return video.at(start) if start else video

    @cached_property
    def length_seconds(self):
        """The length she typed ("4:05") in seconds, or None when empty or unreadable."""
        try:
            return parse_clock_time(self.get("length"))
        except ValueError:
            return None

    @property
    def length_label(self):
        return format_clock(self.length_seconds) if self.length_seconds else ""

    @property
    def length_iso(self):
        return iso_duration(self.length_seconds) if self.length_seconds else ""


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label="Video address",
        help_text=(
            "Paste the address of a YouTube or Vimeo video. Visitors see a picture first; "
            "the video loads only when they press play."
        ),
    )
    title = blocks.CharBlock(
        max_length=120,
        help_text="Required. The name of the video, for example 'Free Your Neck'. "
        "Screen readers announce it as the player's name.",
    )
    caption = blocks.TextBlock(
        required=False,
        max_length=600,
        help_text="Optional. A sentence or two under the video: why you recommend it.",
    )
    start_time = blocks.CharBlock(
        required=False,
        max_length=12,
        help_text="Optional. Start part-way through, as minutes:seconds, for example 1:30.",
    )
    transcript = blocks.TextBlock(
        required=False,
        help_text="Optional but kind: what is said in the video, for people who cannot listen.",
    )
    poster = ImageChooserBlock(
        required=False,
        help_text="Optional. A picture shown before the video plays, for example a still "
        "of you doing the exercise. Without one, visitors see a plain panel with the video's "
        "title. The site never fetches pictures from YouTube or Vimeo.",
    )
    length = blocks.CharBlock(
        required=False,
        max_length=10,
        help_text="Optional. How long the video lasts, as minutes:seconds, for example 4:05. "
        "Shown on the video's cover so visitors know what they are starting.",
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        try:
            parse_video_url(value.get("url"))
        except VideoURLError as error:
            errors["url"] = ErrorList([ValidationError(str(error))])
        try:
            parse_start_time(value.get("start_time"))
        except ValueError as error:
            errors["start_time"] = ErrorList([ValidationError(str(error))])
        try:
            parse_clock_time(value.get("length"))
        except ValueError as error:
            errors["length"] = ErrorList([ValidationError(str(error))])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video.html"
        value_class = VideoStructValue
        label_format = "Video: {title}"
        description = "A YouTube or Vimeo video that loads only when the visitor presses play."
        preview_value = {
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "title": "Free Your Neck",
            "caption": "Loosens the upper back so the neck and back work together.",
            "length": "4:05",
        }
