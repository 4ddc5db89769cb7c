"""SQLite FTS5 with titles weighted, ranked in one join. Imported only on SQLite: the FTS model
it builds on does not exist on other databases."""

import json

from django.db.models import F
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText

from .modelsearch_internals import add_balanced, multiply_balanced, rank_expression, sqlite_fts
from .ranked_results import OneOf, RankAcrossModelsMixin, RankedIdsResultsMixin, fetch_sql

FTS = sqlite_fts()

# A word in the title counts this many times a word in the body. bm25() is computed separately
# per column (a zero weight leaves a column out) because column weights inside one bm25() call
# barely matter: term frequency saturates, so five mentions in the body would still beat the title.
TITLE_WEIGHT = 5.0


class WeightedBM25(FTS.bm25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = FTS.entry_model._meta.db_table
        # FTS5 column order is (autocomplete, body, title).
        return f"({TITLE_WEIGHT} * bm25({table}, 0, 0, 1) + bm25({table}, 0, 1, 0))", []


class WeightedSQLiteQueryCompiler(FTS.compiler_class):
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
            return multiply_balanced(1 + part for part in parts) - 1
        if isinstance(query, Or):
            parts = [self.build_tsrank(vector, sub, config, boost) for sub in query.subqueries]
            if parts and all(type(part) is WeightedBM25 for part in parts):
                # bm25() scores the row against the whole MATCH, so every part of an OR of
                # words and phrases (the synonym variants) has the same score: their average
                # is one of them, worked out once per row instead of once per part.
                return parts[0]
            return add_balanced(parts) / (len(parts) or 1)
        return super().build_tsrank(vector, query, config=config, boost=boost)


class JoinedSQLiteSearchResults(RankedIdsResultsMixin, FTS.results_class):
    """Relevance-ordered results from one FTS query joined to the filtered queryset's ids.

    Wagtail's version filters the model by ``pk IN (matches)`` and then scores every row with a
    correlated subquery that runs the MATCH again per row, so its cost grows with every match.
    Here the FTS table is scanned once, scored, sorted and sliced; then only that slice of
    objects is loaded. Negated and match-all queries, and unordered ones, stay Wagtail's.
    """


class WeightedSQLiteSearchBackend(RankAcrossModelsMixin, FTS.backend_class):
    query_compiler_class = WeightedSQLiteQueryCompiler
    results_class = JoinedSQLiteSearchResults
    # bm25() is negative: the best match has the lowest score.
    lower_score_is_better = True

    def only_entries(self, entries, pks):
        # "rowid + 0": a plain rowid IN (...) is handed to FTS5, which runs the whole MATCH
        # again for each listed rowid; this checks each match against the list instead.
        return entries.filter(OneOf(F("pk") + 0, pks))

    def _match(self, compiler):
        """The FTS5 MATCH condition for the compiler's query; None when Wagtail's own path
        must answer it (negated, match-all)."""
        query = FTS.normalize(compiler.query)
        if isinstance(query, MatchAll | Not):
            return None
        return FTS.match(
            compiler.fields or compiler.FTS_TABLE_FIELDS,
            compiler.build_search_query(query, config=compiler.get_config(self)),
        )

    def matching_each(self, queries, sources, pks):
        """Every check on the listed entries in one statement: each check reads the index's
        lists for its words, and building each as a queryset of its own would cost Django more
        than the reading."""
        model = sources[0].model
        table = FTS.entry_model._meta.db_table
        using = FTS.entry_model.objects.db
        sql_compiler = FTS.entry_model.objects.none().query.get_compiler(using)
        parts, params = [], []
        for number, query in enumerate(queries):
            match = self._match(self.query_compiler_class(model.objects.none(), query))
            if match is None:
                return super().matching_each(queries, sources, pks)
            condition, match_params = match.as_sql(sql_compiler, sql_compiler.connection)
            # "rowid + 0", as in only_entries(): the MATCH is read once, not once per rowid.
            parts.append(
                f"SELECT {number}, rowid FROM {table} "  # noqa: S608 (our own SQL, ids as one parameter)
                f"WHERE {condition} AND rowid + 0 IN (SELECT value FROM listed)"
            )
            params += match_params
        listed = "WITH listed(value) AS MATERIALIZED (SELECT value FROM json_each(%s)) "
        sql = listed + " UNION ALL ".join(parts)
        found = [set() for _ in queries]
        for number, pk in fetch_sql(using, sql, [json.dumps([int(pk) for pk in pks]), *params]):
            found[number].add(pk)
        return found

    def ranked_entries(self, compiler):
        """FTS entries matching the compiler's query, scored and best first (see
        ranked_results.py), with the names of their content type and object id fields."""
        if not compiler.order_by_relevance:
            return None
        match = self._match(compiler)
        if match is None:
            return None
        entries = (
            FTS.entry_model.objects.filter(match)
            .annotate(
                score=rank_expression(
                    compiler, compiler.get_search_vectors(), compiler.get_config(self)
                )
            )
            .order_by("score", "-pk")
        )
        return entries, ("index_entry__content_type_id", "index_entry__object_id")
