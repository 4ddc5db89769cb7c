"""`manage.py load_demo_content`: the demo clinic, its seed article and the demo logins."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision, Site

from articles.models import ArticleIndexPage, ArticlePage
from core.models import BodyArea, ClinicSettings, Practitioner
from exercises.models import Exercise, ExerciseLibraryPage
from home.management.commands.setup_demo_users import DEFAULT_DEMO_PASSWORD
from home.models import HomePage
from search.models import Synonym

from .conftest import build_once_per_module

pytestmark = pytest.mark.django_db

SEED_SLUG = "help-for-upper-back-and-neck-pain"


def load_demo(**env):
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def load_demo_without_a_password():
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("DEMO_PASSWORD", raising=False)
        return load_demo()


@pytest.fixture(scope="module")
def _module_demo(request, module_transaction):
    """The demo content, loaded once for the module's tests (see module_transaction)."""
    return build_once_per_module(request, module_transaction, load_demo_without_a_password)


@pytest.fixture
def demo(db, monkeypatch, _module_demo):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = load_demo() if _module_demo is None else _module_demo
    Site.clear_site_root_paths_cache()
    return output


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "exercises": Exercise.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "group page permissions": GroupPagePermission.objects.count(),
        "body areas": BodyArea.objects.count(),
        "practitioners": Practitioner.objects.count(),
        "sites": Site.objects.count(),
        "search synonyms": Synonym.objects.count(),
    }


def test_second_run_adds_nothing(demo):
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "nothing to add" in output


def test_builds_the_clinic(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live and home.url == "/"
    # Wagtail's starter "Welcome" page is gone: the home page is the only top-level page.
    assert list(Page.get_first_root_node().get_children()) == [home.page_ptr]
    assert ArticleIndexPage.objects.get().url == "/articles/"
    assert ExerciseLibraryPage.objects.get().url == "/exercises/"
    assert home.featured_articles.count() >= 3
    assert home.featured_exercises.count() >= 3

    settings = ClinicSettings.for_site(site)
    assert settings.clinic_name == "Harvest Moon Massage Therapy"
    assert "Decatur" in settings.address
    assert "555-01" in settings.phone
    assert settings.booking_url.startswith("https://")
    assert len(settings.opening_hours) >= 4
    assert settings.practitioner.name == "Sharon Bryant"
    assert settings.practitioner.photo is not None

    assert list(BodyArea.objects.values_list("slug", flat=True)) == [
        "jaw",
        "neck",
        "shoulders",
        "upper-back",
        "lower-back",
        "hips",
    ]

    live = Exercise.objects.live()
    assert live.count() >= 6
    names = set(live.values_list("name", flat=True))
    assert {"Free Your Neck", "Magic Neck Stretch", "Baby Rolling"} <= names
    for exercise in live:
        assert exercise.video_block is not None, exercise
        assert exercise.video_block.value.video is not None, f"{exercise}: unplayable video"
        assert len(exercise.steps) >= 2, exercise
        assert exercise.dose, exercise
        assert exercise.body_areas.exists(), exercise
        assert not exercise.has_unpublished_changes, exercise

    articles = ArticlePage.objects.live().public()
    assert articles.count() >= 5
    dates = sorted(articles.values_list("first_published_at", flat=True))
    assert (dates[-1] - dates[0]).days > 60, "published dates should be spread over months"
    for article in articles:
        assert article.hero_image is not None and article.hero_image_alt, article
        assert article.author is not None, article


def test_seed_article_has_the_seed_shape(demo):
    article = ArticlePage.objects.live().get(slug=SEED_SLUG)
    assert article.url == f"/articles/{SEED_SLUG}/"

    top_level = [block.block_type for block in article.body]
    assert top_level[0] == "paragraph"
    top_exercises = [b.value["exercise"].name for b in article.body if b.block_type == "exercise"]
    assert top_exercises == ["Free Your Neck", "Magic Neck Stretch"]

    [update] = article.updates
    assert update.value["date"] > article.first_published_at.date()
    assert article.last_updated == update.value["date"]
    update_types = [b.block_type for b in update.value["body"]]
    update_exercises = [
        b.value["exercise"].name for b in update.value["body"] if b.block_type == "exercise"
    ]
    assert update_exercises == ["Baby Rolling"]
    assert "video" in update_types and "paragraph" in update_types, "the posture note and video"

    callouts = {b.value["kind"]: b.value for b in article.body if b.block_type == "callout"}
    assert {"read_next", "safety", "call_to_action", "fine_print"} <= set(callouts)
    assert not callouts["safety"]["text"].source, "empty: the clinic's default note is shown"
    read_next = [page.slug for page in callouts["read_next"].visible_articles]
    assert read_next == ["head-forward-posture", "strengthen-your-upper-back"]

    # Her picks, in her order, are both live articles and lead the "Related reading" list.
    picked = [link.article for link in article.related_links.all()]
    assert [page.slug for page in picked] == ["head-forward-posture", "strengthen-your-upper-back"]
    assert all(page.live for page in picked)
    reading = [item.page for item in article.related_reading()]
    assert reading[:2] == picked
    assert set(article.exercises.values_list("slug", flat=True)) == {
        "free-your-neck",
        "magic-neck-stretch",
        "baby-rolling",
    }


def test_seed_article_page_shows_its_pieces(demo, client):
    settings = ClinicSettings.objects.get()
    response = client.get(f"/articles/{SEED_SLUG}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Free Your Neck", "Magic Neck Stretch", "Baby Rolling", "Head-forward posture"]:
        assert text in html, text
    assert settings.phone_href in html
    assert settings.booking_url in html
    for url in ["/", "/articles/", "/exercises/", "/exercises/baby-rolling/"]:
        assert client.get(url).status_code == 200, url


def test_search_synonyms_from_the_readme_work_in_the_demo(demo, client):
    """The README's example: "crick" finds the stiff-neck article, through a demo synonym."""
    for words in ["crick", "between shoulder blades"]:
        response = client.get("/search/", {"q": words})
        urls = [hit.url for hit in response.context["hits"]]
        assert f"/articles/{SEED_SLUG}/" in urls, words


def test_therapist_can_edit_content_but_not_users(demo, client):
    assert client.login(username="therapist", password=DEFAULT_DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200
    for url in ["/admin/users/", "/admin/groups/"]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/admin/login/" not in response["Location"]

    therapist = get_user_model().objects.get(username="therapist")
    assert not therapist.is_superuser
    index = ArticleIndexPage.objects.get()
    article = ArticlePage.objects.get(slug=SEED_SLUG)
    assert index.permissions_for_user(therapist).can_add_subpage()
    assert article.permissions_for_user(therapist).can_publish()
    for perm in [
        "exercises.add_exercise",
        "exercises.publish_exercise",
        "core.change_practitioner",
        "core.change_bodyarea",
        "core.change_clinicsettings",
    ]:
        assert therapist.has_perm(perm), perm
    assert not therapist.has_perm("auth.change_user")
    assert not therapist.has_perm("auth.change_group")
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert client.get("/admin/snippets/exercises/exercise/").status_code == 200

    client.logout()
    assert client.login(username="admin", password=DEFAULT_DEMO_PASSWORD)
    assert client.get("/admin/users/").status_code == 200


def test_demo_password_comes_from_the_environment(demo, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "moonlit-ashiatsu-42")
    output = load_demo()
    assert "moonlit-ashiatsu-42" in output
    for username in ["admin", "therapist"]:
        assert authenticate(username=username, password="moonlit-ashiatsu-42"), username
        assert authenticate(username=username, password=DEFAULT_DEMO_PASSWORD) is None

    # Re-running without it puts the printed default back.
    monkeypatch.delenv("DEMO_PASSWORD")
    assert DEFAULT_DEMO_PASSWORD in load_demo()
    assert authenticate(username="therapist", password=DEFAULT_DEMO_PASSWORD)


def test_demo_pictures_video_covers_step_times_and_home_sections(demo, client):
    exercises = list(Exercise.objects.live().select_related("image"))
    # Every exercise card has a picture of its own, also the cover of its video.
    assert all(exercise.image is not None for exercise in exercises)
    assert len({exercise.image.file_hash for exercise in exercises}) == len(exercises)
    for exercise in exercises:
        cover = exercise.video_block.value
        assert cover["poster"] == exercise.image and cover.length_label, exercise
        assert all(step.value.video_time_label for step in exercise.steps), exercise
    heroes = ArticlePage.objects.live().values_list("hero_image__file_hash", flat=True)
    assert len(set(heroes)) == len(heroes), "every article has a picture of its own"

    home = HomePage.objects.get()
    assert home.heading and home.heading != ClinicSettings.objects.get().clinic_name
    assert home.about and home.photo is not None and home.photo_alt
    assert len(home.services) >= 3 and home.testimonials.count() >= 3
    html = client.get("/").content.decode()
    for text in ("What is Ashiatsu barefoot massage?", "Services and prices", "What clients say"):
        assert text in html, text
    assert "https://www.openstreetmap.org/search?query=1187+Larkspur+Row" in html
