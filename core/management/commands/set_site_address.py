"""`manage.py set_site_address [URL]`: the public address into the default Wagtail Site."""

from django.core.management.base import BaseCommand, CommandError

from core.site_address import SiteAddressError, configured_site_url, update_default_site


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from URL (default: the SITE_URL "
        "setting), so canonical links, og:url, JSON-LD and the sitemap use the public address. "
        "`migrate` does the same whenever SITE_URL is set."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", default=None, help="e.g. https://harvestmoonmassage.com"
        )

    def handle(self, *args, url=None, **options):
        url = url or configured_site_url()
        if not url:
            raise CommandError("Give the address, or set SITE_URL (e.g. https://example.org).")
        try:
            site, changed = update_default_site(url)
        except SiteAddressError as error:
            raise CommandError(str(error)) from error
        if site is None:
            raise CommandError("There is no default Site yet: run `manage.py migrate` first.")
        state = "now" if changed else "already"
        self.stdout.write(f"The site's address is {state} {site.root_url}")
