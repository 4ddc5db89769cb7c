"""Admin hooks for articles: rich-text links to pages visitors cannot open."""

from django.utils.html import escape
from wagtail import hooks
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

# Rich-text links to pages visitors cannot open render as plain text, not as broken links.


class VisiblePageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, but a link to a page that was deleted, unpublished or made
    private renders as ``<a>`` with no href: the words stay, nothing to click, no 404.

    One query per rich-text field for all its links (plus one for view restrictions), as
    ``get_many`` is called with every link in the field at once.
    """

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        numeric = [int(pk) for pk in ids if pk.isdigit()]
        visible = {
            str(page.pk): page
            for page in Page.objects.live()
            .public()
            .filter(pk__in=numeric)
            .only("id", "url_path", "path", "depth", "locale_id", "live", "content_type_id")
        }
        return [visible.get(pk) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page.localized.url)}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]


# Runs after Wagtail's own registration of the "page" link type (order=0), replacing it.
@hooks.register("register_rich_text_features", order=100)
def register_visible_page_links(features):
    features.register_link_type(VisiblePageLinkHandler)
