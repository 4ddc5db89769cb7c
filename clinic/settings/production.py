"""Production: everything that differs per deployment comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS. Usual: DATABASE_URL (postgres://...; SQLite in WAL mode
otherwise), REDIS_URL (cache shared by several app servers; a file cache on this machine
otherwise), EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD, and for S3-compatible media
AWS_STORAGE_BUCKET_NAME with AWS_S3_ENDPOINT_URL/AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
See README "Deploying".
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable to run in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=harvestmoonmassage.com")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address: canonical links, og:url, JSON-LD, the sitemap (through the Wagtail Site,
# which `migrate` updates from it) and admin emails. `check --deploy` fails while it is local.
_site_url = (
    os.environ.get("SITE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)
CLINIC_SITE_URL = _site_url.strip().rstrip("/")
if os.environ.get("WAGTAILADMIN_BASE_URL") is None:
    WAGTAILADMIN_BASE_URL = CLINIC_SITE_URL
# Passkeys work at the public address and at every other name the site answers to.
OTP_WEBAUTHN_ALLOWED_ORIGINS = sorted(
    {CLINIC_SITE_URL, WAGTAILADMIN_BASE_URL}
    | {f"https://{host}" for host in ALLOWED_HOSTS if host[:1] not in ".*"}
)

# Database: DATABASE_URL is read in base.py (SQLite in WAL mode when it is unset). Keep
# connections open between requests unless told otherwise.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Cache: Redis when several app servers must share it; otherwise base.py's file cache, which all
# gunicorn workers on this machine share.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clinic"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage makes pages slower, not broken.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions in the cache as well as the database: fast reads, nothing lost if Redis restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Cached pages in files too (beside the default cache, with their own limit): every worker
    # shares them, and a worker restart (max_requests in gunicorn.conf.py) keeps them.
    CACHES["pages"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": f"{CACHES['default']['LOCATION']}-pages",  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "3000"))},
    }

# A CDN or caching proxy in front: Wagtail purges a page's addresses from it when the page is
# published or unpublished (and core/cache.py its section and the home page, which list it).
# FRONTEND_CACHE_PURGE_URL: a cache that takes HTTP PURGE requests (Varnish, nginx, Fastly's
# purge endpoint), e.g. http://127.0.0.1:6081. Or Cloudflare: CLOUDFLARE_ZONE_ID with
# CLOUDFLARE_API_TOKEN (an API token allowed to purge the zone's cache).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }

# Static files: WhiteNoise serves them with hashed names (cacheable forever) and pre-compressed.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A new image's renditions are made right after its upload by a background thread of the
# server process, so a large photo neither slows the upload nor meets gunicorn's timeout
# (core/renditions.py).
CLINIC_RENDITIONS_IN_BACKGROUND = env_bool("RENDITIONS_IN_BACKGROUND", True)

# Media: local disk (MEDIA_ROOT, read in base.py) unless an S3-compatible bucket is configured.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=31536000, public"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_URL = f"https://{AWS_S3_CUSTOM_DOMAIN}/"
    else:
        MEDIA_URL = os.environ.get("MEDIA_URL", MEDIA_URL)  # noqa: F405

# Email: a real SMTP server when EMAIL_HOST is set, otherwise messages go to the log (stderr).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Site admin", address) for address in env_list("ADMIN_EMAILS")]
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS. Behind a proxy or load balancer that terminates TLS, set
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (and make sure the proxy overwrites that header).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health check talks plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Errors go to stderr (gunicorn's log / the service journal); DEBUG stays off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A request with a Host not in ALLOWED_HOSTS is a scanner or a misrouted health check:
        # one line in the log, never an email to the admins (Django's default mails it).
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

# W019 asks for X-Frame-Options: DENY. We send SAMEORIGIN on purpose, matching the CSP's
# frame-ancestors 'self': Wagtail's admin shows our own pages and block previews in same-origin
# iframes. Other sites still cannot frame the site.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
