"""The one module that reaches into modelsearch's internals, under names of our own.

modelsearch (the search behind Wagtail) documents ``get_search_backend()``, its query classes
and ``modelsearch.index``. The rest of search/ (backends.py, sqlite_backend.py,
postgres_backend.py, ranked_results.py, engine.py) also builds on its database backends, their
query compilers and results classes, private methods and a few helpers, none of which it
promises to keep. Every such use goes through here, and tests/test_modelsearch_internals.py
checks each one, so a modelsearch upgrade that changes one fails there, in one place.

The SQLite FTS5 and PostgreSQL pieces load models that exist only on their own database, so
``sqlite_fts()`` and ``postgres()`` import them on first call, never at import time.
"""

from dataclasses import dataclass
from functools import cache

from modelsearch.backends.database import SearchBackend as _database_search_backend
from modelsearch.conf import get_app_config
from modelsearch.utils import ADD, MUL, get_descendants_content_types_pks

# modelsearch.utils.ADD: the sum of an iterable of expressions, built as a balanced tree.
add_balanced = ADD
# modelsearch.utils.MUL: the product of an iterable of expressions, built as a balanced tree.
multiply_balanced = MUL
# modelsearch.utils.get_descendants_content_types_pks: content type ids of a model and its
# subclasses, the ones its index entries are stored under.
content_type_ids = get_descendants_content_types_pks

# The attribute annotate_score() is asked to set on each result; modelsearch's SQLite compiler
# also annotates "_score" on its own when it orders by relevance.
SCORE_ATTRIBUTE = "_score"


def database_backend(params):
    """modelsearch.backends.database.SearchBackend: modelsearch's own backend for the default
    database (SQLite FTS5, PostgreSQL, MySQL, or the plain fallback)."""
    return _database_search_backend(params)


def is_sqlite_fts_backend(backend):
    """Whether ``backend`` is modelsearch's SQLite FTS5 backend (SQLiteSearchBackend)."""
    return type(backend).__name__ == "SQLiteSearchBackend"


def is_postgres_backend(backend):
    """Whether ``backend`` is modelsearch's PostgreSQL backend (PostgresSearchBackend)."""
    return type(backend).__name__ == "PostgresSearchBackend"


def index_entry_model():
    """modelsearch's IndexEntry model (get_app_config().get_model("IndexEntry")): one row per
    indexed object, with content_type, object_id (as text), title, body and autocomplete."""
    return get_app_config().get_model("IndexEntry")


def rank_expression(compiler, vectors, config):
    """compiler._build_rank_expression(): the compiler's rank of its query over ``vectors``,
    the boosted sum of build_tsrank() for each (vector, boost)."""
    return compiler._build_rank_expression(vectors, config)


def with_scores(results):
    """(object, score) for each of ``results`` (a backend's search results), through
    annotate_score(), which puts each score on its object as an attribute."""
    for obj in results.annotate_score(SCORE_ATTRIBUTE):
        yield obj, getattr(obj, SCORE_ATTRIBUTE)


class SearchResultsHooks:
    """For a subclass of a modelsearch SearchResults class: its private ``_do_search()`` and
    ``_do_count()``, and the ``_score_field`` annotate_score() set, handed to our hooks.

    ``load_results(backend, compiler, start, stop, score_field)`` returns the objects of the
    slice (each with its score as ``score_field`` when that is set) and ``count_results(backend,
    compiler)`` the total; either returns None to leave the query to modelsearch.
    """

    def _do_search(self):
        found = self.load_results(
            self.backend, self.query_compiler, self.start, self.stop, self._score_field
        )
        return super()._do_search() if found is None else found

    def _do_count(self):
        count = self.count_results(self.backend, self.query_compiler)
        return super()._do_count() if count is None else count

    def load_results(self, backend, compiler, start, stop, score_field):
        return None

    def count_results(self, backend, compiler):
        return None


@dataclass(frozen=True)
class SQLiteFTS:
    """modelsearch's SQLite FTS5 backend, from modelsearch.backends.database.sqlite."""

    # sqlite.sqlite.SQLiteSearchBackend
    backend_class: type
    # sqlite.sqlite.SQLiteSearchQueryCompiler
    compiler_class: type
    # sqlite.sqlite.SQLiteSearchResults
    results_class: type
    # SQLiteFTSIndexEntry: the FTS5 table, columns (autocomplete, body, title), rowid = IndexEntry
    entry_model: type
    # sqlite.query.BM25: bm25() of the FTS5 table
    bm25: type
    # sqlite.query.MatchExpression(columns, query): "<FTS5 table> MATCH '{columns} : (query)'"
    match: type
    # sqlite.query.normalize(query): a NOT moved to the top, where FTS5 can apply it
    normalize: object


@cache
def sqlite_fts():
    """The SQLiteFTS pieces; import only on SQLite with FTS5 (the FTS model exists only there)."""
    from modelsearch.backends.database.sqlite.query import BM25, MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    return SQLiteFTS(
        backend_class=SQLiteSearchBackend,
        compiler_class=SQLiteSearchQueryCompiler,
        results_class=SQLiteSearchResults,
        entry_model=SQLiteFTSIndexEntry,
        bm25=BM25,
        match=MatchExpression,
        normalize=normalize,
    )


@dataclass(frozen=True)
class Postgres:
    """modelsearch's PostgreSQL backend, from modelsearch.backends.database.postgres."""

    # postgres.postgres.PostgresSearchBackend
    backend_class: type
    # postgres.postgres.PostgresSearchResults
    results_class: type


@cache
def postgres():
    """The Postgres pieces; import only on PostgreSQL."""
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchResults,
    )

    return Postgres(backend_class=PostgresSearchBackend, results_class=PostgresSearchResults)


def postgres_weights():
    """modelsearch.backends.database.postgres.weights.get_sql_weights(): the weights ts_rank()
    is given for the D, C, B and A parts of a vector (the compiler's ``sql_weights``), as
    PostgreSQL array text, "{0.0099,0.0099,0.2079,1.0}"; they follow the search fields' boosts."""
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    return get_sql_weights()


def index_words(using="default"):
    """({word: number of index entries holding it}, stemmed) for every word in the search
    index, read from the database's own word list rather than from each entry's text.

    SQLite FTS5 (unicode61 tokenizer) keeps words as written, lowercased: an fts5vocab table
    over the FTS table lists them. PostgreSQL keeps ``english`` stems ("postur", "stiff") in
    the entries' tsvector columns ``title`` and ``body``; ts_stat() lists those, so ``stemmed``
    is True there. Other databases: ({}, False).
    """
    from django.db import connections

    connection = connections[using]
    entry_table = index_entry_model()._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            fts_table = sqlite_fts().entry_model._meta.db_table
            # A temp table: this connection's own, so a read never writes to the database file.
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_index_words "
                f"USING fts5vocab(main, {fts_table}, row)"
            )
            cursor.execute("SELECT term, doc FROM temp.search_index_words")
            return dict(cursor.fetchall()), False
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(entry_table)
            documents = f"SELECT coalesce(title, '') || coalesce(body, '') FROM {table}"  # noqa: S608
            cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [documents])
            return dict(cursor.fetchall()), True
    return {}, False
