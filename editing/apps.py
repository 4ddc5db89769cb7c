from django.apps import AppConfig


class EditingConfig(AppConfig):
    name = "editing"
    default_auto_field = "django.db.models.BigAutoField"
