"""{% seo_head %}: every tag search engines and link previews read, and nothing else writes them.

<title>, meta description, canonical URL, robots, OpenGraph and Twitter cards and JSON-LD all come
from one SeoContext, so each page has one of each and they agree. A template that needs to say
more sets ``seo_title``, ``seo_description`` or ``seo_noindex`` in the context around the tag.
A private page (a client's plan) sets ``seo_private``: it gets its title and a noindex, nofollow
robots tag, and nothing a link preview or a search engine could read about it.
"""

from django import template
from django.utils.safestring import mark_safe

from core.cache import remember, shows_published_content
from seo.meta import SeoContext, json_ld
from seo.structured_data import article_date_modified, structured_data

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Pages (and the exercise route) get the full set; anything without a page (search
    results, the routine, error pages), previews and ``seo_noindex`` pages are marked noindex,
    have no canonical and get only the clinic's JSON-LD."""
    seo = SeoContext(context)
    if context.get("seo_private"):
        return {"private": True, "document_title": seo.document_title}
    kind = seo.kind
    preview = getattr(seo.request, "is_preview", False)
    indexable = kind is not None and not preview and not context.get("seo_noindex")
    image_url, image_alt, width, height = seo.image
    return {
        "document_title": seo.document_title,
        "indexable": indexable,
        "canonical": seo.canonical if indexable else "",
        "og_type": "article" if kind == "article" else "website",
        "title": seo.title,
        "description": seo.description,
        "site_name": seo.clinic_name,
        "image_url": image_url,
        "image_alt": image_alt,
        "image_width": width,
        "image_height": height,
        "article": seo.page.specific if kind == "article" else None,
        "modified": _modified(seo) if kind == "article" else "",
        "json_ld": mark_safe(json_ld(structured_data(seo))),  # noqa: S308 - escaped by json_ld
    }


def _modified(seo):
    """The article's modified date, remembered for the saved content: working it out reads the
    whole body, which a visitor's request otherwise need not do."""
    article = seo.page.specific
    if not shows_published_content(seo.request):
        return article_date_modified(article)
    return remember("article-modified", (article.pk,), lambda: article_date_modified(article))
