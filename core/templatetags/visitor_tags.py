"""Visitor helpers: the opening-hours-aware call to action and "Add to my routine" buttons."""

import json

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

from core.hours import hours_for_browser

register = template.Library()


@register.simple_tag
def clinic_hours_json(clinic):
    """The opening hours for static/js/open-now.js, e.g. [[0,"09:00","17:00"]]."""
    return hours_for_browser(clinic) if clinic is not None else "[]"


@register.simple_tag
def clinic_time_zone():
    return settings.TIME_ZONE


@register.inclusion_tag("includes/open_now_cta.html", takes_context=True)
def open_now_cta(context, classname=""):
    """Call and book buttons. The HTML is the same at any hour, because anonymous pages are
    cached: "Book online" leads, and open-now.js promotes "Open now: call" during opening hours
    in the clinic's time zone. Without JavaScript both buttons are simply there."""
    clinic = context.get("clinic")
    if clinic is None:
        clinic = context["settings"]["core"]["ClinicSettings"]
    return {"clinic": clinic, "classname": classname}


@register.inclusion_tag("includes/routine_button.html", takes_context=True)
def routine_button(context, exercise):
    """A hidden button that static/js/routine.js reveals: everything the routine page shows
    about the exercise travels in data attributes, so saving it never asks the server."""
    request = context.get("request")
    url = exercise.get_url(request) if exercise is not None else None
    if not url:
        return {"exercise": None}
    steps = [str(step.value).strip() for step in exercise.steps if str(step.value).strip()]
    return {
        "exercise": exercise,
        "url": url,
        "print_url": f"{url}print/",
        "steps_json": json.dumps(steps),
        "cautions": " ".join(strip_tags(exercise.cautions or "").split()),
        "routine_url": reverse("routine"),
    }
