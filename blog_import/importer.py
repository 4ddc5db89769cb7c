"""Bring the posts of a WXR export across as articles, with redirects, in one transaction.

``import_wxr(data, ...)`` is what the command and the admin view both call. Posts become draft
ArticlePages under the article index (published with ``publish=True``); each remembers its
WordPress GUID (ImportedPost), so importing the same file again changes nothing. A dry run does
all the work inside the transaction, then rolls it back, so its report is the real one.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticleIndexPage, ArticlePage
from core.models import Practitioner

from . import content, structure
from .indexing import index_at_the_end, write_index_entries
from .media import MediaLibrary
from .models import ImportedPost
from .report import ALREADY_IMPORTED, CreatedArticle, ImportReport
from .resolve import AreaMatcher, resolve_body
from .wxr import WXRError, parse_wxr

SUMMARY_MAX = 300
SKIP_REASONS = {
    "page": "pages (only blog posts become articles)",
    "attachment": "attachments (images are taken from the media folder instead)",
    "nav_menu_item": "menu items",
    "revision": "old revisions",
}
STATUS_REASONS = {
    "draft": "unpublished drafts",
    "pending": "unpublished drafts",
    "auto-draft": "unpublished drafts",
    "future": "scheduled posts not yet published",
    "private": "private posts",
    "trash": "posts in the trash",
    "inherit": "old revisions",
}


class BlogImportError(WXRError):
    """Something outside the file stops the import (no article index, a clash)."""


@dataclass
class _Planned:
    item: object
    key: str
    slug: str
    title: str
    blocks: list
    dropped: Counter
    page: ArticlePage | None = None
    links_pending: bool = False
    hints: Counter | None = None


def import_wxr(data, *, media_dir=None, publish=False, dry_run=False, user=None):
    """Import an export's bytes. Returns an ImportReport; raises WXRError (with a one-line
    message) when the file or the site cannot take it, having saved nothing."""
    export = parse_wxr(data)
    index = ArticleIndexPage.objects.first()
    if index is None:
        raise BlogImportError(
            "There is no Articles page to put the posts under yet: create it first."
        )
    media = MediaLibrary(media_dir, dry_run=dry_run)
    try:
        with transaction.atomic():
            with index_at_the_end(ArticlePage) as noted:
                report = _Import(export, index, media, publish, dry_run, user).run()
            if dry_run:
                transaction.set_rollback(True)
            else:
                write_index_entries(ArticlePage, noted)
    except IntegrityError:
        media.discard()
        raise BlogImportError(
            "Another import or edit changed the same articles at the same moment; nothing was "
            "saved. Please try again."
        ) from None
    except BaseException:
        media.discard()
        raise
    return report


def _path(url):
    return Redirect.normalise_path(url) if url else ""


def _summary(item, blocks):
    text = content.plain(item.excerpt) or structure.first_sentence(blocks) or item.title
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


class _Import:
    def __init__(self, export, index, media, publish, dry_run, user):
        self.export = export
        self.index = index
        self.media = media
        self.publish = publish
        self.user = user
        self.report = ImportReport(dry_run=dry_run, publish=publish)
        self.areas = AreaMatcher()
        self.practitioners = {}
        self.hosts = set()
        self.by_path, self.by_post_id, self.by_guid = {}, {}, {}

    def run(self):
        posts = self.choose_posts()
        self.learn_link_targets(posts)
        taken = set(ArticlePage.objects.child_of(self.index).values_list("slug", flat=True))
        planned = [self.plan(item, key, taken) for item, key in posts]
        # Oldest first: posts mostly link to older ones, which then exist already, so most
        # articles are saved once, with their links in place.
        latest = timezone.now() + timezone.timedelta(days=1)
        order = sorted(range(len(planned)), key=lambda n: (planned[n].item.published or latest, n))
        pages = {}
        for number in order:
            self.create(planned[number], pages)
            pages[f"new:{number}"] = planned[number].page
        self.index_url = self.index.get_url()
        old_paths = [_path(planned[number].item.link) for number in order]
        self.redirected = {
            redirect.old_path: redirect.redirect_page_id
            for redirect in Redirect.objects.filter(site=None, old_path__in=old_paths)
        }
        self.new_redirects, self.new_imports = [], []
        for number in order:
            self.finish(planned[number], pages)
        Redirect.objects.bulk_create(self.new_redirects, batch_size=500)
        ImportedPost.objects.bulk_create(self.new_imports, batch_size=500)
        for plan in (planned[number] for number in order):
            for what, count in plan.dropped.items():
                self.report.dropped.setdefault(plan.title, Counter())[what] += count
        self.report.images_imported = self.media.imported
        self.report.images_reused = self.media.reused
        return self.report

    # --- which items ---------------------------------------------------------------------

    def choose_posts(self):
        skipped = self.report.skipped
        candidates = []
        for item in self.export.items:
            if item.comment_count:
                skipped["comments (not brought across)"] += item.comment_count
            if item.post_type != "post":
                reason = SKIP_REASONS.get(item.post_type, f"other items ({item.post_type or '?'})")
                skipped[reason] += 1
            elif item.status != "publish":
                skipped[STATUS_REASONS.get(item.status, f"posts with status {item.status}")] += 1
            elif item.password:
                skipped["password-protected posts"] += 1
            else:
                candidates.append(item)
        known = {
            imported.guid: imported
            for imported in ImportedPost.objects.filter(guid__in=[i.key for i in candidates])
        }
        posts, seen = [], set()
        for item in candidates:
            imported = known.get(item.key)
            if item.key in seen:
                skipped["posts listed twice in the file"] += 1
            elif imported is None:
                posts.append((item, item.key))
            elif imported.page_id is None:
                skipped["posts imported before whose article you deleted"] += 1
            else:
                skipped[ALREADY_IMPORTED] += 1
                self.remember_target(item, f"page:{imported.page_id}")
            seen.add(item.key)
        return posts

    def learn_link_targets(self, posts):
        for imported in ImportedPost.objects.exclude(page=None):
            if imported.old_path:
                self.by_path.setdefault(imported.old_path, f"page:{imported.page_id}")
            self.by_guid.setdefault(imported.guid, f"page:{imported.page_id}")
        for index, (item, _key) in enumerate(posts):
            self.remember_target(item, f"new:{index}")
        for url in [self.export.base_url, *(i.link for i in self.export.items)]:
            host = (urlsplit(url or "").hostname or "").lower()
            if host:
                self.hosts.update({host, host.removeprefix("www."), "www." + host})

    def remember_target(self, item, key):
        for url in (item.link, item.guid):
            parts = urlsplit(url or "")
            # Squarespace writes links as paths ("/blog/neck-pain"), WordPress as full URLs.
            absolute = parts.scheme in ("http", "https") or (url or "").startswith("/")
            if absolute and parts.path.strip("/"):
                self.by_path[_path(url)] = key
        if item.post_id:
            self.by_post_id[item.post_id] = key
        if item.guid:
            self.by_guid[item.guid] = key

    def link_target(self, href):
        """The key of the imported post a link points at, or None."""
        if href in self.by_guid:
            return self.by_guid[href]
        try:
            parts = urlsplit(href)
        except ValueError:
            return None
        if parts.hostname and parts.hostname.lower() not in self.hosts:
            return None
        if parts.scheme not in ("", "http", "https"):
            return None
        query = parse_qs(parts.query)
        post_id = (query.get("p") or query.get("page_id") or [""])[0]
        if post_id and post_id in self.by_post_id:
            return self.by_post_id[post_id]
        if not parts.path.strip("/"):
            return None
        return self.by_path.get(_path(parts._replace(query="", fragment="").geturl()))

    # --- building the articles -----------------------------------------------------------

    def plan(self, item, key, taken):
        title = " ".join(item.title.split())[:255] or "Untitled post"
        converted = content.convert(item.content, self.link_target)
        fallback = (item.modified or item.published or timezone.now()).date()
        blocks = structure.shape(converted.blocks, fallback)
        base = slugify(item.slug or title, allow_unicode=True)[:200].strip("-") or "article"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        plan = _Planned(item, key, slug, title, blocks, converted.dropped)
        return plan

    def practitioner(self, item):
        name = " ".join(self.export.authors.get(item.creator, item.creator).split())[:120]
        if not name:
            return None
        if name.lower() not in self.practitioners:
            found = Practitioner.objects.filter(name__iexact=name).first()
            if found is None:
                found = Practitioner.objects.create(name=name)
                self.report.new_practitioners.append(name)
            self.practitioners[name.lower()] = found
        return self.practitioners[name.lower()]

    def create(self, plan, pages):
        item = plan.item
        pending, plan.hints = [], Counter()
        page = ArticlePage(
            title=plan.title,
            slug=plan.slug,
            summary=_summary(item, plan.blocks),
            author=self.practitioner(item),
            body=resolve_body(
                plan.blocks, pages, self.media, plan.dropped, plan.title, pending, plan.hints
            ),
            live=False,
            first_published_at=item.published,
            locale_id=self.index.locale_id,
            owner=self.user,
        )
        areas = []
        for category in item.categories:
            area = self.areas.match(category)
            if area is None:
                self.report.unmatched_terms[category.name] += 1
            elif area not in areas:
                areas.append(area)
        page.body_areas = areas
        # Saving a new page logs "wagtail.create" in its history, as its owner.
        self.index.add_child(instance=page)
        plan.page, plan.links_pending = page, bool(pending)

    def finish(self, plan, pages):
        """Links to newer posts, now that every article exists; the revision; the redirect."""
        page, item = plan.page, plan.item
        if plan.links_pending:
            page.body = resolve_body(plan.blocks, pages, self.media, Counter(), plan.title)
            page.save(update_fields=["body", "last_updated"])
        revision = page.save_revision(user=self.user, clean=False)
        if self.publish:
            revision.publish(user=self.user, skip_permission_checks=True)
        page_url = f"{self.index_url}{page.slug}/" if self.index_url else page.url_path
        old_path = self.redirect(item, page, page_url)
        self.new_imports.append(ImportedPost(guid=plan.key, page=page, old_path=old_path))
        notes = [
            f"{what[0].upper()}{what[1:]}" + (f" ({count} of them)." if count > 1 else ".")
            for what, count in plan.hints.items()
        ]
        if item.slug and slugify(item.slug, allow_unicode=True) != plan.slug:
            notes.append(
                f"Its old web address ending '{item.slug}' was taken, so it ends '{plan.slug}'."
            )
        page_id = None if self.report.dry_run else page.pk
        self.report.created.append(CreatedArticle(plan.title, page_url, old_path, notes, page_id))

    def redirect(self, item, page, page_url):
        old_path = _path(item.link)
        if not old_path or old_path == "/" or old_path == _path(page_url):
            return ""
        if len(old_path) > Redirect._meta.get_field("old_path").max_length:
            self.report.notes.append(f"The old address of “{item.title}” is too long to redirect.")
            return ""
        if old_path in self.redirected:
            if self.redirected[old_path] != page.pk:
                self.report.notes.append(
                    f"The old address {old_path} already redirects somewhere else; left as it is."
                )
            return ""
        self.redirected[old_path] = page.pk
        self.new_redirects.append(
            Redirect(old_path=old_path, site=None, redirect_page=page, is_permanent=True)
        )
        self.report.redirects += 1
        return old_path
