"""`manage.py backup --output FILE`: the whole site (database and media) in one archive."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one .tar.gz with all content, revisions, users and media. See README 'Backups'."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            default=None,
            help="Where to write the archive. Default: clinic-backup-<date-time>.tar.gz here.",
        )

    def handle(self, *args, **options):
        output = options["output"] or (
            f"clinic-backup-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            create_backup(output, log=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
