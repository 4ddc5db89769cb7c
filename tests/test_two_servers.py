"""Past one server, for real: two gunicorn instances on different ports sharing one PostgreSQL
database and one Redis, as README "Past one server" deploys them. An editor publishes through
one; the other serves the new content on the very next request; restarting a server keeps the
cached pages.

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and Redis at 127.0.0.1:6379: the test
makes its own database (dropped afterwards) and uses Redis database 13 under a key prefix of its
own (deleted afterwards). Without them it skips, except under CI=true, where it fails.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from . import cache_support
from .admin_forms import article_form_data, paragraph_form
from .test_production import production_env

REPO = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_DB = 13
PASSWORD = "two-servers-editor-password"  # noqa: S105

BUILD_CONTENT = """
import django
django.setup()
from django.core.management import call_command
from wagtail.models import Page, Site
from tests.factories import (
    ArticleIndexPageFactory, ArticlePageFactory, HomePageFactory, clinic_settings_for,
    paragraph_block,
)
root = Page.get_first_root_node()
for child in root.get_children():
    child.delete()
home = HomePageFactory(parent=root)
site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
clinic_settings_for(site)
index = ArticleIndexPageFactory(parent=home)
article = ArticlePageFactory(
    parent=index, title="Help for a sore neck", slug="sore-neck",
    body=[paragraph_block("<p>Most neck pain starts in the upper back.</p>")],
)
call_command("setup_demo_users", stdout=open("/dev/null", "w"))
print(article.pk)
"""


def unavailable(reason):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: the two-server test must run in CI")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def services(monkeypatch):
    """A fresh PostgreSQL database and a Redis key prefix of this test's own."""
    cache_support.allow_loopback(monkeypatch)
    try:
        import psycopg
        import redis

        admin = psycopg.connect(POSTGRES, connect_timeout=3, autocommit=True)
        store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=3)
        store.ping()
    except Exception as error:  # noqa: BLE001 - any failure to reach them
        unavailable(f"PostgreSQL or Redis is not reachable on 127.0.0.1 ({error})")
    name = f"clinic_two_servers_{uuid.uuid4().hex[:10]}"
    prefix = f"clinic-two-servers-{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "CACHE_KEY_PREFIX": prefix,
        }
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
        for key in store.scan_iter(f"{prefix}:*"):
            store.delete(key)
        store.close()


class Server:
    """One gunicorn instance (two workers) with the production settings."""

    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "--config",
                str(REPO / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
            ],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.process.stderr.read().decode()}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("gunicorn did not answer /healthz in time")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stderr:
            self.process.stderr.close()

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            # One public address for both, as a load balancer in front passes it on.
            headers = {"Host": "127.0.0.1", **(headers or {})}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


class Editor:
    """A browser's cookie jar over plain HTTP (production marks cookies Secure, which a real
    browser would only send over HTTPS)."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, response_headers, content = self.server.request(method, path, body, headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return status, response_headers, content

    def form_token(self, path):
        status, _headers, content = self.request("GET", path)
        assert status == 200, (path, status, content[:500])
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()

    def log_in(self, username, password):
        token = self.form_token("/admin/login/")
        status, headers, content = self.request(
            "POST",
            "/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert status == 302, (status, content[:1000])


def visit(server, path):
    status, headers, content = server.request("GET", path)
    return status, headers.get("X-Page-Cache"), content.decode()


def test_a_publish_through_one_server_shows_on_the_other_at_once(services, tmp_path):
    env = production_env(
        **services,
        DJANGO_SETTINGS_MODULE="tests.two_servers_settings",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        PAGE_CACHE_SECONDS="600",
        MEDIA_ROOT=str(tmp_path / "media"),
        DEMO_PASSWORD=PASSWORD,
        GUNICORN_ACCESS_LOG="/dev/null",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="ERROR",
    )
    run = {"cwd": REPO, "env": env, "capture_output": True, "text": True, "timeout": 600}
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], **run, check=False)
    assert migrated.returncode == 0, migrated.stderr
    built = subprocess.run([sys.executable, "-c", BUILD_CONTENT], **run, check=False)
    assert built.returncode == 0, built.stderr
    article_pk = int(built.stdout.strip().splitlines()[-1])

    publisher, reader = Server(env), Server(env)
    try:
        publisher.start()
        reader.start()
        status, cached, html = visit(reader, "/articles/sore-neck/")
        assert (status, cached) == (200, "miss")
        assert "Help for a sore neck" in html
        assert visit(reader, "/articles/sore-neck/")[1] == "hit"
        # Filed in Redis, so the other server (and each of its workers) has it too.
        assert visit(publisher, "/articles/sore-neck/")[1] == "hit"

        editor = Editor(publisher)
        editor.log_in("therapist", PASSWORD)
        edit_url = f"/admin/pages/{article_pk}/edit/"
        data = article_form_data(
            "Help for a stiff neck",
            slug="sore-neck",
            body=[paragraph_form("<p>Brand new advice about shoulders.</p>")],
        )
        data["csrfmiddlewaretoken"] = editor.form_token(edit_url)
        status, _headers, content = editor.request("POST", edit_url, data)
        assert status == 302, content[:2000]

        status, cached, html = visit(reader, "/articles/sore-neck/")
        assert status == 200
        assert "Help for a stiff neck" in html and "Brand new advice about shoulders." in html
        assert cached == "miss"
        assert visit(reader, "/articles/sore-neck/")[1] == "hit"

        # A restart (gunicorn recycles workers every max_requests) keeps the cached pages.
        reader.stop()
        reader.start()
        status, cached, html = visit(reader, "/articles/sore-neck/")
        assert (status, cached) == (200, "hit")
        assert "Help for a stiff neck" in html
    finally:
        publisher.stop()
        reader.stop()
