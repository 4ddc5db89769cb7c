"""Where production keeps cached pages: in files beside the default cache on one machine (shared
by every gunicorn worker, kept across worker restarts), in Redis past one server."""

import json

from .test_production import production_env, run_python

PRINT_CACHES = "from django.conf import settings\nimport json\nprint(json.dumps(settings.CACHES))"


def caches(**extra):
    result = run_python(PRINT_CACHES, production_env(**extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_keeps_pages_in_files_every_worker_shares(tmp_path):
    found = caches(CACHE_DIR=str(tmp_path / "cache"))
    file_cache = "django.core.cache.backends.filebased.FileBasedCache"
    assert found["default"]["BACKEND"] == found["pages"]["BACKEND"] == file_cache
    assert found["pages"]["LOCATION"] == f"{tmp_path / 'cache'}-pages"


def test_past_one_server_everything_is_in_redis():
    found = caches(REDIS_URL="redis://cache.internal:6379/1")
    assert set(found) == {"default"}
    assert found["default"]["BACKEND"] == "django_redis.cache.RedisCache"
