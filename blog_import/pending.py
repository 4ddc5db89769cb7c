"""Uploads waiting for her to confirm the import: private files, not in the public media.

An export holds drafts, private posts and commenters' e-mail addresses, so the file waits in a
folder outside MEDIA_ROOT (BLOG_IMPORT_PENDING_DIR, else the system's temporary folder) under a
random name that only her session knows, and is removed once imported or after a day.
"""

import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 60 * 60
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder():
    folder = getattr(settings, "BLOG_IMPORT_PENDING_DIR", None)
    folder = Path(folder) if folder else Path(tempfile.gettempdir()) / "clinic-blog-import"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _path(token):
    if not TOKEN.match(token or ""):
        return None
    return _folder() / f"{token}.xml"


def keep(data):
    """Store the bytes; returns the token that finds them again."""
    _remove_stale()
    token = secrets.token_hex(16)
    _path(token).write_bytes(data)
    return token


def load(token):
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def forget(token):
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_stale():
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.xml"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
