"""Cross-cutting HTTP behaviour: security headers, and the anonymous full-page cache with its
compression."""

import contextlib
import gzip
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import get_max_age, has_vary_header, patch_vary_headers

from .cache import generation_of_this_request, page_store, request_generation

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


# Query parameters that only say where a visitor came from. No page reads them (analytics read
# them in the browser), so they are taken off the request before the page is rendered: the page
# is the same with or without them, it is cached once, and one visitor's click id never ends up
# in a link served to another.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "epik",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "srsltid",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "vero_id",
        "wickedid",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_",)
# The parameters public pages read (pagination, the body-area and kind filters, the search
# words). A request with any other parameter is served, but never stored: otherwise anyone could
# fill the cache with ?x=1, ?x=2, ... each its own copy of the same page.
KNOWN_PARAMETERS = frozenset({"page", "area", "type", "q"})

# Only anonymous, cacheable pages are compressed: they carry no CSRF token, session or other
# secret (a response that sets a cookie, or that varies on the cookies of a request that had
# some, is never cacheable), so compression cannot leak one (BREACH). Everything else, the
# admin included, goes out as it is. Static files are compressed ahead of time by WhiteNoise.
COMPRESSIBLE_TYPES = (
    "text/html",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/json",
    "application/ld+json",
    "application/rss+xml",
    "application/atom+xml",
)
# Below this, compression saves less than the headers it costs.
MIN_COMPRESSED_BYTES = 860
GZIP_LEVEL = 6
# Brotli's quality 5 compresses an article page about as fast as gzip and noticeably smaller;
# 11 is a hundred times slower for a few per cent more.
BROTLI_QUALITY = 5


def _is_tracking(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _accepted_encoding(request):
    """ "br" or "gzip" when the request's Accept-Encoding takes it (br preferred), else None."""
    accepted = {}
    for item in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = item.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        accepted[coding.strip().lower()] = quality
    for coding in ("br", "gzip"):
        if accepted.get(coding, accepted.get("*", 0)) > 0:
            return coding
    return None


def compress(content, encoding):
    if encoding == "br":
        import brotli

        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)


class RequestGenerationMiddleware:
    """Values remembered while a request is handled are filed under the content generation it
    started in, before it read any content (core.cache.generation_of_this_request())."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation_of_this_request():
            return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous visitors from the cache, compressed.

    Only GET/HEAD requests without a session or messages cookie are served from or stored in the
    cache, so editors (who always carry a session cookie) never see a cached page and their views
    are never stored. Only plain 200 responses that set no cookie and do not forbid caching are
    stored. Invalidation is a generation number in the key (see core.cache). Tracking parameters
    (utm_*, fbclid, ...) are dropped before the page is rendered; a request with any other
    parameter pages do not read is served fresh and not stored.

    The same responses, and only those, are compressed (brotli or gzip, as the visitor's
    Accept-Encoding asks, with Vary: Accept-Encoding); a cached page keeps each compressed form
    it was asked for, so a hit is never compressed again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._request_is_cacheable(request):
            return self.get_response(request)
        known_only = self._drop_tracking_parameters(request)
        seconds = _page_cache_seconds() if known_only else 0
        encoding = _accepted_encoding(request)
        store = key = None
        if seconds:
            try:
                store = page_store()
                key = self._key(request)
                cached = store.get(key)
            except Exception:  # noqa: BLE001 - a cache outage degrades to uncached pages
                store = None
            else:
                if cached is not None:
                    return self._serve_cached(cached, request, encoding, store, key, seconds)
        response = self.get_response(request)
        if not self._response_is_cacheable(request, response):
            return response
        frozen = self._freeze(response)
        compressible = self._is_compressible(frozen)
        if compressible and encoding:
            self._variant(frozen, encoding)
        if store is not None and request.method == "GET":
            # Failing to store must not fail the page.
            with contextlib.suppress(Exception):
                store.set(key, frozen, seconds)
            response.headers["X-Page-Cache"] = "miss"
        if compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
            if encoding:
                body = frozen[3][encoding]
                response.content = body
                response.headers["Content-Encoding"] = encoding
                response.headers["Content-Length"] = str(len(body))
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
    def _drop_tracking_parameters(request):
        """Take tracking parameters off the request; True if every one left is one pages read."""
        names = set(request.GET.keys())
        tracking = {name for name in names if _is_tracking(name)}
        if tracking:
            kept = request.GET.copy()
            for name in tracking:
                del kept[name]
            kept._mutable = False
            request.GET = kept
            request.META["QUERY_STRING"] = kept.urlencode()
        return names - tracking <= KNOWN_PARAMETERS

    @staticmethod
    def _key(request):
        # Parameters in a fixed order: ?area=neck&page=2 and ?page=2&area=neck are one page.
        query = sorted(request.GET.lists())
        raw = f"{request.get_host()}|{request.path}|{query!r}|{request.scheme}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        return f"clinic:page:{request_generation()}:{digest}"

    @staticmethod
    def _response_is_cacheable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
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
    def _is_compressible(frozen):
        _status, headers, content, _variants = frozen
        content_type = next((v for n, v in headers if n.lower() == "content-type"), "")
        return len(content) >= MIN_COMPRESSED_BYTES and content_type.lower().startswith(
            COMPRESSIBLE_TYPES
        )

    @staticmethod
    def _variant(frozen, encoding):
        """The body compressed with ``encoding``, made once and kept with the frozen page."""
        variants = frozen[3]
        if encoding not in variants:
            variants[encoding] = compress(frozen[2], encoding)
        return variants[encoding]

    @staticmethod
    def _freeze(response):
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"set-cookie", "x-page-cache", "content-length"}
        ]
        return (response.status_code, headers, response.content, {})

    def _serve_cached(self, frozen, request, encoding, store, key, seconds):
        if len(frozen) == 3:  # filed before compressed forms were kept
            frozen = (*frozen, {})
        compressible = self._is_compressible(frozen)
        body = frozen[2]
        if compressible and encoding:
            if encoding not in frozen[3]:
                self._variant(frozen, encoding)
                with contextlib.suppress(Exception):
                    store.set(key, frozen, seconds)
            body = frozen[3][encoding]
        response = self._rebuild(frozen, request, body)
        if compressible:
            patch_vary_headers(response, ("Accept-Encoding",))
            if encoding:
                response.headers["Content-Encoding"] = encoding
        return response

    @staticmethod
    def _rebuild(frozen, request, body):
        from django.http import HttpResponse

        status, headers, _content, _variants = frozen
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
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
