"""PostgreSQL's table of each index entry's score for each word (search/term_scores.py): it follows
the index through every change, and ranks as ts_rank() over the whole query does."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from modelsearch.backends import get_search_backend

from search import term_scores
from search.models import Synonym
from search.ranked_results import RankAcrossModelsMixin, _iterate, _planner_settings
from search.ranking import _sources, build_query, search_variants

from .factories import ArticlePageFactory, ExerciseFactory, paragraph_block, step_block

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the table exists on PostgreSQL only"
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# --- which queries the table can rank (no database) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("'neck'", (("neck",),)),
        ("'neck' | 'stiff' | 'crick'", (("neck",), ("stiff",), ("crick",))),
        ("'blade' & 'shoulder' | 'back' & 'upper'", (("blade", "shoulder"), ("back", "upper"))),
        ("'crick' | 'neck' & 'stiff'", (("crick",), ("neck", "stiff"))),
        ("'it''s' | 'a\\\\b'", (("it's",), ("a\\b",))),
        ("'neck' & 'neck'", (("neck",),)),  # one word twice is one word
    ],
)
def test_words_and_ors_of_words_are_ranked_from_the_table(text, groups):
    assert term_scores.parse(text).groups == groups


@pytest.mark.parametrize(
    "text",
    [
        "'stiff' & 'neck'",  # AND only: ts_rank() weighs how near the words are
        "'stiff' <-> 'neck'",  # a phrase
        "'neck':*",  # a prefix
        "'neck':A",  # a weight
        "!'neck'",
        "( 'a' | 'b' ) & 'c'",
        "'neck' |",
        "",
    ],
)
def test_anything_else_keeps_ts_rank(text):
    assert term_scores.parse(text) is None


# --- the table itself (PostgreSQL) -------------------------------------------------------------


def words_of(obj):
    """{lexeme: (in the title, in the body)} of ``obj``'s index entry, from the table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT score.lexeme, score.in_title, score.in_body FROM search_termscore score"
            " JOIN wagtailsearch_indexentry entry ON entry.id = score.entry_id"
            " WHERE entry.object_id = %s AND entry.content_type_id = %s",
            [str(obj.pk), ContentType.objects.get_for_model(type(obj)).pk],
        )
        return {lexeme: (in_title, in_body) for lexeme, in_title, in_body in cursor.fetchall()}


@on_postgres
def test_the_table_follows_every_edit_and_delete(site):
    article = ArticlePageFactory(
        parent=site.articles,
        title="Posture at the desk",
        summary="Sit tall.",
        body=[paragraph_block("<p>Breathe out slowly.</p>")],
    )
    words = words_of(article)
    assert words["postur"] == (True, False)  # stemmed, in the title only
    assert words["breath"] == (False, True)
    article.title = "Shoulders at the desk"
    article.body = [paragraph_block("<p>Roll them back.</p>")]
    article.save_revision().publish()
    words = words_of(article)
    assert "postur" not in words and "breath" not in words
    assert words["shoulder"] == (True, False)
    assert words["roll"] == (False, True)
    article.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_termscore WHERE lexeme = 'roll'")
        assert cursor.fetchone()[0] == 0


@on_postgres
def test_emptying_the_index_empties_the_table(site):
    ExerciseFactory(name="Chin tuck", summary="A nod.", steps=[step_block("Glide back.")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_termscore")
        assert cursor.fetchone()[0] > 0
        # Django's foreign keys are checked at commit; TRUNCATE wants none pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE wagtailsearch_indexentry")
        cursor.execute("SELECT count(*) FROM search_termscore")
        assert cursor.fetchone()[0] == 0


@pytest.fixture
def corpus(site):
    texts = [
        ("Stiff neck after sleeping", "A crick in the morning.", "Neck, neck and more neck."),
        ("Between the shoulder blades", "Upper back knots.", "Shoulder blades glide back."),
        ("Upper back and neck", "Desk posture.", "Your upper back holds your neck up."),
        ("Desk posture", "Sit tall.", "Posture is a habit; the neck follows the back."),
        ("Rounded shoulders", "Open the chest.", "Shoulders forward, upper back stiff."),
        ("Sleep and your neck", "Pillows.", "A stiff pillow, a stiff neck."),
    ]
    for title, summary, body in texts:
        ArticlePageFactory(
            parent=site.articles,
            title=title,
            summary=summary,
            body=[paragraph_block(f"<p>{body}</p>")],
        )
    for name, summary in [("Neck glide", "Eases the neck."), ("Wall angel", "Upper back.")]:
        ExerciseFactory(name=name, summary=summary, steps=[step_block("Move slowly.")])
    Synonym.objects.create(term="shoulder blades", alternatives="upper back")
    Synonym.objects.create(term="crick", alternatives="stiff neck")


def ranked(best_first, query):
    backend = get_search_backend()
    sources = _sources(None)
    room = {source.label: 200 for source in sources}
    _, using, sql, params = best_first(backend, query, sources, room, ())
    with _planner_settings(using, backend.RANKING_SETTINGS):
        rows = list(_iterate(using, sql, params))
    return sorted(rows, key=lambda row: (-round(row[1], 9), -row[0]))


@on_postgres
@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    ("words", "operator"),
    [
        ("neck", "and"),  # one word
        ("crick", "and"),  # 'crick' | 'neck' & 'stiff'
        ("between shoulder blades", "and"),  # ORs of ANDs
        ("between shoulder blades", "or"),  # every word, by OR
        ("stiff neck", "or"),
    ],
)
def test_the_table_ranks_as_ts_rank_does(words, operator):
    backend = get_search_backend()
    query = build_query(search_variants(words.split()), operator)
    assert backend._word_query(query, _sources(None)[0].model) is not None  # the table answers
    from_table = ranked(type(backend).best_first, query)
    from_ts_rank = ranked(RankAcrossModelsMixin.best_first, query)
    assert from_table, words
    assert [entry for entry, _ in from_table] == [entry for entry, _ in from_ts_rank]
    for (_, score), (_, expected) in zip(from_table, from_ts_rank, strict=True):
        assert score == pytest.approx(expected, rel=1e-6)


@on_postgres
@pytest.mark.usefixtures("corpus")
def test_changed_weights_rescore_every_entry_after_migrate():
    backend = get_search_backend()
    query = build_query([["neck"]], "and")
    expected = ranked(RankAcrossModelsMixin.best_first, query)
    with connection.cursor() as cursor:
        # As if the table had been scored with other boosts than the code now gives.
        cursor.execute("UPDATE search_termscore_weights SET weights = '{1,1,1,1}'")
        cursor.execute("SELECT search_termscore_rebuild()")
    term_scores._ready.cache_clear()
    # Scored with other weights than the code's: ts_rank() ranks until the table is rescored.
    assert not term_scores.ready(connection.alias)
    assert ranked(type(backend).best_first, query) == expected
    term_scores.sync_weights(connection.alias)
    assert term_scores.ready(connection.alias)
    rescored = ranked(type(backend).best_first, query)
    assert [score for _, score in rescored] == pytest.approx([score for _, score in expected])


@on_postgres
def test_a_kind_is_read_past_the_entries_a_visitor_may_not_see(site):
    """Each kind reads only as many of its best as it takes: with room for one article, the
    best match, unpublished, is read past and the next one listed."""
    hidden = ArticlePageFactory(
        parent=site.articles,
        title="Neck, neck, neck",
        summary="Neck.",
        body=[paragraph_block("<p>Neck and neck.</p>")],
    )
    hidden.unpublish()
    shown = ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        summary="Gentle moves.",
        body=[paragraph_block("<p>Go slowly.</p>")],
    )
    assert "neck" in words_of(hidden)  # still in the index, only not shown
    backend = get_search_backend()
    rows = backend.rank_across(build_query([["neck"]], "and"), _sources(None), 1)
    assert [(kind, pk) for kind, pk, *_ in rows] == [("article", shown.pk)]
