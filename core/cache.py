"""Invalidation for the anonymous page cache: one site-wide "content generation" number.

Every cached page's key includes the current generation, so bumping it makes every cached page
unreachable at once. A small clinic site changes rarely, and a page shows content from many
places (exercise cards, clinic settings in the footer, featured articles on the home page), so
working out exactly which pages a change touches is not worth the risk of serving something stale.

The generation only ever grows. When its key is lost (a cache restart, or the file cache culling
entries when full) it starts again from the clock in microseconds, which is past every number
handed out before: a bump adds one, and no site is edited a million times a second. So a copy
filed under an old generation can never be reached again, whatever happened to the counter.

What is costly to work out and changes only with the content (related reading, JSON-LD, which
pages are private) is remembered under the same generation with ``remember()``.
"""

import contextlib
import contextvars
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, cache, caches
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


_last_restart = 0


def _restart_value():
    """Where a lost generation starts again: the clock, in microseconds (see the module doc),
    and never twice the same in one process."""
    global _last_restart  # noqa: PLW0603 - one number per process
    _last_restart = max(time.time_ns() // 1000, _last_restart + 1)
    return _last_restart


def current_generation():
    """The generation cached pages are filed under: the clock's value when the key was created,
    plus one per content change since."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        restart = _restart_value()
        cache.add(GENERATION_KEY, restart, timeout=None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            # The cache is not keeping anything (an outage): a number never used before, so
            # nothing is served from or filed under a key anyone else can reach.
            return restart
    return generation


def bump_generation():
    """Make every cached page stale. Never raises: a cache outage must not block an edit."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # key missing (cache restarted or culled): start again, higher
            cache.add(GENERATION_KEY, _restart_value(), timeout=None)
    except Exception:  # noqa: BLE001 - a publish must succeed even if the cache is down
        logger.exception("Could not invalidate the page cache")


def page_store():
    """Where page bodies and remembered values go: the "pages" cache when configured, else
    "default". Either is safe, since every key carries the shared generation number."""
    try:
        return caches["pages"]
    except InvalidCacheBackendError:
        return caches["default"]


def remember_seconds():
    """How long remembered values are kept: CLINIC_REMEMBER_SECONDS, else as long as cached
    pages. 0 (the test settings' page cache) turns remembering off."""
    seconds = getattr(settings, "CLINIC_REMEMBER_SECONDS", None)
    if seconds is None:
        seconds = getattr(settings, "CLINIC_PAGE_CACHE_SECONDS", 0)
    return int(seconds or 0)


_MISSING = object()

# The generation a request started in. What it remembers is filed under that one: a page read
# before a publish committed, then drawn after the generation moved on, would otherwise be
# filed under the new generation and shown until the next change.
_request_generation = contextvars.ContextVar("clinic_request_generation", default=None)


@contextlib.contextmanager
def generation_of_this_request():
    """For the whole of a request (core.middleware.RequestGenerationMiddleware)."""
    try:
        started_in = current_generation() if _caching_on() else None
    except Exception:  # noqa: BLE001 - a cache outage: remembering fails open to the work
        started_in = None
    token = _request_generation.set(started_in)
    try:
        yield
    finally:
        _request_generation.reset(token)


def request_generation():
    """The generation to file anything under: the one this request started in (read once per
    request), or the current one outside a request."""
    started_in = _request_generation.get()
    return current_generation() if started_in is None else started_in


def remember(name, parts, compute):
    """``compute()``, remembered under the current content generation, so it is worked out once
    per content change instead of once per request. ``parts`` (strings and numbers) say what
    the value depends on besides the content. Callers must not use it for previews or unsaved
    objects: the remembered value is the saved content's. A cache outage only costs the work."""
    seconds = remember_seconds()
    if not seconds:
        return compute()
    try:
        generation = request_generation()
        raw = "|".join(str(part) for part in parts)
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        key = f"clinic:remember:{name}:{generation}:{digest}"
        store = page_store()
        value = store.get(key, _MISSING)
    except Exception:  # noqa: BLE001 - remembering is an optimisation only
        return compute()
    if value is _MISSING:
        value = compute()
        with contextlib.suppress(Exception):
            store.set(key, value, seconds)
    return value


def remember_in_process(name, compute):
    """Like ``remember()`` without ``parts``, for small values read several times per request
    (which pages are private): kept in this process's memory for the current generation, so
    reading it costs one look at the generation number."""
    if not remember_seconds():
        return compute()
    try:
        generation = request_generation()
    except Exception:  # noqa: BLE001
        return compute()
    held = _in_process.get(name)
    if held is not None and held[0] == generation:
        return held[1]
    value = compute()
    _in_process[name] = (generation, value)
    return value


_in_process = {}


def remember_in_process_by_key(name, key, compute, max_keys):
    """remember_in_process() for one value per ``key`` (a host name, a search term): up to
    ``max_keys`` of them are kept for the current generation; past that, the others are worked
    out each time, so a flood of distinct keys costs work, never memory."""
    held = remember_in_process(name, dict)
    value = held.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if len(held) < max_keys:
            held[key] = value
    return value


def _is_watched(model):
    # A model of ours that no public page shows says so (changes_public_pages = False), so the
    # apps above core need not be listed here.
    if not getattr(model, "changes_public_pages", True):
        return False
    meta = model._meta
    watched = meta.app_label in WATCHED_APPS or meta.app_label in project_app_labels()
    return watched and meta.label_lower not in IGNORED_MODELS


def content_changed(sender, **kwargs):
    if not _is_watched(sender):
        return
    bump_generation()
    # Bump again once the transaction commits: a visitor rendering between the first bump and
    # the commit still reads the old rows and could cache them under the new generation.
    if _caching_on():
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
    for signal in (wagtail_signals.page_published, wagtail_signals.page_unpublished):
        signal.connect(_purge_listings, dispatch_uid=f"clinic-frontend-cache-{id(signal)}")


def _purge_listings(sender, instance, **kwargs):
    """Wagtail's front-end cache app purges the page's own addresses from a CDN in front; the
    pages above it (its section and the home page) list it, so they go too."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().filter(depth__gte=2))


def _m2m_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        content_changed(type(instance))


def _wagtail_changed(sender, **kwargs):
    bump_generation()
    if _caching_on():
        transaction.on_commit(bump_generation)


def _caching_on():
    return bool(getattr(settings, "CLINIC_PAGE_CACHE_SECONDS", 0) or remember_seconds())


# Past this many pages in private sections, Wagtail's own path filter is the cheaper query.
PRIVATE_IDS_LIMIT = 1000


def _private_page_ids():
    """Every page at or under a view restriction (password, login, groups), or None when there
    are too many to list."""
    from wagtail.models import Page

    restricted = Page.objects.private_q()
    ids = list(
        Page.objects.filter(restricted).values_list("pk", flat=True)[: PRIVATE_IDS_LIMIT + 1]
    )
    return None if len(ids) > PRIVATE_IDS_LIMIT else ids


def public_pages(queryset):
    """``queryset.public()`` (Wagtail's privacy filter, same pages), with the private pages looked
    up once per content change rather than on every call: nothing at all when the site has no
    view restrictions, else an exclusion by primary key, which needs no scan of page paths. A
    new or removed restriction is a content change (it bumps the generation), so it counts at
    once. Without remembering (tests), exactly Wagtail's filter."""
    from wagtail.query import PageQuerySet

    if not remember_seconds():
        return PageQuerySet.public(queryset)
    private = remember_in_process("private-page-ids", _private_page_ids)
    if private is None:
        return PageQuerySet.public(queryset)
    return queryset.exclude(pk__in=private) if private else queryset


# Request flags that mean the page on screen may not be the saved, published one: Wagtail's
# preview (and its dummy requests), and the editing app's draft view.
UNSAVED_CONTENT_FLAGS = ("is_preview", "is_dummy", "clinic_editing_draft")


def shows_published_content(request):
    """True when what this request renders is the saved, published content, the only content
    whose derived values may be remembered: never for a preview or a draft."""
    return request is not None and not any(
        getattr(request, flag, False) for flag in UNSAVED_CONTENT_FLAGS
    )


def remembered_count(queryset, count):
    """``count()`` of ``queryset``, remembered under the content generation: a list's pagination
    asks on every view, and at thousands of rows counting costs more than reading one page.
    Keyed by the query's SQL and parameters, so each filter has its own."""
    from django.core.exceptions import EmptyResultSet

    if not remember_seconds():
        return count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return count()
    return remember("count", (queryset.db, sql, repr(params)), count)
