"""Printing: articles and exercises print cleanly (print.css), and every exercise has a
one-page sheet at /exercises/<slug>/print/ with its steps, dose, cautions and video address."""

import pytest

from .factories import ArticlePageFactory, ExerciseFactory, step_block, video_block
from .html_checks import assert_no_script

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise(site):
    return ExerciseFactory(
        name="Magic Neck Stretch",
        summary="Eases a stiff neck.",
        steps=[step_block("Sit tall."), step_block("Turn your head slowly to the right.")],
        video=[video_block(url="https://youtu.be/AbCdEfGhIjK", title="Free Your Neck")],
        hold_seconds=20,
        repetitions=3,
        sets=2,
        frequency="Twice a day",
        equipment="A chair",
        cautions="<p>Stop if you feel tingling in your arm.</p>",
    )


def test_exercise_sheet_has_everything_needed_at_home(client, site, exercise):
    response = client.get("/exercises/magic-neck-stretch/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="sheet__title">Magic Neck Stretch</h1>' in html
    assert "Sit tall." in html and "Turn your head slowly to the right." in html
    assert html.index("Sit tall.") < html.index("Turn your head slowly")
    assert "Hold 20 seconds · 3 times · 2 sets · Twice a day" in html
    assert "A chair" in html
    assert "Stop if you feel tingling in your arm." in html
    # The video as its title and address, since paper cannot play it.
    assert "Free Your Neck" in html
    assert "https://www.youtube.com/watch?v=AbCdEfGhIjK" in html
    assert "(404) 555-0142" in html
    assert "http://testserver/exercises/magic-neck-stretch/" in html
    # A sheet, not a page: no site navigation, search or call bar, and not for search engines.
    assert "site-nav" not in html and "site-search" not in html and "action-bar" not in html
    assert '<meta name="robots" content="noindex">' in html
    assert_no_script(html, "print sheet")


def test_sheet_without_cautions_uses_the_clinics_safety_note(client, site):
    ExerciseFactory(name="Cat Cow", cautions="")
    html = client.get("/exercises/cat-cow/print/").content.decode()
    assert "Be gentle with yourself" in html


@pytest.mark.parametrize("slug", ["no-such-exercise", "draft-one"])
def test_sheet_for_missing_or_draft_exercise_is_404(client, site, slug):
    ExerciseFactory(name="Draft one", publish=False)
    assert client.get(f"/exercises/{slug}/print/").status_code == 404


def test_exercise_page_links_to_its_sheet(client, site, exercise):
    html = client.get("/exercises/magic-neck-stretch/").content.decode()
    assert 'href="/exercises/magic-neck-stretch/print/"' in html


def test_every_page_links_the_print_stylesheet(client, site, exercise):
    article = ArticlePageFactory(parent=site.articles)
    for path in ("/", article.url, "/exercises/", "/exercises/magic-neck-stretch/", "/routine/"):
        html = client.get(path).content.decode()
        assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html, path


def test_print_stylesheet_keeps_steps_and_doses_and_drops_chrome():
    """The rules the printed page relies on (rendering is checked in the browser tests)."""
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "print.css").read_text()
    hidden = css[: css.index("{ display: none !important; }")]
    for selector in (".site-header__bottom", ".action-bar", ".site-search", ".routine-add"):
        assert selector in hidden
    for kept in (".steps", ".facts", ".video__label"):
        assert kept not in hidden
    assert ".video__player::after { content: attr(href)" in css
