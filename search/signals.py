"""Keep the index current when an exercise used by articles changes, the synonym cache fresh, and
the table of each word's scores (PostgreSQL) scored with the current weights after a migrate.

Wagtail's own signal handlers reindex the object that was saved or deleted. An article's index
entry also holds the words of the exercises it includes, so those articles are reindexed here
whenever one of their exercises is published, unpublished or deleted.
"""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from modelsearch.index import insert_or_update_object
from wagtail.signals import published, unpublished


def reindex_articles_using(exercise_pks):
    from articles.models import ArticlePage

    for article in ArticlePage.objects.filter(exercises__pk__in=exercise_pks).distinct():
        insert_or_update_object(article)


def exercise_published_or_unpublished(sender, instance, **kwargs):
    reindex_articles_using([instance.pk])


def exercise_pre_delete(sender, instance, **kwargs):
    # The relation rows go with the exercise, so note who used it before they do.
    instance._search_article_pks = list(instance.articles.values_list("pk", flat=True))


def exercise_post_delete(sender, instance, **kwargs):
    from articles.models import ArticlePage

    for article in ArticlePage.objects.filter(pk__in=getattr(instance, "_search_article_pks", [])):
        insert_or_update_object(article)


def sync_term_weights(sender, using, **kwargs):
    from .term_scores import sync_weights

    sync_weights(using)


def connect(app_config):
    from exercises.models import Exercise

    from .models import Synonym
    from .synonyms import invalidate_synonyms

    published.connect(exercise_published_or_unpublished, sender=Exercise)
    unpublished.connect(exercise_published_or_unpublished, sender=Exercise)
    pre_delete.connect(exercise_pre_delete, sender=Exercise)
    post_delete.connect(exercise_post_delete, sender=Exercise)
    post_save.connect(invalidate_synonyms, sender=Synonym)
    post_delete.connect(invalidate_synonyms, sender=Synonym)
    # Once per migrate, after this app's migrations (PostgreSQL only: see term_scores.py).
    post_migrate.connect(sync_term_weights, sender=app_config)
