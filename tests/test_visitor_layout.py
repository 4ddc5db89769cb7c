"""What a visitor in pain sees first: the short header, the article's "In this article" list,
"When to get help" for each body area, the disclaimer once, print sheets with a QR code, the
favicon and the web app manifest. The layout itself is measured in tests/browser/test_phone_layout.py."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError

from core.models import BodyArea

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    callout_block,
    exercise_block,
    heading_block,
    paragraph_block,
    step_block,
    update_block,
    video_block,
)
from .visitor_layout_support import decode_qr, rasterise_segno_svg

pytestmark = pytest.mark.django_db

NECK_SIGNS = "Your arm or hand goes numb or weak.\nIt started after a fall or an accident."


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def neck_with_signs(site):
    neck = site.areas["neck"]
    neck.when_to_get_help = NECK_SIGNS
    neck.save()
    return neck


@pytest.fixture
def exercise(site):
    return ExerciseFactory(
        name="Free Your Neck",
        summary="Gets the upper back turning.",
        steps=[step_block("Sit tall."), step_block("Turn your chest to the right.")],
        video=[video_block(title="Free Your Neck")],
        body_areas=[site.areas["neck"]],
    )


@pytest.fixture
def article(site, exercise):
    return ArticlePageFactory(
        parent=site.articles,
        slug="seed",
        title="Help for upper back and neck pain",
        author=site.practitioner,
        body_areas=[site.areas["neck"]],
        body=[
            paragraph_block("<p>Intro.</p>"),
            heading_block("Free Your Neck"),
            paragraph_block("<p>I have used this one for years.</p>"),
            exercise_block(exercise, note="My long-time favourite."),
            video_block(title="Posture in a few minutes", url="https://vimeo.com/76979871"),
            update_block(
                heading="One more",
                body=[video_block(title="Baby Rolling", url="https://vimeo.com/382915407")],
            ),
            callout_block("safety"),
            callout_block("fine_print"),
        ],
    )


# --- When to get help ------------------------------------------------------------------------


def help_box(soup):
    return soup.select_one(".get-help")


def test_area_page_lists_when_to_get_help_open(client, neck_with_signs):
    box = help_box(soup_of(client, "/areas/neck/"))
    assert box.name == "section", "on the area's own page the list is open, not folded"
    assert box.find(["h2", "h3"]).get_text(strip=True) == "When to get help"
    assert [li.get_text(strip=True) for li in box.find_all("li")] == NECK_SIGNS.splitlines()


def test_articles_and_exercises_of_the_area_show_a_box_that_opens(
    client, neck_with_signs, article, exercise
):
    for url in (article.url, f"/exercises/{exercise.slug}/"):
        box = help_box(soup_of(client, url))
        assert box is not None and box.name == "details", url
        assert box.summary.get_text(strip=True) == "When to get help"
        assert "Your arm or hand goes numb or weak." in box.get_text()


def test_print_sheet_shows_when_to_get_help(client, neck_with_signs, exercise):
    box = help_box(soup_of(client, f"/exercises/{exercise.slug}/print/"))
    assert box is not None and box.name == "section"
    assert "It started after a fall or an accident." in box.get_text()


def test_an_empty_list_shows_nothing(client, site, article, exercise):
    assert not site.areas["neck"].when_to_get_help
    for url in (article.url, f"/exercises/{exercise.slug}/", f"/exercises/{exercise.slug}/print/"):
        html = client.get(url).content.decode()
        assert "When to get help" not in html and "get-help" not in html, url
    assert "When to get help" not in client.get("/areas/neck/").content.decode()


def test_signs_shared_by_two_areas_are_listed_once(client, site, neck_with_signs):
    upper_back = site.areas["upper-back"]
    upper_back.when_to_get_help = "It started after a fall or an accident\nYou also have a fever."
    upper_back.save()
    exercise = ExerciseFactory(name="Thread the needle", body_areas=[neck_with_signs, upper_back])
    signs = [
        li.get_text(strip=True) for li in help_box(soup_of(client, exercise.url)).find_all("li")
    ]
    assert signs == [
        "Your arm or hand goes numb or weak.",
        "It started after a fall or an accident.",
        "You also have a fever.",
    ]


def test_the_list_stays_short():
    area = BodyArea(name="Knees", slug="knees", when_to_get_help="\n".join(["Swelling."] * 9))
    with pytest.raises(ValidationError, match="8 signs or fewer"):
        area.full_clean()
    area.when_to_get_help = "x" * 161
    with pytest.raises(ValidationError, match="160 characters"):
        area.full_clean()
    area.when_to_get_help = "- Swelling that will not go down.\n\n  \n* Your knee gives way."
    area.full_clean()
    assert area.help_signs == ["Swelling that will not go down.", "Your knee gives way."]


def test_demo_areas_have_plain_signs_for_each_area():
    from home.demo.exercise_data import BODY_AREAS, WHEN_TO_GET_HELP

    for slug, name, _ in BODY_AREAS:
        signs = WHEN_TO_GET_HELP[slug]
        assert 2 <= len(signs) <= 8, name
        area = BodyArea(name=name, slug=slug, when_to_get_help="\n".join(signs))
        area.full_clean(exclude=["slug", "name"])


# --- The article opens with what it holds ------------------------------------------------------


def test_article_lists_its_exercises_and_videos_with_working_jump_links(client, article):
    soup = soup_of(client, article.url)
    toc = soup.find("nav", attrs={"aria-labelledby": "toc-title"})
    assert toc.find(id="toc-title").get_text(strip=True) == "In this article"
    links = [(a.get_text(strip=True), a["href"]) for a in toc.select(".toc__list a")]
    labels = [label for label, _ in links if not label.startswith("March")]
    assert labels == ["Free Your Neck", "Posture in a few minutes", "Baby Rolling"]
    for label, href in links:
        assert soup.find(id=href.removeprefix("#")) is not None, f"{label}: {href} goes nowhere"
    # The list comes before the body, right under the title and summary.
    html = str(soup)
    assert html.index("In this article") < html.index("Intro.")
    assert html.index("<h1") < html.index("In this article")


def test_exercise_title_is_not_shown_twice_under_its_own_heading(client, article):
    soup = soup_of(client, article.url)
    visible_titles = [
        tag
        for tag in soup.find_all(["h2", "h3"])
        if tag.get_text(strip=True).startswith("Free Your Neck")
        and "visually-hidden" not in tag.get("class", [])
    ]
    assert len(visible_titles) == 1, visible_titles
    card = soup.find(id="exercise-free-your-neck")
    assert card.h3.get_text(strip=True) == "Free Your Neck", "still named for screen readers"
    more = card.select_one(".exercise-card__more a")
    assert more.get_text(" ", strip=True).startswith("Print or share this exercise")


def test_exercise_without_its_own_heading_keeps_its_visible_title(client, site, exercise):
    page = ArticlePageFactory(
        parent=site.articles, slug="plain", body=[exercise_block(exercise)], body_areas=[]
    )
    card = soup_of(client, page.url).find(id="exercise-free-your-neck")
    assert "visually-hidden" not in card.h3.get("class", [])


# --- The disclaimer once ----------------------------------------------------------------------


def disclaimer_count(client, url, site):
    text = site.settings.default_disclaimer
    marker = BeautifulSoup(text, "html.parser").get_text()[:40]
    return client.get(url).content.decode().count(marker)


@pytest.mark.parametrize("with_fine_print", [True, False])
def test_disclaimer_appears_once_on_an_article(client, site, with_fine_print):
    body = [paragraph_block("<p>Hello.</p>")]
    if with_fine_print:
        body.append(callout_block("fine_print"))
    page = ArticlePageFactory(parent=site.articles, slug="fine", body=body)
    assert site.settings.default_disclaimer
    assert disclaimer_count(client, page.url, site) == 1


def test_disclaimer_appears_once_on_other_pages(client, site, exercise):
    for url in ("/", "/articles/", "/exercises/", exercise.url, "/areas/neck/"):
        assert disclaimer_count(client, url, site) == 1, url


# --- Print sheet --------------------------------------------------------------------------------


def test_print_sheet_qr_code_opens_the_exercise_page(client, exercise):
    soup = soup_of(client, f"/exercises/{exercise.slug}/print/")
    svg = soup.select_one(".sheet__qr svg")
    assert svg is not None and svg["role"] == "img"
    assert "Free Your Neck" in svg.title.get_text()
    assert decode_qr(rasterise_segno_svg(str(svg))) == "http://testserver/exercises/free-your-neck/"


def test_print_sheet_never_breaks_words(settings):
    css = (settings.BASE_DIR / "static" / "css" / "sheet.css").read_text()
    assert "break-all" not in css, "break-all splits ordinary words ('se e', 'nothin g')"


# --- Header, area heading, icons ------------------------------------------------------------------


def test_header_search_is_a_link_to_the_search_page_without_javascript(client, site):
    soup = soup_of(client, "/")
    toggle = soup.select_one(".site-header [data-search-toggle]")
    assert toggle.name == "a" and toggle["href"] == "/search/"
    assert soup.select_one(".site-header form[role=search]")["id"] == "site-search"


def test_area_page_names_the_area_as_written(client, site):
    soup = soup_of(client, "/areas/upper-back/")
    assert soup.h1.get_text(strip=True) == "Upper back"
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert "Articles about Upper back" in headings and "Exercises for Upper back" in headings
    assert "upper back" not in " ".join(headings)


def test_favicon_answers(client, site):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response)[:4] == b"\x00\x00\x01\x00", "an ICO file"


def test_manifest_names_the_clinic_and_its_icons_exist(client, site, settings):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == site.settings.clinic_name
    assert len(manifest["short_name"]) <= 12
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert icon["src"].startswith(settings.STATIC_URL)
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL)), icon["src"]


def test_every_page_links_its_icons_and_manifest(client, site, exercise):
    for url in ("/", exercise.url, f"/exercises/{exercise.slug}/print/"):
        head = soup_of(client, url).head
        assert head.find("link", rel="manifest")["href"] == "/manifest.webmanifest", url
        assert head.find("link", rel="apple-touch-icon") is not None, url
        assert {link["href"] for link in head.find_all("link", rel="icon")} >= {"/favicon.ico"}


def test_therapist_edits_when_to_get_help_in_the_body_area_form(editor_client, site):
    neck = site.areas["neck"]
    edit_url = f"/admin/core/bodyarea/edit/{neck.pk}/"
    form = editor_client.get(edit_url).content.decode()
    assert 'name="when_to_get_help"' in form
    assert "one per line" in form
    response = editor_client.post(
        edit_url,
        {
            "name": "Neck",
            "slug": "neck",
            "description": "",
            "sort_order": 1,
            "when_to_get_help": "Your arm goes numb or weak.\nAfter a fall or an accident.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    neck.refresh_from_db()
    assert neck.help_signs == ["Your arm goes numb or weak.", "After a fall or an accident."]
