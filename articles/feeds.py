"""/articles/feed/: an Atom feed of published articles, and the same as RSS at /articles/feed/rss/.

An article's entry is "updated" when the therapist adds a dated update section to it
(ArticlePage.last_updated), so feed readers show it again.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage
from core.models import ClinicSettings

FEED_LENGTH = 20


def entry_updated(article):
    """When the article last changed for a reader: its newest update, else its first publish."""
    published = article.first_published_at
    if article.last_updated is None:
        return published
    updated = timezone.make_aware(
        datetime.datetime.combine(article.last_updated, datetime.time.min)
    )
    return max(published, updated) if published else updated


def _sort_key(article):
    return entry_updated(article) or timezone.make_aware(
        datetime.datetime.min + datetime.timedelta(days=1)
    )


class ArticlesAtomFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    @classmethod
    def view(cls, request, *args, **kwargs):
        """A fresh feed per request: the methods below need the request (for full URLs and
        the site's settings), and one shared instance must not hold it between threads."""
        feed = cls()
        feed.request = request
        return feed(request, *args, **kwargs)

    def _settings(self):
        site = Site.find_for_request(self.request)
        return ClinicSettings.for_site(site) if site else None

    def title(self):
        settings = self._settings()
        name = settings.clinic_name if settings else "Harvest Moon Massage Therapy"
        return f"{name}: self-care articles"

    def subtitle(self):
        return "New articles and updates to articles: exercises and self-care between visits."

    description = subtitle

    def link(self):
        index = ArticleIndexPage.objects.live().first()
        return index.get_url(self.request) if index else "/"

    def items(self):
        visible = ArticlePage.objects.live().public().defer_streamfields().select_related("author")
        # The newest articles, plus older ones with a recent update, newest change first.
        newest = list(visible.order_by("-first_published_at", "-pk")[:FEED_LENGTH])
        updated = list(
            visible.filter(last_updated__isnull=False).order_by("-last_updated", "-pk")[
                :FEED_LENGTH
            ]
        )
        by_id = {article.pk: article for article in [*newest, *updated]}
        articles = sorted(by_id.values(), key=_sort_key, reverse=True)[:FEED_LENGTH]
        prefetch_related_objects(articles, "body_areas")
        return articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return entry_updated(article)

    def item_author_name(self, article):
        return article.author.name if article.author else None

    def item_categories(self, article):
        return [area.name for area in article.body_areas.all()]


class ArticlesRssFeed(ArticlesAtomFeed):
    feed_type = Rss201rev2Feed
