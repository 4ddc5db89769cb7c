"""What is worth a second look in an exercise before it goes out (see core/content_checks.py)."""

from django.utils.html import strip_tags

from core.content_checks import MIN_SUMMARY_CHARS, video_warnings


def exercise_warnings(exercise):
    """Plain-language warnings about an Exercise (saved or not)."""
    warnings = []
    if len((exercise.summary or "").strip()) < MIN_SUMMARY_CHARS:
        warnings.append(
            "The summary is very short or empty. One or two sentences about what it helps "
            "and how it feels work best on cards and in search results."
        )
    warnings += video_warnings(exercise.video, where=" in this exercise")
    if not len(exercise.steps or []):
        warnings.append("There are no steps yet. Visitors need to know what to do, in order.")
    if not strip_tags(exercise.cautions or "").strip():
        warnings.append(
            "There is nothing under “Cautions”. A line on when to stop or skip it keeps "
            "visitors safe."
        )
    return warnings
