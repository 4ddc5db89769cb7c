"""Admin: the "Import from your old blog" page and its menu item, for those who may use it."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import ImportView, import_permissions


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_permissions(request.user)[0]


@hooks.register("register_admin_urls")
def register_blog_import_url():
    return [path("import-old-blog/", ImportView.as_view(), name="blog_import")]


@hooks.register("register_admin_menu_item")
def register_blog_import_menu_item():
    return ImportMenuItem(
        "Import old blog",
        reverse("blog_import"),
        name="import-old-blog",
        icon_name="upload",
        order=10_000,
    )
