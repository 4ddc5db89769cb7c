"""Which apps are this project's own (core, exercises, articles, ...), as opposed to Django's,
Wagtail's and other installed packages': the apps whose folder sits at the top of the checkout.
The page cache watches their models and backups count their rows, so a new app is covered by
both without being listed anywhere."""

from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings


@cache
def project_app_labels():
    project_dir = Path(settings.BASE_DIR).resolve()
    return frozenset(
        app_config.label
        for app_config in apps.get_app_configs()
        if Path(app_config.path).resolve().parent == project_dir
    )


def project_models():
    """The concrete models of the project's own apps."""
    for label in sorted(project_app_labels()):
        yield from apps.get_app_config(label).get_models()
