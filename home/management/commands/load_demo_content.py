"""`manage.py load_demo_content`: the clinic, its articles and exercises, and the demo logins.

Idempotent: anything that already exists is found by slug, name or title and left as it is.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.demo.loader import DemoLoader

# Re-exported: tests/conftest.py builds its "Editors" group with the same function.
from .setup_demo_users import setup_editors_group

__all__ = ["Command", "setup_editors_group"]


class Command(BaseCommand):
    help = "Load Harvest Moon's demo content and logins. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users", action="store_true", help="Skip creating the demo logins."
        )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content...")
        created = DemoLoader(log=self.stdout.write).run()
        if not created:
            self.stdout.write("  demo content already in place; nothing to add.")
        if not options["no_users"]:
            call_command("setup_demo_users", stdout=self.stdout)
