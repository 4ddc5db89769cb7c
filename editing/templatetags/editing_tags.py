"""Template tags that add the editing layer for signed-in editors and nothing for visitors.

{% editing_assets %} goes in the page's <head>; {% editable_block block %} replaces
{% include_block block %} in the loop over an editable StreamField. For anyone who may not edit
the page both give exactly what the page had before: no tag, no attribute, not a byte more.
"""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail.templatetags.wagtailcore_tags import IncludeBlockNode

from ..state import EXERCISE_BLOCK_TYPES, PREVIEW, block_label, editing_state

register = template.Library()


@register.simple_tag(takes_context=True)
def editing_assets(context):
    state = editing_state(context.get("request"), context.get("page"))
    if state is None:
        return ""
    return format_html(
        '<meta name="clinic-editing" content="{}">'
        '<link rel="stylesheet" href="{}">'
        '<script src="{}" defer></script>',
        json.dumps(state.config(context["request"])),
        static("css/editing.css"),
        static("js/editing.js"),
    )


class EditableBlockNode(IncludeBlockNode):
    def render(self, context):
        html = super().render(context)
        state = editing_state(context.get("request"), context.get("page"))
        if state is None:
            return html
        try:
            child = self.block_var.resolve(context)
        except template.VariableDoesNotExist:
            return html
        block_id = getattr(child, "id", None)
        if not block_id or not hasattr(child, "block_type"):
            return html
        return wrap_block(child, html, state, context.get("forloop") or {})


def wrap_block(child, html, state, forloop):
    """The outline, label, edit and move buttons around one block, and a "+" after it."""
    label = block_label(child)
    is_exercise = child.block_type in EXERCISE_BLOCK_TYPES
    exercise = child.value.get("exercise") if is_exercise else None
    tools = ""
    if state.mode != PREVIEW:
        tools = format_html(
            '<span class="ve-block__tools">'
            '<button type="button" class="ve-tool" data-ve-move="up" aria-label="Move up: {0}"'
            '{1}>&uarr;<span class="ve-tool__text"> Up</span></button>'
            '<button type="button" class="ve-tool" data-ve-move="down" aria-label="Move down: {0}"'
            '{2}>&darr;<span class="ve-tool__text"> Down</span></button>'
            "</span>",
            label,
            " disabled" if forloop.get("first") else "",
            " disabled" if forloop.get("last") else "",
        )
    before = insert_button(None, "the start", state) if forloop.get("first") else ""
    return format_html(
        '{before}<div class="ve-block" role="group" aria-label="{label}" data-ve-block="{id}"'
        ' data-ve-type="{type}"{exercise}>'
        '<span class="ve-block__bar"><button type="button" class="ve-block__label"'
        ' data-ve-edit aria-label="Edit: {label}">{label}</button>{tools}</span>'
        "{html}</div>{after}",
        before=before,
        label=label,
        id=child.id,
        type=child.block_type,
        exercise=format_html(' data-ve-exercise="{}"', exercise.pk) if exercise else "",
        tools=tools,
        html=html,
        after=insert_button(child.id, label, state),
    )


def insert_button(after_id, after_label, state):
    if state.mode == PREVIEW:
        return ""
    return format_html(
        '<div class="ve-insert"><button type="button" class="ve-insert__button"'
        ' data-ve-insert="{}" aria-label="Add a block after {}">+</button></div>',
        after_id or "",
        after_label,
    )


@register.tag
def editable_block(parser, token):
    """{% editable_block block %}: {% include_block block %} plus the editing layer for editors."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("editable_block takes exactly one argument: the block")
    return EditableBlockNode(parser.compile_filter(bits[1]), None, True)
