"""Test runs: fast hashing, local memory cache, no network, media in a temporary folder."""

import atexit
import os
import shutil
import tempfile
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One id for every process of a test run (pytest, its xdist workers, the subprocesses tests start
# inherit it), in the name of each scratch folder, so the run can tell that none of its processes
# left one behind (tests/conftest.py). Each process removes its own folder when it exits.
TEST_RUN_ID = os.environ.setdefault("CLINIC_TEST_RUN", uuid.uuid4().hex[:12])
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix=f"clinic-test-media-{TEST_RUN_ID}-"))  # noqa: F405
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
# PostgreSQL: test databases named after this run (pytest-django adds _gw0, _gw1... for xdist
# workers), so two runs against one server never drop each other's database mid-run.
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"] != "django.db.backends.sqlite3":
    _database.setdefault("TEST", {}).setdefault("NAME", f"test_{_database['NAME']}_{TEST_RUN_ID}")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://testserver"]
# Django's immediate task backend, except that tests/factories.py can hold back the search and
# reference index updates of the objects it builds and run each once (tests/index_updates.py).
TASKS = {"default": {"BACKEND": "tests.index_updates.IndexOnceImmediateBackend"}}
# The anonymous page cache is off by default in tests: the locmem cache outlives each test's
# database rollback, so a page cached by one test could be served to the next. Its own tests
# (tests/test_cache*.py) switch it on and clear the cache around each test.
CLINIC_PAGE_CACHE_SECONDS = 0
# Two-factor sign-in is offered but not required, so force_login() clients reach the admin as
# before; tests/test_two_factor.py switches the requirement on.
CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
