"""/healthz: is the database answering, and is the cache? For load balancers and uptime checks.

Served by HealthzMiddleware (early in MIDDLEWARE) for any Host; the URL pattern in clinic/urls.py
stays so reverse("healthz") works."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("unexpected answer")


def _check_cache():
    key = f"clinic:healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("value not read back")
    finally:
        cache.delete(key)


@never_cache
def healthz(request):
    """200 {"database": "ok", "cache": "ok"}, or 503 naming what failed. No details leak out:
    the exception goes to the log, the response only says "error"."""
    results = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means unhealthy, never a 500
            logger.exception("Health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(results, status=200 if healthy else 503)


class HealthzMiddleware:
    """Answers /healthz before CommonMiddleware, the page cache or Wagtail read the Host header,
    so a load balancer's check sent to the backend's own address (not in ALLOWED_HOSTS) gets
    its 200 or 503 instead of a 400. Everything else goes on as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
