"""Production settings from the environment, the deploy checklist, gunicorn and /healthz."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

REPO = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": str(settings.CACHES["default"].get("LOCATION")),
    "DB_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DB_NAME": str(settings.DATABASES["default"]["NAME"]),
    "DB_OPTIONS": settings.DATABASES["default"].get("OPTIONS", {}),
    "MEDIA_STORAGE": settings.STORAGES["default"]["BACKEND"],
    "STATIC_STORAGE": settings.STORAGES["staticfiles"]["BACKEND"],
    "MEDIA_URL": settings.MEDIA_URL,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", ""),
    "EMAIL_USE_TLS": settings.EMAIL_USE_TLS,
    "MIDDLEWARE": settings.MIDDLEWARE,
    "HSTS": settings.SECURE_HSTS_SECONDS,
    "SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "PROXY_HEADER": settings.SECURE_PROXY_SSL_HEADER,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
}))
"""


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "AWS_", "EMAIL_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.org",
        }
    )
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**extra):
    result = run_python(PRINT_SETTINGS, production_env(**extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def production_database(migrated_sqlite_db, tmp_path):
    """A freshly migrated install (its Wagtail Site still says localhost, as a new one does)."""
    database = migrated_sqlite_db(tmp_path / "db.sqlite3")
    return f"sqlite:///{database}"


def test_check_deploy_prints_no_warnings(production_database):
    """With a real hostname: the deploy's `migrate` writes it into the Wagtail Site, and then
    `check --deploy` is clean."""
    env = production_env(
        ALLOWED_HOSTS="harvestmoonmassage.com,www.harvestmoonmassage.com",
        DATABASE_URL=production_database,
    )
    migrated = manage(env, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "issues" not in output.replace("no issues", ""), output


def test_check_deploy_fails_while_the_site_says_localhost(production_database):
    env = production_env(ALLOWED_HOSTS="harvestmoonmassage.com", DATABASE_URL=production_database)
    result = manage(env, "check", "--deploy")
    assert result.returncode != 0
    assert "core.E002" in result.stderr and "localhost:80" in result.stderr, result.stderr
    fixed = manage(env, "set_site_address")
    assert "https://harvestmoonmassage.com" in fixed.stdout, fixed.stderr
    assert manage(env, "check", "--deploy").returncode == 0


def test_check_deploy_fails_with_a_local_site_url(production_database):
    env = production_env(SITE_URL="http://localhost:8000", DATABASE_URL=production_database)
    result = manage(env, "check", "--deploy")
    assert result.returncode != 0
    assert "core.E001" in result.stderr, result.stderr


BAD_HOST = """
from django.core import mail
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # keeps outgoing mail in mail.outbox
client = Client(HTTP_HOST="10.9.8.7:8000", **{"wsgi.url_scheme": "https"})
page = client.get("/", secure=True)
health = client.get("/healthz")
print(json.dumps({"page": page.status_code, "health": health.status_code,
                  "health_body": health.json(), "mails": len(mail.outbox)}))
"""


def test_a_bad_host_gets_400_without_emailing_the_admins_and_healthz_answers(
    production_database,
):
    env = production_env(DATABASE_URL=production_database, ADMIN_EMAILS="admin@example.org")
    result = run_python("import json\n" + BAD_HOST, env)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["page"] == 400
    assert found["mails"] == 0
    assert "Invalid HTTP_HOST header" in result.stderr  # still in the log, once
    # The load balancer's plain-HTTP check to the backend's own address.
    assert found["health"] == 200
    assert found["health_body"] == {"database": "ok", "cache": "ok"}


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_refuses_to_start_without_required_settings(missing):
    result = run_python("print('started')", production_env(**{missing: None}))
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_defaults_for_one_small_server():
    found = production_settings()
    assert found["DEBUG"] is False
    assert found["ALLOWED_HOSTS"] == ["example.org"]
    # SQLite in WAL mode with a busy timeout when no DATABASE_URL is given.
    assert found["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in found["DB_OPTIONS"]["init_command"]
    assert found["DB_OPTIONS"]["timeout"] >= 5
    assert found["DB_OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # A cache every gunicorn worker on the machine shares.
    assert found["CACHE_BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert found["MEDIA_STORAGE"] == "django.core.files.storage.FileSystemStorage"
    assert found["STATIC_STORAGE"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in found["MIDDLEWARE"]
    assert found["MIDDLEWARE"].index("whitenoise.middleware.WhiteNoiseMiddleware") == 1
    assert found["HSTS"] >= 31536000
    assert found["SSL_REDIRECT"] is True
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_past_one_server_postgres_redis_s3_and_smtp():
    found = production_settings(
        DATABASE_URL="postgres://clinic:pw@db.internal:5432/clinic",
        REDIS_URL="redis://cache.internal:6379/1",
        AWS_STORAGE_BUCKET_NAME="clinic-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        EMAIL_HOST="smtp.example.net",
        EMAIL_PORT="587",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
    )
    assert found["DB_ENGINE"] == "django.db.backends.postgresql"
    assert found["DB_NAME"] == "clinic"
    assert found["CACHE_BACKEND"] == "django_redis.cache.RedisCache"
    assert found["CACHE_LOCATION"] == "redis://cache.internal:6379/1"
    assert found["MEDIA_STORAGE"] == "storages.backends.s3.S3Storage"
    assert found["MEDIA_URL"] == "https://media.example.org/"
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["EMAIL_HOST"] == "smtp.example.net"
    assert found["EMAIL_USE_TLS"] is True
    assert found["PROXY_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_gunicorn_config_loads():
    config = {}
    exec(compile((REPO / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), config)  # noqa: S102
    assert config["wsgi_app"] == "clinic.wsgi:application"
    assert config["workers"] >= 2
    assert config["limit_request_line"] <= 8190


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_ok():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_never_page_cached(settings):
    settings.CLINIC_PAGE_CACHE_SECONDS = 600
    cache.clear()
    for _ in range(2):
        response = Client().get("/healthz")
        assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_healthz_says_503_without_details_when_the_database_is_down(monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("secret connection string postgres://user:hunter2@db")

    monkeypatch.setattr("core.healthz.connection.cursor", broken_cursor)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "error", "cache": "ok"}
    assert b"hunter2" not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_healthz_says_503_when_the_cache_is_down(monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr("core.healthz.cache.set", broken_set)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}
