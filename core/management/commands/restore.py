"""`manage.py restore FILE`: bring a backup back into an empty install."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty, migrated database. "
        "Refuses if the database has content, unless --force (which replaces everything)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that already has content.",
        )

    def handle(self, *args, **options):
        try:
            restore_backup(options["archive"], force=options["force"], log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
