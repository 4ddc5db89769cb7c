"""Articles: the therapist's self-care posts, and the index that lists them."""

from django import forms
from django.db import models
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import SHORT_RICH_TEXT_FEATURES
from core.cache import public_pages, remembered_count
from core.content_checks import ContentChecksPanel
from core.models import BodyArea
from core.pagination import paginate
from core.text import stream_text
from exercises.models import Exercise

from . import related
from .blocks import ArticleBodyBlock
from .content_checks import article_warnings


class ArticlePageQuerySet(PageQuerySet):
    def public(self):
        """Wagtail's privacy filter, with private pages looked up once per content change."""
        return public_pages(self)

    def count(self):
        """Remembered until the content changes (core/cache.py), for pagination at any size."""
        if self._result_cache is not None:
            return len(self._result_cache)
        return remembered_count(self, super().count)

    def newest_first(self):
        """Newest first, ties by page id. Ordered by the page table's own id (not the article
        row's, which is the same number), because the page table's first_published_at index
        is already in that order: the database reads one page of rows instead of sorting
        every article."""
        return self.order_by(
            F("first_published_at").desc(), RawSQL('"wagtailcore_page"."id"', ()).desc()
        )

    def listing(self):
        """What an article card needs, in a fixed number of queries."""
        return self.select_related("hero_image", "author").prefetch_related(
            "body_areas", "hero_image__renditions"
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("related_links")
        if formset is None:
            return cleaned_data
        # The page form is cleaned before its formsets, so validate them first to read their data.
        formset.is_valid()
        seen = set()
        for form in formset.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            article = form.cleaned_data.get("article")
            if article is None:
                continue
            if self.instance.pk and article.pk == self.instance.pk:
                form.add_error("article", "An article cannot be related to itself.")
            elif article.pk in seen:
                form.add_error("article", "This article is already in the list.")
            seen.add(article.pk)
        return cleaned_data


class ArticleIndexPage(Page):
    """/articles/: every published article, newest first, filterable by body area."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="A sentence or two at the top of the list of articles.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # What search engines and link previews are told this page is (seo/meta.py).
    seo_kind = "collection"

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "article index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().listing().newest_first()
        area = BodyArea.objects.from_filter(request)
        if area is not None:
            articles = articles.filter(body_areas=area)
        page_obj = paginate(request, articles, per_page=10)
        context.update(
            {
                "articles": page_obj,
                "page_obj": page_obj,
                "current_area": area,
                "body_areas": BodyArea.objects.all(),
            }
        )
        return context


class RelatedArticle(Orderable):
    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article readers of this one will find useful.",
    )

    panels = [FieldPanel("article")]


class ArticlePage(Page):
    """A self-care article: videos, exercises, callouts and dated updates."""

    summary = models.TextField(
        max_length=300,
        help_text="Required. One or two sentences that tell a visitor what this article will "
        "help with. "
        "Shown in lists, search results and search engines.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. A wide photo shown at the top and on cards.",
    )
    hero_image_alt = models.CharField(
        max_length=250,
        blank=True,
        verbose_name="describe the photo",
        help_text="Needed when you choose a photo: one sentence for people who cannot see it, "
        "for example 'A woman rolling her shoulders back while seated'.",
    )
    author = models.ForeignKey(
        "core.Practitioner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Who wrote this. Shown under the title.",
    )
    body_areas = ParentalManyToManyField(
        BodyArea,
        blank=True,
        related_name="articles",
        help_text="Tick every area this article is about. Visitors filter by these.",
    )
    body = StreamField(
        ArticleBodyBlock(),
        help_text="Required. The article itself. Add paragraphs, videos, exercises, callouts and, "
        "later, dated updates.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When you last checked this article is still right. Shown to visitors.",
    )
    # Denormalised from the body on publish, so listings and feeds can sort and join cheaply.
    last_updated = models.DateField(null=True, blank=True, editable=False, db_index=True)
    exercises = models.ManyToManyField(
        Exercise, blank=True, editable=False, related_name="articles"
    )
    only_my_picks = models.BooleanField(
        default=False,
        verbose_name="show only my picks",
        help_text="Tick to show only the articles you chose above, with no automatic "
        "suggestions added after them.",
    )

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    content_panels = [
        ContentChecksPanel(),
        TitleFieldPanel(
            "title",
            help_text="Required. The headline visitors see at the top of the article and in lists.",
        ),
        FieldPanel("summary"),
        FieldPanel("author"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading="Photo at the top",
        ),
        FieldPanel("body_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    related_panels = [
        InlinePanel(
            "related_links",
            heading="Related reading",
            label="Related article",
            help_text="Articles you recommend at the end of this one, in this order; visitors "
            "see them marked as your picks. Unless you tick 'show only my picks' below, the site "
            "adds automatic suggestions (articles sharing exercises or body areas, marked as "
            "such) until there are as many as the clinic's 'related reading count' in Settings "
            "→ Clinic settings.",
        ),
        FieldPanel("only_my_picks"),
    ]
    # Page's own fields, with help text in plain words. show_in_menus is left out: the site's
    # menu lists sections, never single articles.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text="Required. The end of the article's web address, filled in from "
                    "the title. Change it only before the first publish: old links break.",
                ),
                FieldPanel(
                    "seo_title",
                    help_text="Optional. A different title for search engines and browser tabs. "
                    "Leave empty to use the headline.",
                ),
                FieldPanel(
                    "search_description",
                    help_text="Optional. The text search engines show under the title. Leave "
                    "empty to use the summary.",
                ),
            ],
            heading="For search engines",
        ),
    ]
    # Page.settings_panels holds the publishing schedule (go-live and expiry dates).
    settings_panels = [*Page.settings_panels, FieldPanel("last_reviewed")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(related_panels, heading="Related"),
            ObjectList(promote_panels, heading="Promote"),
            ObjectList(settings_panels, heading="Settings", classname="settings"),
        ]
    )

    # Titles outweigh summaries, which outweigh the rest, on every backend (search/backends.py).
    # The body and included exercises are indexed as plain text, the same text that result
    # excerpts are cut from.
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("summary", boost=2),
        index.SearchField("search_body_text"),
        index.SearchField("search_exercises_text"),
        index.RelatedFields("body_areas", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("last_updated"),
    ]

    seo_kind = "article"

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    @cached_property
    def updates(self):
        """The article's update sections, newest first."""
        found = [block for block in self.body if block.block_type == "update"]
        found = [block for block in found if block.value.get("date")]
        return sorted(found, key=lambda block: block.value["date"], reverse=True)

    def _newest_update_date(self):
        dates = [b.value.get("date") for b in self.body if b.block_type == "update"]
        dates = [d for d in dates if d]
        return max(dates) if dates else None

    def search_body_text(self):
        """Every word of the body as plain text, for the search index and result excerpts."""
        return stream_text(self.body)

    def content_warnings(self):
        """What is worth a second look before publishing (the "Before you publish" panel)."""
        return article_warnings(self)

    def search_exercises_text(self):
        """What the included exercises say, the live ones. Read from the body, because the
        exercises relation is refreshed only after the save that triggers indexing."""
        exercises = Exercise.objects.live().filter(pk__in=self._exercise_ids())
        parts = []
        for exercise in exercises:
            parts.extend([exercise.name, exercise.summary, exercise.search_text()])
        return " ".join(part for part in parts if part)

    def _exercise_ids(self):
        ids = []
        for block in self.body:
            if block.block_type == "exercise":
                blocks_ = [block]
            elif block.block_type == "update":
                blocks_ = [b for b in block.value["body"] if b.block_type == "exercise"]
            else:
                blocks_ = []
            for exercise_block in blocks_:
                exercise = exercise_block.value.get("exercise")
                if exercise is not None and exercise.pk not in ids:
                    ids.append(exercise.pk)
        return ids

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # save_revision() saves only bookkeeping columns; the body on the row is the live one,
        # so derived data is refreshed only when the body itself is written (create/publish).
        body_written = update_fields is None or "body" in update_fields
        if body_written:
            self.last_updated = self._newest_update_date()
        result = super().save(*args, **kwargs)
        if body_written:
            self.exercises.set(self._exercise_ids())
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only if the template asks: a visitor's article is usually drawn from its
        # remembered copy, related reading included (templates/articles/article_page.html).
        reading = SimpleLazyObject(lambda: self.related_reading(request=request))
        context["related_reading"] = reading
        # Shown apart, so a visitor can tell what she chose from what the site added.
        context["related_picks"] = SimpleLazyObject(lambda: [i for i in reading if i.picked])
        context["related_suggestions"] = SimpleLazyObject(
            lambda: [item for item in reading if not item.picked]
        )
        context["related_articles"] = SimpleLazyObject(lambda: [item.page for item in reading])
        return context

    def related_reading(self, count=None, request=None):
        """What to read next: the editor's picks in her order, then articles that share
        exercises and body areas, up to ClinicSettings.related_reading_count. Each item has
        ``page``, ``reason`` and ``picked``; see articles/related.py."""
        return related.related_reading(self, count=count, request=request)
