"""Creating and editing pages in the Wagtail admin, with the form data an editor really posts."""

import datetime

import pytest
from django.contrib.messages import get_messages
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from articles.models import ArticleIndexPage, ArticlePage
from core.video import UNSUPPORTED_MESSAGE
from exercises.models import ExerciseLibraryPage
from home.models import HomePage

from .admin_forms import (
    add_page_url,
    article_form_data,
    callout_form,
    edit_page_url,
    exercise_form,
    heading_form,
    home_page_form_data,
    image_form,
    paragraph_form,
    quote_form,
    simple_page_form_data,
    update_form,
    video_form,
)
from .factories import ArticlePageFactory, ExerciseFactory, ImageFactory

pytestmark = pytest.mark.django_db

UPDATE_DATE = datetime.date(2025, 3, 14)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def full_article_body(site, exercise, other_article, image):
    """One of every ArticleBodyBlock type, the update holding nested blocks of its own."""
    return [
        paragraph_form("<p>Most neck pain <b>starts</b> in the upper back.</p>"),
        heading_form("Start with the upper back"),
        image_form(image, "A woman rolling her shoulders back", caption="Roll slowly."),
        quote_form("I slept through the night again.", "A client"),
        video_form(
            "https://youtu.be/dQw4w9WgXcQ?t=90",
            "Free Your Neck",
            caption="My favourite.",
            transcript="Sit tall and breathe out.",
        ),
        exercise_form(exercise, note="Do this one every day"),
        callout_form(
            "read_next",
            heading="Keep going",
            text="<p>These help too.</p>",
            articles=[other_article],
            exercises=[exercise],
        ),
        callout_form("call_to_action"),
        update_form(
            UPDATE_DATE,
            "One more video I forgot",
            [
                paragraph_form("<p>Watch your posture at the desk.</p>"),
                video_form("https://vimeo.com/76979871", "Baby Rolling"),
                exercise_form(exercise),
                callout_form("safety"),
            ],
        ),
    ]


@pytest.fixture
def article_inputs(site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    other = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    image = ImageFactory()
    return exercise, other, image


def test_superuser_creates_and_publishes_article_with_every_block(
    site, superuser_client, article_inputs
):
    exercise, other, image = article_inputs
    data = article_form_data(
        "Help for upper back and neck pain",
        full_article_body(site, exercise, other, image),
        author=site.practitioner,
        body_areas=[site.areas["neck"], site.areas["upper-back"]],
        related=[other],
    )

    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="help-for-upper-back-and-neck-pain")
    assert article.live and article.first_published_at is not None
    assert article.get_parent().specific == site.articles
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "heading",
        "image",
        "quote",
        "video",
        "exercise",
        "callout",
        "callout",
        "update",
    ]
    update = article.body[8].value
    assert [b.block_type for b in update["body"]] == ["paragraph", "video", "exercise", "callout"]
    # Derived on save: the "Updated" date and which exercises the article uses.
    assert article.last_updated == UPDATE_DATE
    assert list(article.exercises.all()) == [exercise]
    assert set(article.body_areas.values_list("slug", flat=True)) == {"neck", "upper-back"}
    assert [link.article_id for link in article.related_links.all()] == [other.pk]
    assert article.author == site.practitioner


def test_article_created_in_admin_renders_every_block(
    site, superuser_client, article_inputs, client
):
    exercise, other, image = article_inputs
    data = article_form_data(
        "Help for upper back and neck pain",
        full_article_body(site, exercise, other, image),
        related=[other],
    )
    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)
    assert response.status_code == 302
    superuser_client.logout()

    response = client.get("/articles/help-for-upper-back-and-neck-pain/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Help for upper back and neck pain" in html
    assert "Start with the upper back" in html
    assert 'id="start-with-the-upper-back"' in html
    assert "A woman rolling her shoulders back" in html
    assert "I slept through the night again." in html
    assert "Free Your Neck" in html
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90s" in html
    assert "Baby Rolling" in html
    assert "https://vimeo.com/76979871" in html
    assert "Magic Neck Stretch" in html
    assert "Do this one every day" in html
    assert "These help too." in html
    assert site.settings.phone_href in html
    assert "One more video I forgot" in html
    assert 'id="update-2025-03-14"' in html
    assert 'href="#update-2025-03-14"' in html, "updates are listed near the top"
    assert "Updated" in html
    assert 'datetime="2025-03-14"' in html
    assert "Be gentle with yourself" in html, "empty safety callout uses the default note"
    assert "Head-forward posture" in html, "related reading"


def test_home_page_created_through_admin_under_root(db, superuser_client):
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()

    response = superuser_client.post(add_page_url(HomePage, root), home_page_form_data())

    assert response.status_code == 302
    home = HomePage.objects.get()
    assert home.live
    assert home.get_parent().pk == root.pk


@pytest.mark.parametrize(
    ("model", "attr", "slug"),
    [(ArticleIndexPage, "articles", "articles"), (ExerciseLibraryPage, "exercises", "exercises")],
)
def test_index_pages_created_through_admin_under_home(site, superuser_client, model, attr, slug):
    getattr(site, attr).delete()  # one of each is allowed, so remove the fixture's first

    response = superuser_client.post(
        add_page_url(model, site.home),
        simple_page_form_data("Listing", slug, intro=rich_text("<p>Hello</p>")),
    )

    assert response.status_code == 302
    page = model.objects.get()
    assert page.live and page.url == f"/{slug}/"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.com/watch?v=dQw4w9WgXcQ", UNSUPPORTED_MESSAGE.split(",")[0]),
        ("https://www.youtube.com/", UNSUPPORTED_MESSAGE.split(",")[0]),
        ("https://www.youtube.com/watch?v=short", "does not name a video"),
    ],
)
def test_bad_video_url_is_refused_with_message_and_input_kept(site, superuser_client, url, message):
    data = article_form_data(
        "Neck videos I love",
        [
            paragraph_form("<p>My carefully written introduction.</p>"),
            video_form(url, "Free Your Neck", caption="A caption I typed"),
        ],
        summary="A summary I do not want to type twice.",
    )

    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="neck-videos-i-love").exists()
    html = response.content.decode()
    assert message in html
    assert "A summary I do not want to type twice." in html
    assert "Neck videos I love" in html
    # The stream's values travel back to the editor as JSON for the block widgets.
    assert "My carefully written introduction." in html
    assert "A caption I typed" in html
    assert any("could not be created" in m for m in _messages(response))


def test_javascript_video_url_is_refused(site, superuser_client):
    data = article_form_data(
        "Sneaky", [video_form("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", "X")]
    )
    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="sneaky").exists()


def test_bad_start_time_is_refused(site, superuser_client):
    data = article_form_data(
        "Start late", [video_form("https://youtu.be/dQw4w9WgXcQ", "X", start_time="soon")]
    )
    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)
    assert response.status_code == 200
    assert "minutes and seconds" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="start-late").exists()


def test_duplicate_related_article_is_refused(site, superuser_client):
    other = ArticlePageFactory(parent=site.articles, title="Posture")
    data = article_form_data("Upper back", [paragraph_form("<p>Hi</p>")], related=[other, other])

    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)

    assert response.status_code == 200
    assert "This article is already in the list." in response.content.decode()
    assert not ArticlePage.objects.filter(slug="upper-back").exists()


def test_article_cannot_be_related_to_itself(site, superuser_client):
    article = ArticlePageFactory(parent=site.articles, title="Upper back")
    data = article_form_data(
        "Upper back", [paragraph_form("<p>Changed text</p>")], related=[article]
    )

    response = superuser_client.post(edit_page_url(article), data)

    assert response.status_code == 200
    assert "An article cannot be related to itself." in response.content.decode()
    article.refresh_from_db()
    assert "Changed text" not in str(article.body)
    assert article.related_links.count() == 0


def test_article_needs_alt_text_for_images(site, superuser_client):
    data = article_form_data("Pictures", [image_form(ImageFactory(), alt_text="")])
    response = superuser_client.post(add_page_url(ArticlePage, site.articles), data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="pictures").exists()
