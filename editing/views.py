"""The drawer's screens and the page actions behind the editing layer, all under /admin/editing/.

Every change is saved as a new draft revision with page.save_revision(): nothing here publishes
except the explicit Publish, which goes through her publish permission (or the page's workflow).
Each request names the revision that was on her screen; if the page has a newer revision since,
or someone else holds a lock, she is told and nothing is written.
"""

import json
import uuid

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.blocks import BlockWidget, StreamValue
from wagtail.models import Page

from .headers import mark_as_editors_page
from .state import EDITABLE_STREAMS, block_label

FORM_PREFIX = "ve-block"
# What the title drawer edits: the fields she sees at the top of the article.
PAGE_FIELD_PANELS = [
    FieldPanel("title"),
    FieldPanel("summary"),
    FieldPanel("hero_image"),
    FieldPanel("hero_image_alt"),
]


DRAFT_SAVED = "Saved as a draft. Visitors still see the published page until you press Publish."


class Conflict(Exception):
    """The page cannot be saved as she asked; the message says why and what to do."""


# Loading and checking -------------------------------------------------------------------------


def editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    field = next((f for model, f in EDITABLE_STREAMS.items() if isinstance(page, model)), None)
    if field is None:
        raise Http404("This page cannot be edited from the site.")
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page, field


def shown_revision(request):
    """The revision her screen was drawn from ("" when the page had none)."""
    raw = request.POST.get("revision", request.GET.get("revision", ""))
    if raw not in ("", "None") and not raw.isdigit():
        raise Conflict("The page on your screen could not be identified. Reload it and try again.")
    return int(raw) if raw.isdigit() else None


def check_can_save(obj, user, shown):
    """Raise Conflict if a lock held by someone else or a newer revision would be overwritten."""
    lock = obj.get_lock()
    if lock and lock.for_user(user):
        raise Conflict(
            format_html(
                "{} Nothing was saved.", lock.get_message(user) or "This is locked for editing."
            )
        )
    latest = obj.get_latest_revision()
    latest_id = latest.pk if latest else None
    if shown != latest_id:
        who = "you, in another window" if latest and latest.user_id == user.pk else None
        if latest and not who:
            who = latest.user.get_full_name() or latest.user.get_username() if latest.user else None
        raise Conflict(
            format_html(
                "A newer version was saved{} after this page was drawn. Nothing was saved, so "
                "nothing is overwritten: reload the page to see the newest version, then edit it.",
                f" by {who}" if who else "",
            )
        )


def latest_object(obj):
    return obj.get_latest_revision_as_object() if obj.get_latest_revision() else obj


def frame(request, template, context, status=200):
    return TemplateResponse(request, f"editing/{template}", context, status=status)


def conflict_frame(request, message):
    return frame(
        request, "conflict.html", {"heading": "Nothing was saved", "message": message}, status=409
    )


INCOMPLETE_FORM = (
    "The form was sent before it had finished loading, so part of it was missing. Close this, "
    "open the block again, wait a moment, then make your change and save."
)
# What a form without the fields the admin's scripts draw raises while it is read: a missing
# "-count" of a stream or list (KeyError) or one that is not a number (ValueError).
INCOMPLETE_FORM_ERRORS = (KeyError, ValueError)


def incomplete_frame(request):
    """A 400 for a form that arrived without fields its scripts add: nothing is saved."""
    return frame(
        request,
        "conflict.html",
        {"heading": "Nothing was saved", "message": INCOMPLETE_FORM},
        status=400,
    )


def saved_frame(request, result, message):
    return frame(
        request,
        "saved.html",
        {"heading": "Saved", "result": json.dumps(result), "message": message},
    )


# The page as her latest draft -------------------------------------------------------------------


@require_GET
def draft(request, page_id):
    """The page drawn from its latest revision, with the editing layer: what she edits next."""
    page, _field = editable_page(request, page_id)
    revision = page.get_latest_revision()
    obj = revision.as_object() if revision else page
    response = obj.make_preview_request(
        request,
        obj.default_preview_mode,
        extra_request_attrs={
            "clinic_editing_draft": True,
            "clinic_editing_revision_id": revision.pk if revision else None,
        },
    )
    return mark_as_editors_page(response)


# One block --------------------------------------------------------------------------------------


def find_child(stream, block_id):
    for index, child in enumerate(stream):
        if child.id == block_id:
            return index, child
    raise Http404("That block is no longer on the page.")


def block(request, page_id, block_id):
    page, field = editable_page(request, page_id)
    try:
        shown = shown_revision(request)
        check_can_save(page, request.user, shown)
    except Conflict as conflict:
        return conflict_frame(request, conflict.args[0])
    obj = latest_object(page)
    stream = getattr(obj, field)
    index, child = find_child(stream, block_id)
    errors = None
    value = child.value
    if request.method == "POST":
        try:
            value = child.block.value_from_datadict(request.POST, request.FILES, FORM_PREFIX)
        except INCOMPLETE_FORM_ERRORS:
            return incomplete_frame(request)
        try:
            value = child.block.clean(value)
        except forms.ValidationError as error:
            errors = error
        else:
            children = [(c.block_type, c.value, c.id) for c in stream]
            children[index] = (child.block_type, value, child.id)
            return save_stream(request, page, obj, field, shown, children, block_id)
    return block_form(request, page, child.block, value, errors, label=block_label(child))


def block_form(request, page, block_def, value, errors, *, label, extra=None):
    widget = BlockWidget(block_def)
    error_list = forms.utils.ErrorList([errors]) if errors else None
    return frame(
        request,
        "block_form.html",
        {
            "page": page,
            "heading": f"Edit: {label}",
            "form_html": widget.render_with_errors(FORM_PREFIX, value, errors=error_list),
            "media": widget.media,
            "revision": request.POST.get("revision", request.GET.get("revision", "")),
            "errors": errors,
            **(extra or {}),
        },
        status=400 if errors else 200,
    )


def save_stream_revision(request, page, obj, field, shown, children):
    """A new draft revision with the stream's blocks in this order; Conflict if it may not."""
    with transaction.atomic():
        # Checked again inside the transaction: another save may have landed while she typed.
        locked = Page.objects.select_for_update().get(pk=page.pk).specific
        check_can_save(locked, request.user, shown)
        setattr(obj, field, StreamValue(getattr(obj, field).stream_block, children))
        return obj.save_revision(user=request.user, log_action=True)


def save_stream(request, page, obj, field, shown, children, focus_id):
    try:
        revision = save_stream_revision(request, page, obj, field, shown, children)
    except Conflict as conflict:
        return conflict_frame(request, conflict.args[0])
    return saved_frame(
        request,
        {"kind": "saved", "revision": revision.pk, "block": focus_id},
        DRAFT_SAVED,
    )


# A new block ------------------------------------------------------------------------------------


def insert(request, page_id):
    page, field = editable_page(request, page_id)
    try:
        shown = shown_revision(request)
        check_can_save(page, request.user, shown)
    except Conflict as conflict:
        return conflict_frame(request, conflict.args[0])
    obj = latest_object(page)
    stream = getattr(obj, field)
    stream_block = stream.stream_block
    after = request.POST.get("after", request.GET.get("after", ""))
    position = find_child(stream, after)[0] + 1 if after else 0
    block_type = request.POST.get("type", request.GET.get("type", ""))
    if not block_type:
        return block_chooser(request, page, stream_block, after)
    child_block = stream_block.child_blocks.get(block_type)
    if child_block is None:
        return HttpResponseBadRequest("There is no such kind of block.")
    errors = None
    if request.method == "POST":
        value = child_block.value_from_datadict(request.POST, request.FILES, FORM_PREFIX)
        try:
            value = child_block.clean(value)
        except forms.ValidationError as error:
            errors = error
        else:
            children = [(c.block_type, c.value, c.id) for c in stream]
            new_id = str(uuid.uuid4())
            children.insert(position, (block_type, value, new_id))
            return save_stream(request, page, obj, field, shown, children, new_id)
    else:
        value = child_block.get_default()
        kind = request.GET.get("kind")
        if kind and "kind" in getattr(child_block, "child_blocks", {}):
            value["kind"] = kind
    return block_form(
        request,
        page,
        child_block,
        value,
        errors,
        label=f"New {str(child_block.label).lower()}",
        extra={"insert": {"type": block_type, "after": after}},
    )


def block_chooser(request, page, stream_block, after):
    preview_url = reverse("wagtailadmin_block_preview")
    choices = [
        {
            "name": name,
            "label": child.label,
            "description": getattr(child.meta, "description", ""),
            "preview_url": f"{preview_url}?id={child.definition_prefix}",
            "kinds": child.child_blocks["kind"].field.choices
            if name == "callout" and "kind" in getattr(child, "child_blocks", {})
            else [],
        }
        for name, child in stream_block.child_blocks.items()
    ]
    return frame(
        request,
        "chooser.html",
        {
            "page": page,
            "heading": "Add a block",
            "choices": choices,
            "after": after,
            "revision": request.GET.get("revision", ""),
        },
    )


# Moving a block ---------------------------------------------------------------------------------


@require_POST
def move(request, page_id):
    page, field = editable_page(request, page_id)
    try:
        shown = shown_revision(request)
        check_can_save(page, request.user, shown)
    except Conflict as conflict:
        return JsonResponse({"ok": False, "message": str(conflict.args[0])}, status=409)
    obj = latest_object(page)
    stream = getattr(obj, field)
    index, child = find_child(stream, request.POST.get("block", ""))
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if step is None or not 0 <= index + step < len(stream):
        return JsonResponse({"ok": False, "message": "That block cannot move further."}, status=400)
    children = [(c.block_type, c.value, c.id) for c in stream]
    children[index], children[index + step] = children[index + step], children[index]
    try:
        revision = save_stream_revision(request, page, obj, field, shown, children)
    except Conflict as conflict:
        return JsonResponse({"ok": False, "message": str(conflict.args[0])}, status=409)
    direction = "up" if step < 0 else "down"
    return JsonResponse(
        {
            "ok": True,
            "revision": revision.pk,
            "block": child.id,
            "message": f"Moved {direction}: {block_label(child)}. {DRAFT_SAVED}",
        }
    )


# Title, summary and photo -----------------------------------------------------------------------


def page_fields_panel(model):
    return ObjectList(PAGE_FIELD_PANELS, base_form_class=WagtailAdminModelForm).bind_to_model(model)


def fields(request, page_id):
    page, _field = editable_page(request, page_id)
    try:
        shown = shown_revision(request)
        check_can_save(page, request.user, shown)
    except Conflict as conflict:
        return conflict_frame(request, conflict.args[0])
    obj = latest_object(page)
    panel = page_fields_panel(type(obj))
    form_class = panel.get_form_class()
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = form_class(data, files, instance=obj, for_user=request.user)
    try:
        valid = request.method == "POST" and form.is_valid()
    except INCOMPLETE_FORM_ERRORS:
        return incomplete_frame(request)
    if valid:
        with transaction.atomic():
            try:
                locked = Page.objects.select_for_update().get(pk=page.pk).specific
                check_can_save(locked, request.user, shown)
            except Conflict as conflict:
                return conflict_frame(request, conflict.args[0])
            obj = form.save(commit=False)
            obj.draft_title = obj.title
            revision = obj.save_revision(user=request.user, log_action=True)
        return saved_frame(
            request,
            {"kind": "fields", "revision": revision.pk},
            DRAFT_SAVED,
        )
    bound = panel.get_bound_panel(instance=obj, request=request, form=form)
    return frame(
        request,
        "fields_form.html",
        {
            "page": page,
            "heading": "Edit: title, summary and photo",
            "panel": bound,
            "media": form.media + bound.media,
            "revision": "" if shown is None else shown,
        },
        status=400 if form.errors else 200,
    )


# Publishing -------------------------------------------------------------------------------------


@require_POST
def publish(request, page_id):
    page, _field = editable_page(request, page_id)
    try:
        check_can_save(page, request.user, shown_revision(request))
    except Conflict as conflict:
        return JsonResponse({"ok": False, "message": str(conflict.args[0])}, status=409)
    revision = page.get_latest_revision()
    perms = page.permissions_for_user(request.user)
    if revision is None:
        return JsonResponse({"ok": False, "message": "There is nothing to publish."}, status=400)
    if perms.can_publish():
        revision.publish(user=request.user)
        page.refresh_from_db()
        return JsonResponse(
            {"ok": True, "message": "Published: visitors see it now.", "url": page.get_url(request)}
        )
    workflow = page.get_workflow()
    if workflow is not None:
        if not page.workflow_in_progress:
            workflow.start(page, request.user)
        return JsonResponse(
            {"ok": True, "message": f"Sent for review ({workflow.name}).", "url": None}
        )
    return JsonResponse(
        {"ok": False, "message": "You can save drafts of this page but not publish it."},
        status=403,
    )
