"""Visual editing without a browser: what visitors and editors receive, and what each action
saves. Visitors get exactly the page they got before the editing layer existed; editors get
outlines, never cached; every change is a draft revision until an explicit, permitted Publish;
a newer revision or someone else's lock stops a save with a message and nothing overwritten."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState

from articles.models import ArticlePage
from exercises.models import Exercise
from tests.visual_editing_support import (
    EXERCISE_LABEL,
    NEW_FREQUENCY,
    OLD_FREQUENCY,
    UPDATE_LABEL,
    UPDATE_TEXT,
    build_seed_article,
)

EDITING_MARKERS = (
    "data-ve-",
    "clinic-editing",
    "editing.js",
    "editing.css",
    "ve-block",
    "ve-insert",
)
TEMPLATES_DIR = Path(django_settings.BASE_DIR) / "templates"


@pytest.fixture
def seed(site):
    return build_seed_article(site)


def every_page_type(site, seed):
    exercise = seed["exercise"]
    return {
        "home": "/",
        "article index": site.articles.url,
        "article": seed["article"].url,
        "exercise library": site.exercises.url,
        "exercise": f"{site.exercises.url}{exercise.slug}/",
        "exercise print sheet": f"{site.exercises.url}{exercise.slug}/print/",
        "body area": reverse("body_area", args=["neck"]),
        "search": "/search/?q=neck",
        "routine": reverse("routine"),
        "not found": "/no-such-page/",
    }


def markers_in(html):
    return [marker for marker in EDITING_MARKERS if marker in html]


def body_ids(page):
    return [child.id for child in page.body]


def latest(page):
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def block_id(page, block_type, n=0):
    return [child.id for child in page.body if child.block_type == block_type][n]


# What visitors receive -------------------------------------------------------------------------


def test_anonymous_html_of_every_page_type_has_no_editing_markup(client, site, seed):
    for name, url in every_page_type(site, seed).items():
        response = client.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        assert not markers_in(response.content.decode()), name


@pytest.fixture
def templates_without_editing(settings, tmp_path):
    """The page templates as they were before the editing layer: its tags taken out."""
    for relative in ("base.html", "articles/article_page.html"):
        source = (TEMPLATES_DIR / relative).read_text()
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        stripped = re.sub(r"(\{% load [^%]*?) editing_tags\b", r"\1", source)
        stripped = stripped.replace("{% editing_assets %}", "")
        stripped = re.sub(r"\{% editable_block (\S+) %\}", r"{% include_block \1 %}", stripped)
        assert stripped != source
        target.write_text(stripped)
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    return templates


def test_anonymous_responses_are_byte_identical_to_pages_without_the_editing_layer(
    client, settings, site, seed, templates_without_editing
):
    urls = every_page_type(site, seed)
    with_layer = {name: client.get(url).content for name, url in urls.items()}
    settings.TEMPLATES = templates_without_editing
    for name, url in urls.items():
        assert client.get(url).content == with_layer[name], name


def test_anonymous_pages_stay_cacheable_and_editors_pages_are_never_cached(
    client, settings, site, seed, editor
):
    settings.CLINIC_PAGE_CACHE_SECONDS = 600
    url = seed["article"].url
    assert client.get(url).headers.get("X-Page-Cache") == "miss"
    assert client.get(url).headers.get("X-Page-Cache") == "hit"

    client.force_login(editor)
    response = client.get(url)
    assert "X-Page-Cache" not in response.headers
    assert "data-ve-block" in response.content.decode()
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    # ...and what the editor saw was not stored for the next visitor.
    client.logout()
    client.cookies.clear()
    assert not markers_in(client.get(url).content.decode())


def test_the_content_security_policy_holds_for_visitors_and_editors(client, site, seed, editor):
    url = seed["article"].url
    visitor_csp = client.get(url).headers["Content-Security-Policy"]
    client.force_login(editor)
    response = client.get(url)
    editor_csp = response.headers["Content-Security-Policy"]
    for csp in (visitor_csp, editor_csp):
        assert "script-src 'self';" in csp and "style-src 'self';" in csp
        assert "unsafe-inline" not in csp
    # Only the drawer's frames from this site are added for editors.
    assert editor_csp == visitor_csp.replace("frame-src ", "frame-src 'self' ")
    draft = client.get(reverse("clinic_editing:draft", args=[seed["article"].pk]))
    assert draft.headers["Content-Security-Policy"] == editor_csp
    html = response.content.decode()
    # The editing layer adds no inline script: only files from this site.
    assert re.search(r'<script src="[^"]*/js/editing\.[^"]*" defer></script>', html)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all("src=" in tag or "json" in tag for tag in scripts), scripts


def test_editor_sees_outlined_blocks_with_their_labels(client, seed, editor):
    client.force_login(editor)
    html = client.get(seed["article"].url).content.decode()
    for label in (UPDATE_LABEL, EXERCISE_LABEL, "Tip", "Fine print"):
        assert f'role="group" aria-label="{label}"' in html
        assert f'aria-label="Edit: {label}"' in html
    assert f'aria-label="Add a block after {UPDATE_LABEL}"' in html
    config = json.loads(
        re.search(r'<meta name="clinic-editing" content="([^"]+)"', html)
        .group(1)
        .replace("&quot;", '"')
    )
    assert config["revision"] == seed["article"].latest_revision_id


def test_editor_without_edit_permission_gets_no_editing_layer(client, seed, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=False)
    client.force_login(reader)
    assert not markers_in(client.get(seed["article"].url).content.decode())
    url = reverse(
        "clinic_editing:block", args=[seed["article"].pk, block_id(seed["article"], "update")]
    )
    assert client.get(url).status_code in (302, 403)


# Saving blocks ---------------------------------------------------------------------------------


def update_form_data(page, text):
    """What the update block's form posts, as Wagtail's block widgets name their fields."""
    return {
        "revision": page.latest_revision_id,
        "ve-block-date": "2026-09-11",
        "ve-block-heading": "One more I almost forgot",
        "ve-block-body-count": "1",
        "ve-block-body-0-type": "paragraph",
        "ve-block-body-0-deleted": "",
        "ve-block-body-0-order": "0",
        "ve-block-body-0-id": "p1",
        "ve-block-body-0-value": json.dumps(
            {
                "blocks": [
                    {
                        "key": "a",
                        "text": text,
                        "type": "unstyled",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
    }


def test_saving_a_block_stores_a_new_draft_revision_and_never_publishes(client, seed, editor):
    client.force_login(editor)
    article = seed["article"]
    update = block_id(article, "update")
    url = reverse("clinic_editing:block", args=[article.pk, update])
    form = client.get(url, {"revision": article.latest_revision_id})
    assert form.status_code == 200
    assert b"data-w-block-data-value" in form.content

    before = article.revisions.count()
    response = client.post(url, update_form_data(article, UPDATE_TEXT + " And breathe."))
    assert response.status_code == 200
    result = json.loads(
        re.search(rb'data-ve-result="([^"]+)"', response.content).group(1).replace(b"&quot;", b'"')
    )
    assert result["block"] == update
    article.refresh_from_db()
    assert article.revisions.count() == before + 1
    assert article.has_unpublished_changes
    assert result["revision"] == article.latest_revision_id
    assert "And breathe." in str(latest(article).body[2].value["body"][0].value)
    # The published page is untouched: visitors still see the old text.
    assert "And breathe." not in str(ArticlePage.objects.get(pk=article.pk).body[2].value)
    client.logout()
    assert "And breathe." not in client.get(article.url).content.decode()

    # The draft view shows it, with the editing layer, for her next change.
    client.force_login(editor)
    draft = client.get(reverse("clinic_editing:draft", args=[article.pk]))
    assert "And breathe." in draft.content.decode()
    assert "data-ve-block" in draft.content.decode()


def test_a_newer_revision_than_the_one_shown_stops_the_save(client, seed, editor):
    client.force_login(editor)
    article = seed["article"]
    shown = article.latest_revision_id
    ArticlePage.objects.get(pk=article.pk).save_revision()  # someone else saved meanwhile
    count = article.revisions.count()
    url = reverse("clinic_editing:block", args=[article.pk, block_id(article, "update")])
    data = update_form_data(article, "Overwrite!")
    data["revision"] = shown
    response = client.post(url, data)
    assert response.status_code == 409
    assert b"Nothing was saved" in response.content
    assert article.revisions.count() == count
    move = client.post(
        reverse("clinic_editing:move", args=[article.pk]),
        {"revision": shown, "block": block_id(article, "update"), "direction": "up"},
    )
    assert move.status_code == 409 and "Nothing was saved" in move.json()["message"]


def test_a_page_locked_by_someone_else_is_not_overwritten(client, seed, editor, superuser):
    article = ArticlePage.objects.get(pk=seed["article"].pk)
    article.locked, article.locked_by = True, superuser
    article.save(update_fields=["locked", "locked_by"])
    client.force_login(editor)
    count = article.revisions.count()
    url = reverse("clinic_editing:block", args=[article.pk, block_id(article, "update")])
    response = client.post(url, update_form_data(article, "Overwrite!"))
    assert response.status_code == 409
    assert b"locked" in response.content
    assert article.revisions.count() == count


def test_moving_and_inserting_blocks_save_drafts_in_the_right_order(client, seed, editor):
    client.force_login(editor)
    article = seed["article"]
    ids = body_ids(article)
    response = client.post(
        reverse("clinic_editing:move", args=[article.pk]),
        {"revision": article.latest_revision_id, "block": ids[2], "direction": "down"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["ok"]
    moved = latest(article)
    assert body_ids(moved) == [ids[0], ids[1], ids[3], ids[2], ids[4]]
    assert ArticlePage.objects.get(pk=article.pk).has_unpublished_changes is not False

    insert_url = reverse("clinic_editing:insert", args=[article.pk])
    revision = ArticlePage.objects.get(pk=article.pk).latest_revision_id
    chooser = client.get(insert_url, {"after": ids[3], "revision": revision})
    assert chooser.status_code == 200
    assert b"/admin/block-preview/?id=" in chooser.content  # the admin's own block previews
    assert b"Safety: go slow, stop if it hurts" in chooser.content
    form = client.get(
        insert_url, {"after": ids[3], "revision": revision, "type": "callout", "kind": "safety"}
    )
    assert re.search(rb"&quot;kind&quot;: \[?&quot;safety&quot;", form.content)
    response = client.post(
        insert_url,
        {
            "revision": revision,
            "after": ids[3],
            "type": "callout",
            "ve-block-kind": "safety",
            "ve-block-heading": "",
            "ve-block-text": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "b",
                            "text": "Stop if it tingles.",
                            "type": "unstyled",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "ve-block-articles-count": "0",
            "ve-block-exercises-count": "0",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    inserted = latest(article)
    kinds = [
        (c.block_type, c.value.get("kind") if c.block_type == "callout" else None)
        for c in inserted.body
    ]
    assert kinds[3] == ("callout", "safety") and body_ids(inserted)[2] == ids[3]
    assert "Stop if it tingles." in str(inserted.body[3].value["text"])


def test_bad_input_gets_a_clear_4xx(client, seed, editor):
    client.force_login(editor)
    article = seed["article"]
    block_url = reverse("clinic_editing:block", args=[article.pk, "no-such-block"])
    assert client.get(block_url, {"revision": article.latest_revision_id}).status_code == 404
    real = reverse("clinic_editing:block", args=[article.pk, block_id(article, "update")])
    assert client.get(real, {"revision": "abc"}).status_code == 409
    insert_url = reverse("clinic_editing:insert", args=[article.pk])
    assert (
        client.get(insert_url, {"revision": article.latest_revision_id, "type": "nope"}).status_code
        == 400
    )
    move = client.post(
        reverse("clinic_editing:move", args=[article.pk]),
        {"revision": article.latest_revision_id, "block": body_ids(article)[0], "direction": "up"},
    )
    assert move.status_code == 400
    bad = update_form_data(article, "x")
    bad["ve-block-date"] = "not a date"
    assert client.post(real, bad).status_code == 400
    assert (
        client.get(reverse("clinic_editing:draft", args=[site_home_id(article)])).status_code == 404
    )


def site_home_id(article):
    return article.get_parent().get_parent().pk


# Publishing -----------------------------------------------------------------------------------


def test_publish_is_separate_and_respects_permissions_and_workflow(
    client, seed, editor, editors_group
):
    client.force_login(editor)
    article = seed["article"]
    url = reverse("clinic_editing:block", args=[article.pk, block_id(article, "update")])
    client.post(url, update_form_data(article, "Now published."))
    article.refresh_from_db()
    publish_url = reverse("clinic_editing:publish", args=[article.pk])
    publish = Permission.objects.get(codename="publish_page")
    GroupPagePermission.objects.filter(group=editors_group, permission=publish).delete()

    # Without publish permission, Publish sends the draft through the page's workflow...
    response = client.post(publish_url, {"revision": article.latest_revision_id})
    assert response.status_code == 200 and "Sent for review" in response.json()["message"]
    assert ArticlePage.objects.get(pk=article.pk).workflow_in_progress
    # ...and with no workflow either she is told she cannot publish. Nothing goes live.
    WorkflowState.objects.all().delete()
    WorkflowPage.objects.all().delete()
    response = client.post(publish_url, {"revision": article.latest_revision_id})
    assert response.status_code == 403
    assert "not publish" in response.json()["message"]
    assert ArticlePage.objects.get(pk=article.pk).has_unpublished_changes
    client.logout()
    assert "Now published." not in client.get(article.url).content.decode()

    GroupPagePermission.objects.create(
        group=editors_group, page=article.get_parent(), permission=publish
    )
    client.force_login(editor)
    response = client.post(publish_url, {"revision": article.latest_revision_id})
    assert response.status_code == 200 and response.json()["ok"]
    assert not ArticlePage.objects.get(pk=article.pk).has_unpublished_changes
    client.logout()
    assert "Now published." in client.get(article.url).content.decode()


# The exercise's own editor -------------------------------------------------------------------


def test_exercise_block_opens_the_exercises_editor_with_its_usage(client, seed, editor, site):
    client.force_login(editor)
    exercise = seed["exercise"]
    url = reverse("clinic_editing:exercise", args=[exercise.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"Changes show in 4 articles." in response.content
    html = response.content.decode()
    data = form_data_from(html)
    # Stream fields are drawn by the admin's scripts; post them as the browser would.
    data.update({"video-count": "0", "steps-count": "0", "frequency": NEW_FREQUENCY})
    data["draft"] = ""
    saved = client.post(url, data)
    assert saved.status_code == 200, saved.content.decode()[:3000]
    exercise = Exercise.objects.get(pk=exercise.pk)
    assert exercise.has_unpublished_changes and exercise.frequency == OLD_FREQUENCY
    client.logout()
    assert OLD_FREQUENCY in client.get(seed["article"].url).content.decode()


def test_a_form_sent_before_it_finished_loading_gets_a_400_and_saves_nothing(client, seed, editor):
    """Stream fields' hidden counts are added by the admin's scripts: a save pressed before
    they ran sends the form without them."""
    client.force_login(editor)
    exercise = seed["exercise"]
    url = reverse("clinic_editing:exercise", args=[exercise.pk])
    data = form_data_from(client.get(url).content.decode())
    data.update({"frequency": NEW_FREQUENCY, "draft": ""})  # no "video-count", "steps-count"
    revisions = exercise.revisions.count()
    response = client.post(url, data)
    assert response.status_code == 400
    assert b"before it had finished loading" in response.content
    assert exercise.revisions.count() == revisions
    article = seed["article"]
    block_url = reverse("clinic_editing:block", args=[article.pk, block_id(article, "update")])
    incomplete = update_form_data(article, "x")
    for name in [name for name in incomplete if name.endswith("-count")]:
        incomplete[name] = "many"
    assert client.post(block_url, incomplete).status_code == 400


def form_data_from(html):
    """The form's current values, as a browser would post them (inputs, selects, textareas)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    form = soup.select_one("form.ve-frame__form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        else:
            data[name] = field.get("value", "")
    return data


def test_preview_panel_outlines_blocks_but_leaves_saving_to_the_editor_beside_it(
    client, seed, editor, rf
):
    """In Wagtail's preview panel the form is the editor next to it: blocks are outlined and
    labelled (a click goes to that block's form there), with no "+", move or save of their own."""
    client.force_login(editor)
    original = rf.get("/admin/")
    original.META["HTTP_COOKIE"] = "; ".join(
        f"{name}={morsel.value}" for name, morsel in client.cookies.items()
    )
    response = seed["article"].make_preview_request(original, "")
    html = response.content.decode()
    assert f'role="group" aria-label="{UPDATE_LABEL}"' in html
    assert "data-ve-insert" not in html and "data-ve-move" not in html
    assert '"mode": "preview"' in html.replace("&quot;", '"')


def test_title_summary_and_photo_are_edited_as_a_draft(client, seed, editor):
    client.force_login(editor)
    article = seed["article"]
    url = reverse("clinic_editing:fields", args=[article.pk])
    form = client.get(url, {"revision": article.latest_revision_id})
    assert form.status_code == 200
    assert b'name="title"' in form.content and b'name="summary"' in form.content
    assert b'name="hero_image"' in form.content
    response = client.post(
        url,
        {
            "revision": article.latest_revision_id,
            "title": "Help for a stiff upper back",
            "summary": "Three gentle videos for the upper back.",
            "hero_image": "",
            "hero_image_alt": "",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    assert latest(article).title == "Help for a stiff upper back"
    assert ArticlePage.objects.get(pk=article.pk).title == "Help for upper back and neck pain"
    # An empty title is refused with the form shown again, not a 500, and nothing saved.
    count = article.revisions.count()
    revision = ArticlePage.objects.get(pk=article.pk).latest_revision_id
    response = client.post(url, {"revision": revision, "title": "", "summary": "x"})
    assert response.status_code == 400
    assert article.revisions.count() == count


def test_the_editing_layer_costs_a_fixed_number_of_queries(client, seed, editor, monkeypatch):
    """Outlining every block must not cost a query per block (permissions are asked once)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = seed["article"].url
    client.force_login(editor)
    client.get(url)  # warm Wagtail's per-process caches (site root paths, settings)

    def queries_with_editing_state(enabled):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert ("data-ve-block" in html) is enabled
        return len(queries)

    with_layer = queries_with_editing_state(True)
    monkeypatch.setattr("editing.state._build_state", lambda request, page: None)
    without_layer = queries_with_editing_state(False)
    print(f"queries: {with_layer} with the editing layer, {without_layer} without")
    assert with_layer - without_layer <= 6, (with_layer, without_layer)
