"""How each body block looks to a visitor, alone and inside a published article."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from wagtail.contrib.settings.context_processors import settings as settings_context

from articles.models import ArticlePage
from core.models import ClinicSettings
from exercises.models import Exercise

from .factories import (
    VIMEO_URL,
    YOUTUBE_URL,
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    callout_block,
    exercise_block,
    heading_block,
    image_block,
    paragraph_block,
    quote_block,
    update_block,
    video_block,
)

pytestmark = pytest.mark.django_db

BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block


def render_block(block_data, site=None):
    """Render one raw block (from tests.factories) the way a page would, with clinic settings."""
    request = RequestFactory().get("/articles/x/", HTTP_HOST="localhost")
    context = {"request": request, **settings_context(request)}
    stream = BODY_BLOCK.to_python([block_data])
    html = stream[0].render(context=context)
    return BeautifulSoup(html, "html.parser")


def article_html(site, client, body, **kwargs):
    article = ArticlePageFactory(parent=site.articles, title="Block test", body=body, **kwargs)
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def off_site_urls(soup):
    """Every URL the browser would fetch or follow before any click: src, srcset, href..."""
    urls = []
    for tag in soup.find_all(True):
        for attr in ("src", "href", "srcset", "poster", "data", "action"):
            value = tag.get(attr)
            if not value:
                continue
            for part in value.split(","):
                url = part.strip().split(" ")[0]
                if url.startswith(("http:", "https:", "//")):
                    urls.append(url)
    return urls


# --- text blocks -------------------------------------------------------------------------


def test_paragraph_keeps_bold_and_links(site):
    soup = render_block(paragraph_block('<p>Go <b>slowly</b>, see <a href="/x/">this</a>.</p>'))
    assert soup.find("b").text == "slowly"
    assert soup.find("a")["href"] == "/x/"


def test_heading_has_a_shareable_anchor(site):
    soup = render_block(heading_block("Why the upper back matters"))
    heading = soup.find("h2")
    assert heading["id"] == "why-the-upper-back-matters"
    assert "Why the upper back matters" in heading.text
    assert soup.find("a", href="#why-the-upper-back-matters")


def test_image_has_its_alt_text_and_caption_from_our_media(site):
    image = ImageFactory()
    soup = render_block(image_block(image, "A woman rolling her shoulders", caption="Slowly."))
    img = soup.find("img")
    assert img["alt"] == "A woman rolling her shoulders"
    assert img["src"].startswith("/media/")
    assert soup.find("figcaption").text == "Slowly."


def test_quote_with_attribution(site):
    soup = render_block(quote_block("I slept through the night.", "A client"))
    assert "I slept through the night." in soup.find("blockquote").text
    assert "A client" in soup.text


# --- video -------------------------------------------------------------------------------


def test_youtube_video_is_click_to_load_and_privacy_enhanced(site):
    soup = render_block(video_block(YOUTUBE_URL + "&t=30", title="Free Your Neck"))
    link = soup.find("a", href=True)
    assert link["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30s"
    assert "Free Your Neck" in link.text, "without JS it is a plain, named link"
    embed = " ".join(
        str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items() if k.startswith("data-")
    )
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in embed
    assert "start=30" in embed
    assert not soup.find("iframe"), "nothing loads from YouTube before the click"
    assert not soup.find("script", src=True)
    assert off_site_urls(soup) == [link["href"]], "only the watch link points off-site"


def test_vimeo_video_uses_do_not_track(site):
    soup = render_block(video_block(VIMEO_URL, title="Baby Rolling"))
    data = " ".join(
        str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items() if k.startswith("data-")
    )
    assert "https://player.vimeo.com/video/76979871" in data
    assert "dnt=1" in data
    assert off_site_urls(soup) == ["https://vimeo.com/76979871"]


def test_video_poster_comes_from_our_own_media(site):
    soup = render_block(video_block(title="With poster", poster=ImageFactory()))
    images = soup.find_all("img")
    assert images and all(img["src"].startswith("/media/") for img in images)
    assert len(off_site_urls(soup)) == 1


def test_video_transcript_is_in_details_and_caption_shown(site):
    soup = render_block(
        video_block(
            title="Free Your Neck", caption="My favourite.", transcript="Sit tall.\n\nBreathe."
        )
    )
    details = soup.find("details")
    assert details is not None
    assert "Sit tall." in details.text and "Breathe." in details.text
    assert "My favourite." in soup.text


def test_video_with_stored_bad_address_shows_title_without_link(site):
    soup = render_block(video_block("https://example.com/old.mp4", title="Old video"))
    assert "Old video" in soup.text
    assert off_site_urls(soup) == []


# --- callouts ----------------------------------------------------------------------------


def test_safety_callout_without_text_uses_default_note(site):
    site.settings.default_safety_note = "<p>Our own safety wording.</p>"
    site.settings.save()
    soup = render_block(callout_block("safety"))
    assert "Our own safety wording." in soup.text
    assert "Go gently" in soup.text, "default heading for the kind"


def test_safety_callout_with_text_uses_that_text(site):
    soup = render_block(callout_block("safety", heading="Careful", text="<p>Mind the jaw.</p>"))
    assert "Mind the jaw." in soup.text
    assert "Careful" in soup.text
    assert "Be gentle with yourself" not in soup.text


def test_fine_print_callout_without_text_uses_default_disclaimer(site):
    soup = render_block(callout_block("fine_print"))
    assert "not a doctor" in soup.text
    assert ClinicSettings.for_site(site.wagtail_site).default_disclaimer


def test_call_to_action_shows_clinic_phone_and_booking(site):
    soup = render_block(callout_block("call_to_action"))
    assert soup.find("a", href="tel:4045550142"), "dials in one tap"
    assert "(404) 555-0142" in soup.text
    assert soup.find("a", href="https://booking.example.com/harvest-moon")


def test_call_to_action_follows_settings_changes(site):
    site.settings.phone = "+1 404 555 0199"
    site.settings.save()
    soup = render_block(callout_block("call_to_action"))
    assert soup.find("a", href="tel:+14045550199")


def test_read_next_links_only_what_visitors_can_open(site):
    live = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    draft = ArticlePageFactory(parent=site.articles, title="Half written", publish=False)
    exercise = ExerciseFactory(name="Chin Tucks", slug="chin-tucks")
    hidden = ExerciseFactory(name="Not ready", publish=False)
    soup = render_block(
        callout_block("read_next", articles=[live, draft], exercises=[exercise, hidden])
    )
    assert soup.find("a", href=live.url).text == "Head-forward posture"
    assert soup.find("a", href="/exercises/chin-tucks/")
    assert "Half written" not in soup.text
    assert "Not ready" not in soup.text


# --- exercise and update ------------------------------------------------------------------


def test_exercise_card_shows_video_steps_dose_cautions_and_link(site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    soup = render_block(exercise_block(exercise, note="Do this one every day"))
    text = soup.get_text(" ")
    assert "Magic Neck Stretch" in text
    assert "Do this one every day" in text
    assert "Sit tall and drop your shoulders." in text
    assert "Hold 20 seconds · 3 times · 1 set · Twice a day" in text
    assert "Stop if you feel tingling" in text
    assert soup.find("a", href="/exercises/magic-neck-stretch/")
    assert "youtube-nocookie" in str(soup), "the exercise's own video, click-to-load"


def test_exercise_card_of_deleted_exercise_renders_nothing(site):
    exercise = ExerciseFactory(name="Gone soon")
    data = exercise_block(exercise)
    Exercise.objects.filter(pk=exercise.pk).delete()
    assert render_block(data).text.strip() == ""


def test_update_block_has_anchor_date_and_nested_blocks(site):
    soup = render_block(
        update_block(
            datetime.date(2025, 3, 14),
            "One more video I forgot",
            [
                paragraph_block("<p>Mind your posture.</p>"),
                video_block(VIMEO_URL, title="Baby Rolling"),
            ],
        )
    )
    section = soup.find(id="update-2025-03-14")
    assert section is not None
    assert "One more video I forgot" in section.text
    assert section.find("time", datetime="2025-03-14")
    assert "Mind your posture." in section.text
    assert "Baby Rolling" in section.text


def test_article_shows_updated_date_and_lists_updates_near_top(site, client):
    soup = article_html(
        site,
        client,
        [
            paragraph_block("<p>Intro.</p>"),
            update_block(datetime.date(2025, 1, 5), "First update"),
            update_block(datetime.date(2025, 3, 14), "Second update"),
        ],
    )
    dates = soup.find(class_="dates") or soup
    assert "Updated" in dates.text
    assert dates.find("time", datetime="2025-03-14")
    links = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith("#update-")]
    assert links[:2] == ["#update-2025-03-14", "#update-2025-01-05"], "newest first"
    html = str(soup)
    assert html.index('href="#update-2025-03-14"') < html.index("Intro."), "listed near the top"


def test_article_without_updates_has_no_updated_date(site, client):
    soup = article_html(site, client, [paragraph_block("<p>Intro.</p>")])
    assert "Updated" not in soup.get_text()


def test_related_reading_shows_only_published_articles_in_order(site, client):
    first = ArticlePageFactory(parent=site.articles, title="Strengthening the upper back")
    second = ArticlePageFactory(parent=site.articles, title="Head-forward posture")
    gone = ArticlePageFactory(parent=site.articles, title="Taken down")
    gone_related = [second, gone, first]
    soup = article_html(site, client, [paragraph_block()], related=gone_related)
    gone.unpublish()
    soup = BeautifulSoup(client.get("/articles/block-test/").content, "html.parser")
    section = soup.find(id="related-title").find_parent("section")
    text = section.get_text(" ")
    assert text.index("Head-forward posture") < text.index("Strengthening the upper back")
    assert "Taken down" not in text


def test_article_page_makes_no_third_party_request_before_click(site, client):
    soup = article_html(
        site, client, [video_block(YOUTUBE_URL, poster=ImageFactory()), video_block(VIMEO_URL)]
    )
    for tag in soup.find_all(["script", "img", "iframe", "link", "source"]):
        for attr in ("src", "href", "srcset"):
            value = tag.get(attr, "")
            own_site = value.startswith(site.wagtail_site.root_url)  # e.g. the canonical link
            assert own_site or not value.startswith(("http", "//")), f"{tag.name} {attr}={value}"


# --- previews in the editor's block picker -------------------------------------------------


def _all_blocks():
    seen, queue = {}, list(BODY_BLOCK.child_blocks.values())
    queue += list(Exercise._meta.get_field("steps").stream_block.child_blocks.values())
    queue += list(
        ClinicSettings._meta.get_field("opening_hours").stream_block.child_blocks.values()
    )
    while queue:
        block = queue.pop()
        if block.definition_prefix in seen:
            continue
        seen[block.definition_prefix] = block
        if block.__class__.__name__ == "UpdateBlock":
            queue += list(block.child_blocks["body"].child_blocks.values())
    return list(seen.values())


@pytest.mark.parametrize("block", _all_blocks(), ids=lambda b: b.name or type(b).__name__)
def test_every_block_preview_renders(site, superuser_client, block):
    assert block.meta.icon and block.meta.label and block.meta.template
    assert hasattr(block.meta, "preview_value")
    response = superuser_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    # The preview page uses the site's stylesheet so the picker shows the real look.
    assert "css/site.css" in response.content.decode()


@pytest.mark.parametrize("block", _all_blocks(), ids=lambda b: b.name or type(b).__name__)
def test_every_block_is_previewable_in_the_block_picker(block):
    """Wagtail shows a preview only when the global preview template is overridden (or the
    block names its own), see Block.is_previewable."""
    assert block.is_previewable


def test_safety_callout_with_an_empty_paragraph_uses_default_note(site):
    """An empty paragraph left behind by the editor must not hide the clinic's standard note."""
    site.settings.default_safety_note = "<p>Our own safety wording.</p>"
    site.settings.save()
    soup = render_block(callout_block("safety", text="<p></p>"))
    assert "Our own safety wording." in soup.text
