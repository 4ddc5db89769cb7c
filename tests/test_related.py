"""Related reading on articles, and what exercise pages point to."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from articles.related import related_reading

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    ImageFactory,
    callout_block,
    exercise_block,
    paragraph_block,
    video_block,
)

pytestmark = pytest.mark.django_db


def article(site, title, areas=(), exercises=(), **kwargs):
    body = [paragraph_block()] + [exercise_block(exercise) for exercise in exercises]
    return ArticlePageFactory(
        parent=site.articles,
        title=title,
        body=body,
        body_areas=[site.areas[slug] for slug in areas],
        **kwargs,
    )


def titles(items):
    return [item.page.title for item in items]


def related_section(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(id="related-title")
    return heading.find_parent("section") if heading else None


def test_picks_come_first_in_her_order_then_the_best_automatic_matches(site):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    pick_b = article(site, "Pick B")
    pick_a = article(site, "Pick A")
    shares_exercise = article(site, "Shares the stretch", exercises=[stretch])
    article(site, "Shares nothing", areas=["lower-back"])
    current = article(
        site, "Current", areas=["neck"], exercises=[stretch], related=[pick_b, pick_a, pick_b]
    )
    article(site, "Shares neck", areas=["neck"])

    items = related_reading(current, count=3)

    assert titles(items) == ["Pick B", "Pick A", "Shares the stretch"]
    assert [item.picked for item in items] == [True, True, False]
    assert items[2].page == shares_exercise
    assert items[2].reason == "Also uses Magic Neck Stretch"


def test_fills_up_to_the_clinic_setting(site, client):
    current = article(site, "Current", areas=["neck"])
    for number in range(5):
        article(site, f"Neck {number}", areas=["neck"])
    site.settings.related_reading_count = 2
    site.settings.save()

    section = related_section(client, current)

    assert len(section.select(".card")) == 2
    site.settings.related_reading_count = 0
    site.settings.save()
    assert related_section(client, current) is None


def test_shared_exercises_outweigh_shared_areas_and_newer_wins_ties(site):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    article(site, "Older, neck", areas=["neck"])
    article(site, "Neck and upper back", areas=["neck", "upper-back"])
    article(site, "Uses the stretch", exercises=[stretch])
    article(site, "Newer, neck", areas=["neck"])
    current = article(site, "Current", areas=["neck", "upper-back"], exercises=[stretch])

    items = related_reading(current, count=4)

    # exercise = 2 points, each area = 1; equal scores: the newer first.
    assert titles(items) == [
        "Uses the stretch",
        "Neck and upper back",
        "Newer, neck",
        "Older, neck",
    ]
    assert [item.reason for item in items] == [
        "Also uses Magic Neck Stretch",
        "More on neck and upper back",
        "More on neck",
        "More on neck",
    ]


def test_never_itself_a_draft_an_unpublished_or_a_private_article(site):
    current = article(site, "Current", areas=["neck"])
    article(site, "Draft", areas=["neck"], publish=False)
    withdrawn = article(site, "Withdrawn", areas=["neck"])
    withdrawn.unpublish()
    private = article(site, "Members only", areas=["neck"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    visible = article(site, "Visible", areas=["neck"])
    picked_draft = article(site, "Picked draft", publish=False)
    current.related_links.create(article=picked_draft)
    current.related_links.create(article=visible)

    items = related_reading(current, count=5)

    assert titles(items) == ["Visible"]


def test_a_preview_shows_the_picks_being_edited(site):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    saved_pick = article(site, "Saved pick")
    new_pick = article(site, "New pick")
    article(site, "Shares the stretch", exercises=[stretch])
    current = article(site, "Current", exercises=[stretch], related=[saved_pick])

    # What the editor sees in a preview: links held in memory, not yet saved.
    current.related_links = [current.related_links.model(article=new_pick)]
    items = related_reading(current, count=2)

    assert titles(items) == ["New pick", "Shares the stretch"]
    assert [item.picked for item in items] == [True, False]


def test_unpublished_exercises_are_not_a_reason(site):
    hidden = ExerciseFactory(name="Not ready yet", publish=False)
    article(site, "Uses the hidden one", exercises=[hidden])
    current = article(site, "Current", exercises=[hidden])

    assert related_reading(current, count=3) == []


def test_each_item_shows_title_summary_image_and_reason(site, client):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    article(
        site,
        "Head-forward posture",
        exercises=[stretch],
        summary="Why your head drifts forward and what helps.",
        hero_image=ImageFactory(),
    )
    current = article(site, "Current", exercises=[stretch])

    section = related_section(client, current)

    card = section.select_one(".card")
    assert card.select_one(".card__title a").get_text(strip=True) == "Head-forward posture"
    assert "Why your head drifts forward" in card.get_text()
    assert card.find("img") is not None
    assert card.select_one(".card__reason").get_text(strip=True) == "Also uses Magic Neck Stretch"


def test_picks_say_who_recommended_them(site, client):
    pick = article(site, "Strengthen your upper back")
    current = article(site, "Current", related=[pick], author=site.practitioner)

    section = related_section(client, current)

    assert f"Recommended by {site.practitioner.name}" in section.get_text()


def build_corpus(site, size, exercises, image, start=0):
    """``size`` articles, each with a photo, videos, exercises, a read-next callout and picks."""
    made = []
    areas = list(site.areas)
    for number in range(start, start + size):
        chosen = [exercises[(number + k) % len(exercises)] for k in range(3)]
        made.append(
            ArticlePageFactory(
                parent=site.articles,
                title=f"Corpus article {number}",
                body=[
                    paragraph_block(),
                    video_block(),
                    video_block(title="Second video"),
                    *[exercise_block(exercise) for exercise in chosen],
                    callout_block("read_next", articles=made[-2:], exercises=chosen[:2]),
                ],
                body_areas=[site.areas[areas[number % 4]], site.areas[areas[(number + 1) % 4]]],
                related=made[-2:],
                hero_image=image,
            )
        )
    return made


def queries_for(client, page):
    client.get(page.url)  # warm per-process caches (site root paths, settings, renditions)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(captured)


def test_an_article_page_costs_the_same_queries_at_any_corpus_size(site, client):
    exercises = [
        ExerciseFactory(name=f"Exercise {n}", body_areas=[site.areas["neck"]]) for n in range(6)
    ]
    image = ImageFactory()
    small = build_corpus(site, 5, exercises, image)
    small_count = queries_for(client, small[-1])

    build_corpus(site, 35, exercises, image, start=5)  # 40 articles in all
    large_count = queries_for(client, small[-1])

    assert small_count == large_count
    assert large_count <= 40


def test_related_reading_costs_a_fixed_number_of_queries(site):
    """The editor's links, the view restrictions (public()), one query that picks, scores and
    fetches the cards, their body areas and photos, and the reasons: whatever the corpus size
    or the number of restricted pages."""
    exercises = [ExerciseFactory(name=f"Exercise {n}") for n in range(4)]
    image = ImageFactory()
    small = build_corpus(site, 4, exercises, image)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            items = related_reading(small[-1], count=3)
        assert [item.picked for item in items] == [True, True, False]
        return len(captured)

    before = queries()
    more = build_corpus(site, 8, exercises, image, start=4)
    for page in more[:2]:
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

    assert before == queries() == 6


def test_exercise_page_lists_articles_using_it_and_similar_exercises(site, client):
    neck, back = site.areas["neck"], site.areas["upper-back"]
    stretch = ExerciseFactory(name="Magic Neck Stretch", body_areas=[neck, back])
    ExerciseFactory(name="Chin Tucks", body_areas=[neck])
    ExerciseFactory(name="Baby Rolling", body_areas=[neck, back])
    ExerciseFactory(name="Draft stretch", body_areas=[neck, back], publish=False)
    ExerciseFactory(name="Calf raise", body_areas=[site.areas["lower-back"]])
    article(site, "Help for upper back and neck pain", exercises=[stretch])
    article(site, "Withdrawn", exercises=[stretch]).unpublish()

    assert [e.name for e in stretch.similar()] == ["Baby Rolling", "Chin Tucks"]

    response = client.get(stretch.get_url())
    soup = BeautifulSoup(response.content, "html.parser")
    used = soup.find(id="used-in-title").find_parent("section").get_text(" ")
    assert "Articles that use this exercise" in used
    assert "Help for upper back and neck pain" in used and "Withdrawn" not in used
    similar = soup.find(id="similar-title").find_parent("section").get_text(" ")
    assert similar.index("Baby Rolling") < similar.index("Chin Tucks")
    assert "Magic Neck Stretch" not in similar and "Draft stretch" not in similar
    assert "Calf raise" not in similar


def test_her_picks_and_the_automatic_suggestions_are_labelled_apart(site, client):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    pick = article(site, "Strengthen your upper back")
    article(site, "Shares the stretch", exercises=[stretch])
    current = article(
        site, "Current", exercises=[stretch], related=[pick], author=site.practitioner
    )

    section = related_section(client, current)

    picks = section.find(id="related-picks")
    suggested = section.find(id="related-suggested")
    assert picks.get_text(strip=True) == f"Recommended by {site.practitioner.name}"
    assert suggested is not None
    assert "Chosen automatically" in section.get_text()
    picked_list = section.find("ul", attrs={"aria-labelledby": "related-picks"})
    suggested_list = section.find("ul", attrs={"aria-labelledby": "related-suggested"})
    assert [a.get_text(strip=True) for a in picked_list.select(".card__title a")] == [
        "Strengthen your upper back"
    ]
    assert [a.get_text(strip=True) for a in suggested_list.select(".card__title a")] == [
        "Shares the stretch"
    ]


def test_only_my_picks_shows_her_picks_and_nothing_added(site, client):
    stretch = ExerciseFactory(name="Magic Neck Stretch")
    pick = article(site, "Strengthen your upper back")
    article(site, "Shares the stretch", exercises=[stretch], areas=["neck"])
    current = article(
        site, "Current", exercises=[stretch], areas=["neck"], related=[pick], only_my_picks=True
    )

    assert titles(related_reading(current, count=3)) == ["Strengthen your upper back"]
    section = related_section(client, current)
    assert section.find(id="related-suggested") is None
    assert "Shares the stretch" not in section.get_text()


def test_the_related_tab_explains_where_suggestions_come_from(site, admin_client):
    current = article(site, "Current")

    response = admin_client.get(f"/admin/pages/{current.pk}/edit/")

    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "automatic suggestions" in text
    assert "related reading count" in text
    assert "show only my picks" in text.lower()
