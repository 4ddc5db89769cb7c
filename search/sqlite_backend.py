"""SQLite FTS5 with the title column weighted in bm25(). Imported only on SQLite: the FTS model
it builds on does not exist on other databases."""

from django.db.models import F
from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, Not, Or, Phrase, PlainText
from modelsearch.utils import ADD, MUL

# A word in the title counts this many times a word in the body. bm25() is computed separately
# per column (a zero weight leaves a column out) because column weights inside one bm25() call
# barely matter: term frequency saturates, so five mentions in the body would still beat the title.
TITLE_WEIGHT = 5.0


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        # FTS5 column order is (autocomplete, body, title).
        return f"({TITLE_WEIGHT} * bm25({table}, 0, 0, 1) + bm25({table}, 0, 1, 0))", []


class WeightedSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def get_index_vectors(self):
        # bm25() already scores the whole row, title included. Wagtail adds it up twice and
        # multiplies one copy by the title-length norm, which favours every short-titled page
        # wherever the words matched; the column weights above do the title's job instead.
        return [(F("index_entry__title"), 1.0)]

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
    # bm25() is negative: the best match has the lowest score.
    lower_score_is_better = True
