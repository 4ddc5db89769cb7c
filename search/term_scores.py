"""On PostgreSQL: each index entry's score for each of its words, kept in a table of its own.

PostgreSQL's ts_rank() of one word, or of words joined by OR (the words of a search with only
some of them found, or its synonym variants: ``'blade' & 'shoulder' | 'back' & 'upper'``),
scores each distinct word of the query on its own, adds those scores and divides by how many
words there are (calc_rank_or() in its tsrank.c). So a table of (entry, word, score) gives the
same ranking from an index: one word's best entries are read in order, without reading or
ranking a body, and several words' scores are added up from narrow rows. Ranking "neck" with
ts_rank() reads and scores every matching body (about 10,000 at 10,000 articles).

Words joined only by AND keep ts_rank(): PostgreSQL scores them by how near they are to each
other (calc_rank_and()), which the table does not hold.

The table (``search_termscore``) is filled by a trigger on the index table, in the same
transaction as every insert, update and delete of an index entry, whoever writes it (Wagtail's
signal handlers, ``update_index``, a bulk upsert); a TRUNCATE of the index empties it too. Each
word's score uses the weights modelsearch gives the parts of a vector, which follow the search
fields' boosts in the code: after every ``migrate``, ``sync_weights()`` scores every entry again
when they are not the ones the table holds (the first time, after the migration creating it).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db import connections, transaction

from .modelsearch_internals import postgres_weights
from .ranked_results import integer_array

TABLE = "search_termscore"


def sync_weights(using):
    """Rescore every entry if modelsearch's weights are not the ones the table was scored with
    (after ``migrate``: a search field's boost changed). Nothing to do on other databases."""
    connection = connections[using]
    if connection.vendor != "postgresql" or TABLE not in connection.introspection.table_names():
        return
    weights = postgres_weights()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if _scored_with(cursor, weights):
            return
        cursor.execute("DELETE FROM search_termscore_weights")
        cursor.execute("INSERT INTO search_termscore_weights (weights) VALUES (%s)", [weights])
        cursor.execute("SELECT search_termscore_rebuild()")
        cursor.execute("ANALYZE search_termscore")
    _ready.cache_clear()


def ready(using):
    """Whether the table is scored with the weights the code gives now: checked once per
    process. Until ``migrate`` has run since a search field's boost changed, ts_rank() ranks
    instead, so an order is never built from scores of other weights."""
    return _ready(using, postgres_weights())


@lru_cache(maxsize=8)
def _ready(using, weights):
    with connections[using].cursor() as cursor:
        return _scored_with(cursor, weights)


def _scored_with(cursor, weights):
    """Whether the table holds scores made with ``weights`` (PostgreSQL array text)."""
    cursor.execute(
        "SELECT count(*) FROM search_termscore_weights WHERE weights = %s::real[]", [weights]
    )
    return bool(cursor.fetchone()[0])


@dataclass(frozen=True)
class WordQuery:
    """A text search query that the table can rank: ``groups`` of words, an entry matching
    when its title or its body has every word of one group (one group of one word: a word;
    groups of one word each: words joined by OR)."""

    groups: tuple  # of tuples of lexemes
    lexemes: tuple  # every distinct lexeme, in order

    @classmethod
    def from_groups(cls, groups):
        groups = tuple(tuple(dict.fromkeys(group)) for group in groups)
        lexemes = tuple(dict.fromkeys(lexeme for group in groups for lexeme in group))
        return cls(groups, lexemes)


_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'|(&|\|))")
# Two bits of a bigint mask per word (in the title, in the body), for the "has every word of a
# group" test.
MAX_WORDS = 31


@lru_cache(maxsize=1024)
def parse(text):
    """The WordQuery for a tsquery as PostgreSQL prints it (``'neck'``, ``'a' & 'b' | 'c'``),
    or None when the table cannot rank it the way ts_rank() does: words joined only by AND,
    or anything but words, AND and OR (NOT, phrases, prefixes, weights, brackets)."""
    groups, group, position, expect_word = [], [], 0, True
    while position < len(text):
        if not text[position:].strip():
            break
        match = _TOKEN.match(text, position)
        if match is None:
            return None
        position = match.end()
        word, operator = match.groups()
        if expect_word:
            if word is None:
                return None
            group.append(re.sub(r"\\(.)", r"\1", word.replace("''", "'")))
        elif operator == "|":
            groups.append(group)
            group = []
        elif operator != "&":
            return None
        expect_word = not expect_word
    if expect_word or not group:  # empty, or ends with an operator
        return None
    groups.append(group)
    query = WordQuery.from_groups(groups)
    if len(query.groups) == 1 and len(query.lexemes) > 1:
        return None  # AND only: ts_rank() weighs how near the words are.
    if len(query.lexemes) > MAX_WORDS:
        return None
    return query


@dataclass(frozen=True)
class Part:
    """One kind's share of a ranking: its content types, the entries it may list (None: any),
    and how many of its best to read (None: all)."""

    content_types: list
    listed: list = None
    limit: int = None


def ranking_sql(query, parts):
    """(sql, params): for each of ``parts`` (Part), its entries matching ``query`` (a
    WordQuery) as (entry id, score), best first as ts_rank() of the query over title and
    body orders them, each part read apart (the rows of two parts are not in one order)."""
    statements, params = [], []
    for part in parts:
        sql, part_params = _part_sql(query, part)
        statements.append(f"({sql})")
        params += part_params
    return " UNION ALL ".join(statements), params


def _part_sql(query, part):
    if len(part.content_types) == 1:  # = keeps the index's order, where = ANY() would not
        kind, kind_params = " AND content_type_id = %s", [part.content_types[0]]
    else:
        kind = " AND content_type_id = ANY(%s::integer[])"
        kind_params = [integer_array(part.content_types)]
    if part.listed is not None:
        kind += " AND entry_id = ANY(%s::integer[])"
        kind_params.append(integer_array(part.listed))
    order = " ORDER BY score DESC, entry_id DESC"
    limit, limit_params = ("", []) if part.limit is None else (" LIMIT %s", [part.limit])
    if len(query.lexemes) == 1:
        # Read in order from the (lexeme, content type, score, entry) index.
        sql = f"SELECT entry_id, score FROM {TABLE} WHERE lexeme = %s{kind}"  # noqa: S608
        return f"{sql}{order}{limit}", [query.lexemes[0], *kind_params, *limit_params]
    lexemes = list(query.lexemes)
    count = float(len(lexemes))
    if all(len(group) == 1 for group in query.groups):
        # Words joined by OR: every entry with one of them matches.
        sql = (
            f"SELECT entry_id, sum(score) / %s AS score FROM {TABLE}"  # noqa: S608
            f" WHERE lexeme = ANY(%s::text[]){kind} GROUP BY entry_id"
        )
        return f"{sql}{order}{limit}", [count, lexemes, *kind_params, *limit_params]
    # With a group of several words, an entry must have every word of one group in its title,
    # or every word of it in its body (ts_rank() matches each vector on its own). Word i of the
    # query is bit 2i of a mask where the title has it and bit 2i + 1 where the body has: each
    # word's rows are read apart, tagged with its bits as constants, which costs less than
    # working out each row's word from a list.
    branches = " UNION ALL ".join(
        "SELECT entry_id, score,"  # noqa: S608 (only our own SQL)
        f" (in_title::int | (in_body::int << 1))::bigint << {2 * number} AS places"
        f" FROM {TABLE} WHERE lexeme = %s{kind}"
        for number in range(len(lexemes))
    )
    params = [count]
    for lexeme in lexemes:
        params += [lexeme, *kind_params]
    tests = []
    for group in query.groups:
        title = sum(1 << (2 * lexemes.index(word)) for word in group)
        tests.append("(places & %s::bigint) = %s::bigint OR (places & %s::bigint) = %s::bigint")
        params += [title, title, title << 1, title << 1]
    sql = (
        "SELECT entry_id, score FROM ("  # noqa: S608
        "SELECT entry_id, sum(score) / %s AS score, bit_or(places) AS places"
        f" FROM ({branches}) AS found GROUP BY entry_id) AS scored WHERE {' OR '.join(tests)}"
    )
    return f"{sql}{order}{limit}", [*params, *limit_params]
