"""Local development: DEBUG on, emails to the console."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo logins (`make run`) sign in with a password only; a second factor stays on offer
# under Account. Production requires one for superusers.
CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
