"""Importing her old blog: posts become articles shaped like the site's own, with redirects."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from articles.models import ArticlePage
from blog_import.importer import import_wxr
from blog_import.models import ImportedPost
from core.models import Practitioner
from home.demo.article_data import upper_back_and_neck

from .blog_import_support import (
    BLOG,
    HEAD_FORWARD_LINK,
    SEED_LINK,
    STRENGTHEN_LINK,
    export,
    post,
    seed_export,
)
from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# An exercise card in the demo is a video from her library; an import has only the video.
SAME_SHAPE = {"exercise": "video"}


def _shape(blocks):
    shape = []
    for block in blocks:
        kind = block[0] if isinstance(block, tuple) else block.block_type
        value = block[1] if isinstance(block, tuple) else block.value
        kind = SAME_SHAPE.get(kind, kind)
        if kind == "update":
            shape.append(("update", tuple(_shape(value["body"]))))
        elif kind == "callout":
            shape.append(("callout", value["kind"]))
        else:
            shape.append(kind)
    return shape


def _seed_article():
    return ArticlePage.objects.get(slug="help-for-upper-back-and-neck-pain")


def test_the_seed_post_imports_into_the_shape_of_the_demo_seed_article(site):
    report = import_wxr(seed_export())

    assert [a.title for a in report.created] == [
        "Head Forward Posture",
        "Strengthen Your Upper Back",
        "Help for Upper Back and Neck Pain",
    ]
    seed = report.created[2]
    assert seed.notes == [
        "A video with no name of its own is named after the article: give it a better one."
    ]
    page = _seed_article()
    demo = upper_back_and_neck(lambda slug: None, lambda slug: None, datetime.datetime(2020, 5, 12))
    assert _shape(page.body) == _shape(demo)


def test_the_seed_post_keeps_her_videos_update_links_and_notes(site):
    import_wxr(seed_export())
    page = _seed_article()
    blocks = list(page.body)
    videos = [b.value for b in blocks if b.block_type == "video"]
    update = next(b.value for b in blocks if b.block_type == "update")
    videos += [b.value for b in update["body"] if b.block_type == "video"]
    # An <iframe>, an [embed] shortcode, a Gutenberg embed block and a bare Vimeo address.
    assert [v["url"] for v in videos] == [
        "https://www.youtube.com/watch?v=AbCdEfGhIj1",
        "https://www.youtube.com/watch?v=AbCdEfGhIj2",
        "https://www.youtube.com/watch?v=AbCdEfGhIj3",
        "https://vimeo.com/123456789",
    ]
    # Named after the heading above them, or their caption.
    assert [v["title"] for v in videos[:3]] == [
        "Free Your Neck",
        "Magic Neck Stretch",
        "Baby Rolling, Who Knew?",
    ]
    # No date in "Updated stuff I added": the post's last-modified date.
    assert update["date"] == datetime.date(2020, 5, 21)
    assert update["heading"] == "Updated stuff I added"
    assert page.last_updated is None or page.last_updated == datetime.date(2020, 5, 21)

    callouts = {b.value["kind"]: b.value for b in blocks if b.block_type == "callout"}
    head_forward = ArticlePage.objects.get(slug="head-forward-posture")
    strengthen = ArticlePage.objects.get(slug="strengthen-your-upper-back")
    read_next = callouts["read_next"]
    assert [p.pk for p in read_next["articles"]] == [head_forward.pk, strengthen.pk]
    source = read_next["text"].source
    assert f'<a linktype="page" id="{head_forward.pk}">head forward posture</a>' in source
    assert f'<a linktype="page" id="{strengthen.pk}">' in source
    assert "harvestmoonmassage.example" not in source
    assert "be gentle with yourself" in callouts["safety"]["text"].source
    fine_print = callouts["fine_print"]["text"].source
    assert "I'm not a doctor" in fine_print and "***" not in fine_print
    assert "give me a call" in callouts["call_to_action"]["text"].source


def test_articles_are_drafts_with_her_dates_author_summary_and_body_areas(site):
    report = import_wxr(seed_export())
    page = _seed_article()

    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().specific == site.articles
    assert page.first_published_at == datetime.datetime(2020, 5, 12, 14, 30, tzinfo=datetime.UTC)
    assert page.author == site.practitioner  # matched by display name, not created again
    assert Practitioner.objects.count() == 1
    assert page.summary.startswith("This week has been jam packed with back pain")
    assert page.summary.endswith("between appointments.")
    assert set(page.body_areas.values_list("slug", flat=True)) == {"neck", "upper-back"}
    assert report.unmatched_terms == {"Self-care": 1, "stretches": 1}
    assert page.latest_revision is not None
    text = "\n".join(report.lines())
    assert "Self-care (1 post)" in text


def test_publish_makes_them_live_and_the_old_address_answers_301(site, client):
    import_wxr(seed_export(), publish=True)
    page = _seed_article()
    assert page.live

    response = client.get("/2020/05/12/help-for-upper-back-and-neck-pain/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/help-for-upper-back-and-neck-pain/")
    assert client.get(response["Location"]).status_code == 200
    redirect = Redirect.objects.get(redirect_page=page)
    assert redirect.is_permanent and redirect.old_path == Redirect.normalise_path(SEED_LINK)


def test_a_second_import_changes_nothing_and_says_so(site):
    first = import_wxr(seed_export())
    counts = (
        ArticlePage.objects.count(),
        Revision.objects.count(),
        Redirect.objects.count(),
        ImportedPost.objects.count(),
        Practitioner.objects.count(),
    )
    page = _seed_article()

    second = import_wxr(seed_export())

    assert len(first.created) == 3 and second.created == []
    assert second.skipped["posts imported before (left as they are)"] == 3
    assert second.headline.startswith("Nothing to import: all 3 posts")
    assert counts == (
        ArticlePage.objects.count(),
        Revision.objects.count(),
        Redirect.objects.count(),
        ImportedPost.objects.count(),
        Practitioner.objects.count(),
    )
    assert _seed_article().latest_revision_id == page.latest_revision_id


def test_a_dry_run_writes_nothing_and_prints_the_same_report(site):
    before = (ArticlePage.objects.count(), Redirect.objects.count(), Practitioner.objects.count())
    data = export([post("One", post_id=1, creator="guest")], authors=[("guest", "Jo Guest")])

    dry = import_wxr(data, dry_run=True)

    assert before == (
        ArticlePage.objects.count(),
        Redirect.objects.count(),
        Practitioner.objects.count(),
    )
    assert not ImportedPost.objects.exists()
    real = import_wxr(data)
    assert dry.lines()[0].startswith("Dry run: nothing was saved")
    assert dry.lines()[1] == real.lines()[0].replace("Created", "Would create")
    assert dry.lines()[2:] == real.lines()[1:]
    assert dry.new_practitioners == ["Jo Guest"] == real.new_practitioners


def test_the_command_imports_and_prints_the_report(site, tmp_path, capsys):
    path = tmp_path / "export.xml"
    path.write_bytes(seed_export())

    call_command("import_wxr", str(path), "--dry-run")
    assert "Would create 3 draft articles" in capsys.readouterr().out
    assert not ArticlePage.objects.filter(slug="head-forward-posture").exists()

    call_command("import_wxr", str(path), "--publish")
    out = capsys.readouterr().out
    assert "Created 3 published articles under Articles." in out
    assert "Head Forward Posture → /articles/head-forward-posture/" in out
    assert "/2020/03/02/head-forward-posture redirects here" in out

    call_command("import_wxr", str(path))
    assert "Nothing to import: all 3 posts" in capsys.readouterr().out


def test_everything_but_published_posts_is_skipped_and_counted(site):
    data = export(
        [
            post("Welcome", post_id=1, comments=2),
            post("About me", post_id=2, post_type="page"),
            post("photo.jpg", post_id=3, post_type="attachment", status="inherit"),
            post("Half written", post_id=4, status="draft"),
            post("Just for me", post_id=5, status="private"),
            post("Thrown away", post_id=6, status="trash"),
            post("Home", post_id=7, post_type="nav_menu_item"),
            post("Members only", post_id=8, password="secret"),
        ]
    )
    report = import_wxr(data)

    assert [a.title for a in report.created] == ["Welcome"]
    assert report.skipped == {
        "comments (not brought across)": 2,
        "pages (only blog posts become articles)": 1,
        "attachments (images are taken from the media folder instead)": 1,
        "unpublished drafts": 1,
        "private posts": 1,
        "posts in the trash": 1,
        "menu items": 1,
        "password-protected posts": 1,
    }
    assert "Skipped (9):" in report.lines()


def test_a_taken_web_address_gets_a_number_and_the_report_says_so(site):
    ArticlePageFactory(parent=site.articles, slug="neck-pain", title="Neck pain (mine)")
    report = import_wxr(export([post("Neck pain", slug="neck-pain")]))

    assert ArticlePage.objects.filter(slug="neck-pain-2").exists()
    assert "ends 'neck-pain-2'" in "\n".join(report.lines())


def test_an_unknown_author_becomes_a_practitioner_and_the_excerpt_the_summary(site):
    data = export(
        [post("Guest post", creator="jo", excerpt="<p>Jo on <b>hips</b>.</p>")],
        authors=[("jo", "Jo Guest")],
    )
    report = import_wxr(data)
    page = ArticlePage.objects.get(slug="guest-post")

    assert page.author.name == "Jo Guest"
    assert page.summary == "Jo on hips."
    assert report.new_practitioners == ["Jo Guest"]


def test_categories_match_body_areas_through_search_synonyms(site):
    from search.models import Synonym

    Synonym.objects.create(term="crick", alternatives="stiff neck, neck")
    import_wxr(export([post("A crick", categories=["Crick", "Shoulders"])]))
    page = ArticlePage.objects.get(slug="a-crick")

    assert set(page.body_areas.values_list("slug", flat=True)) == {"neck", "shoulders"}


def test_links_to_posts_of_an_earlier_import_become_page_links(site):
    import_wxr(export([post("Head Forward Posture", post_id=10, date="2020-03-02 10:00:00")]))
    earlier = ArticlePage.objects.get(slug="head-forward-posture")
    content = (
        f'<p>See <a href="{HEAD_FORWARD_LINK}">posture</a> and <a href="{BLOG}/?p=10">this</a>.</p>'
    )
    import_wxr(export([post("Later", content, post_id=20)]))

    source = ArticlePage.objects.get(slug="later").body[0].value.source
    assert source.count(f'<a linktype="page" id="{earlier.pk}">') == 2
    assert STRENGTHEN_LINK not in source


def test_a_failure_half_way_saves_nothing(site, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Every article exists by the time the redirects are written.
    monkeypatch.setattr(Redirect.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_wxr(seed_export())
    assert not ArticlePage.objects.filter(slug="head-forward-posture").exists()
    assert not Redirect.objects.exists()


def test_an_old_address_too_long_to_redirect_is_reported_not_a_crash(site):
    link = f"{BLOG}/{'very-long-' * 30}/"
    report = import_wxr(export([post("Long address", link=link)]))

    assert len(report.created) == 1 and not Redirect.objects.exists()
    assert "  The old address of “Long address” is too long to redirect." in report.lines()


def test_a_squarespace_export_with_path_links(site, client):
    data = export(
        [
            post("Neck basics", post_id=1, link="/blog/neck-basics", creator="Sharon Bryant"),
            post(
                "More neck",
                '<p>Start with <a href="/blog/neck-basics">the basics</a>.</p>',
                post_id=2,
                link="/blog/more-neck",
                creator="Sharon Bryant",
            ),
        ],
        authors=(),
    )
    import_wxr(data, publish=True)
    basics = ArticlePage.objects.get(slug="neck-basics")

    assert ArticlePage.objects.get(slug="more-neck").author == site.practitioner
    source = ArticlePage.objects.get(slug="more-neck").body[0].value.source
    assert f'<a linktype="page" id="{basics.pk}">the basics</a>' in source
    response = client.get("/blog/neck-basics")
    assert response.status_code == 301 and response["Location"].endswith("/articles/neck-basics/")
