"""What every app shares: body areas, practitioners and the clinic's settings.

These models were first defined in the ``home`` app and keep its tables (``db_table``), so a
site that upgrades only runs ``migrate``: no rows move.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import SHORT_RICH_TEXT_FEATURES
from .slugs import SlugFromNameMixin

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


HELP_SIGNS_MAX = 8
HELP_SIGN_MAX_LENGTH = 160


def help_sign_lines(text):
    return [line.strip(" \t-•*") for line in (text or "").splitlines() if line.strip(" \t-•*")]


def validate_help_signs(text):
    """Keeps "When to get help" short enough to read at a glance on a phone."""
    signs = help_sign_lines(text)
    if len(signs) > HELP_SIGNS_MAX:
        raise ValidationError(
            f"Please keep this to {HELP_SIGNS_MAX} signs or fewer (one per line); "
            f"there are {len(signs)}."
        )
    for sign in signs:
        if len(sign) > HELP_SIGN_MAX_LENGTH:
            raise ValidationError(
                f"Each sign should fit on a line or two ({HELP_SIGN_MAX_LENGTH} characters "
                f"at most). This one is longer: '{sign[:40]}...'"
            )


class BodyAreaQuerySet(models.QuerySet):
    def from_filter(self, request):
        """The area named by ?area= (None when absent); a name we don't have is a 404."""
        slug = request.GET.get("area", "").strip()
        if not slug:
            return None
        area = self.filter(slug=slug[:60]).first()
        if area is None:
            raise Http404("No such body area")
        return area


class BodyArea(SlugFromNameMixin, index.Indexed, models.Model):
    """Where it hurts: neck, upper back, shoulders... Used to file articles and exercises."""

    name = models.CharField(max_length=60, unique=True, help_text="For example 'Upper back'.")
    slug = models.SlugField(
        max_length=60,
        unique=True,
        blank=True,
        help_text="The web address of this area's page, filled in from the name when left "
        "empty, for example 'upper-back'.",
    )
    description = models.TextField(
        blank=True,
        max_length=400,
        help_text="Optional. One or two sentences shown on this area's page.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are listed first, from head to toe."
    )
    when_to_get_help = models.TextField(
        "When to get help",
        blank=True,
        max_length=1200,
        validators=[validate_help_signs],
        help_text="Optional. Signs that mean someone should see a doctor before trying these "
        "exercises, one per line, for example 'Your arm goes numb or weak'. Shown on this "
        "area's page, on its articles and exercises, and on printed sheets. Leave empty to "
        "show nothing.",
    )

    objects = BodyAreaQuerySet.as_manager()

    panels = [
        # Typing the name fills in the web address, kept folded away below.
        TitleFieldPanel("name", placeholder=False),
        FieldPanel("description"),
        FieldPanel("when_to_get_help"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [FieldPanel("slug", widget=SlugInput)], heading="Web address", classname="collapsed"
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        db_table = "home_bodyarea"
        ordering = ["sort_order", "name"]
        verbose_name = "body area"

    def __str__(self):
        return self.name

    @property
    def help_signs(self):
        """The "When to get help" list: one sign per non-empty line."""
        return help_sign_lines(self.when_to_get_help)


@register_snippet
class Practitioner(PreviewableMixin, index.Indexed, models.Model):
    """A therapist at the clinic: the byline on articles."""

    name = models.CharField(max_length=120, help_text="As visitors should see it.")
    role = models.CharField(
        max_length=120, blank=True, help_text="For example 'Licensed massage therapist'."
    )
    credentials = models.CharField(
        max_length=200, blank=True, help_text="Optional. For example 'LMT, Ashiatsu practitioner'."
    )
    bio = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="A few friendly sentences about you, shown under your articles.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A friendly head-and-shoulders photo.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        db_table = "home_practitioner"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "core/practitioner_preview.html"


class OpeningHoursBlock(blocks.StructBlock):
    weekday = blocks.ChoiceBlock(choices=WEEKDAYS, help_text="The day you are open.")
    opens = blocks.TimeBlock(help_text="When you open that day.")
    closes = blocks.TimeBlock(help_text="When you close that day.")

    class Meta:
        icon = "time"
        label = "Opening hours"
        template = "blocks/opening_hours.html"
        label_format = "{weekday}: {opens} to {closes}"
        description = "The hours you answer the phone on one day of the week."
        preview_value = {"weekday": "0", "opens": "09:00", "closes": "17:00"}


@register_setting(icon="site")
class ClinicSettings(PreviewableMixin, BaseSiteSetting):
    """The clinic's details, read by the header, footer, calls to action and fine print."""

    clinic_name = models.CharField(
        max_length=120,
        default="Harvest Moon Massage Therapy",
        help_text="Shown in the header of every page.",
    )
    tagline = models.CharField(
        max_length=200, blank=True, help_text="A short line under the clinic's name."
    )
    practitioner = models.ForeignKey(
        Practitioner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The main therapist. New articles are credited to them unless you pick another.",
    )
    phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="As visitors should read it, for example (404) 555-0142. Phones dial it in one tap.",
    )
    email = models.EmailField(blank=True, help_text="Optional. Shown in the footer.")
    address = models.TextField(
        blank=True, max_length=400, help_text="Street, town and postcode, one per line."
    )
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        help_text="Add one row for each day you are open. The site says 'Open now' during them.",
    )
    hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. For example 'Evenings by appointment'.",
    )
    booking_url = models.URLField(
        blank=True,
        help_text="The address of your online booking page. Every 'Book online' button uses it.",
    )
    default_safety_note = RichTextField(
        features=SHORT_RICH_TEXT_FEATURES,
        blank=True,
        default="<p>Be gentle with yourself. Go slow, and if anything hurts or feels wrong, stop.</p>",
        help_text="Used by every safety callout you leave empty.",
    )
    default_disclaimer = RichTextField(
        features=SHORT_RICH_TEXT_FEATURES,
        blank=True,
        default=(
            "<p>I'm a massage therapist, not a doctor, and nothing on this site replaces medical "
            "advice. Listen to your body and see a doctor when you need to.</p>"
        ),
        help_text="The fine print used by every fine-print callout you leave empty.",
    )

    related_reading_count = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
        help_text="How many articles to suggest under 'Related reading'. Your own picks come "
        "first; the site fills the rest with articles about the same areas and exercises.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("clinic_name"), FieldPanel("tagline"), FieldPanel("practitioner")],
            heading="The clinic",
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("booking_url"),
                FieldPanel("email"),
                FieldPanel("address"),
            ],
            heading="How visitors reach you",
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("hours_note")], heading="Opening hours"
        ),
        MultiFieldPanel(
            [FieldPanel("default_safety_note"), FieldPanel("default_disclaimer")],
            heading="Standard wording",
        ),
        FieldPanel("related_reading_count"),
    ]

    class Meta:
        db_table = "home_clinicsettings"
        verbose_name = "clinic settings"

    def get_preview_template(self, request, mode_name):
        return "home/home_page.html"

    def get_preview_context(self, request, mode_name):
        """The site's home page, so she sees the header, footer and hours with her draft values.

        Wagtail's settings preview view puts this unsaved instance on the request, so every
        template that reads ``settings.core.ClinicSettings`` sees the draft.
        """
        context = super().get_preview_context(request, mode_name)
        home = self.site.root_page.specific
        context.update(home.get_context(request))
        context["page"] = home
        return context

    @property
    def phone_href(self):
        """A tel: link with only the characters a phone dials."""
        digits = re.sub(r"[^\d+]", "", self.phone or "")
        return f"tel:{digits}" if digits else ""
