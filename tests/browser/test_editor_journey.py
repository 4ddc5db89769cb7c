"""The therapist's week in a real browser: exercise, article, preview, publish, edit once.

Runs against pytest-django's live server with the clinic's page tree and the `therapist`
editor from tests/conftest.py. Screenshots land in tests/artifacts/ (ignored by git).
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import ArticlePage
from exercises.models import Exercise
from tests.conftest import PASSWORD

from . import journey

pytestmark = [
    pytest.mark.browser,
    # Restores the migrated rows (root page, default site) for the next transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXERCISE = "Shoulder Blade Squeeze"
FIRST_STEP = "Sit tall and squeeze your shoulder blades together for five seconds."
NEW_STEP = "Sit tall, breathe out and squeeze your shoulder blades together for ten seconds."


@pytest.fixture
def no_autosave(settings):
    """Wagtail 8 autosaves the editor every 500 ms. A script types far faster than she does, and
    an autosave still in flight when Publish is pressed can make the add form create the page
    twice (a slug clash); seen once in CI. The journey checks her steps, not Wagtail's timer."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


def test_therapist_writes_an_article_with_an_exercise_and_edits_the_exercise_once(
    live_server, site, editor, page, screenshot, no_autosave
):
    base = live_server.url
    journey.log_in(page, base, editor.username, PASSWORD)
    screenshot("dashboard")

    # 1. An exercise for her library, without inventing a web address.
    expect(page.get_by_role("link", name="New exercise")).to_be_visible()
    journey.create_exercise(
        page,
        base,
        name=EXERCISE,
        summary="Squeezing the shoulder blades together wakes up the upper back muscles.",
        video_title="Shoulder blade squeeze video",
        step=FIRST_STEP,
    )
    assert Exercise.objects.get(slug="shoulder-blade-squeeze").live

    # 2. An article using it: paragraph, video, read-next callout, exercise card, update.
    journey.create_article(
        page,
        base,
        site.articles.pk,
        title="Shoulder blades and a stiff neck",
        summary="A squeeze you can do at your desk to wake up the upper back and ease the neck.",
        exercise_name=EXERCISE,
    )
    screenshot("editor-article", full_page=True)

    # Collapsed blocks say what they hold.
    journey.collapse_article_blocks(page)
    titles = journey.block_header_titles(page)
    assert "Video | Video: Desk squeeze walkthrough" in titles
    assert "Callout | Callout (Read next): Try this one next" in titles
    assert f"Exercise | Exercise: {EXERCISE}" in titles
    assert "Update | Update 2025-03-14: One more tip I forgot" in titles

    # 3. Live preview beside the editor, at desktop size.
    preview = journey.open_preview(page)
    expect(preview.get_by_role("heading", name="Shoulder blades and a stiff neck")).to_be_visible()
    expect(preview.get_by_text("Desk squeeze walkthrough").first).to_be_visible()
    expect(preview.get_by_text(FIRST_STEP)).to_be_visible()
    screenshot("editor-preview")

    # 4. Publish. No safety callout: she is warned, not stopped.
    journey.publish(page)
    # "created and published" or, once autosave has created it, "has been published".
    published = re.compile(
        r"Page 'Shoulder blades and a stiff neck' (created and|has been) published"
    )
    expect(page.get_by_text(published)).to_be_visible()
    screenshot("editor-published")
    # The warning waits in the "Before you publish" box of the article's form, once.
    article_page = ArticlePage.objects.get(slug="shoulder-blades-and-a-stiff-neck")
    page.goto(f"{base}/admin/pages/{article_page.pk}/edit/")
    expect(page.get_by_text("exercises but no safety note")).to_have_count(1)

    # 5. The public page shows every part.
    page.goto(f"{base}/articles/shoulder-blades-and-a-stiff-neck/")
    article = page.locator("main")
    expect(article.get_by_role("heading", name="Shoulder blades and a stiff neck")).to_be_visible()
    expect(
        article.get_by_text("Squeezing the shoulder blades wakes up the upper back.")
    ).to_be_visible()
    # The video's own cover (the "In this article" list names it too).
    expect(article.locator(".video__title", has_text="Desk squeeze walkthrough")).to_be_visible()
    expect(article.get_by_text("Try this one next")).to_be_visible()
    expect(article.get_by_role("link", name=EXERCISE).first).to_be_visible()
    expect(article.get_by_text("Do this one every day.")).to_be_visible()
    expect(article.get_by_text(FIRST_STEP)).to_be_visible()
    expect(article.get_by_role("heading", name="One more tip I forgot")).to_be_visible()
    expect(article.get_by_text("Roll the shoulders back before you squeeze.")).to_be_visible()
    expect(article.get_by_text("Updated March 14, 2025")).to_be_visible()
    # Logged in, she has the user bar to jump back to the editor.
    expect(page.locator("wagtail-userbar, .w-userbar").first).to_be_attached()
    screenshot("public-article", full_page=True)

    # 6. Edit the exercise once; the article shows the change.
    journey.edit_exercise_step(page, base, name=EXERCISE, new_step=NEW_STEP)
    page.goto(f"{base}/articles/shoulder-blades-and-a-stiff-neck/")
    expect(page.locator("main").get_by_text(NEW_STEP)).to_be_visible()
    expect(page.locator("main").get_by_text(FIRST_STEP)).to_have_count(0)
    screenshot("public-article-after-exercise-edit", full_page=True)
