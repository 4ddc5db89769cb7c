"""The content generation only ever grows: losing its cache key (a restart, or the file cache
culling entries when full) can never make an old cached copy reachable again."""

from django.core.cache import cache
from django.test import Client

from core.cache import (
    GENERATION_KEY,
    bump_generation,
    current_generation,
    generation_of_this_request,
    remember,
    remember_in_process,
)

from . import cache_support

page_cache = cache_support.page_cache


def article(site):
    return cache_support.sore_neck_article(site)


def test_a_lost_generation_starts_again_above_every_number_handed_out(page_cache, db):
    first = current_generation()
    for _ in range(5):
        bump_generation()
    before_loss = current_generation()
    assert before_loss == first + 5
    cache.delete(GENERATION_KEY)
    assert current_generation() > before_loss
    cache.delete(GENERATION_KEY)
    bump_generation()  # a bump that finds the key gone
    assert current_generation() > before_loss


def test_an_unpublished_article_does_not_come_back_after_the_key_is_lost(page_cache, site):
    page = article(site)
    visitor = Client()
    bump_generation()
    assert visitor.get("/articles/sore-neck/")["X-Page-Cache"] == "miss"
    assert visitor.get("/articles/sore-neck/")["X-Page-Cache"] == "hit"
    cache.delete(GENERATION_KEY)
    page.unpublish()
    assert visitor.get("/articles/sore-neck/").status_code == 404


def test_losing_the_key_after_unpublishing_does_not_bring_the_copy_back(page_cache, site):
    """The audit's case: a copy filed under the first generation of an empty cache; after the
    unpublish the key is culled, and the generation must not start again where it began."""
    page = article(site)
    cache.clear()
    visitor = Client()
    assert visitor.get("/articles/sore-neck/").status_code == 200
    assert visitor.get("/articles/sore-neck/")["X-Page-Cache"] == "hit"
    page.unpublish()
    cache.delete(GENERATION_KEY)
    assert visitor.get("/articles/sore-neck/").status_code == 404


def test_a_cache_that_keeps_nothing_never_serves_a_copy(page_cache, site, monkeypatch):
    """With the cache dropping every write (an outage), each request gets a fresh generation,
    so nothing filed under an earlier one is read back."""
    seen = {current_generation()}
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "get", lambda key, default=None, **kwargs: default)
    for _ in range(3):
        seen.add(current_generation())
    assert len(seen) == 4


def test_what_a_request_draws_while_a_publish_commits_is_not_kept_for_after_it(db, settings):
    """A visitor's request reads the article, then the therapist's publish commits and the
    generation moves on, then the request draws the article from what it read. That drawing is
    filed under the generation the request started in, so the next visitor gets the new text."""
    settings.CLINIC_REMEMBER_SECONDS = 600
    cache.clear()
    with generation_of_this_request():
        bump_generation()  # the publish commits while the request is drawing the page
        assert remember("article", [7], lambda: "old words") == "old words"
        assert remember_in_process("private-ids", lambda: "old list") == "old list"
    assert remember("article", [7], lambda: "new words") == "new words"
    assert remember_in_process("private-ids", lambda: "new list") == "new list"
    # Within one generation, what was worked out is reused.
    assert remember("article", [7], lambda: "newer words") == "new words"
    cache.clear()
