"""Who may edit what they see, which revision the page on screen came from, and block labels.

Everything here answers "nothing to do" for visitors before touching the session, so their
responses stay exactly as they were (and as cacheable).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.dateformat import format as format_date

from articles.blocks import CALLOUT_KINDS
from articles.models import ArticlePage

# The StreamField of each page type that can be edited from the page.
EDITABLE_STREAMS = {ArticlePage: "body"}
CALLOUT_LABELS = {
    "tip": "Tip",
    "safety": "Safety note",
    "fine_print": "Fine print",
    "call_to_action": "Call to action",
    "read_next": "Read next",
}
assert set(CALLOUT_LABELS) == {kind for kind, _ in CALLOUT_KINDS}

# Modes: "site" (the published page), "draft" (the latest revision, shown by our draft view) and
# "preview" (Wagtail's preview panel: the editor beside it holds the form, so a block's click
# takes her to that block's form there instead of saving from two places at once).
SITE, DRAFT, PREVIEW = "site", "draft", "preview"
# Blocks whose form is the exercise's own: one edit there changes every article using it.
EXERCISE_BLOCK_TYPES = {"exercise"}


@dataclass
class EditingState:
    page: object
    field: str
    mode: str
    revision_id: int | None

    @property
    def newer_draft_exists(self):
        return self.mode == SITE and self.page.has_unpublished_changes

    def config(self, request):
        from django.middleware.csrf import get_token

        page_id = self.page.pk
        return {
            "page": page_id,
            "mode": self.mode,
            "revision": self.revision_id,
            "newerDraft": self.newer_draft_exists,
            "liveUrl": self.page.get_url(request) if self.page.live else None,
            "draftUrl": reverse("clinic_editing:draft", args=[page_id]),
            "blockUrl": reverse("clinic_editing:block", args=[page_id, "BLOCK"]),
            "insertUrl": reverse("clinic_editing:insert", args=[page_id]),
            "moveUrl": reverse("clinic_editing:move", args=[page_id]),
            "fieldsUrl": reverse("clinic_editing:fields", args=[page_id]),
            "publishUrl": reverse("clinic_editing:publish", args=[page_id]),
            "exerciseUrl": reverse("clinic_editing:exercise", args=[0]),
            "editUrl": reverse("wagtailadmin_pages:edit", args=[page_id]),
            "csrfToken": get_token(request),
        }


def might_be_signed_in(request):
    """Visitors without a session cookie are never editors: decided without reading the session."""
    return request is not None and settings.SESSION_COOKIE_NAME in request.COOKIES


def editing_state(request, page):
    """The editing state for this request and page, or None (visitors, other page types, no
    permission). Cached on the request: every block of the page asks."""
    if not might_be_signed_in(request) or page is None:
        return None
    cache = request.__dict__.setdefault("_clinic_editing_states", {})
    key = (type(page), getattr(page, "pk", None))
    if key not in cache:
        cache[key] = _build_state(request, page)
    return cache[key]


def _build_state(request, page):
    field = next((f for model, f in EDITABLE_STREAMS.items() if isinstance(page, model)), None)
    if field is None or not page.pk:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    if getattr(request, "clinic_editing_draft", False):
        return EditingState(page, field, DRAFT, request.clinic_editing_revision_id)
    if getattr(request, "is_preview", False):
        return EditingState(page, field, PREVIEW, None)
    # The published page equals the latest revision unless a newer draft was saved since.
    shown = page.live_revision_id if page.has_unpublished_changes else page.latest_revision_id
    return EditingState(page, field, SITE, shown)


def block_label(child):
    """What the outline says: "Update 11 September 2026", "Exercise: Free Your Neck"."""
    value, kind = child.value, child.block_type
    if kind == "update":
        date = value.get("date")
        return f"Update {format_date(date, 'j F Y')}" if date else "Update"
    if kind == "exercise":
        exercise = value.get("exercise")
        return f"Exercise: {exercise.name}" if exercise else "Exercise"
    if kind == "callout":
        return CALLOUT_LABELS.get(value.get("kind"), "Callout")
    if kind == "heading":
        text = value.get("text") if hasattr(value, "get") else value
        return f"Heading: {text}" if text else "Heading"
    if kind == "video":
        title = value.get("title") if hasattr(value, "get") else ""
        return f"Video: {title}" if title else "Video"
    return str(child.block.label)
