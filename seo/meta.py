"""What search engines and link previews read: title, description, canonical URL, OpenGraph and
Twitter cards.

Built from the template context by ``{% seo_head %}`` (seo/templatetags/seo_tags.py), the only
place that writes these tags, so the <title>, the description and the cards cannot disagree.
Templates with something to add say it in the context: ``seo_title``, ``seo_description`` and
``seo_noindex`` (see ``{% block seo %}`` in templates/base.html). Pure
functions of the content: nothing here calls a third party, and the image is either one of our
own renditions or the share image drawn locally (seo/share_image.py). The JSON-LD graph built
from the same context lives in seo/structured_data.py.
"""

import json

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.http import urlencode
from wagtail.models import Site

from core.cache import remember, shows_published_content
from core.models import BodyArea

SHARE_IMAGE_SIZE = (1200, 630)
SHARE_RENDITION = "fill-1200x630"


def json_ld(data):
    """JSON safe inside <script type="application/ld+json">: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plain(html):
    return " ".join(strip_tags(html or "").split())


class SeoContext:
    """The facts about one rendered page that every tag and JSON-LD object needs."""

    def __init__(self, context):
        self.context = context
        self.request = context.get("request")
        self.page = context.get("page")
        self.exercise = context.get("exercise")
        self.clinic = self._clinic(context)
        self.site = Site.find_for_request(self.request) if self.request else None

    @staticmethod
    def _clinic(context):
        settings = context.get("settings")
        try:
            return settings["core"]["ClinicSettings"] if settings else None
        except (KeyError, TypeError, AttributeError):
            return None

    # --- URLs ----------------------------------------------------------------------------

    @property
    def root_url(self):
        if self.site is not None:
            return self.site.root_url.rstrip("/")
        return self.request.build_absolute_uri("/").rstrip("/") if self.request else ""

    def absolute(self, url):
        if not url:
            return ""
        if url.startswith(("http://", "https://")):
            return url
        return f"{self.root_url}{url if url.startswith('/') else '/' + url}"

    @property
    def home_url(self):
        return self.absolute("/")

    def page_url(self, page):
        return self.absolute(page.get_url(self.request) or "")

    @property
    def kind(self):
        """What the page is, for the tags and JSON-LD it gets. Page models say it themselves
        with ``seo_kind`` ("article", "home", "collection"); any other saved page is "page"."""
        page = getattr(self.page, "specific", self.page)
        if self.exercise is not None:
            return "exercise"
        if page is not None and getattr(page, "pk", None):
            return getattr(page, "seo_kind", "page")
        if self.area is not None:
            return "area"
        return None

    @property
    def area(self):
        """The body area of an /areas/<slug>/ page (home/views.py), which has no Wagtail page."""
        area = self.context.get("area")
        return area if isinstance(area, BodyArea) and self.page is None else None

    @property
    def canonical(self):
        """The one address for this content; filters that change the content are kept."""
        kind = self.kind
        if kind == "exercise":
            return self.absolute(self.exercise.get_url(self.request) or "")
        if kind is None:
            return ""
        if kind == "area":
            url = self.absolute(reverse("body_area", args=[self.area.slug]))
            page_obj = self.context.get("page_obj")
            if getattr(page_obj, "number", 1) > 1:
                url += "?" + urlencode({"page": page_obj.number})
            return url
        url = self.page_url(self.page)
        if kind == "collection":
            params = {}
            area = self.context.get("current_area")
            if area is not None:
                params["area"] = area.slug
            page_obj = self.context.get("page_obj")
            if getattr(page_obj, "number", 1) > 1:
                params["page"] = page_obj.number
            if params:
                url += "?" + urlencode(params)
        return url

    # --- text ----------------------------------------------------------------------------

    @property
    def clinic_name(self):
        return getattr(self.clinic, "clinic_name", "") or "Harvest Moon Massage Therapy"

    @property
    def page_number(self):
        return getattr(self.context.get("page_obj"), "number", 1)

    @property
    def document_title(self):
        """The <title>: what this page is (a template's ``seo_title`` first), which page of a
        list, then the clinic. Longer than og:title, which leaves the list details out."""
        title = self.context.get("seo_title") or self._own_document_title()
        if self.page_number > 1:
            title = f"{title} (page {self.page_number})"
        return f"{title} | {self.clinic_name}" if title else self.clinic_name

    def _own_document_title(self):
        if self.exercise is None and self.page is None and self.area is None:
            return ""
        kind = self.kind
        if kind == "home":
            return (
                getattr(self.page, "seo_title", "")
                or getattr(self.clinic, "tagline", "")
                or self.page.title
            )
        title = self.title
        area = self.context.get("current_area")
        if kind == "collection" and area is not None:
            # A filtered list is its own result in search: say which area it is for.
            title = f"{area.name}: {title}"
        return title

    @property
    def title(self):
        if self.exercise is not None:
            return self.exercise.name
        if self.page is not None:
            return getattr(self.page, "seo_title", "") or self.page.title
        if self.area is not None:
            return f"{self.area.name}: articles and exercises"
        return self.clinic_name

    @property
    def description(self):
        """One sentence for <meta name="description">, og:description and the JSON-LD. Pages
        with nothing of their own to say (search, the routine, errors) get the tagline."""
        return (
            self.context.get("seo_description")
            or self._own_description()
            or getattr(self.clinic, "tagline", "")
        )

    def _own_description(self):
        if self.exercise is not None:
            return self.exercise.summary
        page = self.page
        if page is not None:
            text = getattr(page, "search_description", "") or getattr(page, "summary", "")
            if not text and self.kind == "home":
                text = getattr(self.clinic, "tagline", "")
            return text or plain(getattr(page, "intro", ""))
        if self.area is not None:
            return self.area.description or (
                f"Self-care articles and gentle exercises for the {self.area.name.lower()}."
            )
        return ""

    # --- images --------------------------------------------------------------------------

    def rendition_url(self, image, spec=SHARE_RENDITION):
        try:
            return self.absolute(image.get_rendition(spec).url)
        except Exception:  # noqa: BLE001 - a missing original file must not break the page
            return ""

    def share_image_url(self, kind=None, pk=None):
        if kind and pk:
            return self.absolute(reverse("share_image", args=[kind, pk]))
        return self.absolute(reverse("share_image_site"))

    @cached_property
    def image(self):
        """(url, alt, width, height) for link previews: a real photo first, else ours. Worked
        out once per page, and for visitors once per content change (its rendition look-ups
        are not free)."""
        kind = self.kind
        subject = self.exercise if kind == "exercise" else self.page if kind == "article" else None
        if getattr(subject, "pk", None) and shows_published_content(self.request):
            parts = (kind, subject.pk, self.root_url)
            return remember("share-image", parts, self._image)
        return self._image()

    def _image(self):
        width, height = SHARE_IMAGE_SIZE
        kind = self.kind
        if kind == "article":
            page = self.page.specific
            if page.hero_image_id:
                url = self.rendition_url(page.hero_image)
                if url:
                    return url, page.hero_image_alt or page.title, width, height
            return self.share_image_url("article", page.pk), page.title, width, height
        if kind == "exercise":
            exercise = self.exercise
            if exercise.image_id:
                url = self.rendition_url(exercise.image)
                if url:
                    return url, exercise.name, width, height
            if exercise.pk:
                return self.share_image_url("exercise", exercise.pk), exercise.name, width, height
        return self.share_image_url(), self.clinic_name, width, height
