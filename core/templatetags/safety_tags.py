""" "When to get help": the body areas' warning signs, shown wherever their exercises are."""

from django import template

register = template.Library()


def merged_help_signs(areas):
    """Every sign of the given areas, in area order, each once (several areas share some)."""
    signs, seen = [], set()
    for area in areas or ():
        for sign in area.help_signs:
            key = " ".join(sign.lower().rstrip(".").split())
            if key not in seen:
                seen.add(key)
                signs.append(sign)
    return signs


@register.inclusion_tag("includes/when_to_get_help.html")
def when_to_get_help(areas, style="compact", heading_level=2):
    """The list for these areas (or one area), or nothing when none of them has one. style is "compact" (a
    box that opens, for articles and exercises) or "open" (the area's page, print sheets)."""
    areas = [areas] if hasattr(areas, "help_signs") else list(areas or ())
    return {
        "signs": merged_help_signs(areas),
        "style": style,
        "heading_level": heading_level,
    }
