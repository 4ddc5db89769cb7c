"""Shared fixtures: the clinic's page tree, its settings, body areas and logged-in clients.

``site`` builds what ``load_demo_content`` builds, minus the demo text:

    root -> HomePage (/) -> ArticleIndexPage (/articles/)
                         -> ExerciseLibraryPage (/exercises/)

with the HomePage as the default Site's root, ClinicSettings filled in, a practitioner and the
body areas neck, upper-back, shoulders and lower-back.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from .factories import (
    ArticleIndexPageFactory,
    BodyAreaFactory,
    ExerciseLibraryPageFactory,
    HomePageFactory,
    PractitionerFactory,
    clinic_settings_for,
)

PASSWORD = "correct-horse-battery"


@dataclass
class ClinicSite:
    """Everything the ``site`` fixture made, by name."""

    wagtail_site: Site
    root: Page
    home: object
    articles: object
    exercises: object
    settings: object
    practitioner: object
    areas: dict = field(default_factory=dict)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The test cache outlives each test's database rollback: start every test with it empty,
    so nothing remembered for another test's content (pages, search rankings) leaks in."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any attempt to open a socket in a test is a bug: the site must never call out."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("A test tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def site(db):
    root = Page.get_first_root_node()
    # Wagtail's migration made a welcome page (slug "home") as the default Site's root; deleting
    # it deletes that Site too, and ours replaces both.
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    wagtail_site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Harvest Moon Massage Therapy",
    )
    Site.clear_site_root_paths_cache()

    practitioner = PractitionerFactory()
    settings = clinic_settings_for(wagtail_site, practitioner=practitioner)
    areas = {
        area.slug: area
        for area in [
            BodyAreaFactory(name="Neck", slug="neck", sort_order=1),
            BodyAreaFactory(name="Upper back", slug="upper-back", sort_order=2),
            BodyAreaFactory(name="Shoulders", slug="shoulders", sort_order=3),
            BodyAreaFactory(name="Lower back", slug="lower-back", sort_order=4),
        ]
    }
    return ClinicSite(
        wagtail_site=wagtail_site,
        root=root,
        home=home,
        articles=ArticleIndexPageFactory(parent=home),
        exercises=ExerciseLibraryPageFactory(parent=home),
        settings=settings,
        practitioner=practitioner,
        areas=areas,
    )


@pytest.fixture
def editors_group(site):
    """The "Editors" group exactly as ``load_demo_content`` sets it up (after the site exists,
    because its page permissions start at the home page)."""
    from home.management.commands.load_demo_content import setup_editors_group

    return setup_editors_group()


@pytest.fixture
def editor(editors_group):
    user = get_user_model().objects.create_user(
        username="therapist", email="therapist@example.com", password=PASSWORD
    )
    user.groups.add(editors_group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="boss", email="boss@example.com", password=PASSWORD
    )


@pytest.fixture
def superuser_client(client, superuser):
    """A client logged in as a Wagtail superuser (pytest-django's admin_client also works)."""
    client.force_login(superuser)
    return client


@pytest.fixture
def update_search_index():
    """Call to rebuild the search index after creating content a test searches for."""
    return lambda: call_command("update_index", verbosity=0)
