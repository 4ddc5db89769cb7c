"""One ranked list behind every tab: "Everything" and the type filters agree, results with all
the words come before those with some, and the page says what else was searched."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from search.models import Synonym

from .factories import ArticlePageFactory, ExerciseFactory, paragraph_block, step_block


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def corpus(site):
    """Articles saying "stiff neck", exercises saying only "neck" (as in the demo content)."""
    neck = site.areas["neck"]
    for title, summary in [
        ("Help for a stiff neck", "Gentle moves."),
        ("Stiff mornings and your neck", "Warm up slowly."),
    ]:
        ArticlePageFactory(
            parent=site.articles,
            title=title,
            summary=summary,
            body=[paragraph_block("<p>Take it slowly.</p>")],
            body_areas=[neck],
        )
    ArticlePageFactory(
        parent=site.articles,
        title="Desk habits",
        summary="Your neck at the screen.",
        body=[paragraph_block("<p>Sit tall.</p>")],
    )
    for name in ("Neck glide", "Neck turn", "Neck tilt"):
        ExerciseFactory(
            name=name,
            summary="Eases the neck.",
            steps=[step_block("Move slowly.")],
            body_areas=[neck],
        )
    Synonym.objects.create(term="crick", alternatives="stiff neck")


def tabs(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.search-tabs")
    return {link.get_text(" ", strip=True): link for link in nav.select("a")} if nav else {}


def shown(response):
    return [(hit.kind, hit.title) for hit in response.context["hits"]]


@pytest.mark.parametrize("query", ["stiff neck", "crick"])
def test_everything_lists_what_each_type_filter_lists(corpus, client, query):
    everything = shown(client.get("/search/", {"q": query}))
    articles = shown(client.get("/search/", {"q": query, "type": "article"}))
    exercises = shown(client.get("/search/", {"q": query, "type": "exercise"}))
    assert len(exercises) == 3
    assert len(articles) == 3
    assert sorted(everything) == sorted(articles + exercises)
    # Each filter keeps Everything's order.
    assert [hit for hit in everything if hit[0] == "article"] == articles
    assert [hit for hit in everything if hit[0] == "exercise"] == exercises


def test_tab_counts_are_the_lengths_of_the_lists(corpus, client):
    response = client.get("/search/", {"q": "stiff neck", "type": "exercise"})
    found = tabs(response)
    assert list(found) == ["Everything (6)", "Articles (3)", "Exercises (3)"]
    assert found["Exercises (3)"]["aria-current"] == "page"
    assert "aria-current" not in found["Everything (6)"].attrs
    assert found["Articles (3)"]["href"] == "?q=stiff+neck&type=article"
    for label, link in found.items():
        listed = client.get("/search/" + link["href"])
        count = int(label.rsplit("(", 1)[1].rstrip(")"))
        assert listed.context["page_obj"].paginator.count == count
        assert f"{count} result" in listed.content.decode()


def test_results_with_every_word_come_first_then_some_under_a_heading(corpus, client):
    response = client.get("/search/", {"q": "stiff neck"})
    soup = BeautifulSoup(response.content, "html.parser")
    lists = soup.select("ol.search-results")
    assert len(lists) == 2
    first = [h.get_text(strip=True) for h in lists[0].select(".search-result__title")]
    second = [h.get_text(strip=True) for h in lists[1].select(".search-result__title")]
    assert sorted(first) == ["Help for a stiff neck", "Stiff mornings and your neck"]
    assert first[0] == "Help for a stiff neck"  # the words side by side, first
    assert sorted(second) == ["Desk habits", "Neck glide", "Neck tilt", "Neck turn"]
    heading = lists[1].find_previous_sibling("h2")
    assert heading.get_text(strip=True) == "Results with some of your words"
    # Numbered on from the first list.
    assert lists[0]["start"] == "1" and lists[1]["start"] == "3"


def test_only_some_words_found_says_so(corpus, client):
    soup = BeautifulSoup(client.get("/search/", {"q": "neck zebra"}).content, "html.parser")
    assert len(soup.select("ol.search-results")) == 1
    assert soup.select_one("h2.search-some-heading").get_text(strip=True) == (
        "No result has all of your words. These have some of them"
    )


def test_one_word_has_one_list_and_no_heading(corpus, client):
    soup = BeautifulSoup(client.get("/search/", {"q": "neck"}).content, "html.parser")
    assert len(soup.select("ol.search-results")) == 1
    assert soup.select_one("h2.search-some-heading") is None


def test_the_page_says_what_else_was_searched(corpus, client):
    response = client.get("/search/", {"q": "crick"})
    heading = BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)
    assert heading == "Results for “crick” (also searched: stiff neck)"
    response = client.get("/search/", {"q": "stiff neck"})
    heading = BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)
    assert heading == "Results for “stiff neck”"


def test_a_later_page_can_start_among_the_some_words_results(site, client):
    def article(title):
        body = [paragraph_block("<p>Stripes.</p>")]
        ArticlePageFactory(parent=site.articles, title=title, summary="Stripes.", body=body)

    for number in range(12):
        article(f"Zebra giraffe {number}")
    for number in range(5):
        article(f"Zebra only {number}")
    second = client.get("/search/", {"q": "zebra giraffe", "page": "2"})
    soup = BeautifulSoup(second.content, "html.parser")
    lists = soup.select("ol.search-results")
    assert [len(ol.select("li")) for ol in lists] == [2, 5]
    assert lists[0]["start"] == "11" and lists[1]["start"] == "13"
    assert soup.select_one("h2.search-some-heading").get_text(strip=True) == (
        "Results with some of your words"
    )


def test_suggestions_use_the_synonyms(corpus, client):
    data = client.get("/search/suggest/", {"q": "crick"}).json()
    titles = [result["title"] for result in data["results"]]
    assert titles[0] == "Help for a stiff neck"
    assert data["also_searched"] == ["stiff neck"]
    assert client.get("/search/suggest/", {"q": "stiff"}).json()["also_searched"] == []


def zebra_site(site, with_both, with_one, batch=""):
    def article(title, text):
        body = [paragraph_block(f"<p>{text}</p>")]
        ArticlePageFactory(parent=site.articles, title=title, summary=text, body=body)

    for number in range(with_both):
        article(f"Zebra giraffe {batch}{number}", "Stripes and a long neck.")
    for number in range(with_one):
        article(f"Only zebra {batch}{number}", "Stripes.")


def every_page(client, params):
    """(the tab's count, [(tier, title)] read page by page to the end)."""
    first = client.get("/search/", params)
    count = first.context["page_obj"].paginator.count
    pages = first.context["page_obj"].paginator.num_pages
    listed = []
    for number in range(1, pages + 1):
        response = client.get("/search/", {**params, "page": str(number)})
        listed += [(hit.tier, hit.title) for hit in response.context["hits"]]
    return count, listed


@pytest.mark.parametrize("remembered", [True, False], ids=["remembered", "not-remembered"])
@pytest.mark.parametrize("with_both", [13, 3], ids=["ranked-later", "ranked-at-once"])
def test_paging_to_the_end_lists_each_result_once_as_counted(
    site, client, settings, remembered, with_both
):
    """The results with only some of the words are counted on the first page and ranked when a
    page reaches them (at once when the first page shows them): read page by page, every tier
    lists exactly as many as the tabs said."""
    settings.CLINIC_REMEMBER_SECONDS = 600 if remembered else 0
    zebra_site(site, with_both=with_both, with_one=9)
    count, listed = every_page(client, {"q": "zebra giraffe"})
    assert count == len(listed) == with_both + 9
    assert len(set(listed)) == with_both + 9
    assert [tier for tier, _ in listed] == ["all"] * with_both + ["some"] * 9
    assert {title for _, title in listed[with_both:]} == {f"Only zebra {n}" for n in range(9)}


def test_each_kind_lists_at_most_the_cap_over_both_tiers(site, client, monkeypatch):
    """Counted (more than a page with every word) or ranked at once, each kind lists at most
    MAX_RESULTS results over both tiers."""
    from search import ranking

    monkeypatch.setattr(ranking, "MAX_RESULTS", 12)
    zebra_site(site, with_both=10, with_one=6)  # a first page with every word: counted
    count, listed = every_page(client, {"q": "zebra giraffe"})
    assert count == len(listed) == 12
    assert [tier for tier, _ in listed] == ["all"] * 10 + ["some"] * 2
    monkeypatch.setattr(ranking, "MAX_RESULTS", 11)
    cache.clear()  # the ranking for 12, remembered until the content changes
    count, listed = every_page(client, {"q": "zebra giraffe"})
    assert count == len(listed) == 11
    assert [tier for tier, _ in listed] == ["all"] * 10 + ["some"]
    # The tier with every word full: nothing with only some of the words is listed.
    zebra_site(site, with_both=4, with_one=0, batch="b")
    count, listed = every_page(client, {"q": "zebra giraffe"})
    assert count == len(listed) == 11
    assert {tier for tier, _ in listed} == {"all"}
