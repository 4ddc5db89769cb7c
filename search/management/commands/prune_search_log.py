"""Keep the search query log from growing without limit: run it daily (see README, Search)."""

from django.core.management.base import BaseCommand, CommandError

from search.query_log import prune_search_log

DEFAULT_DAYS = 90


class Command(BaseCommand):
    help = (
        "Delete search log entries older than --days (default %(default)s): the daily counts "
        "of what visitors searched for and of searches that found nothing, then every search "
        "term left with no count and no promoted result. Promoted results are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Keep this many days of counts, today included (default {DEFAULT_DAYS}; at "
            "least 30, what the admin's search report shows).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many rows would go."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 30:
            raise CommandError(
                "--days must be at least 30: the search report shows the last 30 days."
            )
        removed = prune_search_log(days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {removed['daily_hits']} daily search counts, {removed['zero_results']} "
            f"daily counts of searches that found nothing and {removed['queries']} search "
            f"terms, all older than {days} days."
        )
