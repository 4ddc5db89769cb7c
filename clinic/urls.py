from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles.feeds import ArticlesAtomFeed, ArticlesRssFeed
from clinic.healthz import healthz
from home import share_image, visitor_views
from home.sitemaps import SITEMAPS
from home.views import body_area_page, robots_txt
from search import views as search_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    # Issue 4: body-area pages, the articles feed, sitemap.xml and robots.txt.
    path("areas/<slug:slug>/", body_area_page, name="body_area"),
    path("articles/feed/", ArticlesAtomFeed.view, name="articles_feed"),
    path("articles/feed/rss/", ArticlesRssFeed.view, name="articles_feed_rss"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Issue 7: the visitor's own routine (kept in her browser) and link-preview pictures.
    path("routine/", visitor_views.routine, name="routine"),
    path("share/site.png", share_image.site_share_image, name="share_image_site"),
    path("share/<str:kind>/<int:pk>.png", share_image.share_image, name="share_image"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
