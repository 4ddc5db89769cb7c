"""Shared by the benchmark scripts: a throwaway database to fill, and percentiles to report."""

import os
import tempfile


def configure_database(label, keep=None):
    """Create and migrate a throwaway database: a SQLite file in /tmp, or, when DATABASE_URL
    points at PostgreSQL, ``test_bench_<label>_<pid>`` beside it. Returns (connection, old
    name) for ``connection.creation.destroy_test_db(old_name)`` afterwards.

    ``keep`` names a database (a SQLite path or a PostgreSQL name) that is reused if it exists
    and kept afterwards, so a profiling session need not rebuild a large corpus every run."""
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        if keep:
            path = keep
        else:
            handle, path = tempfile.mkstemp(prefix=f"bench-{label}-", suffix=".sqlite3", dir="/tmp")
            os.close(handle)
        database["TEST"]["NAME"] = path
    else:
        database["TEST"]["NAME"] = keep or f"test_bench_{label}_{os.getpid()}"
    from django.db import connection

    print(f"Creating a throwaway {connection.vendor} database and migrating it...", flush=True)
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=bool(keep)
    )
    return connection, old_name


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
