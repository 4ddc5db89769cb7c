"""manage.py import_wxr EXPORT.xml [--media-dir DIR] [--publish] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from blog_import.importer import import_wxr
from blog_import.wxr import MAX_BYTES, MAX_MEGABYTES, WXRError


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress or Squarespace export (WXR .xml) as draft articles, "
        "with redirects from their old addresses. Safe to run again: posts imported before "
        "are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file your old blog exported.")
        parser.add_argument(
            "--media-dir",
            help="A copy of the old blog's wp-content/uploads folder, to bring the images "
            "across. Without it, images are listed in the report instead.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the articles instead of drafts."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Save nothing; print what would happen."
        )

    def handle(self, *args, **options):
        path = Path(options["export"])
        media_dir = options.get("media_dir")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"The media folder {media_dir} does not exist.")
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(
                    f"{path}: the file is too big to import (the limit is {MAX_MEGABYTES} MB)."
                )
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror}).") from None
        try:
            report = import_wxr(
                data,
                media_dir=media_dir,
                publish=options["publish"],
                dry_run=options["dry_run"],
            )
        except WXRError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write("\n".join(report.lines()))
