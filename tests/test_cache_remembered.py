"""Related reading, the JSON-LD and the list of private pages are worked out once per content
change and remembered (core/cache.py remember()), yet visitors never see them stale, and
previews always show the edits being made."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from . import cache_support
from .admin_forms import article_form_data, paragraph_form
from .factories import ArticlePageFactory, ExerciseFactory, exercise_block, paragraph_block

remembering = cache_support.remembering


@pytest.fixture
def stretch():
    return ExerciseFactory(name="Magic Neck Stretch")


def article(site, title, stretch, related=()):
    return ArticlePageFactory(
        parent=site.articles,
        title=title,
        body=[paragraph_block(), exercise_block(stretch)],
        body_areas=[site.areas["neck"]],
        related=list(related),
    )


def related_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("section.related")
    return [heading.get_text(strip=True) for heading in section.select("h4")] if section else []


def json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_a_second_uncached_view_reuses_related_reading_and_json_ld(remembering, site, stretch):
    other = article(site, "Shares the stretch", stretch)
    current = article(site, "Current", stretch, related=[other])
    visitor = Client()
    first, first_queries = queries_for(visitor, current.url)
    second, second_queries = queries_for(visitor, current.url)
    assert related_titles(second) == related_titles(first) == ["Shares the stretch"]
    assert json_ld(second) == json_ld(first)
    # Related reading (6 queries) and the JSON-LD's look-ups are not made again.
    assert second_queries <= first_queries - 8, (first_queries, second_queries)


def test_editing_a_suggested_article_shows_at_once(remembering, site, stretch):
    other = article(site, "Shares the stretch", stretch)
    current = article(site, "Current", stretch)
    visitor = Client()
    assert related_titles(visitor.get(current.url)) == ["Shares the stretch"]
    other.title = "Renamed suggestion"
    other.save_revision().publish()
    assert related_titles(visitor.get(current.url)) == ["Renamed suggestion"]


def test_a_new_view_restriction_takes_effect_at_once(remembering, site, stretch):
    other = article(site, "Soon private", stretch)
    current = article(site, "Current", stretch, related=[other])
    visitor = Client()
    assert related_titles(visitor.get(current.url)) == ["Soon private"]
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert related_titles(visitor.get(current.url)) == []
    assert "Soon private" not in visitor.get("/articles/").content.decode()
    restriction.delete()
    assert related_titles(visitor.get(current.url)) == ["Soon private"]


def test_editing_an_exercise_changes_the_article_s_json_ld_at_once(remembering, site, stretch):
    current = article(site, "Current", stretch)
    visitor = Client()
    names = lambda: {node.get("name") for node in json_ld(visitor.get(current.url))["@graph"]}  # noqa: E731
    assert "Magic Neck Stretch" in names()
    stretch.name = "Gentle Neck Stretch"
    stretch.save_revision().publish()
    assert "Gentle Neck Stretch" in names()


def test_a_preview_shows_the_picks_and_title_being_edited(
    remembering, site, stretch, superuser_client
):
    saved_pick = article(site, "Saved pick", stretch)
    new_pick = article(site, "New pick", stretch)
    current = article(site, "Current", stretch, related=[saved_pick])
    assert related_titles(Client().get(current.url))[0] == "Saved pick"  # now remembered

    data = article_form_data(
        "Current, edited",
        slug=current.slug,
        body=[paragraph_form("<p>Edited.</p>")],
        body_areas=[site.areas["neck"]],
        related=[new_pick],
        publish=False,
    )
    preview_url = f"/admin/pages/{current.pk}/edit/preview/"
    posted = superuser_client.post(preview_url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content[:500]
    preview = superuser_client.get(preview_url)
    assert preview.status_code == 200
    assert related_titles(preview)[0] == "New pick"
    headlines = {node.get("headline") for node in json_ld(preview)["@graph"]}
    assert "Current, edited" in headlines
    # The visitors' page is still the saved one.
    assert related_titles(Client().get(current.url))[0] == "Saved pick"


def article_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("article.article").get_text(" ", strip=True)


def test_the_article_is_drawn_once_yet_an_edit_to_its_exercise_shows_at_once(
    remembering, site, stretch
):
    current = article(site, "Current", stretch)
    visitor = Client()
    first, first_queries = queries_for(visitor, current.url)
    second, second_queries = queries_for(visitor, current.url)
    assert second.content == first.content
    # The body's exercise, its picture and the outline are not looked up again.
    assert second_queries < first_queries, (first_queries, second_queries)
    assert "Magic Neck Stretch" in article_text(second)
    other = ArticlePageFactory(
        parent=site.articles, title="Other", body=[paragraph_block("<p>Other words.</p>")]
    )
    assert "Other words." in article_text(visitor.get(other.url))
    assert "Other words." not in article_text(visitor.get(current.url))

    stretch.name = "Gentle Neck Stretch"
    stretch.save_revision().publish()
    text = article_text(visitor.get(current.url))
    assert "Gentle Neck Stretch" in text and "Magic Neck Stretch" not in text


def test_a_published_edit_shows_at_once_and_a_draft_does_not(remembering, site, stretch):
    current = article(site, "Current", stretch)
    visitor = Client()
    assert "A gentle paragraph." in article_text(visitor.get(current.url))

    current.body = [paragraph_block("<p>Only in the draft.</p>")]
    current.save_revision()
    assert "Only in the draft." not in article_text(visitor.get(current.url))

    current.body = [paragraph_block("<p>Published wording.</p>")]
    current.save_revision().publish()
    text = article_text(visitor.get(current.url))
    assert "Published wording." in text and "A gentle paragraph." not in text


def test_an_editor_gets_the_editing_tools_and_visitors_never_do(
    remembering, site, stretch, superuser_client
):
    current = article(site, "Current", stretch)
    assert "data-ve-block" not in Client().get(current.url).content.decode()  # now remembered
    # The editor's page is drawn for her, with the tools, not taken from the visitors' copy...
    assert "data-ve-block" in superuser_client.get(current.url).content.decode()
    # ...and her copy is never handed to a visitor.
    assert "data-ve-block" not in Client().get(current.url).content.decode()
