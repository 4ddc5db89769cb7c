"""Content and helpers shared by the visual-editing tests (tests/test_visual_editing.py and
tests/browser/test_visual_editing.py): an article shaped like the therapist's seed article, with
an update, an exercise used by four articles, and callouts."""

import datetime

from .factories import (
    ArticlePageFactory,
    ExerciseFactory,
    callout_block,
    exercise_block,
    paragraph_block,
    update_block,
)

UPDATE_TEXT = "I had left out one of my favourites, so here it is."
ADDED_SENTENCE = "Do it slowly, twice a day."
UPDATE_LABEL = "Update 11 September 2026"
EXERCISE_NAME = "Free Your Neck"
EXERCISE_LABEL = f"Exercise: {EXERCISE_NAME}"
OLD_FREQUENCY = "Once a day"
NEW_FREQUENCY = "Three times a day"
SAFETY_TEXT = "Stop at once if your arm tingles or goes numb."


def build_seed_article(site):
    neck = ExerciseFactory(
        name=EXERCISE_NAME,
        summary="Loosens the upper back so the neck can let go.",
        frequency=OLD_FREQUENCY,
        body_areas=[site.areas["neck"]],
    )
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for upper back and neck pain",
        summary="Three videos that loosen the upper back so the neck can rest.",
        author=site.practitioner,
        body_areas=[site.areas["neck"]],
        body=[
            paragraph_block("<p>Most neck pain starts in the upper back.</p>"),
            exercise_block(neck, note="Do this one every morning."),
            update_block(
                date=datetime.date(2026, 9, 11),
                heading="One more I almost forgot",
                body=[paragraph_block(f"<p>{UPDATE_TEXT}</p>")],
            ),
            callout_block("tip", text="<p>Little and often beats once a week.</p>"),
            callout_block("fine_print"),
        ],
    )
    others = [
        ArticlePageFactory(
            parent=site.articles,
            title=f"More help for a stiff neck, part {n}",
            body=[exercise_block(neck), callout_block("safety")],
        )
        for n in range(1, 4)
    ]
    return {"article": article, "exercise": neck, "others": others}
