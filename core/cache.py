"""Invalidation for the anonymous page cache: one site-wide "content generation" number.

Every cached page's key includes the current generation, so bumping it makes every cached page
unreachable at once. A small clinic site changes rarely, and a page shows content from many
places (exercise cards, clinic settings in the footer, featured articles on the home page), so
working out exactly which pages a change touches is not worth the risk of serving something stale.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail import signals as wagtail_signals

from .project import project_app_labels

logger = logging.getLogger(__name__)

GENERATION_KEY = "clinic:content-generation"

# Anything saved in the project's own apps (core/project.py) or in these can change what a
# visitor sees...
WATCHED_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsearchpromotions",
    "wagtailredirects",
    "taggit",
}
# ...except these bookkeeping models, which are written while pages render or while editors
# browse the admin. Renditions in particular are created on a page's first view: bumping on them
# would empty the cache every time a new image size was drawn.
IGNORED_MODELS = {
    "wagtailimages.rendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.uploadedfile",
    "wagtailsearchpromotions.querydailyhits",
    # Written by visitors' searches (the query log); a new search term must not empty the cache.
    "wagtailsearchpromotions.query",
    "search.zeroresultsearch",
}


def current_generation():
    """The generation cached pages are filed under. Starts at 1 when the cache is empty."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_generation():
    """Make every cached page stale. Never raises: a cache outage must not block an edit."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # key missing (cache restarted or culled)
            cache.add(GENERATION_KEY, 2, timeout=None)
    except Exception:  # noqa: BLE001 - a publish must succeed even if the cache is down
        logger.exception("Could not invalidate the page cache")


def _is_watched(model):
    meta = model._meta
    watched = meta.app_label in WATCHED_APPS or meta.app_label in project_app_labels()
    return watched and meta.label_lower not in IGNORED_MODELS


def content_changed(sender, **kwargs):
    if not _is_watched(sender):
        return
    bump_generation()
    # Bump again once the transaction commits: a visitor rendering between the first bump and
    # the commit still reads the old rows and could cache them under the new generation.
    if getattr(settings, "CLINIC_PAGE_CACHE_SECONDS", 0):
        transaction.on_commit(bump_generation)


def connect_signals():
    """Called from CoreConfig.ready(). Page publish/unpublish/move/delete, snippet publish, settings
    and image changes all end in a save or delete of a watched model. Wagtail's own signals are
    connected too, in case a future Wagtail writes some of those with a queryset update."""
    post_save.connect(content_changed, dispatch_uid="clinic-page-cache-save")
    post_delete.connect(content_changed, dispatch_uid="clinic-page-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="clinic-page-cache-m2m")
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.pre_page_move,
        wagtail_signals.post_page_move,
        wagtail_signals.page_slug_changed,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(_wagtail_changed, dispatch_uid=f"clinic-page-cache-{id(signal)}")


def _m2m_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed(type(instance))


def _wagtail_changed(sender, **kwargs):
    bump_generation()
    if getattr(settings, "CLINIC_PAGE_CACHE_SECONDS", 0):
        transaction.on_commit(bump_generation)
