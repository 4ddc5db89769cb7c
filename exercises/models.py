"""Exercises: reusable snippets written once and dropped into any article, and their library."""

from django import forms
from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, LockableMixin, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from core.blocks import SHORT_RICH_TEXT_FEATURES, VideoBlock
from core.content_checks import ContentChecksPanel
from core.models import BodyArea
from core.pagination import paginate
from core.sections import section_url
from core.slugs import SlugFromNameMixin
from core.text import rich_text_to_plain, stream_text

from .blocks import StepBlock
from .content_checks import exercise_warnings

DIFFICULTY_CHOICES = [
    ("gentle", "Gentle"),
    ("moderate", "Moderate"),
    ("challenging", "Challenging"),
]


class ExerciseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def listing(self):
        """What a card needs, in a fixed number of queries."""
        return self.select_related("image").prefetch_related("body_areas", "image__renditions")


class Exercise(
    SlugFromNameMixin,
    PreviewableMixin,
    LockableMixin,
    DraftStateMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """One exercise with its video, steps and dose, reused by any number of articles."""

    name = models.CharField(
        max_length=120, help_text="Required. The exercise's name, for example 'Magic Neck Stretch'."
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="The end of this exercise's web address, filled in from its name. Change it "
        "only before the first publish: old links break.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="Required. One or two sentences: what it helps and how it feels. Shown on "
        "cards "
        "and in search results.",
    )
    video = StreamField(
        [("video", VideoBlock())],
        blank=True,
        max_num=1,
        help_text="Optional. One YouTube or Vimeo video that shows the exercise.",
    )
    steps = StreamField(
        [("step", StepBlock())],
        blank=True,
        help_text="What to do, one step at a time, in order.",
    )
    hold_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional. How long to hold each stretch, in seconds."
    )
    repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional. How many times to repeat it in one set."
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Optional. How many sets to do."
    )
    frequency = models.CharField(
        max_length=80, blank=True, help_text="Optional. How often, for example 'Twice a day'."
    )
    body_areas = ParentalManyToManyField(
        BodyArea,
        blank=True,
        related_name="exercises",
        help_text="Tick every area this exercise helps. Visitors filter by these.",
    )
    difficulty = models.CharField(
        max_length=20,
        choices=DIFFICULTY_CHOICES,
        default="gentle",
        help_text="How hard it feels for someone who is sore.",
    )
    equipment = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. What is needed, for example 'A towel and a wall'. Leave empty if nothing.",
    )
    cautions = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="When to stop or skip it, for example 'Stop if you feel tingling in your arm'.",
    )
    progress_test = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        verbose_name="test your progress",
        help_text="Optional. How visitors can check it is working, before and after.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A photo of the exercise, used on cards and when there is no video.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When you last checked this exercise is still right. Shown to visitors.",
    )

    objects = ExerciseQuerySet.as_manager()

    content_panels = [
        ContentChecksPanel(),
        # Typing the name fills in the web address on the Settings tab, as a page's title does.
        TitleFieldPanel("name", placeholder=False, apply_if_live=False),
        FieldPanel("summary"),
        FieldPanel("video"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("hold_seconds"), FieldPanel("repetitions")]),
                FieldRowPanel([FieldPanel("sets"), FieldPanel("frequency")]),
            ],
            heading="How much and how often",
        ),
        FieldPanel("body_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("difficulty"),
        FieldPanel("equipment"),
        FieldPanel("cautions"),
        FieldPanel("progress_test"),
        FieldPanel("image"),
    ]
    settings_panels = [FieldPanel("slug", widget=SlugInput), FieldPanel("last_reviewed")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(settings_panels, heading="Settings"),
        ]
    )

    search_fields = [
        # Indexed as "title" because backends weigh a field of that name as the title.
        index.SearchField("title", boost=10),
        index.AutocompleteField("name"),
        index.SearchField("summary", boost=2),
        index.SearchField("search_text"),
        index.RelatedFields("body_areas", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("live"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def title(self):
        """The name, under the field name search backends weigh as a title (search only)."""
        return self.name

    def search_text(self):
        """Steps, cautions, progress test and video as plain text: indexed, and excerpted."""
        parts = [
            stream_text(self.steps),
            rich_text_to_plain(self.cautions),
            rich_text_to_plain(self.progress_test),
            stream_text(self.video),
        ]
        return " ".join(part for part in parts if part)

    def content_warnings(self):
        """What is worth a second look before publishing (the "Before you publish" panel)."""
        return exercise_warnings(self)

    def similar(self, limit=4):
        """Live exercises for the same body areas, those sharing the most areas first."""
        if self.pk is None:
            return []
        area_ids = self.body_areas.through.objects.filter(exercise_id=self.pk).values("bodyarea_id")
        return list(
            Exercise.objects.live()
            .filter(body_areas__in=area_ids)
            .exclude(pk=self.pk)
            .annotate(shared_areas=Count("body_areas"))
            .order_by("-shared_areas", "name")
            .listing()[:limit]
        )

    @property
    def video_block(self):
        """The exercise's video block (bound), or None."""
        return self.video[0] if len(self.video) else None

    @property
    def dose_parts(self):
        parts = []
        if self.hold_seconds:
            parts.append(f"Hold {self.hold_seconds} second{'s' if self.hold_seconds != 1 else ''}")
        if self.repetitions:
            parts.append(f"{self.repetitions} time{'s' if self.repetitions != 1 else ''}")
        if self.sets:
            parts.append(f"{self.sets} set{'s' if self.sets != 1 else ''}")
        if self.frequency:
            parts.append(self.frequency)
        return parts

    @property
    def dose(self):
        return " · ".join(self.dose_parts)

    def get_url(self, request=None):
        library_url = ExerciseLibraryPage.url_for_request(request)
        if library_url is None:
            return None
        return f"{library_url}{self.slug}/"

    @property
    def url(self):
        return self.get_url()

    def get_preview_template(self, request, mode_name):
        return "exercises/exercise_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["exercise"] = self
        context["page"] = ExerciseLibraryPage.objects.live().first()
        # What visitors see under the exercise: the articles that use it and similar ones.
        if self.pk:
            context["articles_using"] = (
                self.articles.live().public().listing().order_by("-first_published_at")
            )
            context["similar_exercises"] = self.similar()
        else:
            context["articles_using"] = []
        return context

    def get_admin_usage_url(self):
        return reverse("wagtailsnippets_exercises_exercise:usage", args=[self.pk])


class ExerciseLibraryPage(RoutablePageMixin, Page):
    """/exercises/: every published exercise, and each one at /exercises/<slug>/."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="A sentence or two at the top of the exercise library.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # What search engines and link previews are told this page is (seo/meta.py).
    seo_kind = "collection"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "exercise library"

    @classmethod
    def url_for_request(cls, request=None):
        """The library's URL (None when it is not live), looked up once per request."""
        return section_url("exercises", request) or None

    def get_sitemap_urls(self, request=None):
        """The library itself plus one entry per published exercise, for sitemap.xml."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        library_url = urls[0]["location"]
        for exercise in Exercise.objects.live().only("slug", "last_published_at"):
            entry = {"location": f"{library_url}{exercise.slug}/"}
            if exercise.last_published_at:
                entry["lastmod"] = exercise.last_published_at
            urls.append(entry)
        return urls

    @path("")
    def index_route(self, request):
        exercises = Exercise.objects.live().listing()
        area = BodyArea.objects.from_filter(request)
        if area is not None:
            exercises = exercises.filter(body_areas=area)
        page_obj = paginate(request, exercises, per_page=24)
        return self.render(
            request,
            context_overrides={
                "exercises": page_obj,
                "page_obj": page_obj,
                "current_area": area,
                "body_areas": BodyArea.objects.all(),
            },
        )

    @path("<slug:slug>/")
    def exercise_route(self, request, slug):
        exercise = get_object_or_404(Exercise.objects.live().listing(), slug=slug)
        articles_using = exercise.articles.live().public().listing().order_by("-first_published_at")
        context = self.get_context(request)
        context.update(
            {
                "exercise": exercise,
                "articles_using": articles_using,
                "similar_exercises": exercise.similar(),
                "page": self,
            }
        )
        return TemplateResponse(request, "exercises/exercise_detail.html", context)

    @path("<slug:slug>/print/")
    def exercise_print_route(self, request, slug):
        """A one-page sheet to print and stick on the fridge: steps, dose, cautions, contact."""
        exercise = get_object_or_404(Exercise.objects.live().listing(), slug=slug)
        context = self.get_context(request)
        exercise_url = exercise.get_url(request)
        context.update(
            {
                "exercise": exercise,
                "page": self,
                "seo_noindex": True,
                "exercise_url": exercise_url,
                "exercise_full_url": request.build_absolute_uri(exercise_url),
            }
        )
        return TemplateResponse(request, "exercises/exercise_print.html", context)
