"""Response headers for the pages editors see with the editing layer."""

from django.utils.cache import add_never_cache_headers

from core.middleware import public_content_security_policy


def editor_content_security_policy():
    """The public policy, with frames from this site allowed too: the drawer shows its forms in
    an iframe from /admin/editing/. Scripts and styles stay 'self' only."""
    return public_content_security_policy().replace("frame-src ", "frame-src 'self' ", 1)


def mark_as_editors_page(response):
    """Never stored by any cache (it is hers alone), and allowed to frame the drawer."""
    add_never_cache_headers(response)
    response.headers["Content-Security-Policy"] = editor_content_security_policy()
    return response
