"""Which Wagtail Site a request is for, looked up once per content change in each process.

Wagtail looks the Site up for every request (one query with its root page); every change to a
Site, like every other content change, moves the content generation on (core.cache), so the
answer for a host and port can be remembered until then. Each request gets its own copy, as it
would from the database: nothing one request sets on its Site or root page reaches another.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

from .cache import remember_in_process_by_key, remember_seconds

# Distinct host names remembered per generation; a flood of made-up Host headers only costs the
# lookups past it, never memory.
MAX_HOSTS = 32


def site_for_request(request):
    """Site.find_for_request()'s answer for ``request``, remembered per host and port."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    site = remember_in_process_by_key(
        "wagtail-sites", key, lambda: Site._find_for_request(request), MAX_HOSTS
    )
    return _own_copy(site)


def _own_copy(site):
    if site is None:
        return None
    fresh = copy.copy(site)  # its own state and related-object cache (Model.__getstate__)
    root = site._state.fields_cache.get("root_page")
    if root is not None:
        fresh._state.fields_cache["root_page"] = copy.copy(root)
    return fresh


class RememberedSiteMiddleware:
    """Sets the request's Site where Wagtail keeps it (``request._wagtail_site``, read by
    Site.find_for_request()), from site_for_request(), while values are remembered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if remember_seconds():
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
