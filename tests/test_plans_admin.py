"""Home programmes, the therapist's side: who may list and edit plans, the form, Duplicate, the
link box (copy, QR code), preview, the check-in chart and the dashboard."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from plans.models import CheckIn, Plan

from .factories import ExerciseFactory
from .plans_support import decode_qr, make_plan, svg_qr_to_image

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_plans_plan:list")
ADD_URL = reverse("wagtailsnippets_plans_plan:add")


def edit_url(plan):
    return reverse("wagtailsnippets_plans_plan:edit", args=[plan.pk])


def copy_url(plan):
    return reverse("wagtailsnippets_plans_plan:copy", args=[plan.pk])


def plan_form_data(exercise, **overrides):
    today = timezone.localdate()
    data = {
        "title": "Stiff neck starter",
        "client_label": "Dana",
        "note": rich_text("<p>Little and often.</p>"),
        "plan_exercises": inline_formset(
            [
                {
                    "exercise": exercise.pk,
                    "hold_seconds": "",
                    "repetitions": "4",
                    "sets": "",
                    "frequency": "Twice a day",
                    "note": "Gently.",
                }
            ]
        ),
        "plan_articles": inline_formset([]),
        "starts_on": today.isoformat(),
        "next_visit_on": "",
        "expires_on": (today + datetime.timedelta(weeks=8)).isoformat(),
        "status": "active",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_anonymous_visitors_cannot_list_add_or_edit_plans(client, site):
    plan = make_plan()
    for url in (LIST_URL, ADD_URL, edit_url(plan), copy_url(plan)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(ADD_URL, {"title": "x"}).status_code == 302
    assert Plan.objects.count() == 1


def test_an_admin_user_without_plan_permissions_cannot_see_them(client, site):
    user = get_user_model().objects.create_user("helper", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    plan = make_plan()
    assert client.get(LIST_URL).status_code in (302, 403)
    assert client.get(edit_url(plan)).status_code in (302, 403)
    assert "Stiff neck starter" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_create_a_plan_with_exercises(editor_client, site):
    exercise = ExerciseFactory(name="Chin Tucks")
    response = editor_client.post(ADD_URL, plan_form_data(exercise))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    plan = Plan.objects.get()
    item = plan.plan_exercises.get()
    assert (plan.client_label, item.exercise, item.repetitions, item.note) == (
        "Dana",
        exercise,
        4,
        "Gently.",
    )
    assert len(plan.token) >= 22
    assert editor_client.get(LIST_URL).status_code == 200


def test_a_plan_needs_a_client_unless_it_is_a_template(editor_client, site):
    exercise = ExerciseFactory(name="Chin Tucks")
    response = editor_client.post(ADD_URL, plan_form_data(exercise, client_label=""))
    assert response.status_code == 200
    assert "first name or initials" in response.content.decode()
    response = editor_client.post(
        ADD_URL, plan_form_data(exercise, client_label="", is_template="on")
    )
    assert response.status_code == 302 and Plan.objects.get().is_template


def test_duplicate_starts_a_new_plan_with_a_fresh_link_and_no_checkins(editor_client, site):
    exercise = ExerciseFactory(name="Chin Tucks")
    template = make_plan(
        exercises=[(exercise, {"frequency": "Daily"})], is_template=True, client_label=""
    )
    listing = editor_client.get(LIST_URL).content.decode()
    assert "Duplicate" in listing
    form = editor_client.get(copy_url(template))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Chin Tucks" in html and template.token not in html
    copy = template.copy_for_next_client()
    assert copy.pk is None and copy.token != template.token and not copy.is_template
    assert [item.exercise for item in copy.plan_exercises.all()] == [exercise]
    # Saving the copied form makes a second plan and leaves the template as it was.
    response = editor_client.post(ADD_URL, plan_form_data(exercise, client_label="Sam"))
    assert response.status_code == 302
    assert Plan.objects.count() == 2 and Plan.objects.get(pk=template.pk).is_template


def test_edit_view_shows_the_link_a_copy_button_and_a_qr_code_that_decodes_to_it(
    editor_client, site
):
    plan = make_plan()
    html = editor_client.get(edit_url(plan)).content.decode()
    address = f"http://testserver/plan/{plan.token}/"
    assert f'value="{address}"' in html
    assert 'data-controller="w-clipboard"' in html and "Copy link" in html
    svg = re.search(r'<svg role="img"[^>]*class="plan-qr".*?</svg>', html, re.S)[0]
    assert decode_qr(svg_qr_to_image(svg)) == [address]
    assert "Calendar reminders: Chin Tucks, 2 a day" in html


def test_preview_shows_the_clients_page_without_sending_anything(site):
    plan = make_plan()
    response = plan.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chin Tucks" in html and "Little and often." in html
    assert "data-plan-worker" not in html  # no service worker inside the admin's preview
    assert 'action="#"' in html


def test_checkins_chart_and_new_marks(editor_client, site):
    plan = make_plan()
    now = timezone.now()
    for days_ago, feeling in ((6, 7), (3, 5), (1, 2)):
        CheckIn.objects.create(
            plan=plan, feeling=feeling, comment="ok", created_at=now - datetime.timedelta(days_ago)
        )
    html = editor_client.get(edit_url(plan)).content.decode()
    chart = re.search(r'<svg class="plan-chart".*?</svg>', html, re.S)[0]
    assert chart.count("<circle") == 3 and "<polyline" in chart
    assert "the latest was 2 out of 10" in chart
    assert html.count("(new)") == 3
    # Looked at: opening it again marks none as new.
    assert editor_client.get(edit_url(plan)).content.decode().count("(new)") == 0


def test_dashboard_lists_new_checkins_and_visits_within_a_week(editor_client, site):
    today = timezone.localdate()
    soon = make_plan(
        exercises=[], client_label="Ana", next_visit_on=today + datetime.timedelta(days=7)
    )
    later = make_plan(
        exercises=[], client_label="Bo", next_visit_on=today + datetime.timedelta(days=8)
    )
    chatty = make_plan(exercises=[], client_label="Cy")
    CheckIn.objects.create(plan=chatty, feeling=4)
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="clinic-plans-section"')
    panel = html[start : html.find('class="w-panel ', start + 1)]
    assert "New plan" in html and ADD_URL in html
    assert "for Ana" in panel and "for Bo" not in panel
    assert "for Cy" in panel and "1 new" in panel
    editor_client.get(edit_url(chatty))
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No new check-ins since you last looked." in html
    assert soon and later
