"""Rich text is cleaned again on the way out, whatever is stored.

Wagtail's editor already whitelists rich text on input, but rich text can also arrive by other
routes: imported fixtures, a script, a restored backup, a future block type. Every rich text value
a template renders passes through wagtailcore/shared/richtext.html, which we override to call
clean_rich_text(): an allowlist (ammonia, via nh3) of the markup our editor features produce.
"""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ol",
    "ul",
    "li",
    "h2",
    "h3",
    "h4",
    "hr",
    "blockquote",
}
# data-block-key: Wagtail's editor marks each paragraph with one (used by the admin's comments).
ALLOWED_ATTRIBUTES = {
    "*": {"data-block-key"},
    "a": {"href", "id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html):
    """HTML that cannot run script: no <script>/<style>/<iframe>, no on* handlers, no style
    attributes, no javascript: or data: links. Relative links (internal pages) are kept."""
    return nh3.clean(
        str(html or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
