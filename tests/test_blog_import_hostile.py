"""Hostile or broken export files: one clear line, nothing imported, never a crash."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import ArticlePage
from blog_import.importer import import_wxr
from blog_import.models import ImportedPost
from blog_import.wxr import MAX_BYTES, WXRError

from .blog_import_support import export, post

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = export(
    [post("<lol>&lol9;</lol>")],
    prolog="""<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
""",
).replace(b"&lt;lol&gt;&amp;lol9;&lt;/lol&gt;", b"&lol9;")
EXTERNAL_ENTITY = export(
    [post("&secret;")], prolog='<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
).replace(b"&amp;secret;", b"&secret;")
EXTERNAL_DTD = export([post("x")], prolog='<!DOCTYPE rss SYSTEM "http://evil.example/x.dtd">\n')

HOSTILE = {
    "billion laughs": (BILLION_LAUGHS, "refused for safety"),
    "external entity": (EXTERNAL_ENTITY, "refused for safety"),
    "external dtd": (EXTERNAL_DTD, "refused for safety"),
    "malformed": (export([post("x")])[:-40], "not well-formed XML"),
    "not xml at all": (b"%PDF-1.4 binary stuff", "not well-formed XML"),
    "not wxr: html": (b"<html><body><p>My blog</p></body></html>", "not a WordPress"),
    "not wxr: a plain rss feed": (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        b"<item><title>Hi</title></item></channel></rss>",
        "an RSS feed, not a WordPress",
    ),
    "invalid utf-8": (export([post("Café")]).replace("é".encode(), b"\xe9"), "not valid UTF-8"),
    "empty": (b"   \n", "The file is empty"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_or_broken_file_is_one_clear_line_and_imports_nothing(site, case):
    data, message = HOSTILE[case]
    with pytest.raises(WXRError) as caught:
        import_wxr(data)

    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert not ArticlePage.objects.exists()
    assert not ImportedPost.objects.exists()


def test_the_sample_files_are_hostile_only_by_their_dtd(site):
    # Without their prologs the same exports import: the refusals above are about the DTD.
    assert import_wxr(export([post("x")]), dry_run=True).created


def test_a_file_over_50_megabytes_is_refused_before_it_is_parsed(site, tmp_path):
    filler = b"<!-- " + b"x" * (MAX_BYTES) + b" -->"
    data = export([post("Big")]).replace(b"<channel>", b"<channel>" + filler, 1)
    assert len(data) > MAX_BYTES
    with pytest.raises(WXRError, match="too big to import: 50.0 MB"):
        import_wxr(data)

    path = tmp_path / "big.xml"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="too big to import"):
        call_command("import_wxr", str(path))
    assert not ImportedPost.objects.exists()


@pytest.mark.parametrize("case", ["billion laughs", "malformed", "invalid utf-8"])
def test_the_command_says_what_is_wrong_in_one_line(site, tmp_path, case):
    path = tmp_path / "export.xml"
    path.write_bytes(HOSTILE[case][0])
    with pytest.raises(CommandError) as caught:
        call_command("import_wxr", str(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)
    assert not ImportedPost.objects.exists()


def test_the_command_reports_a_missing_file_or_media_folder(site, tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_wxr", str(tmp_path / "nope.xml"))
    path = tmp_path / "export.xml"
    path.write_bytes(export([post("x")]))
    with pytest.raises(CommandError, match="media folder .* does not exist"):
        call_command("import_wxr", str(path), "--media-dir", str(tmp_path / "uploads"))
