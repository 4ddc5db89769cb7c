"""sitemap.xml: Wagtail's pages (the exercise library adds each exercise) plus body-area pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from core.models import BodyArea


class BodyAreaSitemap(Sitemap):
    def items(self):
        return BodyArea.objects.order_by("sort_order", "name")

    def location(self, area):
        return reverse("body_area", args=[area.slug])


SITEMAPS = {"pages": WagtailSitemap, "areas": BodyAreaSitemap}
