"""QR codes drawn on the server as inline SVG (segno): no picture to fetch, nothing sent out."""

import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_code_svg(url, label=""):
    """An <svg> QR code for url, with a title so screen readers know what it is. It has a
    viewBox and no size: the stylesheet sizes it."""
    if not url:
        return ""
    qr = segno.make(str(url), error="m", micro=False)
    # segno escapes the title and draws only paths: safe to embed as it is.
    svg = qr.svg_inline(
        border=4,
        omitsize=True,
        dark="#000",
        light="#fff",
        title=label or None,
        svgclass="qr-code",
        lineclass=None,
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S308
