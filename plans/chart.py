"""A small chart of a plan's check-ins over time, drawn on the server as SVG: no JavaScript, no
chart library, readable in the admin and when printed. The table beside it carries the same
figures for screen readers."""

import datetime

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 16, 14, 34


def _x(moment, start, span, plot_width):
    if span <= 0:
        return LEFT + plot_width / 2
    return LEFT + plot_width * (moment - start).total_seconds() / span


def _y(feeling, plot_height):
    return TOP + plot_height * (10 - feeling) / 10


def checkin_chart_svg(checkins, plan=None):
    """SVG markup for ``checkins`` (oldest first), or "" when there are none."""
    checkins = list(checkins)
    if not checkins:
        return ""
    times = [timezone.localtime(checkin.created_at) for checkin in checkins]
    start, end = times[0], times[-1]
    if plan is not None:
        zone = timezone.get_current_timezone()
        plan_start = datetime.datetime.combine(plan.starts_on, datetime.time.min, tzinfo=zone)
        start = min(start, plan_start)
    span = (end - start).total_seconds()
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="plan-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="plan-chart-title plan-chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="plan-chart-title">How it felt, 0 to 10, at each check-in</title>',
        f'<desc id="plan-chart-desc">{len(checkins)} check-ins from {start:%b %d} to '
        f"{end:%b %d}; the latest was {checkins[-1].feeling} out of 10.</desc>",
    ]
    for level in (0, 5, 10):
        y = _y(level, plot_height)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#c9c2b8" stroke-width="1"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#4f4740">{level}</text>'
        )
    for moment, anchor in ((start, "start"), (end, "end")):
        parts.append(
            f'<text x="{_x(moment, start, span, plot_width):.1f}" y="{HEIGHT - 10}" '
            f'text-anchor="{anchor}" font-size="12" fill="#4f4740">{moment:%b %d}</text>'
        )
    points = [
        (_x(moment, start, span, plot_width), _y(checkin.feeling, plot_height), checkin)
        for moment, checkin in zip(times, checkins, strict=True)
    ]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#9a3f12" stroke-width="2.5" '
            'stroke-linejoin="round"/>'
        )
    for (x, y, checkin), moment in zip(points, times, strict=True):
        label = f"{moment:%b %d %H:%M}: {checkin.feeling}/10"
        if checkin.comment:
            label += f" ({checkin.comment})"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#9a3f12">'
            f"<title>{escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is a number or escaped
