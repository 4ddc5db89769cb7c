"""Wrong plan addresses from one client are throttled: after a few misses in a while, every
plan address answers 429 to that client until the pause is over. 192-bit tokens cannot be
guessed anyway; this keeps anyone from hammering the database trying."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.throttle import client_address

MISS_LIMIT = 20
MISS_WINDOW_SECONDS = 15 * 60


def _limits():
    return (
        getattr(settings, "CLINIC_PLAN_MISS_LIMIT", MISS_LIMIT),
        getattr(settings, "CLINIC_PLAN_MISS_SECONDS", MISS_WINDOW_SECONDS),
    )


def _key(request):
    address = client_address(request)
    return (
        "clinic:plan-miss:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    )


def is_throttled(request):
    limit, _seconds = _limits()
    return cache.get(_key(request), 0) >= limit


def record_miss(request):
    _limit, seconds = _limits()
    key = _key(request)
    # Read-then-set, as core/throttle.py does: incr() on the file cache resets the expiry.
    cache.set(key, cache.get(key, 0) + 1, seconds)


def retry_after_seconds():
    return _limits()[1]
