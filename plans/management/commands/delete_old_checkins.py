"""`manage.py delete_old_checkins`: a client's check-ins are kept until 90 days after her plan
ends, then deleted. Run it daily (README: "Home programmes"). The plans themselves stay until
the therapist deletes them."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.models import CheckIn

KEEP_DAYS_AFTER_EXPIRY = 90


class Command(BaseCommand):
    help = "Delete check-ins of plans that ended more than 90 days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be deleted."
        )

    def handle(self, *args, **options):
        cutoff = timezone.localdate() - datetime.timedelta(days=KEEP_DAYS_AFTER_EXPIRY)
        old = CheckIn.objects.filter(plan__expires_on__lt=cutoff)
        if options["dry_run"]:
            self.stdout.write(
                f"{old.count()} check-ins would be deleted (plans ended before {cutoff})."
            )
            return
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} check-ins of plans that ended before {cutoff}.")
