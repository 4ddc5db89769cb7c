from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    # The admin groups these models (body areas, practitioners, clinic settings) under this name.
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The page cache forgets everything when content changes; failed sign-ins are counted.
        from . import cache, throttle

        cache.connect_signals()
        throttle.connect_signals()
