"""PostgreSQL full-text search ranked on the index table alone. Imported only on PostgreSQL.

Wagtail's version matches ``title || body`` through the model's generic relation to the index
table. A concatenated vector cannot use the GIN indexes on ``title`` and ``body``, so every row
is scanned and ranked. Here the index table is queried directly with ``title @@ q OR body @@ q``
(both GIN indexes), restricted to the filtered queryset's ids, ranked, sorted and sliced; then
only that slice of objects is loaded.
Field-restricted, negated, match-all, fuzzy and unordered queries stay Wagtail's.

The site search's rankings of one word, and of words joined by OR, come from a table of each
entry's score for each of its words instead (search/term_scores.py): the same order, without
ranking every matching body.
"""

from functools import lru_cache, reduce
from operator import or_

from django.contrib.postgres.search import SearchRank
from django.db import connections
from django.db.models import F, Q
from django.db.models.sql import Query
from modelsearch.query import Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from . import term_scores
from .modelsearch_internals import content_type_ids, index_entry_model, postgres
from .ranked_results import (
    RankAcrossModelsMixin,
    RankedIdsResultsMixin,
    fetch_sql,
    integer_array,
    remembered_visible_entries,
)

PG = postgres()

PREFIX = "index_entries__"


def _local(expression):
    """F("index_entries__title") -> F("title"): the same column, seen from the index table."""
    if isinstance(expression, F) and expression.name.startswith(PREFIX):
        return F(expression.name[len(PREFIX) :])
    return expression


def _plain_or(query):
    """Plain words or a phrase, or an OR of them (the site search's synonym variants)."""
    if isinstance(query, Or):
        return all(isinstance(sub, PlainText | Phrase) for sub in query.subqueries)
    return isinstance(query, PlainText | Phrase)


class IndexTablePostgresSearchResults(RankedIdsResultsMixin, PG.results_class):
    pass


class IndexTablePostgresSearchBackend(RankAcrossModelsMixin, PG.backend_class):
    results_class = IndexTablePostgresSearchResults
    # For the ranking with its candidate checks, and for the phrase check, each in a transaction
    # of its own (set_config(..., true) is SET LOCAL). The planner prices a tsvector match like
    # a cheap comparison, so it reads every index row rather than the GIN indexes; and it hashes
    # every published page to check a few hundred candidates that one primary-key probe each
    # answers. Both plans are slower than the index scans and probes these settings force.
    RANKING_SETTINGS = (
        "SELECT set_config('enable_seqscan', 'off', true),"
        " set_config('enable_hashjoin', 'off', true),"
        " set_config('enable_mergejoin', 'off', true)",
    )

    # matching_each() reads each entry's title and body once, for every check.
    CHECKS_IN_ONE_READING = True

    def __init__(self, params):
        # An explicit text search configuration makes to_tsquery('english', ...) immutable, so
        # PostgreSQL parses the query once; with none, to_tsquery(...) follows the session's
        # default config (english here too), is only stable, and runs again for every row
        # compared and ranked.
        super().__init__({"SEARCH_CONFIG": "english", **params})

    def ranked_entries(self, compiler):
        """Index entries matching the compiler's query, scored and best first (see
        ranked_results.py), with the names of their content type and object id fields."""
        query = compiler.query
        if (
            compiler.fields is not None
            or not compiler.order_by_relevance
            or isinstance(query, MatchAll | Not | Fuzzy)
        ):
            return None
        config, search_query, vectors, matches = self._match(compiler)
        # One ts_rank() per column with the whole query. Wagtail ranks each part of an OR (the
        # visitor's words and each synonym variant) separately and averages them, which reads
        # and ranks every matching body once per part. ts_rank() of an OR weighs each word
        # found, reading each body once.
        # Anything else (boosts, ANDs of parts) keeps Wagtail's ranking.
        if _plain_or(query):
            ranks = [
                SearchRank(vector, search_query, weights=compiler.sql_weights) * boost
                for vector, boost in vectors
            ]
        else:
            ranks = [
                compiler.build_tsrank(vector, query, config=config) * boost
                for vector, boost in vectors
            ]
        rank = reduce(lambda a, b: a + b, ranks)
        entries = index_entry_model()._default_manager.filter(matches)
        entries = entries.annotate(score=rank).order_by("-score", "-pk")
        return entries, ("content_type_id", "object_id")

    def best_first(self, query, sources, room, exclude):
        """From the table of each entry's score for each word (search/term_scores.py) when
        ts_rank() of the query is a mean of its words' scores: one word, words joined by OR,
        ORs of words joined by AND (synonym variants). Each kind is read apart, only as many
        of its best as it takes to fill its room: its room, plus its entries that may not be
        shown (unless only the listed ones are read) and those excluded. Anything else ranks
        with ts_rank(), over every match."""
        using = index_entry_model()._default_manager.db
        words = self._word_query(query, sources[0].model) if term_scores.ready(using) else None
        if words is None:
            return super().best_first(query, sources, room, exclude)
        parts, visible = [], {}
        for source in sources:
            shown = remembered_visible_entries(source)
            visible.update(shown)
            if not room[source.label]:
                continue
            # The shorter of the two: the entries that may be shown, given as a list (a body
            # area's articles), or those that may not, read past (unpublished ones).
            listed = list(shown) if len(shown) < shown.hidden else None
            excluded = sum(1 for label, _ in exclude if label == source.label)
            limit = room[source.label] + excluded + (shown.hidden if listed is None else 0)
            parts.append(term_scores.Part(list(content_type_ids(source.model)), listed, limit))
        if not parts:
            return visible, using, None, None
        return visible, using, *term_scores.ranking_sql(words, parts)

    def _word_query(self, query, model):
        """The WordQuery (search/term_scores.py) of ``query``, or None when the table cannot rank
        it as ranked_entries() does."""
        compiled = self._tsquery_sql(query, model) if _plain_or(query) else None
        if compiled is None:
            return None
        sql, params = compiled  # params: a tuple of strings, a cache key as they are
        return term_scores.parse(
            _tsquery_text(index_entry_model()._default_manager.db, sql, params)
        )

    def _tsquery_sql(self, query, model):
        """(sql, params) of the tsquery for ``query`` (to_tsquery(...) and the like), or None when
        it is not plain words, a phrase, or an OR of them. Built once per process for the same
        words: building it through a query compiler costs more than the database takes to
        check it on a few hundred entries."""
        key = _query_key(query)
        if key is None:
            return None
        key = (self.config, key)
        compiled = _TSQUERY_SQL.get(key)
        if compiled is None:
            compiler = self.query_compiler_class(model.objects.none(), query)
            if compiler.fields is not None:
                return None
            tsquery = compiler.build_tsquery(query, config=compiler.get_config(self))
            entries = Query(index_entry_model())
            using = entries.model._default_manager.db
            sql, params = entries.get_compiler(using).compile(tsquery.resolve_expression(entries))
            if len(_TSQUERY_SQL) >= MAX_REMEMBERED_TSQUERIES:
                _TSQUERY_SQL.clear()
            compiled = _TSQUERY_SQL[key] = (sql, tuple(params))
        return compiled

    def _match(self, compiler):
        """(config, tsquery, [(vector, boost)], the condition "title or body matches") for the
        compiler's query, on the index table's own columns."""
        config = compiler.get_config(self)
        search_query = compiler.build_tsquery(compiler.query, config=config)
        vectors = [
            (_local(vector), _local(boost))
            for vector, boost in compiler.get_search_vectors(search_query)
        ]
        matches = reduce(or_, [Q(**{vector.name: search_query}) for vector, _ in vectors])
        return config, search_query, vectors, matches

    def matching_each(self, queries, sources, pks):
        """Every check on the listed entries in one query: each entry's title and body are read
        once for all the words and phrases, not once per word."""
        found = [set() for _ in queries]
        if not pks:
            return found
        model = sources[0].model
        columns, params = [], []
        for query in queries:
            compiled = self._tsquery_sql(query, model)
            if compiled is None:
                return super().matching_each(queries, sources, pks)
            sql, query_params = compiled
            columns.append(f"(title @@ {sql} OR body @@ {sql})")
            params += [*query_params, *query_params]
        table = connections[index_entry_model()._default_manager.db].ops.quote_name(
            index_entry_model()._meta.db_table
        )
        # Our own SQL: the table's name, and tsquery SQL compiled by Django; values as parameters.
        statement = (
            f"SELECT id, {', '.join(columns)} FROM {table}"  # noqa: S608
            " WHERE id = ANY(%s::integer[])"
        )
        rows = fetch_sql(
            index_entry_model()._default_manager.db, statement, [*params, integer_array(pks)]
        )
        for pk, *flags in rows:
            for number, flag in enumerate(flags):
                if flag:
                    found[number].add(pk)
        return found


# tsquery SQL per (config, query), remembered in each process; the words searched vary little.
MAX_REMEMBERED_TSQUERIES = 2048
_TSQUERY_SQL = {}


def _query_key(query):
    """A hashable key saying what ``query`` searches for (plain words with their operator, a
    phrase, an OR of them), or None for anything else."""
    if isinstance(query, PlainText):
        return ("plain", query.query_string, query.operator)
    if isinstance(query, Phrase):
        return ("phrase", query.query_string)
    if isinstance(query, Or):
        keys = tuple(_query_key(sub) for sub in query.subqueries)
        return None if None in keys else ("or", keys)
    return None


@lru_cache(maxsize=1024)
def _tsquery_text(using, sql, params):
    """The tsquery that ``sql`` builds, as PostgreSQL prints it: the words stemmed, stop words
    dropped (the same words always give the same text, so it is worked out once)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]
