"""The drawer's exercise screen: the exercise's own form, saying first where it shows.

An exercise is shared by every article that includes it, so it is saved (and published) as the
exercise, through the snippet's own revisions and permissions, never as part of one page.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse

from articles.models import ArticlePage
from exercises.models import Exercise

from .views import (
    INCOMPLETE_FORM_ERRORS,
    Conflict,
    check_can_save,
    conflict_frame,
    frame,
    incomplete_frame,
    latest_object,
    saved_frame,
    shown_revision,
)


def exercise(request, exercise_id):
    exercise = get_object_or_404(Exercise, pk=exercise_id)
    viewset = Exercise.snippet_viewset
    policy = viewset.permission_policy
    if not policy.user_has_permission_for_instance(request.user, "change", exercise):
        raise PermissionDenied
    articles = ArticlePage.objects.live().filter(exercises=exercise).count()
    try:
        shown = shown_revision(request)
        if request.method == "POST":
            check_can_save(exercise, request.user, shown)
    except Conflict as conflict:
        return conflict_frame(request, conflict.args[0])
    if request.method == "GET":
        latest = exercise.get_latest_revision()
        shown = latest.pk if latest else None
    obj = latest_object(exercise)
    panel = viewset.get_edit_handler()
    form_class = panel.get_form_class()
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = form_class(data, files, instance=obj, for_user=request.user)
    can_publish = policy.user_has_permission(request.user, "publish")
    try:
        valid = request.method == "POST" and form.is_valid()
    except INCOMPLETE_FORM_ERRORS:
        return incomplete_frame(request)
    if valid:
        with transaction.atomic():
            try:
                locked = Exercise.objects.select_for_update().get(pk=exercise.pk)
                check_can_save(locked, request.user, shown)
            except Conflict as conflict:
                return conflict_frame(request, conflict.args[0])
            obj = form.save(commit=False)
            revision = obj.save_revision(user=request.user, log_action=True)
            published = "publish" in request.POST and can_publish
            if published:
                revision.publish(user=request.user)
        message = (
            f"Published: {plural_articles(articles)} show the change now."
            if published
            else "Saved as a draft. Visitors still see the published exercise until you publish it."
        )
        return saved_frame(
            request,
            {"kind": "exercise", "published": published, "revision": revision.pk},
            message,
        )
    bound = panel.get_bound_panel(instance=obj, request=request, form=form)
    return frame(
        request,
        "exercise_form.html",
        {
            "exercise": exercise,
            "heading": f"Edit the exercise: {exercise.name}",
            "articles_note": f"Changes show in {plural_articles(articles)}.",
            "panel": bound,
            "media": form.media + bound.media,
            "revision": "" if shown is None else shown,
            "can_publish": can_publish,
            "full_editor_url": reverse(viewset.get_url_name("edit"), args=[exercise.pk]),
        },
        status=400 if form.errors else 200,
    )


def plural_articles(count):
    return f"{count} article" if count == 1 else f"{count} articles"
