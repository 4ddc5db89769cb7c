"""Sign-in protection on every login form and on password reset, built on django-axes.

Axes keeps the counts in the database (AccessAttempt rows), so a Redis outage cannot switch the
protection off. What this module adds to axes:

- the client address (``client_address``): REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT``
  proxies the address the outermost of them saw. Whatever a client writes into X-Forwarded-For
  itself sits to the left of that and is never read.
- two limits instead of one: a pair limit per address and username (a typo-prone therapist is
  slowed, a stranger elsewhere cannot lock her out) and a looser one per address (one machine
  cannot try many names).
- no race past the limit: before a password is checked, the attempt takes a slot under a lock
  (``attempt_lock``). Sixty attempts at once are checked one after another, so at most the limit
  of them reach the password check; a successful sign-in gives its slot back.
- the same lock and rows, under a ``password-reset:`` name, for password reset requests.
"""

import datetime
import hashlib
import ipaddress
from contextlib import contextmanager

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials, get_query_str, toggleable
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import F, Sum
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

PASSWORD_RESET_PREFIX = "password-reset:"  # noqa: S105 - a name prefix, not a password
REFUSAL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title></head>
<body><main><h1>{title}</h1>
<p>{message}</p></main></body></html>
"""


def _setting(name, default):
    return getattr(settings, name, default)


def lockout_seconds():
    cool_off = settings.AXES_COOLOFF_TIME
    if isinstance(cool_off, datetime.timedelta):
        return int(cool_off.total_seconds())
    return int(float(cool_off or 0) * 3600)


# --- the client address ----------------------------------------------------------------------


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except (ValueError, AttributeError):
        return None


def client_address(request):
    """The visitor's address, as far as this server can trust it.

    With TRUSTED_PROXY_COUNT = 0 (the default) that is REMOTE_ADDR. With N proxies, each of which
    appends the address it received the request from (nginx's $proxy_add_x_forwarded_for,
    Caddy, load balancers), the outermost proxy wrote the N-th entry from the right of
    X-Forwarded-For; everything left of it is the client's own and is ignored. A header shorter
    than that (a request that bypassed a proxy) falls back to REMOTE_ADDR.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104 - a key only
    proxies = int(_setting("CLINIC_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < proxies:
        return remote
    return _valid_ip(entries[-proxies]) or remote


def normalised_username(request, credentials=None):
    """Usernames compared without case or surrounding spaces, so "Therapist " counts as
    "therapist" (AXES_USERNAME_CALLABLE)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get(field)
    if value is None:
        return None
    return str(value).strip().lower()[:150]


# --- the lock --------------------------------------------------------------------------------


@contextmanager
def attempt_lock(address):
    """One transaction per address at a time. On PostgreSQL a transaction-level advisory lock on
    the address; on SQLite the transaction itself (IMMEDIATE mode, clinic/settings/base.py)
    holds the database's write lock."""
    alias = router.db_for_write(AccessAttempt)
    connection = connections[alias]
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            digest = hashlib.sha256(f"clinic-login:{address}".encode()).digest()
            key = int.from_bytes(digest[:8], "big", signed=True)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


def _recent(queryset):
    threshold = timezone.now() - datetime.timedelta(seconds=lockout_seconds())
    return queryset.filter(attempt_time__gte=threshold)


def _total(queryset):
    return _recent(queryset).aggregate(total=Sum("failures_since_start"))["total"] or 0


def _count_attempt(request, username, address, user_agent):
    """One more attempt on the (username, address, user agent) row, as axes records a failure."""
    now = timezone.now()
    attempt, created = AccessAttempt.objects.get_or_create(
        username=username,
        ip_address=address,
        user_agent=user_agent,
        defaults={
            "get_data": get_query_str(request.GET).replace("\0", "0x00"),
            "post_data": get_query_str(request.POST).replace("\0", "0x00"),
            "http_accept": request.META.get("HTTP_ACCEPT", "<unknown>")[:1025],
            "path_info": request.META.get("PATH_INFO", "<unknown>")[:255],
            "failures_since_start": 1,
            "attempt_time": now,
        },
    )
    if not created:
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            failures_since_start=F("failures_since_start") + 1,
            attempt_time=now,
            path_info=request.META.get("PATH_INFO", "<unknown>")[:255],
        )


# --- sign-in ---------------------------------------------------------------------------------


class ClinicAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with the pair and address limits, and attempts counted before the
    password check (see ``ClinicAxesBackend``) rather than after it."""

    def filter_user_attempts(self, request, credentials=None):
        return [
            attempts.exclude(username__startswith=PASSWORD_RESET_PREFIX)
            for attempts in super().filter_user_attempts(request, credentials)
        ]

    def is_locked(self, request, credentials=None):
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        username = normalised_username(request, credentials)
        address = request.axes_ip_address
        sign_ins = AccessAttempt.objects.exclude(username__startswith=PASSWORD_RESET_PREFIX)
        pair = _total(sign_ins.filter(ip_address=address, username=username))
        from_address = _total(sign_ins.filter(ip_address=address))
        return pair >= settings.AXES_FAILURE_LIMIT or from_address >= _setting(
            "CLINIC_ADDRESS_FAILURE_LIMIT", 20
        )

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and getattr(request, "clinic_attempt_counted", False):
            # Counted before the password was checked; the form shows its usual error.
            return
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is not None and getattr(request, "clinic_login_refused", False):
            request.axes_locked_out = True
            request.axes_credentials = credentials

    def reset_user_attempts(self, request, credentials=None):
        """A successful sign-in clears its own address and username, not the whole address:
        one working account must not reset the count for every other name tried from there."""
        count, _ = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            username=normalised_username(request, credentials),
        ).delete()
        return count


class ClinicAxesBackend(AxesStandaloneBackend):
    """First in AUTHENTICATION_BACKENDS: refuses a locked-out client, otherwise counts the attempt
    under the lock and lets the next backend check the password."""

    @toggleable
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            # Not a web sign-in (a script or the shell checking a password): there is no
            # client to count. Every login form passes its request.
            return None
        credentials = get_credentials(username=username, password=password, **kwargs)
        AxesProxyHandler.update_request(request)
        address = request.axes_ip_address
        with attempt_lock(address):
            if not AxesProxyHandler.is_allowed(request, credentials):
                request.clinic_login_refused = True
                raise AxesBackendPermissionDenied("Too many failed sign-in attempts")
            _count_attempt(
                request,
                normalised_username(request, credentials),
                address,
                request.axes_user_agent,
            )
            request.clinic_attempt_counted = True
        return None


def _refusal(title, message, status=429):
    response = HttpResponse(
        REFUSAL_PAGE.format(title=escape(title), message=escape(message)),
        status=status,
        content_type="text/html",
    )
    response["Retry-After"] = str(lockout_seconds())
    return response


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a plain page that says what happened and what to do."""
    minutes = max(1, lockout_seconds() // 60)
    return _refusal(
        "Too many sign-in attempts",
        "Too many failed sign-in attempts from here. For your safety, signing in is paused "
        f"for {minutes} minutes. Please wait and try again, or reset your password.",
    )


# --- password reset --------------------------------------------------------------------------


class PasswordResetThrottleMiddleware:
    """Counts password reset requests per address and email, and per address, in axes' table,
    and refuses more once either limit is reached: no more emails until the pause is over."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._path = None

    def path(self):
        if self._path is None:
            self._path = reverse("wagtailadmin_password_reset")
        return self._path

    def __call__(self, request):
        if request.method == "POST" and request.path == self.path() and settings.AXES_ENABLED:
            refused = self.check_and_count(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    @staticmethod
    def check_and_count(request):
        address = client_address(request)
        email = request.POST.get("email", "").strip().lower()[:200]
        name = f"{PASSWORD_RESET_PREFIX}{email}"
        with attempt_lock(address):
            resets = AccessAttempt.objects.filter(
                ip_address=address, username__startswith=PASSWORD_RESET_PREFIX
            )
            if _total(resets.filter(username=name)) >= _setting(
                "CLINIC_PASSWORD_RESET_LIMIT", 3
            ) or _total(resets) >= _setting("CLINIC_PASSWORD_RESET_ADDRESS_LIMIT", 10):
                refused = True
            else:
                refused = False
                _count_attempt(request, name, address, "password reset")
        if not refused:
            return None
        minutes = max(1, lockout_seconds() // 60)
        return _refusal(
            "Too many password reset requests",
            "Several password reset emails have already been sent from here. Please check your "
            f"inbox (and spam folder), or wait {minutes} minutes and try again.",
        )
