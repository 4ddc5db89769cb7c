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

# POST buttons that make the change public (or send it on towards publishing).
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action", "revision")
DRAFT_NOTE = "saved as a draft. It is not visible to visitors until you publish it."


def _draft_model(request):
    """The model whose draft this request saved through the admin's add or edit form, or None."""
    match = getattr(request, "resolver_match", None)
    if request.method != "POST" or match is None or match.url_name not in {"add", "edit"}:
        return None
    if any(action in request.POST for action in PUBLISHING_ACTIONS):
        return None
    namespace = match.namespace or ""
    if namespace == "wagtailadmin_pages":
        return "page"
    if namespace.startswith("wagtailsnippets_"):
        app_label, _, model_name = namespace.removeprefix("wagtailsnippets_").partition("_")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return None
        return model if issubclass(model, DraftStateMixin) else None
    return None


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
        if level == messages.SUCCESS and _draft_model(self.request) is not None:
            message = draft_message(message) or message
        return super().add(level, message, extra_tags)
