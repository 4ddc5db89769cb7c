"""The articles feed, sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from .factories import ArticlePageFactory, ExerciseFactory, paragraph_block, update_block

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def atom_entries(client):
    response = client.get("/articles/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {entry.find(f"{ATOM}title").text: entry for entry in feed.iter(f"{ATOM}entry")}, feed


def test_feed_lists_published_public_articles_only(site, client):
    ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        summary="Two mobility exercises.",
        author=site.practitioner,
        body_areas=[site.areas["neck"]],
    )
    ArticlePageFactory(parent=site.articles, title="Draft", publish=False)
    withdrawn = ArticlePageFactory(parent=site.articles, title="Withdrawn")
    withdrawn.unpublish()
    private = ArticlePageFactory(parent=site.articles, title="Members only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    entries, feed = atom_entries(client)

    assert set(entries) == {"Help for upper back and neck pain"}
    entry = entries["Help for upper back and neck pain"]
    assert (
        entry.find(f"{ATOM}link")
        .get("href")
        .endswith("/articles/help-for-upper-back-and-neck-pain/")
    )
    assert entry.find(f"{ATOM}summary").text == "Two mobility exercises."
    assert entry.find(f"{ATOM}author/{ATOM}name").text == site.practitioner.name
    assert entry.find(f"{ATOM}category").get("term") == "Neck"
    assert "Harvest Moon Massage Therapy" in feed.find(f"{ATOM}title").text


def test_an_update_section_bumps_the_entry(site, client):
    future = datetime.date.today() + datetime.timedelta(days=3)
    ArticlePageFactory(parent=site.articles, title="Plain")
    ArticlePageFactory(
        parent=site.articles,
        title="Updated later",
        body=[paragraph_block(), update_block(date=future, heading="One more video")],
    )

    entries, feed = atom_entries(client)

    updated = entries["Updated later"].find(f"{ATOM}updated").text
    published = entries["Updated later"].find(f"{ATOM}published").text
    assert updated.startswith(future.isoformat())
    assert updated > published
    first = next(feed.iter(f"{ATOM}entry"))
    assert first.find(f"{ATOM}title").text == "Updated later", "the freshest change comes first"


def test_rss_feed_and_the_link_every_page_advertises(site, client):
    ArticlePageFactory(parent=site.articles, title="Help for upper back and neck pain")

    rss = client.get("/articles/feed/rss/")
    assert rss.status_code == 200
    assert b"<title>Help for upper back and neck pain</title>" in rss.content

    soup = BeautifulSoup(client.get("/").content, "html.parser")
    link = soup.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == "/articles/feed/"


def test_sitemap_has_pages_exercises_and_areas_but_no_drafts(site, client):
    ArticlePageFactory(parent=site.articles, title="Published")
    ArticlePageFactory(parent=site.articles, title="Draft only", publish=False)
    ExerciseFactory(name="Magic Neck Stretch")
    ExerciseFactory(name="Unfinished", publish=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]  # noqa: S314
    paths = {location.split("//", 1)[1].split("/", 1)[1] for location in locations}
    assert {"", "articles/", "articles/published/", "exercises/"} <= paths
    assert "exercises/magic-neck-stretch/" in paths
    assert "areas/neck/" in paths
    assert "articles/draft-only/" not in paths
    assert "exercises/unfinished/" not in paths


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
