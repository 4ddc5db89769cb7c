"""What search engines and link previews see: canonical URLs, descriptions, OpenGraph/Twitter
cards with an image, and schema.org JSON-LD that parses and carries the required properties."""

import datetime
import io
import json
from html.parser import HTMLParser

import pytest
from PIL import Image

from articles.models import ArticlePage

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    exercise_block,
    paragraph_block,
    update_block,
    video_block,
)

pytestmark = pytest.mark.django_db

JANUARY = datetime.datetime(2025, 1, 10, 15, 0, tzinfo=datetime.UTC)

SCHEMA = "https://schema.org"


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.json_ld = {}, {}, []
        self._in_ld = False
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link" and attrs.get("rel"):
            self.links.setdefault(attrs["rel"], attrs.get("href"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_ld:
            self._in_ld = False
            self.json_ld.append("".join(self._buffer))


def head_of(response):
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def graph_of(parser):
    """Every JSON-LD block parses; returns all nodes, checking @context on each block."""
    assert parser.json_ld, "no JSON-LD on the page"
    nodes = []
    for text in parser.json_ld:
        data = json.loads(text)
        assert data["@context"] == SCHEMA
        nodes.extend(data.get("@graph", [data]))
    for node in nodes:
        assert node.get("@type"), node
    return nodes


def of_type(nodes, type_name):
    return [node for node in nodes if node["@type"] == type_name]


def one(nodes, type_name):
    found = of_type(nodes, type_name)
    assert len(found) == 1, f"expected one {type_name}, got {len(found)}"
    return found[0]


def assert_clinic(nodes):
    clinic = one(nodes, "HealthAndBeautyBusiness")
    assert clinic["name"] == "Harvest Moon Massage Therapy"
    assert clinic["telephone"] == "(404) 555-0142"
    assert clinic["url"] == "http://localhost/"
    return clinic


@pytest.fixture
def neck_stretch(site):
    return ExerciseFactory(
        name="Magic Neck Stretch",
        steps=[
            {"type": "step", "value": "Sit tall and let your shoulders drop."},
            {"type": "step", "value": "Turn your head slowly to the right."},
        ],
        video=[video_block(url="https://youtu.be/AbCdEfGhIjK", title="Neck stretch video")],
        equipment="A chair",
        body_areas=[site.areas["neck"]],
    )


@pytest.fixture
def article(site, neck_stretch):
    page = ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        summary="Three videos that loosen the upper back so the neck can rest.",
        author=site.practitioner,
        last_reviewed=datetime.date(2025, 5, 1),
        body=[
            paragraph_block("<p>Most neck pain starts in the upper back.</p>"),
            video_block(
                url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                title="Free Your Neck",
                caption="Loosens the upper back.",
                transcript="Sit tall and breathe.",
            ),
            exercise_block(neck_stretch),
            update_block(
                date=datetime.date(2025, 3, 14),
                heading="One more video I forgot",
                body=[video_block(url="https://vimeo.com/76979871", title="Shoulder rolls")],
            ),
            update_block(date=datetime.date(2025, 4, 2), heading="A newer note"),
        ],
        body_areas=[site.areas["neck"]],
    )
    # Written in January, before both updates.
    ArticlePage.objects.filter(pk=page.pk).update(first_published_at=JANUARY)
    page.refresh_from_db()
    return page


def test_article_has_canonical_description_and_social_cards(client, article):
    head = head_of(client.get(article.url))
    canonical = "http://localhost/articles/help-for-upper-back-and-neck-pain/"
    assert head.links["canonical"] == canonical
    assert head.meta["description"] == article.summary
    assert head.meta["og:url"] == canonical
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Help for upper back and neck pain"
    assert head.meta["og:description"] == article.summary
    assert head.meta["twitter:card"] == "summary_large_image"
    # No photo: the locally drawn share image, which really is a 1200x630 PNG.
    image_url = head.meta["og:image"]
    assert image_url == f"http://localhost/share/article/{article.pk}.png"
    assert head.meta["twitter:image"] == image_url
    assert head.meta["og:image:alt"]
    png = client.get(image_url.removeprefix("http://localhost"))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(png.content)).size == (1200, 630)
    assert "robots" not in head.meta


def test_article_with_a_photo_shares_the_photo(client, site):
    photo = ImageFactory()
    page = ArticlePageFactory(
        parent=site.articles, hero_image=photo, hero_image_alt="A woman stretching her neck"
    )
    head = head_of(client.get(page.url))
    assert "/media/images/" in head.meta["og:image"]
    assert head.meta["og:image"].startswith("http://localhost/")
    assert head.meta["og:image:alt"] == "A woman stretching her neck"
    assert head.meta["twitter:image"] == head.meta["og:image"]


def test_article_json_ld(client, article, neck_stretch):
    nodes = graph_of(head_of(client.get(article.url)))
    canonical = "http://localhost/articles/help-for-upper-back-and-neck-pain/"

    post = one(nodes, "Article")
    assert post["headline"] == "Help for upper back and neck pain"
    assert post["description"] == article.summary
    assert post["datePublished"] == "2025-01-10T15:00:00+00:00"
    assert post["author"] == {
        "@type": "Person",
        "name": article.author.name,
        "worksFor": {"@id": "http://localhost/#clinic"},
        **({"jobTitle": article.author.role} if article.author.role else {}),
        **({"honorificSuffix": article.author.credentials} if article.author.credentials else {}),
    }
    assert post["publisher"] == {"@id": "http://localhost/#clinic"}
    assert post["image"] == [f"http://localhost/share/article/{article.pk}.png"]

    webpage = one(nodes, "WebPage")
    assert webpage["@id"] == canonical
    assert webpage["lastReviewed"] == "2025-05-01"
    assert webpage["reviewedBy"]["name"] == article.author.name

    crumbs = one(nodes, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Harvest Moon Massage Therapy", "http://localhost/"),
        (2, "Articles", "http://localhost/articles/"),
        (3, "Help for upper back and neck pain", canonical),
    ]

    videos = {video["name"]: video for video in of_type(nodes, "VideoObject")}
    assert set(videos) == {"Free Your Neck", "Shoulder rolls", "Neck stretch video"}
    free = videos["Free Your Neck"]
    assert free["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    assert "autoplay" not in free["embedUrl"]
    assert free["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert free["description"] == "Loosens the upper back."
    assert free["transcript"] == "Sit tall and breathe."
    assert free["thumbnailUrl"] == [f"http://localhost/share/article/{article.pk}.png"]
    assert free["uploadDate"] == post["datePublished"]
    # A video added in an update is dated with that update.
    assert videos["Shoulder rolls"]["uploadDate"] == "2025-03-14"
    assert videos["Shoulder rolls"]["embedUrl"].startswith(
        "https://player.vimeo.com/video/76979871"
    )
    assert "dnt=1" in videos["Shoulder rolls"]["embedUrl"]
    for video in videos.values():
        for key in ("name", "description", "thumbnailUrl", "uploadDate", "embedUrl"):
            assert video[key], (video["name"], key)

    howto = one(nodes, "HowTo")
    assert howto["name"] == "Magic Neck Stretch"
    assert [step["text"] for step in howto["step"]] == [
        "Sit tall and let your shoulders drop.",
        "Turn your head slowly to the right.",
    ]
    assert [step["position"] for step in howto["step"]] == [1, 2]
    assert howto["url"] == "http://localhost/exercises/magic-neck-stretch/"
    assert howto["tool"] == [{"@type": "HowToTool", "name": "A chair"}]
    assert howto["video"] == {"@id": videos["Neck stretch video"]["@id"]}
    assert_clinic(nodes)


def test_date_modified_follows_the_newest_update(client, article):
    nodes = graph_of(head_of(client.get(article.url)))
    assert one(nodes, "Article")["dateModified"] == "2025-04-02"
    head = head_of(client.get(article.url))
    assert head.meta["article:modified_time"] == "2025-04-02"

    # She adds a newer update and publishes: dateModified moves with it.
    article.body.append(("update", {"date": datetime.date(2025, 6, 9), "heading": "More"}))
    article.save_revision().publish()
    nodes = graph_of(head_of(client.get(article.url)))
    assert one(nodes, "Article")["dateModified"] == "2025-06-09"


def test_an_update_dated_before_publication_does_not_predate_it(client, article):
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC)
    )
    post = one(graph_of(head_of(client.get(article.url))), "Article")
    assert post["dateModified"] == post["datePublished"] == "2025-05-01T00:00:00+00:00"


def test_without_updates_date_modified_is_the_last_publish(client, site):
    page = ArticlePageFactory(parent=site.articles)
    post = one(graph_of(head_of(client.get(page.url))), "Article")
    page.refresh_from_db()
    assert post["dateModified"] == page.last_published_at.isoformat()
    assert post["dateModified"] >= post["datePublished"]
    assert "lastReviewed" not in one(graph_of(head_of(client.get(page.url))), "WebPage")


def test_exercise_page_has_howto_video_breadcrumbs_and_canonical(client, neck_stretch):
    head = head_of(client.get("/exercises/magic-neck-stretch/"))
    canonical = "http://localhost/exercises/magic-neck-stretch/"
    assert head.links["canonical"] == canonical
    assert head.meta["description"] == neck_stretch.summary
    assert head.meta["og:image"] == f"http://localhost/share/exercise/{neck_stretch.pk}.png"
    nodes = graph_of(head)
    howto = one(nodes, "HowTo")
    assert howto["name"] == "Magic Neck Stretch"
    assert len(howto["step"]) == 2
    assert howto["mainEntityOfPage"] == {"@id": canonical}
    video = one(nodes, "VideoObject")
    assert video["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/AbCdEfGhIjK")
    assert video["uploadDate"]
    crumbs = one(nodes, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == [
        "Harvest Moon Massage Therapy",
        "Exercises",
        "Magic Neck Stretch",
    ]
    assert crumbs[-1]["item"] == canonical
    assert_clinic(nodes)


def test_share_images_only_for_live_content(client, site):
    draft = ArticlePageFactory(parent=site.articles, publish=False)
    draft_exercise = ExerciseFactory(publish=False)
    assert client.get(f"/share/article/{draft.pk}.png").status_code == 404
    assert client.get(f"/share/exercise/{draft_exercise.pk}.png").status_code == 404
    assert client.get("/share/article/999999.png").status_code == 404
    assert client.get("/share/anything/1.png").status_code == 404
    site_image = client.get("/share/site.png")
    assert site_image.status_code == 200
    assert Image.open(io.BytesIO(site_image.content)).size == (1200, 630)
    # Cached by browsers and crawlers, and revalidated cheaply.
    again = client.get("/share/site.png", HTTP_IF_NONE_MATCH=site_image["ETag"])
    assert again.status_code == 304


def test_clinic_is_a_local_business_with_address_phone_and_hours(client, site):
    settings = site.settings
    settings.address = "1187 Larkspur Row, Suite B\nDecatur, GA 30030"
    settings.opening_hours = [
        ("hours", {"weekday": "1", "opens": "10:00", "closes": "18:00"}),
        ("hours", {"weekday": "5", "opens": "09:00", "closes": "14:00"}),
    ]
    settings.save()
    nodes = graph_of(head_of(client.get("/")))
    clinic = assert_clinic(nodes)
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1187 Larkspur Row, Suite B",
        "addressLocality": "Decatur",
        "addressRegion": "GA",
        "postalCode": "30030",
        "addressCountry": "US",
    }
    assert clinic["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "10:00",
            "closes": "18:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Saturday",
            "opens": "09:00",
            "closes": "14:00",
        },
    ]
    website = one(nodes, "WebSite")
    assert "{search_term_string}" in website["potentialAction"]["target"]["urlTemplate"]


def test_listing_canonicals_keep_the_area_filter(client, site):
    ArticlePageFactory(parent=site.articles, body_areas=[site.areas["neck"]])
    head = head_of(client.get("/articles/?area=neck&utm_source=text"))
    assert head.links["canonical"] == "http://localhost/articles/?area=neck"
    assert head_of(client.get("/articles/")).links["canonical"] == "http://localhost/articles/"
    head = head_of(client.get("/exercises/"))
    assert head.links["canonical"] == "http://localhost/exercises/"
    assert one(graph_of(head), "CollectionPage")["url"] == "http://localhost/exercises/"


@pytest.mark.parametrize("path", ["/search/?q=neck", "/routine/"])
def test_personal_and_search_pages_are_not_indexed(client, site, path):
    head = head_of(client.get(path))
    assert head.meta["robots"] == "noindex"
    assert "canonical" not in head.links
    graph_of(head)  # still valid JSON-LD (the clinic)


def test_missing_page_is_not_indexed(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'name="robots" content="noindex"' in response.content


def test_json_ld_cannot_be_closed_early_by_content(client, site):
    page = ArticlePageFactory(
        parent=site.articles,
        title="Stretch </script><script>alert(1)</script> & rest",
        slug="stretch-and-rest",
        summary="A <b>summary</b>",
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    nodes = graph_of(head_of(response))
    assert one(nodes, "Article")["headline"] == "Stretch </script><script>alert(1)</script> & rest"


def test_body_area_page_is_indexed_with_its_own_canonical(client, site):
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("body_area", args=["neck"])
    except NoReverseMatch:
        pytest.skip("the /areas/<slug>/ pages are not in this checkout yet")
    head = head_of(client.get(path))
    assert head.links["canonical"] == f"http://localhost{path}"
    assert "robots" not in head.meta
    assert head.meta["og:title"] == "Neck: articles and exercises"
    nodes = graph_of(head)
    assert one(nodes, "CollectionPage")["about"]["name"] == "Neck"
    crumbs = one(nodes, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Harvest Moon Massage Therapy", "Neck"]
