"""Visitor search: what a visitor sees at /search/ and gets from /search/suggest/."""

import re

import pytest
from django.core.cache import cache
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction

from search.models import Synonym, ZeroResultSearch

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    callout_block,
    exercise_block,
    heading_block,
    paragraph_block,
    step_block,
    update_block,
    video_block,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The synonym table is cached; a rolled-back test must not leak its synonyms.
    cache.clear()
    yield
    cache.clear()


def hits(response):
    return [(hit.kind, hit.title) for hit in response.context["hits"]]


def titles(response):
    return [hit.title for hit in response.context["hits"]]


@pytest.fixture
def corpus(site):
    neck = site.areas["neck"]
    upper = site.areas["upper-back"]
    stretch = ExerciseFactory(
        name="Magic Neck Stretch",
        summary="Gets the upper back moving so the neck can stop working so hard.",
        steps=[step_block("Tuck your chin and glide your head back."), step_block("Hold.")],
        cautions="<p>Stop if you feel tingling in your arm.</p>",
        body_areas=[neck],
    )
    rolling = ExerciseFactory(
        name="Baby Rolling",
        summary="Rolling like a baby wakes up the spine.",
        steps=[step_block("Lie on your back and reach across your body.")],
        body_areas=[upper],
    )
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for Upper Back and Neck Pain",
        summary="Two mobility exercises I recommend over and over.",
        body=[
            paragraph_block("<p>A sticky upper back is a major player in neck pain.</p>"),
            heading_block("Free Your Neck"),
            video_block(title="Free Your Neck", transcript="Breathe out and let the ribs drop."),
            exercise_block(stretch),
            update_block(
                heading="One more video I forgot",
                body=[
                    paragraph_block("<p>Improve your posture in a few minutes.</p>"),
                    exercise_block(rolling),
                ],
            ),
            callout_block("tip", heading="Go slow", text="<p>Be gentle with yourself.</p>"),
        ],
        body_areas=[neck, upper],
    )
    posture = ArticlePageFactory(
        parent=site.articles,
        title="Head forward posture",
        summary="Why the head drifts forward at a desk.",
        body=[paragraph_block("<p>Screens pull the chin forward all day.</p>")],
        body_areas=[upper],
    )
    return {"stretch": stretch, "rolling": rolling, "article": article, "posture": posture}


def test_finds_articles_and_exercises_together(corpus, client):
    response = client.get("/search/", {"q": "neck"})
    assert response.status_code == 200
    found = hits(response)
    assert ("article", "Help for Upper Back and Neck Pain") in found
    assert ("exercise", "Magic Neck Stretch") in found
    html = response.content.decode()
    assert "Article" in html and "Exercise" in html
    assert 'href="/exercises/magic-neck-stretch/"' in html
    assert 'href="/articles/help-for-upper-back-and-neck-pain/"' in html


@pytest.mark.parametrize(
    "query",
    [
        "sticky",  # paragraph
        "mobility",  # summary
        "ribs",  # video transcript
        "forgot",  # update heading
        "gentle",  # callout text
        "tingling",  # an included exercise's cautions
        "glide",  # an included exercise's steps
        "rolling",  # an exercise included inside an update
    ],
)
def test_every_part_of_an_article_is_searchable(corpus, client, query):
    assert "Help for Upper Back and Neck Pain" in titles(client.get("/search/", {"q": query}))


def test_exercise_steps_and_cautions_find_the_exercise(corpus, client):
    assert ("exercise", "Magic Neck Stretch") in hits(client.get("/search/", {"q": "chin"}))
    assert ("exercise", "Magic Neck Stretch") in hits(client.get("/search/", {"q": "tingling"}))


def test_result_shows_highlighted_excerpt_date_and_body_areas(corpus, client):
    response = client.get("/search/", {"q": "sticky", "type": "article"})
    html = response.content.decode()
    assert "A <mark>sticky</mark> upper back is a major player" in html
    hit = response.context["hits"][0]
    assert hit.date == corpus["article"].first_published_at.date() or hit.date
    assert f'datetime="{hit.date:%Y-%m-%d}"' in html
    # Body areas are listed, each leading to its area page.
    assert 'href="/areas/neck/">Neck</a>, <a href="/areas/upper-back/">Upper back</a>' in html


def test_excerpt_comes_from_the_first_text_with_a_query_word():
    from search.text import excerpt

    called = []

    def body():
        called.append("body")
        return "Roll the <shoulders> back, then tuck the chin."

    # The summary has the word: the body is never turned into text.
    assert str(excerpt(["Help for a stiff neck.", body], ["neck"])) == (
        "Help for a stiff <mark>neck</mark>."
    )
    assert called == []
    # It does not: the body is read, and its match is shown, escaped.
    shown = str(excerpt(["Help for a stiff neck.", body], ["shoulders"]))
    assert shown == "Roll the &lt;<mark>shoulders</mark>&gt; back, then tuck the chin."
    assert called == ["body"]
    # No text has the word: the start of the first text that has any words.
    assert str(excerpt(["", None, "Gentle help.", body], ["zebra"])) == "Gentle help."
    assert excerpt([None, ""], ["neck"]) == ""


def test_type_filter(corpus, client):
    assert {
        kind for kind, _ in hits(client.get("/search/", {"q": "neck", "type": "exercise"}))
    } == {"exercise"}
    assert {kind for kind, _ in hits(client.get("/search/", {"q": "neck", "type": "article"}))} == {
        "article"
    }


def test_area_filter(corpus, client):
    response = client.get("/search/", {"q": "back", "area": "upper-back"})
    found = titles(response)
    assert "Head forward posture" in found
    assert "Magic Neck Stretch" not in found  # neck only
    response = client.get("/search/", {"q": "back", "area": "neck"})
    assert "Head forward posture" not in titles(response)


def test_drafts_private_and_unpublished_never_appear(site, client):
    ArticlePageFactory(parent=site.articles, title="Zebra stretch draft", publish=False)
    unpublished = ArticlePageFactory(parent=site.articles, title="Zebra stretch withdrawn")
    unpublished.unpublish()
    private = ArticlePageFactory(parent=site.articles, title="Zebra stretch private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ExerciseFactory(name="Zebra stretch exercise draft", publish=False)
    ArticlePageFactory(parent=site.articles, title="Zebra stretch public")

    assert titles(client.get("/search/", {"q": "zebra"})) == ["Zebra stretch public"]


@pytest.mark.parametrize("area", [None, "neck"])
@pytest.mark.parametrize("listed", [True, False], ids=["visible-listed", "visible-read"])
def test_visible_results_fill_the_list_when_the_best_matches_are_hidden(
    site, client, monkeypatch, area, listed
):
    """When the best matches are drafts or private, the visible matches further down must still
    be found, in the same order: whether the visible entries go into the ranking query as a
    list, or are checked while reading matches best first."""
    from search import ranking
    from search.ranked_results import RankAcrossModelsMixin

    monkeypatch.setattr(ranking, "MAX_RESULTS", 3)
    monkeypatch.setattr(RankAcrossModelsMixin, "MAX_LISTED_FILTER", 1000 if listed else 0)
    neck = site.areas["neck"]
    for number in range(8):  # The strongest matches: "zebra" in the title, all hidden.
        ArticlePageFactory(parent=site.articles, title=f"Zebra zebra draft {number}", publish=False)
    for number in range(4):
        private = ArticlePageFactory(parent=site.articles, title=f"Zebra private {number}")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
    summaries = ["A zebra crossing.", "Zebra and zebra.", "Zebra, zebra, zebra."]
    for number, summary in enumerate(summaries):
        ArticlePageFactory(
            parent=site.articles, title=f"Neck care {number}", summary=summary, body_areas=[neck]
        )

    params = {"q": "zebra", **({"area": area} if area else {})}
    found = titles(client.get("/search/", params))
    assert sorted(found) == ["Neck care 0", "Neck care 1", "Neck care 2"]
    assert found[0] == "Neck care 2"  # three mentions outrank one


def test_what_a_visitor_may_see_is_remembered_yet_every_change_counts_at_once(
    site, client, settings
):
    """With production's remembering on, which index entries a visitor may see is worked out
    once per content change: a restriction, an unpublish, a publish and a new exercise each
    show in the very next search."""
    settings.CLINIC_REMEMBER_SECONDS = 600
    cache.clear()
    soon_private = ArticlePageFactory(parent=site.articles, title="Zebra stretch one")
    withdrawn = ArticlePageFactory(parent=site.articles, title="Zebra stretch two")
    assert sorted(titles(client.get("/search/", {"q": "zebra"}))) == [
        "Zebra stretch one",
        "Zebra stretch two",
    ]
    PageViewRestriction.objects.create(page=soon_private, restriction_type="login")
    assert titles(client.get("/search/", {"q": "zebra"})) == ["Zebra stretch two"]
    withdrawn.unpublish()
    assert titles(client.get("/search/", {"q": "zebra"})) == []
    ArticlePageFactory(parent=site.articles, title="Zebra stretch three")
    ExerciseFactory(name="Zebra walk")
    assert sorted(titles(client.get("/search/", {"q": "zebra"}))) == [
        "Zebra stretch three",
        "Zebra walk",
    ]
    cache.clear()


def test_pagination(site, client):
    for number in range(23):
        ArticlePageFactory(parent=site.articles, title=f"Shoulder roll number {number}")
    first = client.get("/search/", {"q": "shoulder"})
    assert len(first.context["hits"]) == 10
    assert first.context["page_obj"].paginator.count == 23
    third = client.get("/search/", {"q": "shoulder", "page": "3"})
    assert len(third.context["hits"]) == 3
    assert set(titles(first)).isdisjoint(titles(third))
    html = third.content.decode()
    assert "Page 3 of 3" in html
    assert 'href="?q=shoulder&amp;page=2"' in html


def test_editors_pick_is_shown_first(corpus, client):
    query = Query.get("posture")
    SearchPromotion.objects.create(
        query=query, page=corpus["article"], description="Start here", sort_order=0
    )
    response = client.get("/search/", {"q": "Posture"})
    html = response.content.decode()
    # Headed with the practitioner's name from the clinic settings, as she has typed it.
    assert "Sharon Bryant recommends" in html
    picks_at = html.index("Sharon Bryant recommends")
    assert html.index("Help for Upper Back and Neck Pain", picks_at) < html.index(
        "Head forward posture", picks_at
    )
    assert "Start here" in html


def test_editors_picks_heading_follows_the_clinic_settings(corpus, client, site):
    SearchPromotion.objects.create(query=Query.get("posture"), page=corpus["article"])
    site.settings.practitioner = None
    site.settings.save()
    html = client.get("/search/", {"q": "posture"}).content.decode()
    assert ">Recommended</h2>" in html
    assert "Sharon" not in html


def test_promotion_of_a_login_only_page_shows_nothing_of_it(site, client):
    private = ArticlePageFactory(parent=site.articles, title="Members only neck plan")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    below = ArticlePageFactory(parent=private, title="Hidden below a private page")
    public = ArticlePageFactory(parent=site.articles, title="Neck care for everyone")
    query = Query.get("neck")
    for number, page in enumerate([private, below, public]):
        SearchPromotion.objects.create(
            query=query, page=page, description=f"Secret plan {number}", sort_order=number
        )
    html = client.get("/search/", {"q": "neck"}).content.decode()
    assert "Members only neck plan" not in html and "Hidden below" not in html
    assert "Secret plan 0" not in html and "Secret plan 1" not in html
    assert "Neck care for everyone" in html and "Secret plan 2" in html


def test_remembered_picks_and_areas_follow_every_change(site, client, settings):
    """With production's remembering on, editor's picks and body areas are read once per
    content change: a new promotion, a page made private and a renamed area each show in the
    very next search."""
    settings.CLINIC_REMEMBER_SECONDS = 600
    cache.clear()
    neck = site.areas["neck"]
    article = ArticlePageFactory(
        parent=site.articles, title="Zebra neck care", summary="Zebra.", body_areas=[neck]
    )
    other = ArticlePageFactory(parent=site.articles, title="Zebra posture")
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "Start with this one" not in html
    SearchPromotion.objects.create(
        query=Query.get("zebra"), page=other, description="Start with this one", sort_order=0
    )
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "Start with this one" in html
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "Start with this one" not in html and "Zebra posture" not in html
    neck.name = "Neck and jaw"
    neck.save()
    response = client.get("/search/", {"q": "zebra"})
    assert [area.name for area in response.context["hits"][0].areas] == ["Neck and jaw"]
    assert response.context["hits"][0].obj.pk == article.pk
    cache.clear()


def test_every_search_is_counted_once(corpus, client):
    client.get("/search/", {"q": "Stiff  Neck"})
    client.get("/search/", {"q": "stiff neck"})
    client.get("/search/", {"q": "stiff neck", "page": "2"})  # same search, next page
    client.get("/search/", {"q": ""})
    query = Query.objects.get(query_string="stiff neck")
    assert query.hits == 2
    assert QueryDailyHits.objects.count() == 1


def test_zero_result_searches_are_recorded(corpus, client):
    client.get("/search/", {"q": "plantar fasciitis"})
    client.get("/search/", {"q": "Plantar fasciitis"})
    client.get("/search/", {"q": "neck"})
    assert list(ZeroResultSearch.objects.values_list("query_string", "hits")) == [
        ("plantar fasciitis", 2)
    ]


def test_no_results_page_is_kind_and_helpful(corpus, client):
    response = client.get("/search/", {"q": "<b>sciatica</b>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing found for “&lt;b&gt;sciatica&lt;/b&gt;”" in html
    assert "<b>sciatica" not in html
    assert "Browse by body area" in html and "Upper back" in html
    assert "Popular articles" in html
    assert "Head forward posture" in html


def test_synonyms_expand_the_query_not_the_content(corpus, client):
    assert titles(client.get("/search/", {"q": "crick"})) == []
    Synonym.objects.create(term="Crick", alternatives="stiff neck, neck pain")
    response = client.get("/search/", {"q": "crick"})
    assert "Help for Upper Back and Neck Pain" in titles(response)
    # The excerpt shows the synonym's words, so the visitor sees why it was found.
    assert "<mark>neck</mark>" in response.content.decode()
    # Content is untouched: the article still does not say "crick".
    assert "crick" not in corpus["article"].search_body_text().lower()


def test_multi_word_synonym(corpus, client):
    Synonym.objects.create(term="shoulder blades", alternatives="upper back")
    found = titles(client.get("/search/", {"q": "between the shoulder blades"}))
    assert "Help for Upper Back and Neck Pain" in found


def test_synonym_cache_is_refreshed_on_delete(corpus, client):
    synonym = Synonym.objects.create(term="crick", alternatives="stiff neck")
    assert titles(client.get("/search/", {"q": "crick"}))
    synonym.delete()
    assert titles(client.get("/search/", {"q": "crick"})) == []


def test_long_questions_fall_back_to_any_word(corpus, client):
    found = titles(client.get("/search/", {"q": "what can I do about my terrible posture"}))
    assert found[0] == "Head forward posture"


def test_suggest_returns_titles_of_both_kinds(corpus, client):
    response = client.get("/search/suggest/", {"q": "mag"})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"title": "Magic Neck Stretch", "url": "/exercises/magic-neck-stretch/", "kind": "exercise"}
    ]
    results = client.get("/search/suggest/", {"q": "hea"}).json()["results"]
    assert {
        "title": "Head forward posture",
        "url": "/articles/head-forward-posture/",
        "kind": "article",
    } in results


def test_suggest_is_capped_and_ignores_short_or_empty_input(site, client):
    for number in range(12):
        ArticlePageFactory(parent=site.articles, title=f"Neck tip {number}")
    assert len(client.get("/search/suggest/", {"q": "neck"}).json()["results"]) == 8
    assert client.get("/search/suggest/", {"q": "n"}).json()["results"] == []
    assert client.get("/search/suggest/").json()["results"] == []


def test_search_box_on_every_page_and_works_without_javascript(corpus, client):
    for url in ["/", "/articles/", "/exercises/", corpus["article"].url]:
        html = client.get(url).content.decode()
        form = re.search(r'<form[^>]*role="search"[^>]*>', html).group(0)
        assert 'action="/search/"' in form and 'method="get"' in form
        assert 'id="site-search-q"' in html and 'name="q"' in html


def test_suggestion_script_is_loaded_deferred(client, site):
    html = client.get("/search/").content.decode()
    assert re.search(r'<script src="/static/js/search-suggest\.js" defer>', html)


def test_empty_search_page_invites_a_query(site, client):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Search articles and exercises" in html
    assert response.context["hits"] == []
