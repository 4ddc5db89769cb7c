"""What is worth a second look in an article before it goes out (see core/content_checks.py)."""

from core.content_checks import (
    MIN_SUMMARY_CHARS,
    blocks_with_nested,
    image_warnings,
    video_warnings,
)


def article_warnings(page):
    """Plain-language warnings about an ArticlePage (saved or not)."""
    warnings = []
    summary = (page.summary or "").strip()
    if not summary:
        warnings.append(
            "The summary is empty. Visitors see it in lists and search results: write one or "
            "two sentences about what this article will help with."
        )
    elif len(summary) < MIN_SUMMARY_CHARS:
        warnings.append(
            "The summary is very short. One or two full sentences about what this article "
            "will help with work best in lists and search results."
        )
    if page.hero_image_id and not (page.hero_image_alt or "").strip():
        warnings.append(
            "The photo at the top has no description. Fill in “Describe the photo” on the "
            "Content tab so people using screen readers know what it shows."
        )
    body = page.body
    warnings += video_warnings(body)
    warnings += image_warnings(body)
    blocks = list(blocks_with_nested(body))
    has_exercise = any(block.block_type == "exercise" for block in blocks)
    has_safety = any(
        block.block_type == "callout" and block.value.get("kind") == "safety" for block in blocks
    )
    if has_exercise and not has_safety:
        warnings.append(
            "This article has exercises but no safety note. Add a Callout block and choose "
            "“Safety”: leave its text empty to use your standard wording."
        )
    return warnings
