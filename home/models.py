"""The home page and what it features."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from articles.models import ArticlePage
from core.blocks import SHORT_RICH_TEXT_FEATURES
from core.models import BodyArea
from exercises.models import Exercise


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
    """The front door: a welcome, a few articles and exercises, and the way to book."""

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

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
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
