"""How long importing an old blog takes: an export of 1,000 posts. Target: under 60 s.

    .venv/bin/python benchmarks/import_wxr.py [--posts 1000] [--publish] [--profile]

Builds a throwaway database (a SQLite file in /tmp, or, when DATABASE_URL points at PostgreSQL,
a throwaway ``test_...`` database next to it) with the clinic's page tree, writes a WXR export of
``--posts`` posts shaped like hers (paragraphs, headings, videos in the forms WordPress stores
them, an update, links to earlier posts, a safety note and fine print, categories and tags,
comments, plus pages and attachments to skip), then times ``import_wxr`` on it, then a second
run of the same file (which must change nothing), and prints both with the machine's load
average before and after, since a busy machine slows the wall times. The database is dropped
afterwards.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")

from throwaway_db import configure_database  # noqa: E402 (after sys.path)

BLOG = "https://harvestmoonmassage.example"
AREAS = ["Neck", "Upper back", "Shoulders", "Lower back", "Hips", "Jaw"]
VIDEO_FORMS = [
    '<iframe src="https://www.youtube.com/embed/{id}" title="YouTube video player"></iframe>',
    "[embed]https://youtu.be/{id}[/embed]",
    "[youtube https://www.youtube.com/watch?v={id}]",
    '<!-- wp:embed {{"url":"https://www.youtube.com/watch?v={id}","type":"video"}} -->\n'
    '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
    "https://www.youtube.com/watch?v={id}\n</div></figure>\n<!-- /wp:embed -->",
    "https://vimeo.com/{number}",
]


def _link(n):
    return f"{BLOG}/20{10 + n % 15:02d}/{1 + n % 12:02d}/{1 + n % 28:02d}/post-number-{n}/"


def _content(n):
    video = VIDEO_FORMS[n % len(VIDEO_FORMS)]
    parts = [
        f"Post {n} starts with a week full of sore backs at the studio. Everyone asked what to "
        "do at home between appointments, so here are the videos I keep coming back to.",
        "A stuck upper back makes the neck work overtime. These two moves get it going again, "
        "and I reach for them myself when that spot between the shoulder blades acts up.",
        "<h2>Free Your Neck</h2>",
        "I have used this one for years. It loosens the upper back.",
        video.format(id=f"{n % 100_000:011d}"[-11:].replace("0", "A"), number=100_000 + n),
        "<h2>Magic Neck Stretch</h2>",
        "<ul><li>Sit tall.</li><li>Turn <strong>slowly</strong>.</li><li>Breathe.</li></ul>",
        "<strong>***Updated March 14, 2021***</strong>",
        "I almost forgot this one. <em>Do it every day.</em>",
        '[gallery ids="1,2"]<script>track()</script>',
    ]
    if n:
        parts.append(
            f'Next, read about <a href="{_link(n - 1)}">the post before this one</a> and '
            f'<a href="{BLOG}/?p={max(1, n // 2)}">an older favourite</a>.'
        )
    parts += [
        "As always, be gentle with yourself. If anything feels wrong, stop.",
        "<em>***Fine print: I'm not a doctor; this is not medical advice.***</em>",
    ]
    return "\n\n".join(parts)


def _item(n, post_type="post", status="publish"):
    area = AREAS[n % len(AREAS)]
    return f"""<item><title>Post number {n}</title><link>{_link(n)}</link>
<dc:creator><![CDATA[sharon]]></dc:creator><guid isPermaLink="false">{BLOG}/?p={n}</guid>
<content:encoded><![CDATA[{_content(n)}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt>2015-01-01 10:00:00</wp:post_date_gmt>
<wp:post_modified_gmt>2021-03-20 10:00:00</wp:post_modified_gmt>
<wp:post_name>post-number-{n}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>{post_type}</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="x"><![CDATA[{area}]]></category>
<category domain="post_tag" nicename="y"><![CDATA[stretches]]></category>
<wp:comment><wp:comment_id>1</wp:comment_id></wp:comment></item>"""


def build_export(posts):
    items = [_item(n) for n in range(posts)]
    items += [_item(posts + n, "page") for n in range(posts // 50)]
    items += [_item(2 * posts + n, "attachment", "inherit") for n in range(posts // 10)]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">'
        f"<channel><title>Harvest Moon</title><link>{BLOG}</link>"
        "<wp:wxr_version>1.2</wp:wxr_version><wp:author><wp:author_login>sharon</wp:author_login>"
        "<wp:author_display_name>Sharon Bryant</wp:author_display_name></wp:author>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def build_site():
    from wagtail.models import Page, Site

    from articles.models import ArticleIndexPage
    from core.models import BodyArea
    from home.models import HomePage

    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    for i, name in enumerate(AREAS):
        BodyArea.objects.create(name=name, slug=name.lower().replace(" ", "-"), sort_order=i)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--publish", action="store_true", help="publish instead of drafts")
    parser.add_argument("--profile", action="store_true", help="print the top 25 functions")
    args = parser.parse_args()

    connection, old_name = configure_database("import_wxr")
    try:
        from articles.models import ArticlePage
        from blog_import.importer import import_wxr

        build_site()
        data = build_export(args.posts)
        print(f"Export: {args.posts} posts, {len(data) / 1024 / 1024:.1f} MB")
        load_before = os.getloadavg()
        profiler = cProfile.Profile() if args.profile else None
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        report = import_wxr(data, publish=args.publish)
        if profiler:
            profiler.disable()
        first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        again = import_wxr(data, publish=args.publish)
        second = time.perf_counter() - started
        load_after = os.getloadavg()

        assert len(report.created) == args.posts == ArticlePage.objects.count()
        assert again.changed_nothing
        kind = "published" if args.publish else "draft"
        print(f"{connection.vendor}: {len(report.created)} {kind} articles")
        print(
            f"  first import:  {first:.1f} s wall, {first_cpu:.1f} s CPU "
            f"({first / args.posts * 1000:.0f} ms per post)"
        )
        print(f"  second import: {second:.1f} s (changed nothing)")
        print(f"  target: under 60 s -> {'OK' if first < 60 else 'TOO SLOW'}")
        print(
            "  load average before: {:.2f} {:.2f} {:.2f}; after: {:.2f} {:.2f} {:.2f}".format(
                *load_before, *load_after
            )
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
