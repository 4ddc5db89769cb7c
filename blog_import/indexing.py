"""Search and reference index entries for imported articles: written once each, at the end.

Every save of a page recomputes its search entry and its reference-index rows. An import saves
each article three or four times (added, links filled in, revision, publish), so for a big
export most of the time went there. Inside ``index_at_the_end()`` this thread's saves of the
given model only note the page; the entries are then written once per page, in bulk, from the
final rows. Other threads (another request in the same process) still index at once.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

_local = threading.local()
_lock = threading.Lock()
CHUNK = 200


def _noting_handler(instance, **kwargs):
    noted = getattr(_local, "noted", None)
    if noted is None:
        return search_signals.post_save_signal_handler(instance, **kwargs)
    if not kwargs.get("raw", False):
        noted[instance.pk] = type(instance)
    return None


@contextmanager
def index_at_the_end(model):
    """Hold back index updates for ``model`` in this thread; yields the set of noted pks."""
    with _lock:
        swapped = post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
        if swapped:
            post_save.connect(_noting_handler, sender=model, dispatch_uid="blog-import-noting")
    _local.noted = {}
    try:
        with disable_reference_index_auto_update():
            yield _local.noted
    finally:
        _local.noted = None
        if swapped:
            with _lock:
                post_save.disconnect(
                    _noting_handler, sender=model, dispatch_uid="blog-import-noting"
                )
                post_save.connect(search_signals.post_save_signal_handler, sender=model)


def write_index_entries(model, pks):
    """The search entries and reference-index rows of these objects, from what is stored."""
    pks = sorted(pks)
    for start in range(0, len(pks), CHUNK):
        chunk = list(model.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, chunk)
        for instance in chunk:
            ReferenceIndex.create_or_update_for_object(instance)
