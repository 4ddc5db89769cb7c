"""Related reading never points visitors at an article they could not open: one behind a
password, one in a section for logged-in visitors, one deeper under a section for a group.
Each shares more with the current article than the public one does, and the editor picked
them all, so only the visibility rules can keep them out."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from articles.related import related_reading

from .factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ExerciseFactory,
    HomePageFactory,
    exercise_block,
    paragraph_block,
)

pytestmark = pytest.mark.django_db


def article(parent, title, site, exercises, related=()):
    return ArticlePageFactory(
        parent=parent,
        title=title,
        body=[paragraph_block(), *[exercise_block(exercise) for exercise in exercises]],
        body_areas=[site.areas["neck"], site.areas["upper-back"]],
        related=list(related),
    )


@pytest.fixture
def hidden(site):
    """Three articles visitors cannot open, sharing two exercises and two areas."""
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    tucks = ExerciseFactory(name="Chin Tucks")
    shared = [stretch, tucks]

    password = article(site.articles, "Behind a password", site, shared)
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    # ArticlePage lives under an article index, so the private section is a second index.
    members = ArticleIndexPageFactory(parent=site.home, title="Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    in_members = article(members, "In the members' section", site, shared)

    # A restriction two levels up: a second tree whose home page is for one group only.
    staff_home = HomePageFactory(parent=site.root, title="Staff", slug="staff")
    restriction = PageViewRestriction.objects.create(
        page=staff_home, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Staff"))
    staff_index = ArticleIndexPageFactory(parent=staff_home, title="Staff articles", slug="sa")
    for_staff = article(staff_index, "For staff", site, shared)

    return {"exercises": shared, "pages": [password, in_members, for_staff]}


def test_private_articles_are_never_suggested_nor_shown_as_picks(site, client, hidden):
    stretch, tucks = hidden["exercises"]
    public = article(site.articles, "Public, one exercise", site, [stretch])
    current = article(site.articles, "Current", site, [stretch, tucks], related=hidden["pages"])

    items = related_reading(current, count=6)

    assert [(item.page.title, item.picked) for item in items] == [("Public, one exercise", False)]
    assert items[0].page == public

    soup = BeautifulSoup(client.get(current.url).content, "html.parser")
    related = soup.find(id="related-title").find_parent("section")
    assert [a.get_text(strip=True) for a in related.select(".card__title a")] == [public.title]
    for page in hidden["pages"]:
        assert page.title not in soup.get_text()


def test_picks_that_are_private_leave_room_for_a_suggestion(site, hidden):
    stretch, _ = hidden["exercises"]
    picked_public = article(site.articles, "Picked and public", site, [])
    suggested = article(site.articles, "Suggested", site, [stretch])
    current = article(
        site.articles, "Current", site, [stretch], related=[*hidden["pages"], picked_public]
    )

    items = related_reading(current, count=2)

    assert [item.page for item in items] == [picked_public, suggested]
    assert [item.picked for item in items] == [True, False]


def test_a_private_article_still_gets_public_suggestions(site, hidden):
    stretch, _ = hidden["exercises"]
    public = article(site.articles, "Public", site, [stretch])

    for page in hidden["pages"]:
        items = related_reading(page, count=6)
        assert [item.page for item in items] == [public], page.title
