"""The site's search backend: Wagtail's database backend, with titles weighted on SQLite too.

On PostgreSQL, field boosts become tsvector weights (A-D), so ``SearchField("title", boost=10)``
already outweighs body text. SQLite FTS5 ignores boosts: Wagtail ranks with a plain
``bm25(table)`` that treats a word in the title like a word in the body. On SQLite we give the
title column its own weight in bm25() (search/sqlite_backend.py), so a title match beats a
body-only match on both backends.

Both also rank matches in one query on the index table instead of Wagtail's per-row scoring
(sqlite_backend.py, postgres_backend.py), so a search costs about the same however many
articles match. Indexing, autocomplete analysis, MySQL and the non-FTS fallback are Wagtail's.
Everything taken from modelsearch beyond its public API comes through modelsearch_internals.py.
"""

from .modelsearch_internals import database_backend, is_postgres_backend, is_sqlite_fts_backend


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database_backend(params)
    if is_sqlite_fts_backend(backend):
        from .sqlite_backend import WeightedSQLiteSearchBackend

        return WeightedSQLiteSearchBackend(params)
    if is_postgres_backend(backend):
        from .postgres_backend import IndexTablePostgresSearchBackend

        return IndexTablePostgresSearchBackend(params)
    return backend


def lower_score_is_better(backend):
    """SQLite's bm25() sorts ascending; PostgreSQL and Elasticsearch score upward."""
    return getattr(backend, "lower_score_is_better", False)
