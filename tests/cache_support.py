"""Helpers for the page cache, compression and multi-server tests (tests/test_cache*.py,
test_compression.py, test_frontend_cache.py, test_two_servers.py, test_renditions.py)."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from .factories import ArticlePageFactory, paragraph_block

SORE_NECK = "<p>Most neck pain starts in the upper back.</p>"

# The real socket functions, saved before tests/conftest.py's _no_network fixture replaces them.
_REAL_CONNECT = socket.socket.connect
_REAL_CREATE_CONNECTION = socket.create_connection
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def allow_loopback(monkeypatch):
    """Let the test talk to servers on this machine (a fake CDN, gunicorn, PostgreSQL, Redis)
    and to nothing else: the no-network rule still holds for every other address."""

    def connect(sock, address, *args):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family == socket.AF_UNIX or host in LOOPBACK:
            return _REAL_CONNECT(sock, address, *args)
        raise AssertionError(f"A test tried to use the network: {address!r}")

    def create_connection(address, *args, **kwargs):
        if address[0] not in LOOPBACK:
            raise AssertionError(f"A test tried to use the network: {address!r}")
        return _REAL_CREATE_CONNECTION(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture
def page_cache(settings):
    """The page cache and remembered values on (both off in test settings), cache emptied."""
    settings.CLINIC_PAGE_CACHE_SECONDS = 600
    settings.CLINIC_REMEMBER_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def remembering(settings):
    """Remembered values on, the page cache off: every request renders, as for an editor or a
    query string the cache has not seen."""
    settings.CLINIC_PAGE_CACHE_SECONDS = 0
    settings.CLINIC_REMEMBER_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


class FakePurgeEndpoint:
    """A local HTTP server that records every request (method, path, Host), like a caching proxy
    that takes PURGE requests."""

    def __init__(self):
        self.requests = []
        received = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                received.append((self.command, self.path, self.headers.get("Host")))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PURGE = do_GET = do_POST = _record

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def purged_paths(self):
        return {path for method, path, _host in self.requests if method == "PURGE"}


def sore_neck_article(site, text=SORE_NECK):
    """The article these tests cache, at /articles/sore-neck/."""
    return ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        slug="sore-neck",
        body=[paragraph_block(text)],
    )
