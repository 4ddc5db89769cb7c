"""Admin messages in plain words: saving a draft says it is not on the site yet.

Wagtail confirms "Save draft" with "Page '…' has been updated." (or "Exercise '…' updated."),
which reads as if visitors could see the change. This message storage rewrites Wagtail's
confirmation when the request saved a draft of something that has drafts (pages and the
exercise snippet); publishing, and models without drafts, keep Wagtail's words.
"""

import re

from django.apps import apps
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.safestring import SafeData, mark_safe
from wagtail.models import DraftStateMixin

# POST fields of the actions that are not a plain draft save: publish, submit to a workflow,
# a workflow action, and a revert (which Wagtail confirms in words of its own).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action", "revision")
DRAFT_NOTE = "saved as a draft. It is not visible to visitors until you publish it."


def _saved_a_draft(request):
    """Whether this request saved a draft through the admin's add or edit form of something
    that has drafts (a page, or a snippet with DraftStateMixin), without publishing it."""
    match = getattr(request, "resolver_match", None)
    if request.method != "POST" or match is None or match.url_name not in {"add", "edit"}:
        return False
    if any(action in request.POST for action in PUBLISHING_ACTIONS):
        return False
    namespace = match.namespace or ""
    if namespace == "wagtailadmin_pages":
        return True
    if not namespace.startswith("wagtailsnippets_"):
        return False
    app_label, _, model_name = namespace.removeprefix("wagtailsnippets_").partition("_")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return issubclass(model, DraftStateMixin)


# Wagtail's confirmations: "Page 'X' has been updated.", "Exercise 'X' updated." or "… created.",
# the snippet ones followed by the HTML of an "Edit" button.
CONFIRMATION = re.compile(r" (?:has been updated|updated|created)\.")


def draft_message(message):
    """ "Page 'Neck notes' has been updated." -> "Page 'Neck notes' saved as a draft: …"; None
    for any other message. Wagtail's buttons after it, and its HTML safety, are kept."""
    text = str(message)
    if not CONFIRMATION.search(text):
        return None
    rewritten = CONFIRMATION.sub(f" {DRAFT_NOTE}", text, 1)
    return mark_safe(rewritten) if isinstance(message, SafeData) else rewritten  # noqa: S308


class DraftAwareMessageStorage(FallbackStorage):
    def add(self, level, message, extra_tags=""):
        if level == messages.SUCCESS and _saved_a_draft(self.request):
            message = draft_message(message) or message
        return super().add(level, message, extra_tags)
