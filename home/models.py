"""The home page and what it features: the massage, services, testimonials and how to visit."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from articles.models import ArticlePage
from core.blocks import RICH_TEXT_FEATURES, SHORT_RICH_TEXT_FEATURES
from core.hours import opening_intervals
from core.models import BodyArea, ClinicSettings
from exercises.models import Exercise

from .blocks import ServiceBlock

OPENSTREETMAP_SEARCH = "https://www.openstreetmap.org/search"


def map_search_url(address):
    """A plain link to the address on OpenStreetMap: no embed, nothing loads until clicked."""
    query = ", ".join(line.strip() for line in (address or "").splitlines() if line.strip())
    return f"{OPENSTREETMAP_SEARCH}?{urlencode({'query': query})}" if query else ""


class Testimonial(models.Model):
    """A client's words about a session, written down with their permission. Not in the site's
    search index: visitors search for self-care, and the home page shows the ones she picks."""

    quote = models.TextField(
        max_length=600,
        help_text="What the client said, in their words. Two or three sentences read best.",
    )
    name = models.CharField(
        max_length=80,
        help_text="How the client agreed to be named, for example 'Maria G.' or 'A client "
        "since 2021'. Ask before you publish anyone's words.",
    )
    detail = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional. A few words of context, for example 'Came in for lower back pain'.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "testimonial"

    def __str__(self):
        return f"{self.name}: {self.quote[:60]}"


class HomeTestimonial(Orderable):
    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="testimonials")
    testimonial = models.ForeignKey(
        Testimonial,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A testimonial to show on the home page.",
    )

    panels = [FieldPanel("testimonial")]


class HomeFeaturedArticle(Orderable):
    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article to show on the home page.",
    )

    panels = [FieldPanel("article")]


class HomeFeaturedExercise(Orderable):
    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_exercises")
    exercise = models.ForeignKey(
        "exercises.Exercise",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An exercise to show on the home page.",
    )

    panels = [FieldPanel("exercise")]


class HomePage(Page):
    """The front door: what the massage is, what it costs, what clients say, where and when to
    come, and the self-care articles and exercises."""

    heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The big line at the top of the home page, saying what you offer, for "
        "example 'Ashiatsu barefoot massage in Decatur'. Leave empty to use the page title.",
    )
    intro = RichTextField(
        features=SHORT_RICH_TEXT_FEATURES,
        blank=True,
        help_text="A warm welcome of two or three sentences at the top of the home page.",
    )
    call_to_action = RichTextField(
        features=SHORT_RICH_TEXT_FEATURES,
        blank=True,
        help_text="A short invitation to book, shown beside the phone number and booking link.",
    )
    about_heading = models.CharField(
        max_length=120,
        blank=True,
        default="What is Ashiatsu barefoot massage?",
        help_text="The title of the section that explains your massage.",
    )
    about = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="A few short paragraphs for someone who has never had this massage: what "
        "happens, how it feels and who it helps. Leave empty to hide the section.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A photo of you or your studio, shown beside the explanation.",
    )
    photo_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name="describe the photo",
        help_text="One sentence for people who cannot see the photo, for example 'The "
        "treatment room, with the massage table under two wooden ceiling bars'.",
    )
    services = StreamField(
        [("service", ServiceBlock())],
        blank=True,
        help_text="Each treatment you offer, with its length and price. Leave empty to hide "
        "the section.",
    )
    services_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional. A line under the prices, for example 'Gift cards available. "
        "Cancel up to 24 hours before at no charge.'",
    )
    map_url = models.URLField(
        blank=True,
        verbose_name="map link",
        help_text="Optional. A link to your address on a map (paste it from Google Maps or "
        "OpenStreetMap). Leave empty and the site links to OpenStreetMap's search for the "
        "address in Clinic settings.",
    )
    directions = models.CharField(
        max_length=250,
        blank=True,
        help_text="Optional. A line to help people find you, for example 'Free parking "
        "behind the building; the entrance is on Larkspur Row'.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("heading"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("about_heading"),
                FieldPanel("about"),
                FieldPanel("photo"),
                FieldPanel("photo_alt"),
            ],
            heading="About your massage",
        ),
        MultiFieldPanel(
            [FieldPanel("services"), FieldPanel("services_note")], heading="Services and prices"
        ),
        InlinePanel(
            "testimonials",
            heading="Testimonials",
            label="Testimonial",
            max_num=6,
            help_text="Pick up to six from Snippets → Testimonials, in the order to show them. "
            "Leave empty to hide the section.",
        ),
        InlinePanel(
            "featured_articles",
            heading="Featured articles",
            label="Article",
            max_num=6,
            help_text="Pick up to six articles. Leave empty to show the newest three.",
        ),
        InlinePanel(
            "featured_exercises",
            heading="Featured exercises",
            label="Exercise",
            max_num=6,
            help_text="Pick up to six exercises. Leave empty to show four from the library.",
        ),
        FieldPanel("call_to_action"),
        MultiFieldPanel(
            [FieldPanel("map_url"), FieldPanel("directions")],
            heading="Finding you",
            help_text="Your address, phone, booking link and opening hours come from Settings "
            "→ Clinic settings.",
        ),
    ]

    # What search engines and link previews are told this page is (seo/meta.py).
    seo_kind = "home"

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage", "exercises.ExerciseLibraryPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def featured_article_ids(self):
        """The ids of the articles she picked for the home page, in her order (the search page
        offers them too when a search finds nothing)."""
        return [item.article_id for item in self.featured_articles.all() if item.article_id]

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError(
                {
                    "photo_alt": "Describe the photo in one sentence, for people who cannot "
                    "see it, for example 'The treatment room, with the massage table under two "
                    "wooden ceiling bars'."
                }
            )

    @property
    def display_heading(self):
        return self.heading or self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        clinic = ClinicSettings.for_request(request)
        context["map_link"] = self.map_url or map_search_url(clinic.address)
        context["has_opening_hours"] = bool(opening_intervals(clinic))
        context["testimonials"] = [
            item.testimonial for item in self.testimonials.select_related("testimonial")
        ]
        live_articles = ArticlePage.objects.live().public().listing()
        picked = self.featured_article_ids()
        if picked:
            by_id = {a.pk: a for a in live_articles.filter(pk__in=picked)}
            articles = [by_id[pk] for pk in picked if pk in by_id]
        else:
            articles = list(live_articles.order_by("-first_published_at")[:3])
        picked_exercises = [
            item.exercise_id for item in self.featured_exercises.all() if item.exercise_id
        ]
        exercises = Exercise.objects.live().listing()
        if picked_exercises:
            by_id = {e.pk: e for e in exercises.filter(pk__in=picked_exercises)}
            exercises = [by_id[pk] for pk in picked_exercises if pk in by_id]
        else:
            exercises = list(exercises[:4])
        context["featured_articles"] = articles
        context["featured_exercises"] = exercises
        context["body_areas"] = BodyArea.objects.all()
        return context
