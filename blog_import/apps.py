from django.apps import AppConfig


class BlogImportConfig(AppConfig):
    name = "blog_import"
    default_auto_field = "django.db.models.BigAutoField"
