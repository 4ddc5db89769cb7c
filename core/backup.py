"""One-file backups: every row that matters plus every media file, and a way back.

Archive layout (tar.gz):
    manifest.json   format, versions, when, row counts per model, media files with sha256
    data.json       dumpdata of all content, revisions, users, groups, images, settings
    media/...       every file in the default storage (local disk or S3)

Rows keep their ids (StreamField JSON refers to pages, images and snippets by id). Content types
and permissions are included with their ids too: a restore replaces the ones a fresh install's
migrate made, since those may be numbered differently. Search index rows and the reference index
are left out and rebuilt after a restore.
"""

import datetime
import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile

import django
import wagtail
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from .project import project_models

FORMAT = "clinic-backup"
VERSION = 1

EXCLUDED_MODELS = [
    "sessions",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
]


FIRST_MODELS = {"contenttypes.contenttype", "auth.permission"}
# Models that moved to another app since older backups were made: old label -> new app.
MOVED_MODELS = {
    "home.bodyarea": "core",
    "home.practitioner": "core",
    "home.clinicsettings": "core",
}


def _with_current_labels(rows):
    """Rows of a backup made before a model moved, relabelled for the current layout: the
    rows themselves and the content types that name them."""
    for row in rows:
        app = MOVED_MODELS.get(row["model"])
        if app is not None:
            row["model"] = f"{app}.{row['model'].split('.', 1)[1]}"
        elif row["model"] == "contenttypes.contenttype":
            fields = row["fields"]
            app = MOVED_MODELS.get(f"{fields['app_label']}.{fields['model']}")
            if app is not None:
                fields["app_label"] = app
    return rows


class BackupError(Exception):
    """Something the person running the command can fix; shown without a traceback."""


def _media_files(storage, directory=""):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for sub in sorted(directories):
        yield from _media_files(storage, posixpath.join(directory, sub) if directory else sub)


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts datetimes to milliseconds; a restore must give back what it took."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _backed_up_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.label_lower in EXCLUDED_MODELS or meta.app_label in EXCLUDED_MODELS:
            continue
        if meta.proxy or not meta.managed:
            continue
        yield model


def _dump_rows():
    """What `dumpdata` writes (every row, by primary key), with full-precision timestamps."""
    rows = []
    for model in _backed_up_models():
        queryset = model._base_manager.order_by(model._meta.pk.name)
        rows.extend(serializers.serialize("python", queryset.iterator()))
    return json.dumps(rows, cls=_FullPrecisionEncoder).encode()


def _row_counts():
    counts = {model._meta.label_lower: model._base_manager.count() for model in _backed_up_models()}
    return {label: count for label, count in counts.items() if count}


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def create_backup(output_path, log=print):
    """Write the archive to output_path; returns the manifest."""
    # One transaction: the dump is a consistent snapshot even while editors work.
    with transaction.atomic():
        data = _dump_rows()
        counts = _row_counts()

    media = []
    partial_path = f"{output_path}.partial"
    # Owner-only from the first byte (the archive holds password hashes), whatever the umask.
    descriptor = os.open(partial_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        _add_bytes(archive, "data.json", data)
        for name in _media_files(default_storage):
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            media.append(
                {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            )
            _add_bytes(archive, f"media/{name}", content)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "data_sha256": hashlib.sha256(data).hexdigest(),
            "counts": counts,
            "media": media,
        }
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    # Only a complete archive takes the final name: a crash never leaves a half backup behind.
    os.replace(partial_path, output_path)
    log(f"Backed up {sum(counts.values())} rows and {len(media)} media files to {output_path}")
    return manifest


def _safe_media_name(name):
    """Archive member media/<name> -> <name>, refusing absolute paths and '..' tricks."""
    relative = name[len("media/") :]
    normalised = posixpath.normpath(relative)
    if (
        not relative
        or relative.startswith("/")
        or normalised.startswith("..")
        or "\\" in relative
        or "\x00" in relative
    ):
        raise BackupError(f"Refusing an unsafe file name in the archive: {name!r}")
    return normalised


def read_backup(path):
    """(manifest, data bytes, {media name: bytes}) after checking every checksum."""
    if not os.path.exists(path):
        raise BackupError(f"No such file: {path}")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{path} is not a backup archive ({error}).") from error
    with archive:
        members = {member.name: member for member in archive.getmembers() if member.isfile()}
        if "manifest.json" not in members or "data.json" not in members:
            raise BackupError(f"{path} is not a backup made by `manage.py backup`.")
        manifest = json.loads(archive.extractfile(members["manifest.json"]).read())
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError("Unknown backup format or version.")
        data = archive.extractfile(members["data.json"]).read()
        if hashlib.sha256(data).hexdigest() != manifest["data_sha256"]:
            raise BackupError("The database dump in the archive is damaged (checksum mismatch).")
        media = {}
        for entry in manifest["media"]:
            member = members.get(f"media/{entry['name']}")
            if member is None:
                raise BackupError(f"The archive is missing the media file {entry['name']}.")
            content = archive.extractfile(member).read()
            if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                raise BackupError(f"The media file {entry['name']} is damaged.")
            media[_safe_media_name(member.name)] = content
    return manifest, data, media


def database_has_content():
    """True unless this is a fresh install: no users, no pages beyond Wagtail's welcome page,
    no images, and no rows of the project's own models (exercises, body areas, ...)."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.images import get_image_model
    from wagtail.models import Page

    plain_page = Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    )
    return (
        get_user_model().objects.exists()
        or Page.objects.exclude(pk__in=plain_page.values("pk")).exists()
        or get_image_model().objects.exists()
        or any(
            model._default_manager.exists()
            for model in project_models()
            # Settings rows appear by themselves the first time a page reads them.
            if not issubclass(model, Page | BaseSiteSetting)
        )
    )


def restore_backup(path, force=False, log=print):
    manifest, data, media = read_backup(path)
    if database_has_content() and not force:
        raise BackupError(
            "This database already has content (users, pages, images or exercises). "
            "Restore into an empty install (after `manage.py migrate`), or pass --force to "
            "replace everything in it."
        )
    # Content types and permissions go in first: signal handlers that run while the rest loads
    # would otherwise create content types of their own, with clashing ids.
    rows = _with_current_labels(json.loads(data))
    first = [row for row in rows if row["model"] in FIRST_MODELS]
    rest = [row for row in rows if row["model"] not in FIRST_MODELS]
    paths = []
    for part in (first, rest):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False, mode="w") as dump:
            json.dump(part, dump)
            paths.append(dump.name)
    try:
        with transaction.atomic():
            # Clear what migrate created (root page, welcome page, default site, locale, root
            # collection, default groups) so the backup's rows, with their own ids, fit exactly.
            # PostgreSQL refuses to TRUNCATE tables with deferred foreign-key checks still
            # pending in this transaction (an outer one, e.g. a caller's): run them first.
            if connection.vendor == "postgresql":
                connection.check_constraints()
            call_command("flush", interactive=False, verbosity=0)
            # flush re-created content types and permissions with ids of its own; the backup's
            # rows (which everything else points at) take their place.
            Permission.objects.all().delete()
            ContentType.objects.all().delete()
            ContentType.objects.clear_cache()
            for path_part in paths:
                call_command("loaddata", path_part, verbosity=0)
                ContentType.objects.clear_cache()
            # Models added since the backup was made still get their types and permissions.
            for app_config in apps.get_app_configs():
                create_contenttypes(app_config, verbosity=0)
                create_permissions(app_config, verbosity=0)
    finally:
        for path_part in paths:
            os.unlink(path_part)
    for name, content in media.items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
    _clear_search_index()
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    # Everything cached (pages, renditions, site root paths) describes the replaced database.
    cache.clear()
    log(
        f"Restored {sum(manifest['counts'].values())} rows and {len(media)} media files "
        f"from a backup made {manifest['created']}."
    )
    return manifest


def _clear_search_index():
    """flush empties the search index table but not SQLite's full-text table beside it (Django
    does not manage it), whose stale rows would clash with the rebuilt index."""
    try:
        fts_model = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
    except LookupError:
        return
    if fts_model._meta.db_table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM "{fts_model._meta.db_table}"')  # noqa: S608 - model table


def current_counts():
    return _row_counts()
