"""{{ html|clean_rich_text }}: see core/sanitise.py."""

from django import template
from django.utils.safestring import mark_safe

from core.sanitise import clean_rich_text as _clean

register = template.Library()


@register.filter
def clean_rich_text(html):
    return mark_safe(_clean(html))  # noqa: S308 - cleaned by an allowlist sanitiser just above
