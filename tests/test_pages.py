"""The page tree rules, the article index and what anonymous visitors can and cannot see."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticleIndexPage, ArticlePage
from exercises.models import ExerciseLibraryPage
from home.models import HomePage

from .admin_forms import add_page_url
from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_site_urls(site, client):
    assert site.home.url == "/"
    assert site.articles.url == "/articles/"
    assert site.exercises.url == "/exercises/"
    for url in ["/", "/articles/", "/exercises/"]:
        assert client.get(url).status_code == 200, url


# --- tree rules --------------------------------------------------------------------------


def test_home_page_only_under_root_and_only_once(site):
    assert not HomePage.can_create_at(site.root), "there is already a home page"
    assert not HomePage.can_create_at(site.home)
    assert not HomePage.can_create_at(site.articles)
    assert HomePage.parent_page_types == ["wagtailcore.Page"]


def test_home_page_can_be_created_under_root_when_none_exists(db):
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    assert HomePage.can_create_at(root)


def test_one_article_index_and_one_exercise_library_under_home(site):
    assert not ArticleIndexPage.can_create_at(site.home), "max one article index"
    assert not ExerciseLibraryPage.can_create_at(site.home), "max one exercise library"
    site.articles.delete()
    site.exercises.delete()
    assert ArticleIndexPage.can_create_at(site.home)
    assert ExerciseLibraryPage.can_create_at(site.home)
    assert not ArticleIndexPage.can_create_at(site.root)
    assert not ExerciseLibraryPage.can_create_at(site.root)


def test_articles_only_under_article_index(site):
    article = ArticlePageFactory(parent=site.articles)
    assert ArticlePage.can_create_at(site.articles)
    for parent in [site.root, site.home, site.exercises, article]:
        assert not ArticlePage.can_create_at(parent), parent
    assert ArticlePage.allowed_subpage_models() == []
    assert ExerciseLibraryPage.allowed_subpage_models() == []


def test_home_allows_only_the_two_listings(site):
    assert set(HomePage.allowed_subpage_models()) == {ArticleIndexPage, ExerciseLibraryPage}


@pytest.mark.parametrize(
    ("model", "parent_attr"),
    [
        (ArticlePage, "home"),
        (ArticlePage, "exercises"),
        (ArticleIndexPage, "articles"),
        (HomePage, "home"),
        (ExerciseLibraryPage, "home"),  # already has one
    ],
)
def test_admin_add_subpage_refuses_wrong_types(site, superuser_client, model, parent_attr):
    parent = getattr(site, parent_attr)
    response = superuser_client.get(add_page_url(model, parent))
    assert response.status_code in (302, 403)
    assert not model.objects.filter(title="Sneaked in").exists()
    response = superuser_client.post(add_page_url(model, parent), {"title": "Sneaked in"})
    assert response.status_code in (302, 403)
    assert not model.objects.filter(title="Sneaked in").exists()


def test_admin_add_subpage_offers_only_allowed_types(site, superuser_client):
    from django.urls import reverse

    # With the library already there, the article index is the only thing home can take,
    # so Wagtail goes straight to its form.
    site.articles.delete()
    response = superuser_client.get(reverse("wagtailadmin_pages:add_subpage", args=[site.home.pk]))
    assert response.status_code == 302
    assert response.url == add_page_url(ArticleIndexPage, site.home)


def test_admin_add_subpage_under_index_goes_to_article_form(site, superuser_client):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:add_subpage", args=[site.articles.pk])
    response = superuser_client.get(url)
    assert response.status_code == 302
    assert response.url == add_page_url(ArticlePage, site.articles)


# --- the article index -------------------------------------------------------------------


def _dated_articles(site, count, area=None):
    start = timezone.now() - datetime.timedelta(days=count)
    return [
        ArticlePageFactory(
            parent=site.articles,
            title=f"Article number {i:02d}",
            first_published_at=start + datetime.timedelta(days=i),
            body_areas=[area] if area else [],
        )
        for i in range(count)
    ]


def _listed_titles(response):
    return [article.title for article in response.context["articles"]]


def test_index_lists_newest_first(site, client):
    _dated_articles(site, 3)
    response = client.get("/articles/")
    assert response.status_code == 200
    assert _listed_titles(response) == [
        "Article number 02",
        "Article number 01",
        "Article number 00",
    ]
    html = response.content.decode()
    assert html.index("Article number 02") < html.index("Article number 00")


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("?page=2", "Article number 01"),
        ("?page=abc", "Article number 11"),
        ("?page=99999", "Article number 01"),
        ("?page=-3", "Article number 11"),
        ("?page=", "Article number 11"),
        ("?page=1e9", "Article number 11"),
    ],
)
def test_index_pagination_is_forgiving(site, client, query, expected_first):
    _dated_articles(site, 12)  # ten a page: page 1 has 11..02, page 2 has 01, 00
    response = client.get("/articles/" + query)
    assert response.status_code == 200
    assert _listed_titles(response)[0] == expected_first


def test_index_second_page_is_linked(site, client):
    _dated_articles(site, 12)
    html = client.get("/articles/").content.decode()
    assert "page=2" in html


def test_index_filters_by_area(site, client):
    neck = ArticlePageFactory(
        parent=site.articles, title="Neck help", body_areas=[site.areas["neck"]]
    )
    ArticlePageFactory(
        parent=site.articles, title="Lower back help", body_areas=[site.areas["lower-back"]]
    )
    response = client.get("/articles/?area=neck")
    assert response.status_code == 200
    assert _listed_titles(response) == [neck.title]
    assert "Lower back help" not in response.content.decode()


@pytest.mark.parametrize("area", ["nope", "<script>", "neck'--", "x" * 500])
def test_index_unknown_area_is_404_not_500(site, client, area):
    ArticlePageFactory(parent=site.articles)
    assert client.get("/articles/", {"area": area}).status_code == 404


# --- drafts, private pages and 404s ------------------------------------------------------


def test_never_published_article_is_404_and_not_listed(site, client):
    draft = ArticlePageFactory(parent=site.articles, title="Secret draft", publish=False)
    assert client.get(f"/articles/{draft.slug}/").status_code == 404
    assert "Secret draft" not in client.get("/articles/").content.decode()
    assert "Secret draft" not in client.get("/").content.decode()


def test_unpublished_article_is_404(site, client):
    article = ArticlePageFactory(parent=site.articles, title="Was public")
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "Was public" not in client.get("/articles/").content.decode()


def test_draft_changes_are_not_shown_to_visitors(site, client):
    article = ArticlePageFactory(parent=site.articles, title="Neck help")
    article.title = "Neck help (draft title)"
    article.save_revision()
    html = client.get(article.url).content.decode()
    assert "Neck help" in html
    assert "draft title" not in html


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_private_article_not_listed_and_not_shown(site, client, restriction):
    private = ArticlePageFactory(parent=site.articles, title="Members only")
    ArticlePageFactory(parent=site.articles, title="Open to all")
    PageViewRestriction.objects.create(page=private, restriction_type=restriction, password="pw")
    listing = client.get("/articles/").content.decode()
    assert "Open to all" in listing
    assert "Members only" not in listing
    assert "Members only" not in client.get("/").content.decode()
    response = client.get(private.url)
    # A password form (200) or a redirect to log in (302); never the article itself.
    assert response.status_code == (200 if restriction == "password" else 302)
    assert "Most neck pain starts in the upper back." not in response.content.decode()


def test_404_page_in_site_style(site, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert site.settings.clinic_name in html
    assert site.settings.phone_href in html, "the phone is one tap away on every page"
    assert 'href="/articles/"' in html or "/articles/" in html


def test_500_page_renders_without_database_in_site_style(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Harvest Moon Massage Therapy" in html
    assert "css/site.css" in html


# --- the home page ---------------------------------------------------------------------------


def test_home_shows_newest_articles_exercises_and_how_to_book(site, client):
    from .factories import ExerciseFactory

    _dated_articles(site, 4)
    ArticlePageFactory(parent=site.articles, title="Unfinished draft", publish=False)
    ExerciseFactory(name="Magic Neck Stretch")
    ExerciseFactory(name="Hidden Exercise", publish=False)

    html = client.get("/").content.decode()

    assert "Welcome to the clinic." in html
    for title in ["Article number 03", "Article number 02", "Article number 01"]:
        assert title in html
    assert "Article number 00" not in html, "only the newest three unless she picks"
    assert "Unfinished draft" not in html
    assert "Magic Neck Stretch" in html
    assert "Hidden Exercise" not in html
    assert 'href="tel:4045550142"' in html
    assert 'href="https://booking.example.com/harvest-moon"' in html


def test_article_summary_is_the_meta_description(site, client):
    article = ArticlePageFactory(
        parent=site.articles, title="Neck help", summary="Gentle help for a stiff neck."
    )
    html = client.get(article.url).content.decode()
    assert '<meta name="description" content="Gentle help for a stiff neck."' in html


def test_article_byline_names_the_practitioner(site, client):
    article = ArticlePageFactory(parent=site.articles, title="Neck help", author=site.practitioner)
    html = client.get(article.url).content.decode()
    assert "By <strong>Sharon Bryant</strong>" in html
