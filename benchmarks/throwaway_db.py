"""Shared by the benchmark scripts: a throwaway database to fill, and percentiles to report."""

import os
import tempfile


def configure_database(label):
    """Create and migrate a throwaway database: a SQLite file in /tmp, or, when DATABASE_URL
    points at PostgreSQL, ``test_bench_<label>_<pid>`` beside it. Returns (connection, old
    name) for ``connection.creation.destroy_test_db(old_name)`` afterwards."""
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        handle, path = tempfile.mkstemp(prefix=f"bench-{label}-", suffix=".sqlite3", dir="/tmp")
        os.close(handle)
        database["TEST"]["NAME"] = path
    else:
        database["TEST"]["NAME"] = f"test_bench_{label}_{os.getpid()}"
    from django.db import connection

    print(f"Creating a throwaway {connection.vendor} database and migrating it...", flush=True)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection, old_name


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
