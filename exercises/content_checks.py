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
    warnings += _step_time_warnings(exercise)
    if not strip_tags(exercise.cautions or "").strip():
        warnings.append(
            "There is nothing under “Cautions”. A line on when to stop or skip it keeps "
            "visitors safe."
        )
    return warnings


def _step_time_warnings(exercise):
    """Step times only work with a video, and only inside it."""
    timed = [
        (number, step.value)
        for number, step in enumerate(exercise.steps or [], start=1)
        if getattr(step.value, "video_seconds", None) is not None
    ]
    if not timed:
        return []
    video = exercise.video[0].value if len(exercise.video or []) else None
    if video is None or video.video is None:
        return [
            "Some steps have a time in the video, but the exercise has no video that plays. "
            "Add the video, or clear the times."
        ]
    length = video.length_seconds
    late = [str(number) for number, step in timed if length and step.video_seconds > length]
    if late:
        return [
            f"Step {', '.join(late)}: the time is after the end of the video "
            f"({video.length_label}). Check the time, or the video's length."
        ]
    return []
