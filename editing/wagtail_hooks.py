"""The editing layer's admin URLs, and headers for the pages editors see with it."""

from django.urls import include, path
from wagtail import hooks

from . import urls
from .headers import mark_as_editors_page
from .state import editing_state


@hooks.register("register_admin_urls")
def register_editing_urls():
    return [path("editing/", include(urls, namespace="clinic_editing"))]


@hooks.register("on_serve_page")
def serve_with_editing_headers(next_serve):
    """Editors' pages carry the editing layer: never stored by any cache, and allowed to frame
    the drawer. Visitors (no session cookie) get the response exactly as it was."""

    def serve(page, request, serve_args, serve_kwargs):
        response = next_serve(page, request, serve_args, serve_kwargs)
        if editing_state(request, page) is not None:
            mark_as_editors_page(response)
        return response

    return serve
