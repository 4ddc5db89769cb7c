"""Index each object once when test data is built, not once per save.

Every save of a page or an exercise enqueues two tasks: update its search index entry
(modelsearch) and its reference index rows (Wagtail). With the immediate task backend both run at
once, recomputing the entry from the database. The factories (tests/factories.py) save each page
three times (added under its parent, revision saved, published) and each exercise likewise, and
only the last computation survives. Inside ``index_once()`` those two tasks are held back and run
once each per object, in order, when the block ends: the same final entries, from the same final
rows, as the saves would have left.

Only the thread that entered the block is affected (a live test server's thread is not), and any
other task runs at once as before. clinic/settings/test.py makes this the task backend.
"""

import threading
from contextlib import contextmanager

from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend

# Tasks that recompute an object's index entries from what is stored: running one of them again
# later gives the entries the last run would have given.
RECOMPUTED_FROM_THE_DATABASE = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}

_held = threading.local()


class IndexOnceImmediateBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        pending = getattr(_held, "pending", None)
        if pending is None or task.module_path not in RECOMPUTED_FROM_THE_DATABASE:
            return super().enqueue(task, args, kwargs)
        key = (task.module_path, repr(args), repr(sorted(kwargs.items())))
        pending.pop(key, None)  # keeps its place as of its last save
        pending[key] = (task, args, kwargs)
        return None  # nothing that enqueues these two reads the result

    def run_held(self, pending):
        for task, args, kwargs in pending.values():
            super().enqueue(task, args, kwargs)


@contextmanager
def index_once():
    if getattr(_held, "pending", None) is not None:  # nested: the outer block runs them
        yield
        return
    backend = task_backends["default"]
    if not isinstance(backend, IndexOnceImmediateBackend):
        yield
        return
    _held.pending = {}
    try:
        yield
    finally:
        pending, _held.pending = _held.pending, None
        backend.run_held(pending)
