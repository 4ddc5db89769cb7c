"""gunicorn settings for production: `gunicorn clinic.wsgi` reads this file from the working dir.

Every value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, ...).
"""

import multiprocessing
import os

wsgi_app = "clinic.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: pages are rendered quickly (or served from the cache), so 2 per core is plenty.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Load the app before forking: faster worker start and shared memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down (not too often:
# a fresh worker is slow for its first few requests). Cached pages live in Redis or in files
# (clinic/settings/production.py), not in the worker, so a recycled worker loses none.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# Refuse absurd request lines and headers before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Logs go to stderr, where systemd's journal (or the container runtime) keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
