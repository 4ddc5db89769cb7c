"""QR codes for a plan's address, drawn on the server as SVG (segno: no network, no images)."""

import segno
from django.utils.safestring import mark_safe


def plan_qr(url):
    # Medium error correction survives a creased or smudged print-out.
    return segno.make(url, error="m")


def qr_svg(url, scale=4, title="QR code for this plan's address"):
    """Inline SVG markup of the QR code for ``url``, with a quiet zone and a title for screen
    readers."""
    svg = plan_qr(url).svg_inline(
        scale=scale, title=title, border=4, svgclass="plan-qr", lineclass=None
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup
