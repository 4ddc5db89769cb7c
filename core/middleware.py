"""Cross-cutting HTTP behaviour: security headers and the anonymous full-page cache."""

import contextlib
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.utils.cache import get_max_age, has_vary_header

from .cache import current_generation

# Paths that are never page-cached: the admin (editors, previews), private documents, the health
# check, and files that have their own caching.
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/", "/_util/")
# Cookies that mean "this visitor may see something personal": signed in, or a flash message.
PERSONAL_COOKIES = ("messages",)
MAX_CACHED_PATH_LENGTH = 1024


def _media_origin():
    """The origin of MEDIA_URL when media lives elsewhere (S3 or a CDN), else None."""
    parts = urlsplit(settings.MEDIA_URL or "")
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def public_content_security_policy():
    media = _media_origin()
    img_src = "'self' data:" + (f" {media}" if media else "")
    return "; ".join(
        [
            "default-src 'self'",
            f"img-src {img_src}",
            "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


# The Wagtail admin still relies on inline scripts and styles (and its preview panel shows our
# pages in an iframe), so a strict policy there would break editing. The admin gets only the
# parts of the policy that cannot break it: no plugins, no <base> hijack, no framing by others.
ADMIN_CONTENT_SECURITY_POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)


class SecurityHeadersMiddleware:
    """CSP, Permissions-Policy and friends on every response, cached or not."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_csp = public_content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            csp = ADMIN_CONTENT_SECURITY_POLICY
        else:
            csp = self.public_csp
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


def _page_cache_seconds():
    return int(getattr(settings, "CLINIC_PAGE_CACHE_SECONDS", 0) or 0)


def page_store():
    """Where page bodies go: the per-process "pages" cache when configured, else "default".
    Either is safe, since every key carries the shared generation number."""
    try:
        return caches["pages"]
    except InvalidCacheBackendError:
        return caches["default"]


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache.

    Only GET/HEAD requests without a session or messages cookie are served from or stored in the
    cache, so editors (who always carry a session cookie) never see a cached page and their views
    are never stored. Only plain 200 responses that set no cookie and do not forbid caching are
    stored. Invalidation is a generation number in the key (see core.cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _page_cache_seconds()
        if not seconds or not self._request_is_cacheable(request):
            return self.get_response(request)
        try:
            store = page_store()
            key = self._key(request)
            cached = store.get(key)
        except Exception:  # noqa: BLE001 - a cache outage degrades to uncached pages
            return self.get_response(request)
        if cached is not None:
            return self._rebuild(cached, request)
        response = self.get_response(request)
        if request.method == "GET" and self._response_is_cacheable(request, response):
            # Failing to store must not fail the page.
            with contextlib.suppress(Exception):
                store.set(key, self._freeze(response), seconds)
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _request_is_cacheable(request):
        if request.method not in {"GET", "HEAD"}:
            return False
        if request.path.startswith(UNCACHED_PREFIXES):
            return False
        if len(request.get_full_path()) > MAX_CACHED_PATH_LENGTH:
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies:
            return False
        return not any(name in cookies for name in PERSONAL_COOKIES)

    @staticmethod
    def _key(request):
        raw = f"{request.get_host()}|{request.get_full_path()}|{request.scheme}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        return f"clinic:page:{current_generation()}:{digest}"

    @staticmethod
    def _response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        if get_max_age(response) == 0:
            return False
        # Vary: Cookie here comes from an anonymous session look-up (e.g. the editor's userbar
        # asking "is anyone signed in?"). The answer is the same for every visitor without cookies,
        # so store it only when the request carried none at all.
        return not (has_vary_header(response, "Cookie") and request.COOKIES)

    @staticmethod
    def _freeze(response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"set-cookie", "x-page-cache"}
        ]
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(frozen, request):
        from django.http import HttpResponse

        status, headers, content = frozen
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        if request.method == "HEAD":
            response["Content-Length"] = str(len(content))
        response.headers["X-Page-Cache"] = "hit"
        return response


class OutOfRangeAsNotFoundMiddleware:
    """A number in a URL too big for the database (/share/article/99999999999999999999.png) means
    "no such thing": answer 404 instead of letting the driver's overflow become a 500.

    SQLite raises OverflowError, PostgreSQL a DataError; the latter only counts for GET/HEAD,
    where the only data involved came from the URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError
        from django.http import Http404
        from django.views.defaults import page_not_found

        out_of_range = isinstance(exception, OverflowError) or (
            isinstance(exception, DataError) and request.method in {"GET", "HEAD"}
        )
        if out_of_range:
            return page_not_found(request, Http404("Not found"))
        return None
