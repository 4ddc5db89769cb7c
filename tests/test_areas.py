"""Body-area pages: /areas/<slug>/ lists one area's articles and exercises."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from .factories import ArticlePageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def soup_for(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_area_page_lists_its_visible_articles_and_exercises(site, client):
    neck = site.areas["neck"]
    ArticlePageFactory(parent=site.articles, title="Help for neck pain", body_areas=[neck])
    ArticlePageFactory(parent=site.articles, title="Neck draft", body_areas=[neck], publish=False)
    private = ArticlePageFactory(parent=site.articles, title="Members neck", body_areas=[neck])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    ArticlePageFactory(
        parent=site.articles, title="Low back basics", body_areas=[site.areas["lower-back"]]
    )
    ExerciseFactory(name="Magic Neck Stretch", body_areas=[neck])
    ExerciseFactory(name="Unpublished neck exercise", body_areas=[neck], publish=False)
    ExerciseFactory(name="Cat and cow", body_areas=[site.areas["lower-back"]])

    soup = soup_for(client, "/areas/neck/")

    assert soup.h1.get_text(strip=True) == "Neck"
    articles = soup.find(id="area-articles-title").find_parent("section").get_text(" ")
    assert "Help for neck pain" in articles
    for hidden in ["Neck draft", "Members neck", "Low back basics"]:
        assert hidden not in articles
    exercises = soup.find(id="area-exercises-title").find_parent("section").get_text(" ")
    assert "Magic Neck Stretch" in exercises
    assert "Unpublished neck exercise" not in exercises and "Cat and cow" not in exercises


def test_empty_area_says_so(site, client):
    soup = soup_for(client, "/areas/shoulders/")

    assert "No articles about Shoulders yet." in soup.get_text()
    assert "No exercises for Shoulders yet." in soup.get_text()


@pytest.mark.parametrize("url", ["/areas/elbow/", "/areas/neck%00/", "/areas/../admin/"])
def test_unknown_area_is_a_404(site, client, url):
    assert client.get(url).status_code == 404


def test_silly_page_numbers_are_forgiven(site, client):
    ArticlePageFactory(parent=site.articles, title="Help", body_areas=[site.areas["neck"]])

    for page in ["0", "-3", "abc", "99999999999999"]:
        assert client.get("/areas/neck/", {"page": page}).status_code == 200


def test_area_chips_link_to_area_pages(site, client):
    neck = site.areas["neck"]
    article = ArticlePageFactory(parent=site.articles, title="Help", body_areas=[neck])
    exercise = ExerciseFactory(name="Magic Neck Stretch", body_areas=[neck])

    for url in [article.url, exercise.get_url(), "/articles/", "/"]:
        soup = soup_for(client, url)
        chips = [a["href"] for a in soup.select("a.chip") if a.get_text(strip=True) == "Neck"]
        assert "/areas/neck/" in chips, url
