"""Test runs: fast hashing, local memory cache, no network, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="clinic-test-media-"))  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The anonymous page cache is off by default in tests: the locmem cache outlives each test's
# database rollback, so a page cached by one test could be served to the next. Its own tests
# (tests/test_cache*.py) switch it on and clear the cache around each test.
CLINIC_PAGE_CACHE_SECONDS = 0
