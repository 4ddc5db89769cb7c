"""What the therapist tripped over on her first afternoon in the admin, each kept fixed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from core.models import BodyArea
from exercises.models import Exercise

from .admin_forms import article_form_data, edit_page_url, exercise_form_data, paragraph_form
from .factories import ArticlePageFactory, ExerciseFactory

EXERCISE_ADD_URL = reverse("wagtailsnippets_exercises_exercise:add")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- A new exercise gets its web address from its name ------------------------------------


def test_a_new_exercise_takes_its_slug_from_its_name(site, editor_client):
    data = exercise_form_data("Shoulder Blade Squeeze", slug="", steps=["Squeeze gently."])
    response = editor_client.post(EXERCISE_ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    exercise = Exercise.objects.get(name="Shoulder Blade Squeeze")
    assert exercise.slug == "shoulder-blade-squeeze"
    assert exercise.live


def test_a_second_exercise_with_the_same_name_gets_an_address_of_its_own(site, editor_client):
    ExerciseFactory(name="Chin Tucks", slug="chin-tucks")
    response = editor_client.post(EXERCISE_ADD_URL, exercise_form_data("Chin Tucks", slug=""))
    assert response.status_code == 302
    slugs = sorted(Exercise.objects.filter(name="Chin Tucks").values_list("slug", flat=True))
    assert slugs == ["chin-tucks", "chin-tucks-2"]


def test_a_new_body_area_takes_its_slug_from_its_name(site, superuser_client):
    url = reverse("core_bodyarea_modeladmin_create")
    response = superuser_client.post(
        url, {"name": "Hips and knees", "slug": "", "description": "", "sort_order": "5"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert BodyArea.objects.get(name="Hips and knees").slug == "hips-and-knees"


def test_the_slug_is_out_of_her_way_on_the_exercise_form(site, editor_client):
    html = editor_client.get(EXERCISE_ADD_URL).content.decode()
    content_tab = html[: html.index('id="tab-settings"')] if 'id="tab-settings"' in html else ""
    assert content_tab, "the exercise form has a Settings tab"
    assert 'name="slug"' not in content_tab
    assert 'name="slug"' in html


# --- "Due for a review" means a year after the later of review and first publication -------


def dashboard(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="clinic-due-for-review-section"')
    end = html.find('class="w-panel ', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_what_she_just_published_is_not_due_for_a_review(site, editor_client):
    ArticlePageFactory(parent=site.articles, title="Written minutes ago", last_reviewed=None)
    ExerciseFactory(name="Brand New Stretch", last_reviewed=None)
    due = dashboard(editor_client)
    assert "Written minutes ago" not in due
    assert "Brand New Stretch" not in due


def test_a_year_after_first_publication_an_unreviewed_article_is_due(site, editor_client):
    article = ArticlePageFactory(parent=site.articles, title="Old and unchecked")
    old = timezone.now() - datetime.timedelta(days=400)
    type(article).objects.filter(pk=article.pk).update(first_published_at=old)
    reviewed_recently = ArticlePageFactory(parent=site.articles, title="Old but checked")
    type(article).objects.filter(pk=reviewed_recently.pk).update(
        first_published_at=old, last_reviewed=timezone.localdate() - datetime.timedelta(days=30)
    )
    due = dashboard(editor_client)
    assert "Old and unchecked" in due
    assert "Old but checked" not in due
    assert "12 months" in due


# --- "Save draft" says plainly that visitors do not see it yet ------------------------------


def test_saving_a_page_draft_says_it_is_not_live(site, editor_client):
    article = ArticlePageFactory(parent=site.articles, title="Neck notes")
    data = article_form_data("Neck notes", body=[paragraph_form("<p>A new sentence.</p>")])
    data.pop("action-publish", None)
    response = editor_client.post(edit_page_url(article), data)
    assert response.status_code == 302
    texts = " ".join(messages_of(response))
    assert "has been updated" not in texts
    assert "not visible to visitors" in texts


def test_saving_an_exercise_draft_says_it_is_not_live(site, editor_client):
    exercise = ExerciseFactory(name="Doorway Stretch", slug="doorway-stretch")
    url = reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])
    data = exercise_form_data("Doorway Stretch", "doorway-stretch", publish=False)
    response = editor_client.post(url, data)
    assert response.status_code == 302
    texts = " ".join(messages_of(response))
    assert "not visible to visitors" in texts
    assert "updated." not in texts


def test_publishing_still_says_it_is_live(site, editor_client):
    exercise = ExerciseFactory(name="Doorway Stretch", slug="doorway-stretch")
    url = reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])
    response = editor_client.post(url, exercise_form_data("Doorway Stretch", "doorway-stretch"))
    texts = " ".join(messages_of(response))
    assert "not visible to visitors" not in texts
    assert "published" in texts.lower()


# --- Each warning once, where she decides to publish ----------------------------------------


def test_a_warning_is_shown_once_in_the_before_you_publish_panel(site, editor_client):
    video = {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Free Your Neck"}
    exercise = ExerciseFactory(name="Free Your Neck", slug="free-your-neck")
    url = reverse("wagtailsnippets_exercises_exercise:edit", args=[exercise.pk])
    data = exercise_form_data(
        "Free Your Neck", "free-your-neck", video=[("video", video)], publish=False
    )
    response = editor_client.post(url, data, follow=True)
    html = response.content.decode()
    assert html.count("has no transcript") == 1
    assert "Before you publish" in html
    assert not any("Worth a look" in text for text in messages_of(response))


# --- The admin's own avatars never call Gravatar --------------------------------------------


def test_the_admin_asks_no_third_party_for_avatars(site, editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()


# --- Every admin listing's search answers ---------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_exercises_exercise:list",
        "wagtailsnippets_core_practitioner:list",
        "core_bodyarea_modeladmin_index",
        "wagtailimages:index",
        "wagtaildocs:index",
        "wagtailadmin_pages:search",
        "wagtailusers_users:index",
        "wagtailsearchpromotions:index",
    ],
)
def test_every_admin_listing_search_answers(site, superuser_client, url_name):
    ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    response = superuser_client.get(reverse(url_name), {"q": "neck"})
    assert response.status_code == 200


def test_the_exercise_listing_finds_by_name(site, superuser_client, update_search_index):
    ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    ExerciseFactory(name="Knee Hug", slug="knee-hug")
    update_search_index()
    url = reverse("wagtailsnippets_exercises_exercise:list")
    html = superuser_client.get(url, {"q": "neck"}).content.decode()
    assert "Magic Neck Stretch" in html
    assert "Knee Hug" not in html


# --- A new article or exercise in one click from the dashboard ------------------------------


def test_the_dashboard_starts_a_new_article_and_a_new_exercise(site, editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    new_article = reverse(
        "wagtailadmin_pages:add", args=["articles", "articlepage", site.articles.pk]
    )
    assert f'href="{new_article}"' in html
    assert f'href="{EXERCISE_ADD_URL}"' in html
    assert editor_client.get(new_article).status_code == 200


# --- An update section has a visible end ---------------------------------------------------


def test_an_update_is_a_framed_section_and_what_follows_is_outside_it(site, client):
    from html.parser import HTMLParser

    from .factories import callout_block, paragraph_block, update_block

    article = ArticlePageFactory(
        parent=site.articles,
        body=[
            paragraph_block("<p>Start with the upper back.</p>"),
            update_block(
                datetime.date(2026, 9, 11),
                "A third video",
                [paragraph_block("<p>Here is one more stretch.</p>")],
            ),
            callout_block("safety", text="<p>Go slow, stop if it hurts.</p>"),
        ],
    )
    html = client.get(article.url).content.decode()

    class Sections(HTMLParser):
        def __init__(self):
            super().__init__()
            self.depth, self.in_update, self.found = 0, None, {}

        def handle_starttag(self, tag, attrs):
            classes = dict(attrs).get("class", "") or ""
            if tag == "section" and "update" in classes.split():
                self.in_update = self.depth
            if tag not in {"br", "img", "meta", "link", "input", "source", "hr"}:
                self.depth += 1

        def handle_endtag(self, tag):
            if tag not in {"br", "img", "meta", "link", "input", "source", "hr"}:
                self.depth -= 1
            if self.in_update is not None and self.depth == self.in_update:
                self.in_update = None

        def handle_data(self, data):
            for text in ("Here is one more stretch.", "Go slow, stop if it hurts.", "End of the"):
                if text in data:
                    self.found[text] = self.in_update is not None

    parser = Sections()
    parser.feed(html)
    assert parser.found["Here is one more stretch."] is True
    assert parser.found["End of the"] is True
    assert parser.found["Go slow, stop if it hurts."] is False
    assert "End of the update of September 11, 2026" in html


# --- `make run` prints the address it really serves on --------------------------------------


@pytest.mark.parametrize(
    ("host_port", "admin_url"),
    [
        (None, "http://127.0.0.1:8000/admin/"),
        ("127.0.0.1:8123", "http://127.0.0.1:8123/admin/"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000/admin/"),
        ("9001", "http://127.0.0.1:9001/admin/"),
    ],
)
def test_the_printed_admin_address_follows_host_port(host_port, admin_url):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in {"HOST_PORT", "WAGTAILADMIN_BASE_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "clinic.settings.dev"
    if host_port:
        env["HOST_PORT"] = host_port
    # The same expression setup_demo_users prints after "Admin:".
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL.rstrip('/') + '/admin/')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == admin_url, result.stderr


# --- The exercise preview shows what visitors see -------------------------------------------


def test_the_exercise_preview_lists_the_articles_that_use_it(site, editor_client):
    from .factories import exercise_block

    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    ArticlePageFactory(
        parent=site.articles, title="Help for a stiff neck", body=[exercise_block(exercise)]
    )
    visitor_html = editor_client.get("/exercises/magic-neck-stretch/").content.decode()
    assert "Help for a stiff neck" in visitor_html
    url = reverse("wagtailsnippets_exercises_exercise:preview_on_edit", args=[exercise.pk])
    data = exercise_form_data("Magic Neck Stretch", "magic-neck-stretch", publish=False)
    assert editor_client.post(url, data).json()["is_valid"]
    preview = editor_client.get(url).content.decode()
    assert "Help for a stiff neck" in preview
