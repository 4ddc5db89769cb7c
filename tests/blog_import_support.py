"""WXR exports written by the tests themselves: a builder, and the seed-shaped post.

``export([post(...), ...])`` returns the bytes of a WordPress 1.2 export with those items.
"""

from xml.sax.saxutils import escape

BLOG = "https://harvestmoonmassage.example"


def _cdata(text):
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def post(
    title,
    content="<p>A gentle paragraph.</p>",
    *,
    slug=None,
    post_id=1,
    post_type="post",
    status="publish",
    date="2020-05-12 14:30:00",
    modified="2020-05-21 09:00:00",
    creator="sharon",
    excerpt="",
    categories=(),
    tags=(),
    comments=0,
    link=None,
    guid=None,
    password="",
):
    slug = slug if slug is not None else title.lower().replace(" ", "-").replace("?", "")
    link = link if link is not None else f"{BLOG}/{date[:4]}/{date[5:7]}/{date[8:10]}/{slug}/"
    guid = guid if guid is not None else f"{BLOG}/?p={post_id}"
    terms = "".join(
        f'<category domain="category" nicename="{escape(name.lower())}">{_cdata(name)}</category>'
        for name in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{escape(name.lower())}">{_cdata(name)}</category>'
        for name in tags
    )
    comment_xml = "".join(
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_content>{_cdata('Thanks!')}"
        "</wp:comment_content></wp:comment>"
        for n in range(comments)
    )
    return f"""
    <item>
        <title>{escape(title)}</title>
        <link>{escape(link)}</link>
        <pubDate>Tue, 12 May 2020 14:30:00 +0000</pubDate>
        <dc:creator>{_cdata(creator)}</dc:creator>
        <guid isPermaLink="false">{escape(guid)}</guid>
        <description></description>
        <content:encoded>{_cdata(content)}</content:encoded>
        <excerpt:encoded>{_cdata(excerpt)}</excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date>{_cdata(date)}</wp:post_date>
        <wp:post_date_gmt>{_cdata(date)}</wp:post_date_gmt>
        <wp:post_modified>{_cdata(modified)}</wp:post_modified>
        <wp:post_modified_gmt>{_cdata(modified)}</wp:post_modified_gmt>
        <wp:comment_status>{_cdata("open")}</wp:comment_status>
        <wp:post_name>{_cdata(slug)}</wp:post_name>
        <wp:status>{_cdata(status)}</wp:status>
        <wp:post_parent>0</wp:post_parent>
        <wp:post_type>{_cdata(post_type)}</wp:post_type>
        <wp:post_password>{_cdata(password)}</wp:post_password>
        {terms}
        {comment_xml}
    </item>"""


def export(items, *, authors=(("sharon", "Sharon Bryant"),), prolog="", title="Harvest Moon"):
    author_xml = "".join(
        f"<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{_cdata(login)}"
        f"</wp:author_login><wp:author_display_name>{_cdata(name)}</wp:author_display_name>"
        "</wp:author>"
        for n, (login, name) in enumerate(authors, start=1)
    )
    return (
        f"""<?xml version="1.0" encoding="UTF-8" ?>
{prolog}<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
    <title>{escape(title)}</title>
    <link>{BLOG}</link>
    <description>Self-care between appointments</description>
    <language>en-US</language>
    <wp:wxr_version>1.2</wp:wxr_version>
    <wp:base_site_url>{BLOG}</wp:base_site_url>
    <wp:base_blog_url>{BLOG}</wp:base_blog_url>
    {author_xml}
    {"".join(items)}
</channel>
</rss>
"""
    ).encode()


HEAD_FORWARD_LINK = f"{BLOG}/2020/03/02/head-forward-posture/"
STRENGTHEN_LINK = f"{BLOG}/2020/04/06/strengthen-your-upper-back/"
SEED_LINK = f"{BLOG}/2020/05/12/help-for-upper-back-and-neck-pain/"

# The seed article as her WordPress stored it: three YouTube videos in three different forms
# (an <iframe>, an [embed] shortcode, a Gutenberg embed block) and a Vimeo address alone on a
# line, an "Updated" section, links to two other posts of the same export, a safety note, an
# invitation to call and the fine print. Classic-editor paragraphs have no <p>: blank lines.
SEED_CONTENT = f"""This week has been jam packed with back pain in my office and so many have been asking what they can do for self-care at home between appointments.

I find myself recommending these two mobility exercises over and over again for upper back and neck pain. A sticky or stuck upper back is many times a major player in neck pain.

<h2>Free Your Neck</h2>
This first video I've been using for quite a while and find it very effective for loosening the upper back.

<iframe width="560" height="315" src="https://www.youtube.com/embed/AbCdEfGhIj1" title="YouTube video player" frameborder="0" allowfullscreen></iframe>

<h2>Magic Neck Stretch</h2>
This next video also does a great job of getting the upper back moving so the neck can stop working so hard.

[embed]https://youtu.be/AbCdEfGhIj2[/embed]

<strong>***Updated stuff I added***</strong>

So I was in the shower this morning thinking about why I only had two videos in this roundup when I realized that I had, indeed, forgotten about this next video.

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=AbCdEfGhIj3","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=AbCdEfGhIj3
</div><figcaption>Baby Rolling, Who Knew?</figcaption></figure>
<!-- /wp:embed -->

I also found this video that goes into explicit detail about how to improve your posture in just a few minutes.

https://vimeo.com/123456789

After trying these exercises, it's a good idea to head on over and read a little more about <a href="{HEAD_FORWARD_LINK}">head forward posture</a> and how it contributes to upper back and neck pain. And then go learn how to <a href="{STRENGTHEN_LINK}">strengthen the upper back</a> with a simple move you can do anywhere.

As always, be gentle with yourself. Go slow, take care of yourself and if anything feels wrong, stop.

If these exercises seem to help, but don't quite take care of the issue give me a call and let's see if we can get to the root of the problem.

<em>***Micro mini fine print: I'm not a doctor and this article is not intended to replace medical advice. Please listen to your body and seek medical attention when necessary.***</em>
"""


def seed_export():
    """The seed post and the two posts it links to, as one export."""
    return export(
        [
            post(
                "Head Forward Posture",
                "<p>Your head weighs about as much as a bowling ball.</p>",
                post_id=10,
                date="2020-03-02 10:00:00",
                categories=["Neck"],
            ),
            post(
                "Strengthen Your Upper Back",
                "<p>Stretching feels wonderful, but a stiff upper back also needs strength.</p>",
                post_id=11,
                date="2020-04-06 10:00:00",
                categories=["Upper back"],
            ),
            post(
                "Help for Upper Back and Neck Pain",
                SEED_CONTENT,
                post_id=12,
                date="2020-05-12 14:30:00",
                modified="2020-05-21 09:00:00",
                categories=["Neck", "Upper Back", "Self-care"],
                tags=["stretches"],
            ),
        ]
    )
