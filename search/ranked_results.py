"""What both database backends share once they can rank matches on the index table alone.

Each backend (sqlite_backend.py, postgres_backend.py) provides ``ranked_entries(compiler)``: the
index entries that match the compiler's query, annotated with ``score`` and ordered best first,
or None when Wagtail's own path must handle the query (negated, match-all, unordered...). On
that, this module builds two things:

- ``RankedIdsResultsMixin``: Wagtail's ``backend.search(...)`` loads only the requested slice.
- ``RankAcrossModelsMixin.rank_across()``: several models (articles and exercises) ranked in one
  query, each model's best matches, ids and scores only, for the site search (search/engine.py).
"""

import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import F, Lookup, Q, TextField
from django.db.models.functions import Cast

from core.cache import remember_in_process

from .modelsearch_internals import SearchResultsHooks, content_type_ids, index_entry_model


class OneOf(Lookup):
    """``OneOf(F("pk"), [3, 5, 8])``: the value is one of a list of integers, sent to the
    database as one parameter. As one parameter per id, a list of hundreds of candidates costs
    Django and psycopg more to build (psycopg parses every placeholder) than the database takes
    to check it."""

    lookup_name = "one_of"
    prepare_rhs = False

    def _values(self):
        values = [int(value) for value in self.rhs]
        if not values:
            raise EmptyResultSet
        return values

    def as_sql(self, compiler, connection):  # Any other database: a plain IN (...).
        lhs, params = self.process_lhs(compiler, connection)
        values = self._values()
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*params, *values)

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*params, integer_array(self._values()))

    def as_sqlite(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        # lhs is SQL compiled by Django; the ids travel as one JSON parameter.
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, (*params, json.dumps(self._values()))


def integer_array(values):
    """A list of integers as one PostgreSQL array literal ("{3,5,8}"), for a parameter cast to
    an integer array: psycopg adapts a Python list element by element, which for a few
    thousand ids costs more than the query."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"


@dataclass(frozen=True)
class Source:
    """One kind of result to rank: its label, its model, and the rows a visitor may see."""

    label: str
    model: type
    rows: Callable  # () -> the model's queryset of rows a visitor may see
    # Says which rows: the same name gives the same rows until the content changes ("article:"
    # for every article, "article:3" for body area 3's).
    name: str


def _allowed(fields, model, queryset):
    """Index entries of ``model`` whose object is in ``queryset`` (the index stores ids as text)."""
    content_type_field, object_id_field = fields
    wanted = queryset.annotate(_object_id=Cast("pk", TextField())).values("_object_id")
    return Q(
        **{
            f"{content_type_field}__in": content_type_ids(model),
            f"{object_id_field}__in": wanted,
        }
    )


@contextmanager
def _planner_settings(using, settings=()):
    """Runs ``settings`` (SET LOCAL statements) in a transaction that the block's queries share
    and that ends them. Without settings, nothing: on SQLite (IMMEDIATE transactions) a
    transaction takes the write lock, which a read must never wait for."""
    if not settings:
        yield
        return
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for statement in settings:
            cursor.execute(statement)
        yield


def _sql(queryset):
    """(sql, params) of ``queryset``; (None, None) when it cannot match anything."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None, None


def _fetch(queryset):
    """A queryset's rows as plain tuples: a thousand candidates through Django's per-row value
    converters cost more than the database takes to find them."""
    sql, params = _sql(queryset)
    return [] if sql is None else fetch_sql(queryset.db, sql, params)


def fetch_sql(using, sql, params):
    """The rows of ``sql`` (our own SQL, values as parameters) on database ``using``."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _iterate(using, sql, params, chunk=500):
    """The rows of ``sql`` (None: no rows), a chunk at a time, so a caller can stop reading
    early."""
    if sql is None:
        return
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


class RankedIdsResultsMixin(SearchResultsHooks):
    """For the backends' SearchResults classes: rank on the index table, then load only the
    objects in the requested slice."""

    def _ranked_ids(self, backend, compiler, start, stop):
        ranked = backend.ranked_entries(compiler)
        if ranked is None:
            return None
        entries, fields = ranked
        allowed = _allowed(fields, compiler.queryset.model, compiler.queryset)
        return entries.filter(allowed).values_list(fields[1], "score")[start:stop]

    def load_results(self, backend, compiler, start, stop, score_field):
        ranked = self._ranked_ids(backend, compiler, start, stop)
        if ranked is None:
            return None
        ranked = list(ranked)
        pk_field = compiler.queryset.model._meta.pk
        ids = [pk_field.to_python(object_id) for object_id, _ in ranked]
        objects = compiler.queryset.order_by().in_bulk(ids)
        results = []
        for pk, (_, score) in zip(ids, ranked, strict=True):
            obj = objects.get(pk)
            if obj is not None:  # Deleted between the two queries.
                if score_field:
                    setattr(obj, score_field, score)
                results.append(obj)
        return results

    def count_results(self, backend, compiler):
        ranked = self._ranked_ids(backend, compiler, None, None)
        return None if ranked is None else ranked.count()


class RankAcrossModelsMixin:
    """For the backends: ``rank_across()``, several models' matches ranked in one query."""

    # SET LOCAL statements for the ranking query (see postgres_backend.py).
    RANKING_SETTINGS = ()
    # Whether matching_each() reads each entry once for all its checks: then the words are
    # checked on every entry with the phrase, in that one reading, rather than in a second
    # query on the entries without it.
    CHECKS_IN_ONE_READING = False
    # Up to this many visible entries are passed to the ranking query as a list of ids, so only
    # they are scored; past it, matches are read best first and checked against the list.
    MAX_LISTED_FILTER = 5000

    def rank_across(
        self, query, sources, limit, phrase=None, words=(), exclude=(), phrase_has_words=False
    ):
        """[(label, pk, score, matches phrase, words matched)]: the best ``limit`` matches of
        each of ``sources`` (Source: each model's matches whose pk is in its rows), best
        first. ``limit`` is a number, or {label: number}; matches in ``exclude``, a set of
        (label, object id as text), are passed over. Only ids and scores are loaded; None when
        the backend's own per-model path must answer instead.

        The index is scored once for all models together, and read best first until every
        model has its ``limit``, keeping the matches a visitor may see: which index entries
        those are is worked out once per content change (remembered_visible_entries()), not
        joined to every match on every search. So a model with few matches ("neck" finds
        hundreds of articles and a few exercises) gets its own best ``limit`` from the same
        reading. When only a few thousand entries may be shown (the exercises, a body area's
        articles), their list goes into the query, so only those are scored. (A backend may
        read each model's best apart instead, by best_first(): PostgreSQL's table of word
        scores does.)

        ``phrase`` (a query) is then checked among those entries only; the caller puts its
        matches first. So is each of ``words`` (queries), to count how many of them each entry
        has (matching_each()). With ``phrase_has_words`` (the words are parts of the phrase),
        an entry with the phrase has them all, and only the others are checked for them,
        unless the backend checks everything in one reading (CHECKS_IN_ONE_READING).
        """
        if not sources:
            return []
        room = {
            source.label: limit[source.label] if isinstance(limit, dict) else limit
            for source in sources
        }
        ranked = self.best_first(query, sources, room, exclude)
        if ranked is None:
            return None
        visible, using, sql, params = ranked
        by_content_type = self._labels(sources)
        unfilled = sum(1 for left in room.values() if left)
        rows = []
        with _planner_settings(using, self.RANKING_SETTINGS):
            for entry, score in _iterate(using, sql, params) if unfilled else ():
                found = visible.get(entry)
                if found is None:
                    continue
                _, content_type, object_id = found
                label, pk_field = by_content_type[content_type]
                if not room[label] or (label, object_id) in exclude:
                    continue
                room[label] -= 1
                rows.append((entry, label, pk_field.to_python(object_id), score))
                if not room[label]:
                    unfilled -= 1
                    if not unfilled:
                        break
            # In the same transaction: its planner settings are set once.
            in_phrase, matched = self._checks(rows, sources, phrase, words, phrase_has_words)
        return [
            (label, pk, score or 0.0, entry in in_phrase, matched.get(entry, 0))
            for entry, label, pk, score in rows
        ]

    def count_across(self, query, sources, exclude=()):
        """{label: how many matches of ``query`` a visitor may see}, for each of ``sources``,
        leaving out ``exclude`` (as rank_across()); nothing is scored, so this costs a fraction
        of ranking them. None when the backend's own path must answer instead."""
        entries = self._scored_entries(query, sources) if sources else None
        if entries is None:
            return None
        visible, entries = self._visible(entries.order_by(), sources)
        by_content_type = self._labels(sources)
        counts = {source.label: 0 for source in sources}
        with _planner_settings(entries.db, self.RANKING_SETTINGS):
            rows = _iterate(entries.db, *_sql(entries.values_list("pk")), chunk=2000)
            for (entry,) in rows:
                found = visible.get(entry)
                if found is not None:
                    label = by_content_type[found[1]][0]
                    if (label, found[2]) not in exclude:
                        counts[label] += 1
        return counts

    def best_first(self, query, sources, room, exclude):
        """(visible entries as _visible_entries() gives them, database alias, sql, params): the
        index entries matching ``query`` as (entry, score), best first, only those listed when
        few may be shown; None when the backend's own path must answer instead. A backend may
        read each kind apart, as few as it takes to find ``room`` ({label: how many}) of
        them that may be shown and are not in ``exclude``."""
        entries = self._scored_entries(query, sources)
        if entries is None:
            return None
        visible, entries = self._visible(entries, sources)
        return visible, entries.db, *_sql(entries.values_list("pk", "score"))

    def _visible(self, entries, sources):
        """(_visible_entries(), ``entries`` limited to their list when it is short enough)."""
        visible = self._visible_entries(sources)
        listed = self.listed(visible)
        if listed is not None:
            entries = self.only_entries(entries, listed)
        return visible, entries

    @staticmethod
    def _visible_entries(sources):
        """{entry: (entry, content type, object id)} of the entries a visitor may see."""
        visible = {}
        for source in sources:
            visible.update(remembered_visible_entries(source))
        return visible

    def listed(self, visible):
        """The entries of ``visible`` to give the ranking query as a list, when there are few
        enough that checking a list costs less than scoring the others; else None."""
        return list(visible) if len(visible) <= self.MAX_LISTED_FILTER else None

    @staticmethod
    def _labels(sources):
        return {
            content_type: (source.label, source.model._meta.pk)
            for source in sources
            for content_type in content_type_ids(source.model)
        }

    def _checks(self, rows, sources, phrase, words, phrase_has_words):
        """(entries of ``rows`` with the phrase, {entry: how many of ``words`` it has})."""
        in_phrase, matched = set(), {}
        entry_pks = [row[0] for row in rows]
        if (phrase is None and not words) or not rows:
            return in_phrase, matched
        if phrase is not None and phrase_has_words and words and not self.CHECKS_IN_ONE_READING:
            (in_phrase,) = self.matching_each([phrase], sources, entry_pks)
            matched = dict.fromkeys(in_phrase, len(words))
            entry_pks = [pk for pk in entry_pks if pk not in in_phrase]
            phrase = None
            if not entry_pks:
                return in_phrase, matched
        checks = ([phrase] if phrase is not None else []) + list(words)
        found = self.matching_each(checks, sources, entry_pks)
        if phrase is not None:
            in_phrase = found.pop(0)
        for entries_with_word in found:
            for entry in entries_with_word:
                matched[entry] = matched.get(entry, 0) + 1
        return in_phrase, matched

    def _scored_entries(self, query, sources):
        """ranked_entries() for ``query`` on its own (no model's rows applied); None when the
        backend's own path must answer it."""
        compiler = self.query_compiler_class(sources[0].model.objects.none(), query)
        ranked = self.ranked_entries(compiler)
        return ranked[0] if ranked is not None else None

    def matching_each(self, queries, sources, pks):
        """[those of the index entries ``pks`` that match each of ``queries``]: one query each
        here; a backend that can check them all in one reading of the entries does."""
        return [self._matching(query, sources, pks) for query in queries]

    def _matching(self, query, sources, pks):
        """Those of the index entries ``pks`` that match ``query``."""
        entries = self._scored_entries(query, sources)
        if entries is None:
            return set()
        matching = self.only_entries(entries.order_by(), pks).values_list("pk")
        return {pk for (pk,) in _fetch(matching)}

    def only_entries(self, entries, pks):
        """``entries`` restricted to the index entries ``pks``, before they are scored."""
        return entries.filter(OneOf(F("pk"), pks))


def _index_entries():
    return index_entry_model()._default_manager


def remembered_visible_entries(source):
    """{index entry: (entry, content type, object id)} of one Source's entries a visitor may
    see (a VisibleEntries), worked out once per content change in each process: every
    publish, unpublish, delete and view restriction moves the content generation on, so a
    hidden page is never found, nor a new one missed. Each source (the site's articles, a body
    area's, the exercises) is remembered apart, under its name; a few MB of ids at tens of
    thousands of entries."""
    name = f"search-visible-entries:{source.model._meta.label}:{source.name}"
    return remember_in_process(name, partial(_visible, source))


class VisibleEntries(dict):
    """remembered_visible_entries(): the entries a visitor may see, and ``hidden``, how many
    of the source's model's entries they may not (unpublished, private, another area's)."""

    hidden = 0


def _visible(source):
    shown = {str(pk) for pk in _fetch_flat(source.rows().order_by().values_list("pk"))}
    content_types = set(content_type_ids(source.model))
    entries = remember_in_process("search-index-entries", _all_entries)
    # The rows themselves, not new tuples: nothing more for the collector to track.
    ours = [row for row in entries if row[1] in content_types]
    visible = VisibleEntries((row[0], row) for row in ours if row[2] in shown)
    visible.hidden = len(ours) - len(visible)
    return visible


def _all_entries():
    """(pk, content type, object id) of every entry in the search index (one narrow read,
    shared by every source's list)."""
    return _fetch(_index_entries().values_list("pk", "content_type_id", "object_id"))


def _fetch_flat(queryset):
    return [value for (value,) in _fetch(queryset)]
