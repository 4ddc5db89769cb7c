"""Login throttling for the admin: after a few failed sign-ins, refuse more for a while.

Counts live in the cache (shared by all app servers when Redis is configured). A pair of
counters: one per address and username, so a typo-prone therapist is slowed but a stranger cannot
lock her out from elsewhere; and a looser one per address, so one machine cannot try many names.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape

LOGIN_FAILURE_LIMIT = 5
ADDRESS_FAILURE_LIMIT = 20
LOCKOUT_SECONDS = 15 * 60

REFUSAL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts</title></head>
<body><main><h1>Too many sign-in attempts</h1>
<p>{message}</p></main></body></html>
"""


def _limits():
    return (
        getattr(settings, "CLINIC_LOGIN_FAILURE_LIMIT", LOGIN_FAILURE_LIMIT),
        getattr(settings, "CLINIC_ADDRESS_FAILURE_LIMIT", ADDRESS_FAILURE_LIMIT),
        getattr(settings, "CLINIC_LOGIN_LOCKOUT_SECONDS", LOCKOUT_SECONDS),
    )


def client_address(request):
    """REMOTE_ADDR, or behind a trusted proxy the address that proxy saw: the last
    X-Forwarded-For entry. Earlier entries come from the client and could be made up."""
    if getattr(settings, "CLINIC_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _keys(request, username):
    address = client_address(request)
    name = (username or "").strip().lower()[:150]
    pair = hashlib.sha256(f"{address}|{name}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"clinic:login-fail:pair:{pair}", f"clinic:login-fail:addr:{address}"


def _count(key):
    return cache.get(key, 0)


def _record_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    *_, seconds = _limits()
    # Read-then-set rather than incr(): incr() on the file cache resets the expiry to the
    # default. Each failure restarts the pause, which is what a lockout should do anyway.
    for key in _keys(request, credentials.get("username")):
        cache.set(key, _count(key) + 1, seconds)


def _clear_failures(sender, request=None, user=None, **kwargs):
    if request is None or user is None:
        return
    pair_key, _address_key = _keys(request, user.get_username())
    cache.delete(pair_key)


def connect_signals():
    user_login_failed.connect(_record_failure, dispatch_uid="clinic-login-throttle-fail")
    user_logged_in.connect(_clear_failures, dispatch_uid="clinic-login-throttle-ok")


class LoginThrottleMiddleware:
    """Refuses sign-in attempts to the admin (POST to its login page) once a limit is reached."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._login_path = None

    def __call__(self, request):
        if request.method == "POST" and request.path == self.login_path():
            refused = self.check(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def login_path(self):
        if self._login_path is None:
            self._login_path = reverse("wagtailadmin_login")
        return self._login_path

    @staticmethod
    def check(request):
        pair_limit, address_limit, seconds = _limits()
        pair_key, address_key = _keys(request, request.POST.get("username", ""))
        if _count(pair_key) < pair_limit and _count(address_key) < address_limit:
            return None
        minutes = max(1, seconds // 60)
        message = (
            "Too many failed sign-in attempts from here. For your safety, signing in is paused "
            f"for {minutes} minutes. Please wait and try again, or reset your password."
        )
        response = HttpResponse(
            REFUSAL_PAGE.format(message=escape(message)), status=429, content_type="text/html"
        )
        response["Retry-After"] = str(seconds)
        return response
