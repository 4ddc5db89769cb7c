"""Settings shared by every environment. dev, test and production import from here."""

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# The project's apps, from the top layer down (the import-linter contract in .importlinter
# enforces that none imports from a layer above its own).
INSTALLED_APPS = [
    "home",
    "editing",
    "plans",
    "blog_import",
    "seo",
    "search",
    "articles",
    "exercises",
    "core",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    # Purges a CDN in front when pages change; configured from the environment in production.py.
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Sign-in protection (core/throttle.py) and the admin's second factor (core/two_factor.py).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the headers too.
    "core.middleware.SecurityHeadersMiddleware",
    # Answers /healthz before anything reads the Host header: a load balancer may send any.
    "core.healthz.HealthzMiddleware",
    # Before anything reads content: what a request remembers is filed under the generation
    # it started in.
    "core.middleware.RequestGenerationMiddleware",
    # Which Wagtail Site a request is for, remembered per content change (one query less).
    "core.sites.RememberedSiteMiddleware",
    # Before sessions and auth: a cached page is served without touching the database.
    "core.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.AdminTwoFactorMiddleware",
    "core.throttle.PasswordResetThrottleMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost: turns a database overflow from a huge id in a URL into a 404.
    "core.middleware.OutOfRangeAsNotFoundMiddleware",
]

ROOT_URLCONF = "clinic.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "clinic.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (PostgreSQL) takes over when set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets visitors read while an editor writes; IMMEDIATE takes the write lock at the start
    # of a transaction so two writers queue (up to the timeout) instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process on this machine (the page cache's invalidation counter must
# be seen by all gunicorn workers). Production switches to Redis when REDIS_URL is set.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "CACHE_DIR",
            os.path.join(
                tempfile.gettempdir(),
                "clinic-cache-" + hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12],
            ),
        ),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Per process. Cached page bodies live here, filed under the shared generation number read
    # from "default", so invalidation is still immediate in every worker (core/cache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "clinic-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Wagtail writes every rendition it looks up back to this cache; on the file cache that was
    # a dozen disk writes per page view. Renditions never change once made, so per process is fine.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "clinic-renditions",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Anonymous visitors get public pages from the cache for this long (0 turns it off). Any content
# change invalidates at once (core/cache.py), so this only bounds memory use.
CLINIC_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Security headers that apply everywhere; production adds HSTS and secure cookies.
# YouTube's player needs the origin in the referrer; strict-origin-when-cross-origin sends no path.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Wagtail's preview panel shows our pages in a same-origin iframe.
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# "Save draft" is confirmed as a draft, not as an update visitors can see (core/messages.py).
MESSAGE_STORAGE = "core.messages.DraftAwareMessageStorage"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection (core/throttle.py, django-axes with its database handler): 5 failures for one
# address and username, or 20 from one address, pause signing in there for 15 minutes, on every
# login form (/admin/login/, /_util/login/); password reset requests are limited the same way.
AUTHENTICATION_BACKENDS = [
    "core.throttle.ClinicAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "core.throttle.ClinicAxesHandler"
AXES_FAILURE_LIMIT = 5
CLINIC_ADDRESS_FAILURE_LIMIT = 20
CLINIC_PASSWORD_RESET_LIMIT = 3
CLINIC_PASSWORD_RESET_ADDRESS_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.throttle.client_address"
AXES_USERNAME_CALLABLE = "core.throttle.normalised_username"
AXES_LOCKOUT_CALLABLE = "core.throttle.lockout_response"
# How many proxies (nginx, a load balancer) stand in front of the app and append to
# X-Forwarded-For. 0: the client is REMOTE_ADDR. README "Deploying".
CLINIC_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0") or 0)
# Superusers must set up a second factor for the admin (an authenticator app, with recovery
# codes); editors may. Off in dev settings so the demo logins work without one.
CLINIC_TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
OTP_TOTP_ISSUER = "Harvest Moon Massage Therapy"
# Passkeys (django-otp-webauthn) as a second factor only, never instead of the password. The
# passkey belongs to the address the admin is opened at (core/two_factor.py).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Harvest Moon Massage Therapy"
OTP_WEBAUTHN_RP_ID_CALLABLE = "core.two_factor.passkey_domain"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex article pages can exceed Django's default of 1000 form fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Harvest Moon Massage Therapy"


def _local_base_url(host_port):
    """ "127.0.0.1:8000", "9000" or "0.0.0.0:9000" (what `make run HOST_PORT=...` serves on) as
    the address a browser on this machine opens."""
    host, _, port = host_port.strip().rpartition(":")
    if host in ("", "0.0.0.0", "[::]"):  # noqa: S104 - only read, to name the local address
        host = "127.0.0.1"
    return f"http://{host}:{port or '8000'}"


# The site's public address, written into the Wagtail Site by `migrate` and `set_site_address`
# (core/site_address.py); empty here, production defaults it from ALLOWED_HOSTS.
CLINIC_SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
# Links in admin emails and `make run`'s printout; `make run` serves on HOST_PORT.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or _local_base_url(
    os.environ.get("HOST_PORT", "127.0.0.1:8000")
)
# Where passkeys may be used: the admin's address, on localhost when it is 127.0.0.1 (browsers
# accept passkeys for a name like localhost, never for a bare IP address).
_passkey_origin = WAGTAILADMIN_BASE_URL.replace("://127.0.0.1", "://localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    _passkey_origin
    if _passkey_origin.startswith(("https://", "http://localhost"))
    else "http://localhost:8000"
]
# Site search (search/backends.py): Wagtail's database backend, which uses SQLite FTS5 here and
# PostgreSQL full-text search whenever DATABASE_URL points at PostgreSQL; ours only adds title
# weighting on SQLite. For a large site, point it at OpenSearch or Elasticsearch instead, e.g.
#   "default": {
#       "BACKEND": "wagtail.search.backends.opensearch2",  # or .elasticsearch8
#       "URLS": [os.environ["SEARCH_URL"]],
#       "INDEX": "clinic",
#       "TIMEOUT": 5,
#   }
# then `manage.py update_index`. Boosts, filters and autocomplete carry over unchanged.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends"},
}
# Keep the query log (most searched terms, terms that found nothing) for the admin report.
WAGTAILSEARCH_HITS_MAX_AGE = 90
# Editors never need to embed arbitrary third-party content: our own video block covers it, and
# it keeps the server from calling oEmbed providers.
WAGTAILEMBEDS_FINDERS = []
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Truncated or corrupt image files get a form error instead of a server error (core/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.uploads.ImageForm"
# Request bodies other than file uploads (the page editor's form) stay well under this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin never asks Gravatar for pictures (a third party, and broken offline): editors get
# Wagtail's own default picture, or the one they upload under Account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = False
