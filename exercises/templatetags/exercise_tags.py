"""Template helpers for exercises."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def exercise_url(context, exercise):
    """The exercise's page on the site, or "" when there is no live exercise library."""
    if exercise is None:
        return ""
    return exercise.get_url(context.get("request")) or ""
