"""Production settings for tests/test_two_servers.py, with one difference: static files are
served by name, so the test need not run collectstatic (minutes for Wagtail's admin files)
before starting gunicorn. Everything the test is about (PostgreSQL, Redis, the page cache) is
production's own."""

from clinic.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
