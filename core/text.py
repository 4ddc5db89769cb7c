"""Plain text from rich text and StreamField values, for the search index, excerpts and feeds.

Pure functions of the stored data: nothing here touches the database, so building an excerpt
for a results page never costs a query per result.
"""

import html

from django.utils.html import strip_tags
from wagtail import blocks

# Child blocks that hold text no visitor would search for.
SKIPPED_CHILD_BLOCKS = frozenset({"start_time", "url", "video_time", "length"})


def rich_text_to_plain(value):
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def _block_text(block, raw, out):
    """Collect the visible words of one block from its raw (JSON) value, without lookups."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw:
            if not isinstance(child, dict):
                continue
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                _block_text(child_block, child.get("value"), out)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, str):
            # A struct stored when it was plain text (an exercise step before its video time).
            out.append(" ".join(raw.split()))
            return
        if not isinstance(raw, dict):
            return
        for name, child_block in block.child_blocks.items():
            if name not in SKIPPED_CHILD_BLOCKS:
                _block_text(child_block, raw.get(name), out)
    elif isinstance(block, blocks.ListBlock):
        for item in raw if isinstance(raw, list) else []:
            # List items are stored either bare or as {"type": "item", "value": ...}.
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            _block_text(block.child_block, value, out)
    elif isinstance(block, blocks.RichTextBlock):
        out.append(rich_text_to_plain(raw))
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        out.append(" ".join(str(raw).split()))
    # Choosers, dates, choices and URLs hold ids or codes, not words.


def stream_text(stream_value):
    """Every word a visitor can read in a StreamField value, from its raw data."""
    out = []
    _block_text(stream_value.stream_block, list(stream_value.raw_data), out)
    return " ".join(part for part in out if part)
