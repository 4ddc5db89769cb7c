from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    # The admin groups these models (body areas, practitioners, clinic settings) under this name.
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The page cache forgets everything when content changes. Sign-in attempts are counted
        # by django-axes (core/throttle.py, wired in settings). A deploy's `migrate` writes
        # SITE_URL into the Wagtail Site; `check --deploy` checks it (core/site_address.py).
        # Images get their renditions when saved, not on a visitor's first view (core/renditions.py).
        from . import cache, renditions, site_address

        cache.connect_signals()
        renditions.connect_signals()
        post_migrate.connect(
            site_address.update_site_after_migrate,
            sender=self,
            dispatch_uid="clinic-site-address-after-migrate",
        )
