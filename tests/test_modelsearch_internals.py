"""What search/modelsearch_internals.py takes from modelsearch beyond its public API.

One test per internal, asserting the property our backends depend on, so that a modelsearch
upgrade that changes one fails here, named, rather than as a wrong ranking somewhere else.
SQLite-only pieces are checked on SQLite, PostgreSQL-only ones on PostgreSQL.
"""

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Expression, F
from modelsearch.backends import get_search_backend
from modelsearch.query import MatchAll, Not, PlainText
from wagtail.models import Page

from articles.models import ArticlePage
from search import modelsearch_internals as internals

from .factories import ArticlePageFactory, paragraph_block

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 only")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def zebra_article(site, title="Zebra stripes", body="<p>Black and white.</p>"):
    return ArticlePageFactory(
        parent=site.articles, title=title, summary="Stripes.", body=[paragraph_block(body)]
    )


def compiler_for(query, queryset=None):
    """A query compiler of modelsearch's own database backend, as our backends get one."""
    backend = internals.database_backend({})
    queryset = ArticlePage.objects.all() if queryset is None else queryset
    return backend, backend.query_compiler_class(queryset, query)


def parameters(function):
    return list(inspect.signature(function).parameters)


# --- on every database -----------------------------------------------------------------------


def test_database_backend_is_modelsearchs_backend_for_this_database(db):
    """backends.py picks our subclass by the class name of modelsearch's choice."""
    backend = internals.database_backend({})
    assert internals.is_sqlite_fts_backend(backend) == (connection.vendor == "sqlite")
    assert internals.is_postgres_backend(backend) == (connection.vendor == "postgresql")


def test_content_type_ids_cover_the_model_and_its_subclasses(db):
    article_type = ContentType.objects.get_for_model(ArticlePage).pk
    assert article_type in internals.content_type_ids(ArticlePage)
    assert article_type in internals.content_type_ids(Page)
    assert ContentType.objects.get_for_model(Page).pk not in internals.content_type_ids(ArticlePage)


def test_add_and_multiply_balanced_reduce_any_iterable():
    assert internals.add_balanced([1, 2, 3, 4]) == 10
    assert internals.multiply_balanced(n for n in [1, 2, 3, 4]) == 24
    assert isinstance(internals.add_balanced([F("a"), F("b"), F("c")]), Expression)


def test_index_entry_model_stores_each_object_by_content_type_and_text_id(site):
    article = zebra_article(site)
    model = internals.index_entry_model()
    assert {"content_type", "object_id", "title", "body"} <= {f.name for f in model._meta.fields}
    assert model._meta.get_field("object_id").get_internal_type() == "CharField"
    entry = model._default_manager.get(
        content_type=ContentType.objects.get_for_model(ArticlePage), object_id=str(article.pk)
    )
    # postgres_backend.py and the compilers reach the entries through this generic relation.
    assert list(article.index_entries.all()) == [entry]


def test_compiler_has_build_rank_expression(db):
    _, compiler = compiler_for(PlainText("zebra"))
    assert parameters(compiler._build_rank_expression) == ["vectors", "config"]
    vectors = [(F("index_entry__title"), 1.0)]
    assert isinstance(internals.rank_expression(compiler, vectors, None), Expression)


def test_compiler_attributes_our_backends_read(db):
    query, queryset = PlainText("zebra"), ArticlePage.objects.live()
    backend, compiler = compiler_for(query, queryset)
    assert compiler.queryset is queryset
    assert compiler.query is query
    assert compiler.fields is None
    assert compiler.order_by_relevance is True
    assert compiler.get_config(backend) == backend.config
    assert parameters(compiler.build_tsrank) == ["vector", "query", "config", "boost"]


def test_backend_search_uses_its_compiler_and_results_classes(db):
    """Our backends swap these two class attributes for their own subclasses."""
    backend = get_search_backend()
    results = backend.search(PlainText("zebra"), ArticlePage.objects.all())
    assert type(results) is backend.results_class
    assert type(results.query_compiler) is backend.query_compiler_class


def test_search_results_carry_score_after_a_ranked_search(site):
    zebra_article(site)
    for backend in (internals.database_backend({}), get_search_backend()):
        results = backend.search(PlainText("zebra"), ArticlePage.objects.all())
        scored = list(internals.with_scores(results))
        assert [obj.title for obj, _ in scored] == ["Zebra stripes"]
        obj, score = scored[0]
        assert isinstance(score, float)
        assert getattr(obj, internals.SCORE_ATTRIBUTE) == score


def test_results_do_search_and_do_count_go_to_our_hooks(site):
    """results() runs _do_search(), count() runs _do_count(), with the slice and the field that
    annotate_score() named; a hook returning None leaves the query to modelsearch."""
    zebra_article(site)
    backend, compiler = compiler_for(PlainText("zebra"))
    calls = []

    class Probe(internals.SearchResultsHooks, backend.results_class):
        def load_results(self, backend, compiler, start, stop, score_field):
            calls.append((start, stop, score_field))
            return ["sentinel"]

        def count_results(self, backend, compiler):
            return 7

    results = Probe(backend, compiler)
    assert list(results.annotate_score("rank")[2:5]) == ["sentinel"]
    assert calls == [(2, 5, "rank")]
    assert Probe(backend, compiler).count() == 7

    class Fallback(internals.SearchResultsHooks, backend.results_class):
        pass

    assert [page.title for page in Fallback(backend, compiler)] == ["Zebra stripes"]
    assert Fallback(backend, compiler).count() == 1


def test_importing_the_module_loads_no_database_specific_backend():
    """sqlite_fts() and postgres() import on first call: the other database's models are missing."""
    code = (
        "import sys, django; django.setup();"
        " import search.backends, search.engine, search.ranking, search.modelsearch_internals;"
        " print(sorted(m for m in sys.modules if m.endswith(('.sqlite.sqlite', '.sqlite.query',"
        " '.postgres.postgres'))))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clinic.settings.test"}
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# --- SQLite FTS5 -----------------------------------------------------------------------------


@on_sqlite
def test_sqlite_fts_pieces_import_on_sqlite(db):
    fts = internals.sqlite_fts()
    assert issubclass(fts.backend_class, type(internals.database_backend({})))
    assert fts.backend_class.query_compiler_class is fts.compiler_class
    assert fts.backend_class.results_class is fts.results_class
    index_entry = fts.entry_model._meta.get_field("index_entry")
    assert index_entry.primary_key
    assert index_entry.related_model is internals.index_entry_model()


@on_sqlite
def test_sqlite_fts_column_order_is_autocomplete_body_title(db):
    """WeightedBM25 passes bm25() one weight per column in this order."""
    table = internals.sqlite_fts().entry_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA table_info({table})")
        columns = [row[1] for row in cursor.fetchall()]
    assert columns == ["autocomplete", "body", "title"]


@on_sqlite
def test_sqlite_bm25_is_bm25_of_the_fts_table_and_lower_is_better(site):
    zebra_article(site, title="Zebra crossing safety")
    zebra_article(site, title="Zebra zebra zebra")
    fts = internals.sqlite_fts()
    table = fts.entry_model._meta.db_table
    assert fts.bm25().as_sql(None, connection) == (f"bm25({table})", [])
    assert parameters(fts.bm25.as_sql) == ["self", "compiler", "connection", "function", "template"]
    _, compiler = compiler_for(PlainText("zebra"))
    match = fts.match(["title"], compiler.build_search_query(PlainText("zebra")))
    scores = fts.entry_model.objects.filter(match).annotate(score=fts.bm25()).order_by("score")
    ranked = [(entry.index_entry.title, entry.score) for entry in scores]
    assert ranked[0][0] == "Zebra zebra zebra"
    assert all(score < 0 for _, score in ranked)


@on_sqlite
def test_sqlite_match_expression_matches_only_the_columns_given(site):
    zebra_article(site, title="Zebra stripes", body="<p>Black and white.</p>")
    fts = internals.sqlite_fts()
    _, compiler = compiler_for(PlainText("zebra"))
    query = compiler.build_search_query(PlainText("zebra"), config=None)
    assert fts.entry_model.objects.filter(fts.match(["title"], query)).count() == 1
    assert fts.entry_model.objects.filter(fts.match(["body"], query)).count() == 0
    assert set(compiler.FTS_TABLE_FIELDS) <= {"autocomplete", "body", "title"}


@on_sqlite
def test_sqlite_normalize_leaves_a_negation_at_the_top():
    normalize = internals.sqlite_fts().normalize
    query = PlainText("neck")
    assert normalize(query) is query
    assert isinstance(normalize(Not(PlainText("neck"))), Not)
    assert isinstance(normalize(MatchAll()), MatchAll)


@on_sqlite
def test_sqlite_search_vectors_come_from_get_index_vectors(db):
    """WeightedSQLiteQueryCompiler overrides get_index_vectors(); ranking reads
    get_search_vectors()."""
    _, compiler = compiler_for(PlainText("zebra"))
    names = [vector.name for vector, _ in compiler.get_index_vectors()]
    assert names == ["index_entry__title", "index_entry__body"]
    compiler.get_index_vectors = lambda: [(F("index_entry__title"), 1.0)]
    assert compiler.get_search_vectors() == [(F("index_entry__title"), 1.0)]


# --- PostgreSQL ------------------------------------------------------------------------------


@on_postgres
def test_postgres_pieces_import_on_postgres(db):
    pg = internals.postgres()
    assert type(internals.database_backend({})) is pg.backend_class
    assert pg.backend_class.results_class is pg.results_class
    assert pg.backend_class({"SEARCH_CONFIG": "english"}).config == "english"
    assert get_search_backend().config == "english"


@on_postgres
def test_postgres_index_entry_is_the_model_the_backend_searches(db):
    from modelsearch.backends.database.postgres import postgres

    assert postgres.IndexEntry is internals.index_entry_model()
    model = internals.index_entry_model()
    for name in ("title", "body"):
        assert model._meta.get_field(name).get_internal_type() == "SearchVectorField"


@on_postgres
def test_postgres_compiler_builds_tsquery_vectors_and_weights(db):
    """postgres_backend.py ranks with these on the index table, dropping the vectors'
    "index_entries__" prefix."""
    backend, compiler = compiler_for(PlainText("zebra"))
    search_query = compiler.build_tsquery(PlainText("zebra"), config=backend.config)
    assert isinstance(search_query, Expression)
    names = [vector.name for vector, _ in compiler.get_search_vectors(search_query)]
    assert names == ["index_entries__title", "index_entries__body"]
    assert compiler.sql_weights
    # search/term_scores.py scores each word with these, and ranks as title * title_norm + body.
    assert compiler.sql_weights == internals.postgres_weights()
    boosts = [boost for _, boost in compiler.get_search_vectors(search_query)]
    assert boosts[0].name == "index_entries__title_norm"
    assert boosts[1] == 1.0


# --- the index's own word list (spelling.py) --------------------------------------------------


def test_index_words_lists_every_indexed_word_with_its_entry_count(site):
    """SQLite: fts5vocab over the FTS table, words as written. PostgreSQL: ts_stat() over the
    entries' title and body tsvectors, english stems."""
    zebra_article(site, title="Zebra stripes", body="<p>Grazing zebras.</p>")
    zebra_article(site, title="Zebra crossing", body="<p>Look both ways.</p>")
    words, stemmed = internals.index_words()
    assert stemmed == (connection.vendor == "postgresql")
    if stemmed:
        assert words["zebra"] == 2
        assert {"stripe", "graze", "cross"} <= set(words)
    else:
        assert words["zebra"] == 2
        assert {"stripes", "grazing", "zebras", "crossing"} <= set(words)
    # Read-only: the search index is unchanged and can be read again.
    assert internals.index_words()[0] == words
