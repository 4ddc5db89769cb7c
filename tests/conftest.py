"""Shared fixtures: the clinic's page tree, its settings, body areas and logged-in clients.

``site`` builds what ``load_demo_content`` builds, minus the demo text:

    root -> HomePage (/) -> ArticleIndexPage (/articles/)
                         -> ExerciseLibraryPage (/exercises/)

with the HomePage as the default Site's root, ClinicSettings filled in, a practitioner and the
body areas neck, upper-back, shoulders and lower-back.

Making that tree is the costliest part of most tests (every page is saved, published and indexed
for search and for references), so the tests of a module share one: it is built once, inside a
transaction around the whole module (``module_transaction``), each test runs in a savepoint
inside it that is rolled back when the test ends, as before, and ``site`` hands each test freshly
loaded objects. Tests of a module that do not use shared data run before the ones that do, so
they never see it. A module with a transactional test (those commit, then empty the database)
shares nothing: there ``site`` is built for each test.

The SQLite test database is a copy of a database that ``manage.py migrate`` made once and that is
kept in .pytest_cache/ under a key of every migration file, the settings and the installed
packages (``migrated_sqlite_template``): migrating from nothing is the slowest step of starting
any pytest process. PostgreSQL test databases are made by pytest-django as usual.

The ``slow`` and ``browser`` markers are set here by file (``SLOW_TESTS``, ``BROWSER_TESTS``) in
``pytest_collection_modifyitems``; ``make test-fast`` leaves both out.

Every process of a run (pytest, each xdist worker, the subprocesses the tests start) keeps its
scratch files in ``clinic-test-*`` folders in the temporary directory and removes them at exit;
the run fails if one of them is left behind (``pytest_sessionfinish``).
"""

import atexit
import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connections, transaction
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key
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
REPO = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = REPO / ".pytest_cache" / "clinic-test-db"

# --- markers ---------------------------------------------------------------------------------

# Marked ``slow`` (left out of ``make test-fast``): a whole file, or one test of a file by name
# (every parametrisation of it). What takes seconds: subprocesses (a fresh install, production
# settings, the upgrade), concurrency, Hypothesis, backup round trips, the demo content, and
# tests that build or render a lot.
SLOW_TESTS = {
    "tests/test_concurrency.py": "*",
    "tests/test_two_servers.py": "*",
    "tests/test_cache_production.py": "*",
    "tests/test_frontend_cache.py": {"test_production_reads_the_cdn_from_the_environment"},
    "tests/test_security_concurrency.py": "*",
    "tests/test_upgrade.py": "*",
    "tests/test_demo_content.py": "*",
    "tests/test_search_judged.py": "*",
    "tests/browser/test_phone_layout.py": "*",
    "tests/browser/test_visual_editing.py": "*",
    "tests/test_hostile_input.py": {"test_hostile_requests_to_public_urls"},
    "tests/test_plans_backup.py": {"test_backup_and_restore_bring_back_plans_and_checkins"},
    "tests/test_backup.py": {
        "test_round_trip_into_a_fresh_install",
        "test_restore_force_replaces_everything",
    },
    "tests/test_production.py": {
        "test_check_deploy_prints_no_warnings",
        "test_check_deploy_fails_while_the_site_says_localhost",
        "test_check_deploy_fails_with_a_local_site_url",
        "test_a_bad_host_gets_400_without_emailing_the_admins_and_healthz_answers",
        "test_refuses_to_start_without_required_settings",
        "test_defaults_for_one_small_server",
        "test_past_one_server_postgres_redis_s3_and_smtp",
    },
    "tests/test_first_use.py": {"test_the_printed_admin_address_follows_host_port"},
    "tests/test_scratch_folders.py": {
        "test_a_process_with_the_test_settings_removes_its_folder_when_it_exits"
    },
    "tests/test_modelsearch_internals.py": {
        "test_importing_the_module_loads_no_database_specific_backend"
    },
    "tests/test_search_bad_input.py": {"test_any_input_gets_a_sensible_page"},
    "tests/test_security.py": {
        "test_demo_pages_have_nothing_the_csp_would_block",
        "test_article_images_are_responsive_lazy_and_sized",
    },
    "tests/test_related.py": {
        "test_an_article_page_costs_the_same_queries_at_any_corpus_size",
        "test_related_reading_costs_a_fixed_number_of_queries",
    },
    "tests/test_search_queries.py": {
        "test_same_number_of_queries_for_few_and_many_results",
        "test_later_pages_cost_the_same_for_one_or_ten_results",
        "test_several_words_cost_the_same_for_few_and_many_results",
        "test_a_cold_search_costs_a_fixed_number_of_queries_too",
    },
    "tests/test_search.py": {
        "test_pagination",
        "test_suggest_is_capped_and_ignores_short_or_empty_input",
        "test_visible_results_fill_the_list_when_the_best_matches_are_hidden",
    },
    "tests/test_pages.py": {
        "test_index_second_page_is_linked",
        "test_index_pagination_is_forgiving",
    },
}
BROWSER_TESTS = "tests/browser/"


def _is_slow(item):
    path, _, name = item.nodeid.partition("::")
    names = SLOW_TESTS.get(path, ())
    return names == "*" or name.split("[")[0] in names


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker:
        transactional, reset_sequences, *_ = validate_django_db(marker)
        if transactional or reset_sequences:
            return True
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames)
    )


def _shared_data_used(item):
    """How many of the module's shared data fixtures (module_transaction, _module_*) it uses."""
    return sum(
        name == "module_transaction" or name.startswith("_module_") for name in item.fixturenames
    )


def _uses_db(item):
    return bool(
        item.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(item.fixturenames)
    )


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    # Before the others: `-m "not slow"` deselects by these.
    for item in items:
        if item.nodeid.startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)
    yield

    # After the others (pytest's own reordering too), the order tests run in:
    # - each file's tests together, files with slow tests first, then the others, in their order,
    #   and files with transactional tests last: those tests end by emptying the database (a flush; pytest-django restores
    #   the migrated rows only when the next transactional test starts), and every test after
    #   them would find no root page. With --dist loadfile xdist hands out files in this order,
    #   so no worker runs other files after one of those either (pytest_runtest_setup below
    #   repairs the database if it ever happens anyway);
    # - in each file, the tests that use more of the module's shared data after those that use
    #   less (site before site and editor), so that none sees data it did not ask for.
    def file_of(item):
        return item.nodeid.partition("::")[0]

    first_seen, transactional_files, slow_files = {}, set(), set()
    for index, item in enumerate(items):
        first_seen.setdefault(file_of(item), index)
        if _is_transactional(item):
            transactional_files.add(file_of(item))
        if item.get_closest_marker("slow"):
            slow_files.add(file_of(item))
    items[:] = sorted(
        items,
        key=lambda item: (
            file_of(item) in transactional_files,
            file_of(item) not in slow_files,  # long files first: the workers finish together
            first_seen[file_of(item)],
            _shared_data_used(item),
        ),
    )


_database_may_be_empty = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test leaves an empty database (a flush)."""
    global _database_may_be_empty
    result = yield
    if _is_transactional(item):
        _database_may_be_empty = True
    return result


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Put the migrated rows back before a test that expects them (a transactional one without
    serialized_rollback too), when a transactional test ran before it in this process. Done here rather than
    at the transactional test's teardown: under xdist a worker does not always know its next
    test then, and the file handed to it next may be any."""
    global _database_may_be_empty
    if not _database_may_be_empty or not _uses_db(item):
        return
    _database_may_be_empty = False
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not Page.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


# --- scratch folders -------------------------------------------------------------------------


def _remove_at_exit(path):
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


_scratch = {}


def run_id():
    """Shared by every process of one run: clinic/settings/test.py sets it in the first one."""
    return os.environ.get("CLINIC_TEST_RUN", "")


def scratch_dir(kind):
    """This process's own clinic-test-<kind>-<run>-* folder, removed when the process ends."""
    if kind not in _scratch:
        _scratch[kind] = _remove_at_exit(
            Path(tempfile.mkdtemp(prefix=f"clinic-test-{kind}-{run_id()}-"))
        )
    return _scratch[kind]


def _own_scratch():
    media = Path(django_settings.MEDIA_ROOT)
    own = list(_scratch.values())
    if media.name.startswith("clinic-test-"):
        own.append(media)
    return own


def _leftovers():
    if not run_id():
        return []
    return sorted(Path(tempfile.gettempdir()).glob(f"clinic-test-*-{run_id()}-*"))


def pytest_unconfigure(config):
    for path in _own_scratch():
        shutil.rmtree(path, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session, exitstatus):
    """After the run (and its xdist workers) ended: no clinic-test-* folder of this run is left."""
    result = yield
    if hasattr(session.config, "workerinput"):
        return result
    for path in _own_scratch():
        shutil.rmtree(path, ignore_errors=True)
    deadline = time.monotonic() + 10  # workers remove theirs as they exit
    while _leftovers() and time.monotonic() < deadline:
        time.sleep(0.2)
    if left := _leftovers():
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "Left behind in the temporary directory: " + ", ".join(map(str, left))
        if reporter:
            reporter.write_line(message, red=True, bold=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    return result


# --- the test database -----------------------------------------------------------------------


def _template_key():
    """Changes whenever what `migrate` makes could: a migration file, the settings, a package."""
    from django.apps import apps

    digest = hashlib.sha256(sys.version.encode())
    for dist in sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    ):
        digest.update(dist.encode() + b"\n")
    for settings_file in sorted((REPO / "clinic" / "settings").glob("*.py")):
        digest.update(settings_file.read_bytes())
    for app in apps.get_app_configs():
        app_dir = Path(app.path)
        files = sorted((app_dir / "migrations").glob("**/*.py"))
        if app_dir.is_relative_to(REPO):
            files += [app_dir / "apps.py"]
        for path in files:
            if path.exists():
                digest.update(str(path.relative_to(app_dir)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def migrated_sqlite_template():
    """A SQLite database file exactly as `manage.py migrate` (test settings) leaves a new install.

    Made once for a given key and kept in .pytest_cache/; a file lock makes every other process
    (xdist workers, a second run) wait for the one making it. Copy it, never open it in place.
    """
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE_DIR / f"migrated-{_template_key()}.sqlite3"
    with open(TEMPLATE_DIR / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            _make_template(template)
    return template


def _make_template(template):
    work = Path(tempfile.mkdtemp(prefix=f"clinic-test-migrate-{run_id()}-"))
    try:
        database = work / "db.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{result.stdout}\n{result.stderr}")
        # One self-contained file (the settings switch every connection to WAL mode again).
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.close()
        partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
        shutil.copyfile(database, partial)
        os.replace(partial, template)
        for old in TEMPLATE_DIR.glob("migrated-*.sqlite3"):
            if old != template:
                old.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _copies_the_template(config):
    database = django_settings.DATABASES["default"]
    return (
        database["ENGINE"] == "django.db.backends.sqlite3"
        and not database.get("TEST", {}).get("NAME")
        and not config.getvalue("nomigrations")
        and not config.getvalue("create_db")
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    """SQLite: this process's test database is a copy of the migrated template, in a file of its
    own (xdist workers each have one). pytest-django then runs `migrate` over it as it would over
    a kept database (--reuse-db): nothing is left to apply unless a migration is new."""
    if _copies_the_template(request.config):
        copy = scratch_dir("db") / "test.sqlite3"
        shutil.copyfile(migrated_sqlite_template(), copy)
        django_settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(copy)
        request.config.stash[_COPIED_TEMPLATE] = True


_COPIED_TEMPLATE = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    return bool(
        request.config.getvalue("reuse_db") or request.config.stash.get(_COPIED_TEMPLATE, False)
    )


@pytest.fixture(scope="session")
def migrated_sqlite_db():
    """``migrated_sqlite_db(path)`` puts a freshly migrated SQLite database at ``path``, for a
    test's subprocess: the same file `manage.py migrate` makes on a new install, copied."""

    def make(path):
        shutil.copyfile(migrated_sqlite_template(), path)
        return path

    return make


# --- data a module's tests share -------------------------------------------------------------


def shared_for_the_rest_of_the_module(request, fixture_name):
    """Whether what a module-scoped fixture builds now may stay until the module ends: every test
    of the module from the first that uses it on uses it too (the order above sees to that)."""
    items = [item for item in request.session.items if item.path == request.path]
    first = next(
        (index for index, item in enumerate(items) if fixture_name in item.fixturenames), None
    )
    return first is not None and all(fixture_name in item.fixturenames for item in items[first:])


@pytest.fixture(scope="module")
def module_transaction(request, django_db_setup, django_db_blocker):
    """A transaction around the rest of the module, rolled back when it ends: what the fixtures
    that depend on this one build stays for every later test of the module, each of which still
    runs (and is rolled back) in a savepoint of its own. None when that is not safe (a
    transactional test in the module, or a later test that does not use it): those fixtures then
    build for each test instead."""
    module_items = [item for item in request.session.items if item.path == request.path]
    if any(_is_transactional(item) for item in module_items) or not (
        shared_for_the_rest_of_the_module(request, "module_transaction")
    ):
        yield None
        return
    with django_db_blocker.unblock():
        atomics = []
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic._from_testcase = True  # a test's durable atomic blocks may nest inside it
            atomic.__enter__()
            atomics.append((alias, atomic))
    try:
        yield django_db_blocker
    finally:
        with django_db_blocker.unblock():
            for alias, atomic in reversed(atomics):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


def build_once_per_module(request, module_transaction, build, *args):
    """``build(*args)`` inside the module's transaction, or None where it must be per test."""
    fixture_name = request.fixturename
    if module_transaction is None or not shared_for_the_rest_of_the_module(request, fixture_name):
        return None
    if any(arg is None for arg in args):  # what it builds on is not shared either
        return None
    with module_transaction.unblock():
        return build(*args)


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

    def reloaded(self):
        """The same rows as new objects, as the next test must see them."""
        return ClinicSite(
            wagtail_site=Site.objects.get(pk=self.wagtail_site.pk),
            root=Page.objects.get(pk=self.root.pk),
            home=type(self.home).objects.get(pk=self.home.pk),
            articles=type(self.articles).objects.get(pk=self.articles.pk),
            exercises=type(self.exercises).objects.get(pk=self.exercises.pk),
            settings=type(self.settings).objects.get(pk=self.settings.pk),
            practitioner=type(self.practitioner).objects.get(pk=self.practitioner.pk),
            areas={slug: type(area).objects.get(pk=area.pk) for slug, area in self.areas.items()},
        )


def build_site():
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


@pytest.fixture(scope="module")
def _module_site(request, module_transaction):
    return build_once_per_module(request, module_transaction, build_site)


@pytest.fixture
def site(db, _module_site):
    if _module_site is None:
        return build_site()
    Site.clear_site_root_paths_cache()
    return _module_site.reloaded()


# --- per test --------------------------------------------------------------------------------


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


def build_editors_group(site=None):
    from home.management.commands.load_demo_content import setup_editors_group

    return setup_editors_group()


def build_editor(editors_group):
    user = get_user_model().objects.create_user(
        username="therapist", email="therapist@example.com", password=PASSWORD
    )
    user.groups.add(editors_group)
    return user


@pytest.fixture(scope="module")
def _module_editors_group(request, module_transaction, _module_site):
    return build_once_per_module(request, module_transaction, build_editors_group, _module_site)


@pytest.fixture
def editors_group(site, _module_editors_group):
    """The "Editors" group exactly as ``load_demo_content`` sets it up (after the site exists,
    because its page permissions start at the home page)."""
    if _module_editors_group is None:
        return build_editors_group()
    return Group.objects.get(pk=_module_editors_group.pk)


@pytest.fixture(scope="module")
def _module_editor(request, module_transaction, _module_editors_group):
    return build_once_per_module(request, module_transaction, build_editor, _module_editors_group)


@pytest.fixture
def editor(editors_group, _module_editor):
    if _module_editor is None:
        return build_editor(editors_group)
    return get_user_model().objects.get(pk=_module_editor.pk)


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
