"""Renditions made when an image is saved, so a visitor's request never has to draw one.

Drawing the sizes and formats a template asks for from a large photo takes seconds (a 40 MP
upload took 15 s on its first public view; AVIF is the slowest). Instead, once an image is saved
(uploaded, replaced, or its focal point moved) and the save is committed, every rendition the
site's templates can ask for is made. The list is read from the templates themselves (each
``{% picture %}``, ``{% srcset_image %}`` and ``{% image %}`` tag's filter specs), plus the ones
Python asks for (link previews, video thumbnails in JSON-LD), so a new template size is covered
without a list to update. Renditions already made are left alone.

With CLINIC_RENDITIONS_IN_BACKGROUND (production) they are made by one background thread of the
server process that took the upload, one image at a time, so the upload answers at once and
never runs into gunicorn's timeout; otherwise (development, tests) before the request ends. If
the process stops half-way, what is missing is drawn on first view, as Wagtail always does.
"""

import functools
import logging
import queue
import re
import threading
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import post_save
from django.template.base import Token, TokenType

logger = logging.getLogger(__name__)

# Asked for from Python rather than templates: the link-preview image (seo/meta.py) and a
# video poster's thumbnail in the JSON-LD (seo/structured_data.py).
PYTHON_SPECS = ("fill-1200x630", "fill-1280x720")
IMAGE_TAG = re.compile(r"{%\s*((?:picture|srcset_image|image)\s.*?)\s*%}", re.DOTALL)


def _template_dirs():
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            dirs.append(path / "templates")
    return [d for d in dirs if d.is_dir()]


def specs_in_template(text):
    """The rendition filter specs (as Wagtail names them) each image tag in ``text`` asks for."""
    from wagtail.images.models import Filter

    found = []
    for match in IMAGE_TAG.finditer(text):
        tag_name, _image, *bits = Token(TokenType.BLOCK, match.group(1)).split_contents()
        specs = []
        for bit in bits:
            if bit == "as":
                break
            if "=" not in bit and Filter.expanding_spec_pattern.match(bit):
                specs.append(bit)
        if not specs:
            continue
        if tag_name == "image":
            found.append("|".join(specs))
        else:
            found.extend(Filter.expand_spec(specs))
    return found


@functools.cache
def site_specs():
    """Every filter spec the site's templates and code ask for, in a fixed order."""
    specs = list(PYTHON_SPECS)
    for directory in _template_dirs():
        for template in sorted(directory.rglob("*.html")):
            specs.extend(specs_in_template(template.read_text(encoding="utf-8")))
    return tuple(dict.fromkeys(specs))


def make_renditions(image):
    """Make the renditions of ``image`` that the site can ask for and that do not exist yet.
    Never raises: a file that cannot be read leaves the renditions to the first view."""
    try:
        image.get_renditions(*site_specs())
    except Exception:  # noqa: BLE001 - an upload must not fail because a size could not be drawn
        logger.exception("Could not make the renditions of image %s", image.pk)


def _image_saved(sender, instance, **kwargs):
    pk = instance.pk
    # After the commit, so the file and the row are final.
    transaction.on_commit(lambda: _schedule(sender, pk))


def _schedule(model, pk):
    if getattr(settings, "CLINIC_RENDITIONS_IN_BACKGROUND", False):
        _start_worker()
        _pending.put((model, pk))
    else:
        _make_for(model, pk)


def _make_for(model, pk):
    image = model.objects.filter(pk=pk).first()
    if image is not None:
        make_renditions(image)


_pending = queue.Queue()
_worker_lock = threading.Lock()
_worker = None


def _start_worker():
    global _worker  # noqa: PLW0603 - one background thread per process
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="clinic-renditions", daemon=True)
            _worker.start()


def _work():
    while True:
        model, pk = _pending.get()
        try:
            _make_for(model, pk)
        except Exception:  # noqa: BLE001 - the thread must keep serving the next upload
            logger.exception("Could not make the renditions of image %s", pk)
        finally:
            connections.close_all()  # this thread's own connections
            _pending.task_done()


def wait_for_renditions():
    """Block until the background thread has made every rendition asked for so far."""
    _pending.join()


def connect_signals():
    """Called from CoreConfig.ready()."""
    from wagtail.images import get_image_model

    post_save.connect(
        _image_saved, sender=get_image_model(), dispatch_uid="clinic-renditions-on-save"
    )
