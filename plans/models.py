"""Home programmes: the therapist's short list of exercises for one client, with her note, the
dates that matter and the client's own check-ins.

A plan is reached only through its private address (``/plan/<token>/``): it is not a page, is
never indexed, cached, listed in the sitemap or feeds, and never appears in search.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PreviewableMixin

from core.blocks import SHORT_RICH_TEXT_FEATURES

from .panels import CheckInsPanel, PlanLinkPanel
from .reminders import schedule_for

# 24 random bytes: 192 bits, well past the 128 an address must carry to be unguessable.
TOKEN_BYTES = 24
DEFAULT_LENGTH_WEEKS = 8


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def default_start():
    return timezone.localdate()


def default_expiry():
    return timezone.localdate() + datetime.timedelta(weeks=DEFAULT_LENGTH_WEEKS)


class PlanQuerySet(models.QuerySet):
    def for_clients(self):
        """Plans given to clients (not the templates she starts from)."""
        return self.filter(is_template=False)

    def active_on(self, day):
        return self.for_clients().filter(status=Plan.ACTIVE, expires_on__gte=day)

    def for_client_page(self):
        """What the client's page, the sheet and the calendar file need, in four queries."""
        return self.prefetch_related("plan_exercises__exercise", "plan_articles__page")


class Plan(PreviewableMixin, ClusterableModel):
    # Shown only at the plan's private, uncached address: a change empties no page cache.
    changes_public_pages = False
    ACTIVE = "active"
    REVOKED = "revoked"
    STATUS_CHOICES = [(ACTIVE, "Active: the link works"), (REVOKED, "Switched off: the link stops")]

    title = models.CharField(
        max_length=80,
        help_text="Required. What this programme is, for example 'Stiff neck starter'. The client "
        "sees it as the heading of her page.",
    )
    client_label = models.CharField(
        max_length=40,
        blank=True,
        verbose_name="client",
        help_text="The client's first name or initials only, for example 'Dana' or 'D. R.'. "
        "Never a surname, and no health details: this is how you tell plans apart, and the client "
        "sees it. Leave empty for a template.",
    )
    is_template = models.BooleanField(
        default=False,
        verbose_name="this is a template",
        help_text="Tick to keep this as a starting point: a template has no client link. Use "
        "“Duplicate” on it to begin a plan for a client.",
    )
    note = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        verbose_name="your note to the client",
        help_text="Optional. A few words for the client, shown at the top of her page and sheet, "
        "for example 'Little and often: stop if it hurts.'",
    )
    starts_on = models.DateField(
        default=default_start, help_text="The first day of the programme. Reminders start here."
    )
    next_visit_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="next visit",
        help_text="Optional. The client's next appointment. Your dashboard lists plans whose next "
        "visit is within a week.",
    )
    expires_on = models.DateField(
        default=default_expiry,
        verbose_name="link works until",
        help_text="The last day the client's link works (eight weeks from today unless you change "
        "it). Her check-ins are deleted 90 days after this date.",
    )
    status = models.CharField(
        max_length=10,
        choices=STATUS_CHOICES,
        default=ACTIVE,
        help_text="Switch the link off if it was sent to the wrong person or is no longer needed. "
        "You can switch it back on.",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When she last opened the plan's check-ins in the admin: the dashboard lists newer ones.
    checkins_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    plan_panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("client_label"), FieldPanel("is_template")]),
        FieldPanel("note"),
        InlinePanel(
            "plan_exercises",
            heading="Exercises",
            label="Exercise",
            help_text="Two or three are plenty. Change how much or how often only where this "
            "client needs something different from the exercise's usual dose.",
        ),
        InlinePanel(
            "plan_articles",
            heading="Articles to read",
            label="Article",
            help_text="Optional. Articles from the site worth reading between visits.",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("next_visit_on")]),
                FieldRowPanel([FieldPanel("expires_on"), FieldPanel("status")]),
            ],
            heading="Dates and link",
        ),
    ]

    class Meta:
        ordering = ["-is_template", "-created_at"]
        verbose_name = "home programme"
        verbose_name_plural = "home programmes"

    def __str__(self):
        if self.is_template:
            return f"{self.title} (template)"
        return f"{self.title} for {self.client_label}" if self.client_label else self.title

    def clean(self):
        super().clean()
        errors = {}
        if not self.is_template and not self.client_label.strip():
            errors["client_label"] = (
                "Enter the client's first name or initials, or tick “This is a template”."
            )
        if self.starts_on and self.expires_on and self.expires_on < self.starts_on:
            errors["expires_on"] = "The link must work at least until the programme starts."
        if errors:
            raise ValidationError(errors)

    # --- state --------------------------------------------------------------------------------

    def is_expired(self, today=None):
        return self.expires_on < (today or timezone.localdate())

    def is_available(self, today=None):
        """Whether the client's link works today."""
        return self.status == self.ACTIVE and not self.is_expired(today)

    @property
    def state_label(self):
        if self.is_template:
            return "Template"
        if self.status == self.REVOKED:
            return "Switched off"
        if self.is_expired():
            return f"Ended {self.expires_on:%b} {self.expires_on.day}"
        return "Active"

    # --- addresses ----------------------------------------------------------------------------

    def get_client_url(self):
        return reverse("plan", args=[self.token])

    def get_sheet_url(self):
        return reverse("plan_sheet", args=[self.token])

    def get_calendar_url(self):
        return reverse("plan_calendar", args=[self.token])

    def get_checkin_url(self):
        return reverse("plan_checkin", args=[self.token])

    # --- copying ------------------------------------------------------------------------------

    def copy_for_next_client(self):
        """An unsaved copy with the same exercises, note and articles: a fresh link, new dates,
        no client and none of this plan's check-ins."""
        copy, _children = self.copy_cluster(
            exclude_fields=["token", "created_at", "updated_at", "checkins_seen_at"]
        )
        copy.token = new_token()
        copy.client_label = ""
        copy.is_template = False
        copy.status = self.ACTIVE
        copy.starts_on = default_start()
        copy.expires_on = default_expiry()
        copy.next_visit_on = None
        return copy

    # --- preview ------------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "plans/plan_page.html"

    def get_preview_context(self, request, mode_name):
        from .client_page import plan_page_context

        context = super().get_preview_context(request, mode_name)
        context.update(plan_page_context(request, self, preview=True))
        return context


class PlanExercise(Orderable):
    """One exercise in a plan, with this client's own dose where it differs."""

    # Shown only at the plan's private, uncached address: a change empties no page cache.
    changes_public_pages = False

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="plan_exercises")
    exercise = models.ForeignKey(
        "exercises.Exercise",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Required. Choose from your exercises.",
    )
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Optional. Seconds to hold, if different from the exercise's usual dose.",
    )
    repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional. Times to repeat, if different."
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional. How many sets, if different."
    )
    frequency = models.CharField(
        max_length=80,
        blank=True,
        verbose_name="how often",
        help_text="Optional. How often, if different, for example 'Twice a day', '3 times a "
        "week' or 'Every other day'. Calendar reminders follow it.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. A word for this client about this exercise, for example 'Go gently "
        "on the left side.'",
    )

    panels = [
        FieldPanel("exercise"),
        FieldRowPanel([FieldPanel("hold_seconds"), FieldPanel("repetitions"), FieldPanel("sets")]),
        FieldPanel("frequency"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "exercise in a plan"

    def __str__(self):
        return str(self.exercise) if self.exercise_id else "Exercise"

    def _dose_value(self, name):
        own = getattr(self, name)
        if own not in (None, ""):
            return own
        return getattr(self.exercise, name) if self.exercise_id else None

    @property
    def how_often(self):
        return self._dose_value("frequency") or ""

    @property
    def dose_parts(self):
        hold, reps, sets = (self._dose_value(n) for n in ("hold_seconds", "repetitions", "sets"))
        parts = []
        if hold:
            parts.append(f"Hold {hold} second{'s' if hold != 1 else ''}")
        if reps:
            parts.append(f"{reps} time{'s' if reps != 1 else ''}")
        if sets:
            parts.append(f"{sets} set{'s' if sets != 1 else ''}")
        if self.how_often:
            parts.append(self.how_often)
        return parts

    @property
    def dose(self):
        return " · ".join(self.dose_parts)

    @property
    def schedule(self):
        """When calendar reminders fall, read from "how often" (plans/reminders.py)."""
        return schedule_for(self.how_often)


class PlanArticle(Orderable):
    # Shown only at the plan's private, uncached address: a change empties no page cache.
    changes_public_pages = False
    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="plan_articles")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="article",
        help_text="Required. An article from the site. Only published articles are shown.",
    )

    panels = [PageChooserPanel("page", page_type="articles.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "article to read"


class CheckIn(models.Model):
    """What a client chose to send: how it feels today (0-10) and, if she likes, a few words."""

    # Shown only at the plan's private, uncached address: a change empties no page cache.
    changes_public_pages = False

    COMMENT_MAX_LENGTH = 280

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checkins")
    feeling = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text="0 (no pain at all) to 10 (the worst it could be).",
    )
    comment = models.CharField(max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "check-in"

    def __str__(self):
        return f"{self.feeling}/10 on {timezone.localtime(self.created_at):%Y-%m-%d}"


# The admin form: the link at the top of the plan, her client's check-ins on a tab of their own.
Plan.edit_handler = TabbedInterface(
    [
        ObjectList([PlanLinkPanel(), *Plan.plan_panels], heading="Plan"),
        ObjectList([CheckInsPanel()], heading="Check-ins"),
    ]
)
