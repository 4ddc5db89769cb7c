"""What a post's content becomes: blocks, cleaned rich text, videos, images, and the report."""

import datetime
import io

import pytest
from PIL import Image as PILImage
from wagtail.images import get_image_model

from articles.models import ArticlePage
from blog_import import content, structure
from blog_import.importer import import_wxr

from .blog_import_support import export, post

YOUTUBE = "https://www.youtube.com/watch?v=AbCdEfGhIj1"
VIMEO = "https://vimeo.com/123456789"


def _blocks(html, modified=datetime.date(2021, 6, 1)):
    return structure.shape(content.convert(html).blocks, modified)


def _kinds(html):
    return [kind for kind, _value in _blocks(html)]


@pytest.mark.parametrize(
    "html",
    [
        '<iframe src="https://www.youtube.com/embed/AbCdEfGhIj1?feature=oembed"></iframe>',
        '<p><iframe src="//www.youtube-nocookie.com/embed/AbCdEfGhIj1"></iframe></p>',
        "[embed]https://www.youtube.com/watch?v=AbCdEfGhIj1[/embed]",
        "[embed width=640]https://youtu.be/AbCdEfGhIj1[/embed]",
        "[youtube https://www.youtube.com/watch?v=AbCdEfGhIj1&w=640&h=360]",
        "[youtube=https://www.youtube.com/watch?v=AbCdEfGhIj1]",
        "[youtube]https://youtu.be/AbCdEfGhIj1[/youtube]",
        "[youtube id=AbCdEfGhIj1]",
        '[video src="https://youtu.be/AbCdEfGhIj1"]',
        '<!-- wp:embed {"url":"https://youtu.be/AbCdEfGhIj1","type":"video"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://youtu.be/AbCdEfGhIj1\n</div></figure>\n<!-- /wp:embed -->",
        '<!-- wp:core-embed/youtube {"url":"https://www.youtube.com/watch?v=AbCdEfGhIj1"} -->\n'
        '<figure class="wp-block-embed-youtube"><div>https://www.youtube.com/watch?v=AbCdEfGhIj1'
        "</div></figure>\n<!-- /wp:core-embed/youtube -->",
        "Before.\n\nhttps://www.youtube.com/watch?v=AbCdEfGhIj1\n\nAfter.",
        '<p><a href="https://youtu.be/AbCdEfGhIj1">https://youtu.be/AbCdEfGhIj1</a></p>',
    ],
)
def test_youtube_in_every_form_wordpress_stores_it_becomes_a_video_block(html):
    videos = [value for kind, value in _blocks(html) if kind == "video"]
    assert [video["url"] for video in videos] == [YOUTUBE]


@pytest.mark.parametrize(
    "html",
    [
        '<iframe src="https://player.vimeo.com/video/123456789?title=0"></iframe>',
        "[vimeo 123456789]",
        "[vimeo https://vimeo.com/123456789]",
        "[embed]https://vimeo.com/123456789[/embed]",
        "https://vimeo.com/123456789",
    ],
)
def test_vimeo_too(html):
    assert [v["url"] for k, v in _blocks(html) if k == "video"] == [VIMEO]


def test_the_start_time_of_a_video_is_kept():
    blocks = _blocks("https://youtu.be/AbCdEfGhIj1?t=90")
    assert blocks[0][1]["url"] == f"{YOUTUBE}&t=90s"


def test_paragraphs_headings_quotes_and_lists():
    html = """First line
second line with <strong>bold</strong>, <em>italic</em> and <span style="color:red">colour</span>.

<h3 id="x" class="big">A heading</h3>
<ul><li>One</li><li>Two <a href="https://example.com/" onclick="evil()">link</a></li></ul>
<blockquote class="wp-block-quote"><p>It worked.</p><cite>A client</cite></blockquote>
<ol><li>Step</li></ol>"""
    assert _blocks(html) == [
        (
            "paragraph",
            "<p>First line<br/>second line with <b>bold</b>, <i>italic</i> and colour.</p>",
        ),
        ("heading", {"text": "A heading"}),
        ("paragraph", '<ul><li>One</li><li>Two <a href="https://example.com/">link</a></li></ul>'),
        ("quote", {"quote": "It worked.", "attribution": "A client"}),
        ("paragraph", "<ol><li>Step</li></ol>"),
    ]


def test_scripts_styles_forms_and_other_shortcodes_are_dropped_and_counted():
    html = """<p>Keep me.</p>
<script>alert(1)</script><style>p{color:red}</style>
<form action="/x"><input name="email"><button>Go</button></form>
[gallery ids="1,2,3"] [contact-form-7 id="12" title="Contact"]
[su_note]Her words stay.[/su_note] A footnote [sic] stays too.
<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>
<p><a href="javascript:alert(1)">click</a></p>"""
    converted = content.convert(html)
    text = " ".join(value for kind, value in converted.blocks if kind == "paragraph")
    assert "Keep me." in text and "Her words stay." in text and "[sic]" in text
    assert "alert" not in text and "javascript" not in text and "color" not in text
    assert "<a" not in text.split("click")[0][-20:]
    assert converted.dropped == {
        "script": 1,
        "style": 1,
        "form": 1,
        "[gallery] shortcode": 1,
        "[contact-form-7] shortcode": 1,
        "[su_note] shortcode": 1,
        "iframe from google.com": 1,
    }


@pytest.mark.parametrize(
    "opener, date, heading",
    [
        (
            "<p><strong>***Updated stuff I added***</strong></p>",
            "2021-06-01",
            "Updated stuff I added",
        ),
        ("<h2>Update March 3, 2021: one more video</h2>", "2021-03-03", "Update: one more video"),
        ("<p>UPDATE 3/14/25</p>", "2025-03-14", "UPDATE"),
        ("<p>Updated (2020-12-24)</p>", "2020-12-24", "Updated"),
        ("<h3>Update, 5th January 2022</h3>", "2022-01-05", "Update"),
    ],
)
def test_an_update_opens_a_dated_update_block(opener, date, heading):
    blocks = _blocks(f"<p>Intro.</p>{opener}<p>New part.</p>{YOUTUBE}<h2>Later</h2><p>Rest.</p>")
    assert [kind for kind, _ in blocks] == ["paragraph", "update", "heading", "paragraph"]
    update = blocks[1][1]
    assert update["date"] == datetime.date.fromisoformat(date)
    assert update["heading"] == heading
    assert [kind for kind, _ in update["body"]] == ["paragraph", "video"]


def test_a_long_update_paragraph_is_kept_inside_the_update():
    long = "Update: " + "I tried this again for a month and it keeps helping. " * 4
    blocks = _blocks(f"<p>{long}</p>")
    assert blocks[0][0] == "update" and blocks[0][1]["heading"] == "Update"
    assert plain_text(blocks[0][1]["body"][0][1]).startswith("Update: I tried")


def plain_text(html):
    return content.plain(html)


def test_words_that_merely_start_alike_are_not_updates():
    assert _kinds("<p>Updates to my hours are on the home page.</p>") == ["paragraph"]


def test_images_come_from_the_media_folder_or_a_report_line(site, tmp_path):
    uploads = tmp_path / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    picture = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(picture, "JPEG")
    (uploads / "neck.jpg").write_bytes(picture.getvalue())
    (tmp_path / "secret.png").write_bytes(picture.getvalue())
    html = (
        "<p>Look:</p>"
        '[caption id="a1" width="300"]<img src="https://harvestmoonmassage.example/wp-content/'
        'uploads/2020/05/neck-300x200.jpg" alt="A stretched neck"> Slowly does it[/caption]'
        '<img src="https://harvestmoonmassage.example/wp-content/uploads/2020/05/gone.jpg" alt="x">'
        '<img src="https://harvestmoonmassage.example/wp-content/uploads/../../secret.png" alt="y">'
    )
    data = export([post("Pictures", html), post("Again", html, post_id=2, slug="again")])

    report = import_wxr(data, media_dir=tmp_path / "uploads")

    body = ArticlePage.objects.get(slug="pictures").body
    images = [block.value for block in body if block.block_type == "image"]
    assert len(images) == 1
    assert images[0]["alt_text"] == "A stretched neck"
    assert images[0]["caption"] == "Slowly does it"
    assert get_image_model().objects.count() == 1  # the second post reuses the same file
    assert report.images_imported == 1
    dropped = report.dropped["Pictures"]
    assert dropped["image gone.jpg (not found in the media folder)"] == 1
    assert dropped["image secret.png (not found in the media folder)"] == 1


def test_without_a_media_folder_images_are_listed_never_downloaded(site):
    html = '<p>Hi.</p><img src="https://harvestmoonmassage.example/wp-content/uploads/a.jpg">'
    report = import_wxr(export([post("Pics", html)]))
    assert report.dropped["Pics"] == {"image a.jpg (not imported: no media folder was given)": 1}
    assert "Pics: image a.jpg (not imported: no media folder was given)" in "\n".join(
        report.lines()
    )


def test_what_was_dropped_is_reported_per_post(site):
    data = export(
        [
            post("Clean", "<p>Fine.</p>", post_id=1),
            post("Busy", "<p>Hi.</p><script>x()</script>[gallery]", post_id=2),
        ]
    )
    lines = import_wxr(data).lines()
    assert "  Busy: [gallery] shortcode; script" in lines
    assert not any(line.strip().startswith("Clean:") for line in lines)


def test_a_heading_too_long_for_a_heading_block_is_kept_whole():
    long = "Why " + "the upper back matters so much " * 5
    assert _blocks(f"<h2>{long}</h2>") == [("paragraph", f"<p><b>{long.strip()}</b></p>")]
