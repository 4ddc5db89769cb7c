"""WSGI entry point for gunicorn and friends."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the project) lives as long as the process. Frozen,
# it is left out of the collector's full passes, which otherwise walk it all: a 100+ ms pause
# every 60 or so requests (benchmarks/search.py). With preload_app (gunicorn.conf.py) this runs
# in the master before forking, so the workers also keep sharing those memory pages.
gc.freeze()
