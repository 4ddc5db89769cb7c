"""Every page type's <head> has one of each SEO tag and they agree, because only
``{% seo_head %}`` writes them; templates pass seo_title, seo_description or seo_noindex instead."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from .factories import ArticlePageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

CLINIC = "Harvest Moon Massage Therapy"
TAGLINE = "Massage therapy in Decatur"

SEO_TAG_TEMPLATE = "includes/seo_head.html"
# What only the seo tag's template may write.
SEO_MARKUP = (
    'name="description"',
    'rel="canonical"',
    'name="robots"',
    'property="og:',
    "application/ld+json",
)


class HeadTags(HTMLParser):
    """Every meta, link and title in <head>, as lists so duplicates show."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.titles = {}, {}, []
        self._in_head = self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif not self._in_head:
            return
        elif tag == "meta" and (attrs.get("name") or attrs.get("property")):
            key = attrs.get("name") or attrs.get("property")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel"):
            self.links.setdefault(attrs["rel"], []).append(attrs.get("href"))
        elif tag == "title":
            self._in_title = True
            self.titles.append("")

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False


def head_tags(response):
    parser = HeadTags()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def content(site):
    """One of everything a page type lists, with nothing of its own to describe the area page
    (so the fallback description is the one in use)."""
    neck = site.areas["neck"]
    neck.description = ""
    neck.save()
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        summary="Three gentle videos that ease a sore neck.",
        body_areas=[neck],
    )
    exercise = ExerciseFactory(name="Chin tuck", body_areas=[neck])
    return article, exercise


# (path, status, <title>, noindex, description); {article} is the article's path.
PAGE_TYPES = [
    ("/", 200, f"{TAGLINE} | {CLINIC}", False, TAGLINE),
    ("/articles/", 200, f"Articles | {CLINIC}", False, "Self-care between appointments."),
    (
        "/articles/?area=neck",
        200,
        f"Neck: Articles | {CLINIC}",
        False,
        "Self-care between appointments.",
    ),
    (
        "{article}",
        200,
        f"Help for a sore neck | {CLINIC}",
        False,
        "Three gentle videos that ease a sore neck.",
    ),
    ("/exercises/", 200, f"Exercises | {CLINIC}", False, "Gentle exercises you can do at home."),
    (
        "/exercises/chin-tuck/",
        200,
        f"Chin tuck | {CLINIC}",
        False,
        "Chin tuck loosens a stiff upper back.",
    ),
    (
        "/exercises/chin-tuck/print/",
        200,
        f"Chin tuck: printable sheet | {CLINIC}",
        True,
        "Chin tuck loosens a stiff upper back.",
    ),
    (
        "/areas/neck/",
        200,
        f"Neck: articles and exercises | {CLINIC}",
        False,
        "Self-care articles and gentle exercises for the neck.",
    ),
    ("/search/", 200, f"Search | {CLINIC}", True, TAGLINE),
    ("/search/?q=neck", 200, f"Search: neck | {CLINIC}", True, TAGLINE),
    ("/routine/", 200, f"My routine | {CLINIC}", True, TAGLINE),
    ("/no-such-page/", 404, f"Page not found | {CLINIC}", True, TAGLINE),
]


@pytest.mark.parametrize(
    ("path", "status", "title", "noindex", "description"),
    PAGE_TYPES,
    ids=[row[0] for row in PAGE_TYPES],
)
def test_each_page_type_has_one_of_each_head_tag_and_they_agree(
    client, content, path, status, title, noindex, description
):
    article, _ = content
    response = client.get(path.format(article=article.url))
    assert response.status_code == status
    head = head_tags(response)

    assert head.titles == [title]
    assert head.meta.get("description") == [description]
    assert head.meta.get("og:description") == [description]
    assert head.meta.get("twitter:description") == [description]
    assert len(head.links.get("canonical", [])) <= 1
    assert len(head.meta.get("robots", [])) <= 1
    if noindex:
        assert head.meta["robots"] == ["noindex"]
        assert "canonical" not in head.links
        assert "og:url" not in head.meta
    else:
        assert "robots" not in head.meta
        assert len(head.links["canonical"]) == 1
        assert head.meta["og:url"] == head.links["canonical"]


def test_later_pages_of_a_list_say_which_page_in_the_title(client, site):
    for _ in range(11):
        ArticlePageFactory(parent=site.articles)
    head = head_tags(client.get("/articles/?page=2"))
    assert head.titles == [f"Articles (page 2) | {CLINIC}"]
    assert head.links["canonical"] == ["http://localhost/articles/?page=2"]


def test_only_the_seo_tag_template_writes_seo_tags():
    """Anything else writing one of these would be a second, disagreeing copy."""
    offenders, scanned = [], 0
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        for template in root.rglob("*.html"):
            if template.relative_to(root).as_posix() == SEO_TAG_TEMPLATE:
                continue
            scanned += 1
            text = template.read_text(encoding="utf-8")
            offenders += [f"{template}: {markup}" for markup in SEO_MARKUP if markup in text]
    assert scanned > 10, "the templates directory was not found"
    assert not offenders
