from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles.feeds import ArticlesAtomFeed, ArticlesRssFeed
from core.healthz import healthz
from core.icons import favicon, web_manifest
from home.views import body_area_page, routine
from search import views as search_views
from seo import share_image
from seo.sitemaps import SITEMAPS
from seo.views import robots_txt

# Body areas, practitioners and the clinic settings moved from the "home" app to "core", and so
# did their admin addresses; bookmarks to the old ones still land on the same screens.
MOVED_ADMIN_URLS = [
    re_path(
        rf"^admin/{prefix}home/{model}/(?P<rest>.*)$",
        RedirectView.as_view(url=f"/admin/{prefix}core/{model}/%(rest)s", query_string=True),
    )
    for prefix, model in (
        ("settings/", "clinicsettings"),
        ("snippets/", "practitioner"),
        ("", "bodyarea"),
    )
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    *MOVED_ADMIN_URLS,
    # Two-step sign-in (core/two_factor.py), ahead of the admin's own access check.
    path("admin/two-factor/", include("core.two_factor_views")),
    path(
        "admin/two-factor/passkeys/",
        include("django_otp_webauthn.urls", namespace="otp_webauthn"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("areas/<slug:slug>/", body_area_page, name="body_area"),
    path("articles/feed/", ArticlesAtomFeed.view, name="articles_feed"),
    path("articles/feed/rss/", ArticlesRssFeed.view, name="articles_feed_rss"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    # The visitor's own routine (kept in her browser) and link-preview pictures.
    path("routine/", routine, name="routine"),
    # Each client's home programme, at a private address (plans/urls.py).
    path("", include("plans.urls")),
    path("share/site.png", share_image.site_share_image, name="share_image_site"),
    path("share/<str:kind>/<int:pk>.png", share_image.share_image, name="share_image"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
