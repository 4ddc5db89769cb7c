from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Clinic"

    def ready(self):
        # Cross-cutting receivers live in the clinic package (no app of their own): page-cache
        # invalidation on content changes, and counting failed admin sign-ins.
        from clinic import cache, throttle

        cache.connect_signals()
        throttle.connect_signals()
