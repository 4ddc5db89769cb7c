"""The site's search backend: Wagtail's database backend, with titles weighted on SQLite too.

On PostgreSQL, field boosts become tsvector weights (A-D), so ``SearchField("title", boost=10)``
already outweighs body text. SQLite FTS5 ignores boosts: Wagtail ranks with a plain
``bm25(table)`` that treats a word in the title like a word in the body. Here the title column
gets its own weight in bm25(), so a title match beats a body-only match on both backends.

Everything else (indexing, autocomplete, PostgreSQL, MySQL, the non-FTS fallback) is Wagtail's.
"""

from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import ADD, MUL

# bm25() column weights, in the FTS5 table's column order: (autocomplete, body, title).
FTS_COLUMN_WEIGHTS = (0.0, 1.0, 10.0)


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(weight) for weight in FTS_COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class WeightedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, Phrase | PlainText | Not):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        if isinstance(query, And):
            parts = [self.build_tsrank(vector, sub, config, boost) for sub in query.subqueries]
            return MUL(1 + part for part in parts) - 1
        if isinstance(query, Or):
            parts = [self.build_tsrank(vector, sub, config, boost) for sub in query.subqueries]
            return ADD(parts) / (len(parts) or 1)
        return super().build_tsrank(vector, query, config=config, boost=boost)


class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WeightedSQLiteQueryCompiler


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database_search_backend(params)
    if type(backend) is SQLiteSearchBackend:
        return WeightedSQLiteSearchBackend(params)
    return backend


def lower_score_is_better(backend):
    """SQLite's bm25() is negative and sorts ascending; every other backend scores upward."""
    return isinstance(backend, SQLiteSearchBackend)
