"""The judged query set (tests/search_judged_support.py) against the demo content: each page a
patient needs is in the top 3 for what they type. CI runs it on SQLite and PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from .conftest import build_once_per_module
from .search_judged_support import JUDGED_QUERIES, TOP, ranked_slugs


def load_demo():
    call_command("load_demo_content", stdout=StringIO())
    return True


@pytest.fixture(scope="module")
def _module_demo(request, module_transaction):
    return build_once_per_module(request, module_transaction, load_demo)


@pytest.fixture
def demo(db, _module_demo):
    if _module_demo is None:
        load_demo()
    Site.clear_site_root_paths_cache()


@pytest.mark.parametrize(("query", "slug"), JUDGED_QUERIES, ids=[q for q, _ in JUDGED_QUERIES])
def test_the_page_a_patient_needs_is_in_the_top_three(demo, client, query, slug):
    found = ranked_slugs(client, query)
    assert slug in found[:TOP], f"{query!r}: {slug} not in the top {TOP} of {found}"


def test_the_set_is_big_enough_and_every_target_exists(demo):
    from articles.models import ArticlePage
    from exercises.models import Exercise

    assert len(JUDGED_QUERIES) >= 20
    slugs = set(ArticlePage.objects.live().values_list("slug", flat=True))
    slugs |= set(Exercise.objects.live().values_list("slug", flat=True))
    assert {slug for _, slug in JUDGED_QUERIES} <= slugs
