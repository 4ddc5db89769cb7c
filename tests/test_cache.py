"""The anonymous page cache: fast for visitors, never stale after an edit, never for editors."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from core.models import ClinicSettings

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    exercise_block,
    paragraph_block,
)


@pytest.fixture
def page_cache(settings):
    """Switch the page cache on (it is off in test settings) with an empty cache."""
    settings.CLINIC_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def article(site):
    return ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        slug="sore-neck",
        body=[paragraph_block("<p>Most neck pain starts in the upper back.</p>")],
    )


def get(client, path, **kwargs):
    response = client.get(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    return response


def test_second_anonymous_view_comes_from_the_cache_without_database_queries(
    page_cache, visitor, article, django_assert_num_queries
):
    first = get(visitor, "/articles/sore-neck/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visitor.get("/articles/sore-neck/")
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Cached pages still carry the security headers.
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_every_public_page_type_is_cached(page_cache, visitor, article):
    for path in ["/", "/articles/", "/articles/sore-neck/", "/exercises/"]:
        get(visitor, path)
        assert get(visitor, path)["X-Page-Cache"] == "hit", path


def test_head_request_is_served_from_the_cache_without_a_body(page_cache, visitor, article):
    full = get(visitor, "/articles/sore-neck/")
    head = visitor.head("/articles/sore-neck/")
    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert int(head["Content-Length"]) == len(full.content)


def test_query_strings_are_cached_separately(page_cache, visitor, site, article):
    neck = get(visitor, "/articles/?area=neck")
    everything = get(visitor, "/articles/")
    assert everything["X-Page-Cache"] == "miss"
    assert get(visitor, "/articles/?area=neck").content == neck.content


def test_editor_requests_are_never_served_from_or_stored_in_the_cache(
    page_cache, visitor, editor_client, article
):
    get(visitor, "/articles/sore-neck/")
    assert get(visitor, "/articles/sore-neck/")["X-Page-Cache"] == "hit"
    for _ in range(2):
        response = get(editor_client, "/articles/sore-neck/")
        assert "X-Page-Cache" not in response
    # An editor's view (with their userbar) is never stored for visitors.
    cache.clear()
    editor_view = get(editor_client, "/articles/sore-neck/")
    assert "X-Page-Cache" not in editor_view
    assert get(visitor, "/articles/sore-neck/")["X-Page-Cache"] == "miss"


def test_visitor_with_a_flash_message_or_session_is_not_served_from_cache(
    page_cache, visitor, article
):
    get(visitor, "/articles/sore-neck/")
    with_message = Client()
    with_message.cookies["messages"] = "something"
    assert "X-Page-Cache" not in get(with_message, "/articles/sore-neck/")
    with_session = Client()
    with_session.cookies["sessionid"] = "abc"
    assert "X-Page-Cache" not in get(with_session, "/articles/sore-neck/")


def test_admin_and_previews_are_never_cached(page_cache, editor_client, article):
    for _ in range(2):
        preview = editor_client.get(f"/admin/pages/{article.pk}/edit/preview/")
        assert "X-Page-Cache" not in preview
    anonymous_admin = Client().get("/admin/login/")
    assert "X-Page-Cache" not in anonymous_admin
    assert "X-Page-Cache" not in Client().get("/admin/login/")


def test_not_found_and_post_are_not_cached(page_cache, visitor, site):
    assert visitor.get("/no-such-page/").status_code == 404
    assert "X-Page-Cache" not in visitor.get("/no-such-page/")
    response = visitor.post("/articles/", {"q": "x"})
    assert "X-Page-Cache" not in response


def test_publishing_a_new_revision_shows_at_once(page_cache, visitor, article):
    assert b"Help for a sore neck" in get(visitor, "/articles/sore-neck/").content
    article.title = "Help for a stiff neck"
    article.save_revision().publish()
    response = get(visitor, "/articles/sore-neck/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Help for a stiff neck" in response.content


def test_publishing_through_the_admin_shows_at_once(page_cache, visitor, superuser_client, article):
    from .admin_forms import article_form_data, edit_page_url, paragraph_form

    get(visitor, "/articles/sore-neck/")
    data = article_form_data(
        "Help for a sore neck",
        slug="sore-neck",
        summary="Updated summary.",
        body=[paragraph_form("<p>Brand new advice about shoulders.</p>")],
    )
    response = superuser_client.post(edit_page_url(article), data)
    assert response.status_code == 302, response.content[:2000]
    assert b"Brand new advice about shoulders." in get(visitor, "/articles/sore-neck/").content


def test_new_article_appears_on_index_and_home_at_once(page_cache, visitor, site, article):
    get(visitor, "/articles/")
    get(visitor, "/")
    ArticlePageFactory(parent=site.articles, title="Easing a tight lower back", slug="lower-back")
    assert b"Easing a tight lower back" in get(visitor, "/articles/").content
    assert b"Easing a tight lower back" in get(visitor, "/").content


def test_unpublishing_removes_the_page_at_once(page_cache, visitor, article):
    get(visitor, "/articles/sore-neck/")
    assert b"Help for a sore neck" in get(visitor, "/articles/").content
    article.unpublish()
    assert visitor.get("/articles/sore-neck/").status_code == 404
    assert b"Help for a sore neck" not in get(visitor, "/articles/").content


def test_deleting_the_page_removes_it_at_once(page_cache, visitor, article):
    get(visitor, "/articles/sore-neck/")
    Page.objects.get(pk=article.pk).delete()
    assert visitor.get("/articles/sore-neck/").status_code == 404


def test_moving_a_page_changes_its_address_at_once(page_cache, visitor, site):
    article = ArticlePageFactory(parent=site.articles, title="Moving article", slug="moving")
    get(visitor, "/articles/moving/")
    assert b"Moving article" in get(visitor, "/articles/").content
    # There is only one article index, so move it out from under the index altogether.
    Page.objects.get(pk=article.pk).move(site.home, pos="last-child")
    # Wagtail's redirects app sends the old address to the new one.
    old_address = visitor.get("/articles/moving/")
    assert old_address.status_code == 301
    assert old_address["Location"] == "/moving/"
    assert b"Moving article" not in get(visitor, "/articles/").content
    assert b"Moving article" in get(visitor, "/moving/").content


def test_adding_a_view_restriction_stops_serving_the_cached_page(page_cache, visitor, article):
    get(visitor, "/articles/sore-neck/")
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    response = visitor.get("/articles/sore-neck/")
    assert response.status_code == 302
    # And the login redirect is never cached.
    assert "X-Page-Cache" not in visitor.get("/articles/sore-neck/")


def test_password_protected_page_is_never_cached(page_cache, visitor, article):
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    for _ in range(2):
        response = visitor.get("/articles/sore-neck/")
        assert "X-Page-Cache" not in response
        assert b"Most neck pain" not in response.content


def test_editing_an_exercise_shows_on_the_article_at_once(page_cache, visitor, site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    ArticlePageFactory(
        parent=site.articles, title="Neck", slug="neck", body=[exercise_block(exercise)]
    )
    assert b"Magic Neck Stretch" in get(visitor, "/articles/neck/").content
    assert b"Magic Neck Stretch" in get(visitor, "/exercises/magic-neck-stretch/").content
    exercise.name = "Wonderful Neck Stretch"
    exercise.save_revision().publish()
    assert b"Wonderful Neck Stretch" in get(visitor, "/articles/neck/").content
    assert b"Wonderful Neck Stretch" in get(visitor, "/exercises/magic-neck-stretch/").content
    assert b"Wonderful Neck Stretch" in get(visitor, "/exercises/").content


def test_unpublishing_an_exercise_removes_it_at_once(page_cache, visitor, site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    get(visitor, "/exercises/magic-neck-stretch/")
    assert b"Magic Neck Stretch" in get(visitor, "/exercises/").content
    exercise.unpublish()
    assert visitor.get("/exercises/magic-neck-stretch/").status_code == 404
    assert b"Magic Neck Stretch" not in get(visitor, "/exercises/").content


def test_changing_clinic_settings_shows_on_every_page_at_once(page_cache, visitor, article):
    for path in ["/", "/articles/sore-neck/"]:
        assert b"(404) 555-0142" in get(visitor, path).content
    clinic = ClinicSettings.objects.get()
    clinic.phone = "(404) 555-0199"
    clinic.save()
    for path in ["/", "/articles/sore-neck/"]:
        response = get(visitor, path)
        assert b"(404) 555-0199" in response.content, path
        assert b"(404) 555-0142" not in response.content, path


def test_renaming_a_body_area_shows_at_once(page_cache, visitor, site):
    assert b"Upper back" in get(visitor, "/articles/").content
    area = site.areas["upper-back"]
    area.name = "Upper back and shoulder blades"
    area.save()
    assert b"Upper back and shoulder blades" in get(visitor, "/articles/").content


def test_editing_the_practitioner_shows_on_articles_at_once(page_cache, visitor, site):
    ArticlePageFactory(parent=site.articles, slug="byline", author=site.practitioner)
    assert b"Sharon Bryant" in get(visitor, "/articles/byline/").content
    site.practitioner.name = "Sharon B. Bryant"
    site.practitioner.save()
    assert b"Sharon B. Bryant" in get(visitor, "/articles/byline/").content


def test_rendering_an_image_does_not_empty_the_cache(page_cache, visitor, site):
    from core.cache import current_generation

    from .factories import ImageFactory, image_block

    image = ImageFactory()
    ArticlePageFactory(parent=site.articles, slug="pictured", body=[image_block(image)])
    before = current_generation()
    get(visitor, "/articles/pictured/")  # draws renditions on first view
    assert current_generation() == before
    assert get(visitor, "/articles/pictured/")["X-Page-Cache"] == "hit"


def test_visitors_searching_do_not_empty_the_cache(page_cache, visitor, article):
    """Searches are logged (new terms, zero-result counts); a visitor must not flush every page."""
    from core.cache import current_generation

    get(visitor, "/articles/sore-neck/")
    before = current_generation()
    get(visitor, "/search/?q=sore+neck")
    get(visitor, "/search/?q=qwertyuiop")  # a new term that finds nothing
    assert current_generation() == before
    assert get(visitor, "/articles/sore-neck/")["X-Page-Cache"] == "hit"


def test_page_cache_outage_serves_pages_uncached(page_cache, visitor, article, monkeypatch):
    """Production's Redis cache ignores its own errors for Wagtail; ours must not crash either."""

    class BrokenCache:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr("core.middleware.page_store", BrokenCache)
    monkeypatch.setattr("core.cache.cache", BrokenCache())
    for _ in range(2):
        response = get(visitor, "/articles/sore-neck/")
        assert b"Help for a sore neck" in response.content
        assert "X-Page-Cache" not in response
