"""Links between articles that die: read-next callouts and rich-text links to articles later
unpublished or deleted disappear or become plain text, and the admin knows who links to what."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction, ReferenceIndex

from .factories import ArticlePageFactory, callout_block, paragraph_block

pytestmark = pytest.mark.django_db


def page_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def link_paragraph(target, words="read about head-forward posture"):
    return paragraph_block(f'<p>Next, <a linktype="page" id="{target.pk}">{words}</a>.</p>')


def test_rich_text_link_to_a_live_article_is_a_link(site, client):
    target = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    source = ArticlePageFactory(parent=site.articles, title="Source", body=[link_paragraph(target)])

    soup = page_soup(client, source)

    assert soup.find("a", string="read about head-forward posture")["href"] == target.url


@pytest.mark.parametrize("how", ["unpublish", "delete", "make private"])
def test_rich_text_link_to_an_article_taken_down_is_plain_text(site, client, how):
    target = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    target_url = target.url
    source = ArticlePageFactory(parent=site.articles, title="Source", body=[link_paragraph(target)])
    if how == "unpublish":
        target.unpublish()
    elif how == "delete":
        target.delete()
    else:
        PageViewRestriction.objects.create(
            page=target, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    soup = page_soup(client, source)

    assert "read about head-forward posture" in soup.get_text(), "the words stay"
    assert not soup.find("a", href=target_url)
    assert not [a for a in soup.find_all("a", href=True) if "head-forward" in a.get_text()]


@pytest.mark.parametrize("how", ["unpublish", "delete"])
def test_read_next_callout_drops_an_article_taken_down(site, client, how):
    stays = ArticlePageFactory(parent=site.articles, title="Strengthen your upper back")
    goes = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    source = ArticlePageFactory(
        parent=site.articles,
        title="Source",
        body=[callout_block("read_next", articles=[goes, stays])],
    )
    goes_url = goes.url
    getattr(goes, how)()

    soup = page_soup(client, source)

    callout = soup.select_one(".callout")
    assert "Strengthen your upper back" in callout.get_text()
    assert "Head-forward posture" not in callout.get_text()
    assert not soup.find("a", href=goes_url)


def test_read_next_callout_with_every_article_gone_shows_no_dead_heading(site, client):
    goes = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    source = ArticlePageFactory(
        parent=site.articles, title="Source", body=[callout_block("read_next", articles=[goes])]
    )
    goes.unpublish()

    soup = page_soup(client, source)

    assert "Head-forward posture" not in soup.get_text()


def test_reference_index_records_callout_and_rich_text_links(site):
    by_callout = ArticlePageFactory(parent=site.articles, title="Callout target")
    by_link = ArticlePageFactory(parent=site.articles, title="Rich text target")
    by_pick = ArticlePageFactory(parent=site.articles, title="Picked target")
    source = ArticlePageFactory(
        parent=site.articles,
        title="Source",
        body=[callout_block("read_next", articles=[by_callout]), link_paragraph(by_link)],
        related=[by_pick],
    )

    for target in (by_callout, by_link, by_pick):
        sources = {str(ref.object_id) for ref in ReferenceIndex.get_references_to(target)}
        assert str(source.pk) in sources, target.title
