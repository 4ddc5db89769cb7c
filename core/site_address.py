"""The site's public address (SITE_URL) and the Wagtail Site that carries it.

Canonical links, og:url, JSON-LD, the sitemap and feeds all build absolute addresses from the
default Wagtail Site (``Site.root_url``: its hostname and port). The demo content leaves it at
``localhost:80``, which production must never print. With SITE_URL set (production's default is
https://<first ALLOWED_HOSTS entry>), every ``manage.py migrate`` and ``manage.py
set_site_address`` write its hostname and port into the default Site, and ``check --deploy``
fails while either still says localhost.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 - names only


class SiteAddressError(ValueError):
    pass


def is_local(hostname):
    hostname = (hostname or "").strip().lower().strip("[]")
    return (
        hostname in LOCAL_HOSTS
        or hostname.endswith(".localhost")
        or hostname.startswith("127.")
        or hostname.endswith(".local")
    )


def parse_site_url(url):
    """ "https://harvestmoonmassage.com" -> ("harvestmoonmassage.com", 443)."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteAddressError(
            f"{url!r} is not a site address; expected e.g. https://harvestmoonmassage.com"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SiteAddressError(f"{url!r} must be only scheme and host, without a path")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise SiteAddressError(f"{url!r} has an invalid port") from error
    return parts.hostname.lower(), port


def configured_site_url():
    return getattr(settings, "CLINIC_SITE_URL", "") or ""


def update_default_site(url=None):
    """Write the address into the default Site. Returns (site, changed); (None, False) when
    there is no default Site yet (a database that was never migrated)."""
    from wagtail.models import Site

    hostname, port = parse_site_url(url or configured_site_url())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None, False
    if (site.hostname, site.port) == (hostname, port):
        return site, False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return site, True


def update_site_after_migrate(sender, using="default", **kwargs):
    """post_migrate (once, for the core app): a deploy's `migrate` sets the address too."""
    if not configured_site_url():
        return
    from wagtail.models import Site

    if not Site.objects.using(using).filter(is_default_site=True).exists():
        return
    update_default_site()


@register(Tags.security, deploy=True)
def check_site_address(app_configs=None, **kwargs):
    """`check --deploy`: the address links are built from must be the real one."""
    errors = []
    url = configured_site_url()
    try:
        hostname, port = parse_site_url(url)
    except SiteAddressError as error:
        return [
            Error(
                f"SITE_URL is not set to the site's public address ({error}).",
                hint="Set SITE_URL=https://harvestmoonmassage.com (or ALLOWED_HOSTS).",
                id="core.E001",
            )
        ]
    if is_local(hostname):
        errors.append(
            Error(
                f"SITE_URL is {url}, a local address: links in pages, the sitemap and emails "
                "would point visitors there.",
                hint="Set SITE_URL to the public address, e.g. https://harvestmoonmassage.com.",
                id="core.E001",
            )
        )
    try:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    except Exception:  # noqa: BLE001 - no database to read here; the address check stands alone
        return errors
    if site is not None and (is_local(site.hostname) or site.hostname != hostname):
        errors.append(
            Error(
                f"The Wagtail Site is {site.hostname}:{site.port}, not {hostname}:{port}: "
                "canonical links, og:url, JSON-LD and the sitemap would say so.",
                hint="Run `manage.py set_site_address` (or `manage.py migrate`) with SITE_URL set.",
                id="core.E002",
            )
        )
    return errors
