"""PostgreSQL full-text search ranked on the index table alone. Imported only on PostgreSQL.

Wagtail's version matches ``title || body`` through the model's generic relation to the index
table. A concatenated vector cannot use the GIN indexes on ``title`` and ``body``, so every row
is scanned and ranked: several seconds for "stiff neck" over 10,000 articles. Here the index
table is queried directly with ``title @@ q OR body @@ q`` (both GIN indexes), restricted to the
filtered queryset's ids, ranked, sorted and sliced; then only that slice of objects is loaded.
Field-restricted, negated, match-all, fuzzy and unordered queries stay Wagtail's.
"""

from functools import reduce
from operator import or_

from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchResults,
)
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from .ranked_results import RankedIdsResultsMixin

PREFIX = "index_entries__"


def _local(expression):
    """F("index_entries__title") -> F("title"): the same column, seen from the index table."""
    if isinstance(expression, F) and expression.name.startswith(PREFIX):
        return F(expression.name[len(PREFIX) :])
    return expression


class IndexTablePostgresSearchResults(RankedIdsResultsMixin, PostgresSearchResults):
    def _ranked_ids(self, start, stop):
        compiler = self.query_compiler
        query = compiler.query
        if (
            compiler.fields is not None
            or not compiler.order_by_relevance
            or isinstance(query, MatchAll | Not | Fuzzy)
        ):
            return None
        config = compiler.get_config(self.backend)
        search_query = compiler.build_tsquery(query, config=config)
        vectors = [
            (_local(vector), _local(boost))
            for vector, boost in compiler.get_search_vectors(search_query)
        ]
        rank = reduce(
            lambda a, b: a + b,
            [
                compiler.build_tsrank(vector, query, config=config) * boost
                for vector, boost in vectors
            ],
        )
        matches = reduce(or_, [Q(**{vector.name: search_query}) for vector, _ in vectors])
        wanted = compiler.queryset.annotate(_object_id=Cast("pk", TextField()))
        entries = (
            IndexEntry._default_manager.filter(
                matches,
                content_type_id__in=get_descendants_content_types_pks(compiler.queryset.model),
                object_id__in=wanted.values("_object_id"),
            )
            .annotate(score=rank)
            .order_by("-score", "-object_id")
            .values_list("object_id", "score")
        )
        return entries[start:stop]


class IndexTablePostgresSearchBackend(PostgresSearchBackend):
    results_class = IndexTablePostgresSearchResults
