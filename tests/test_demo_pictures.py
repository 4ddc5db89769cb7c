"""The demo's pictures: one of its own for every exercise (a figure in the exercise's position)
and every article, drawn locally, none the same as another."""

from io import BytesIO
from itertools import combinations

import pytest
from PIL import Image, ImageChops, ImageStat

from home.demo import article_data, exercise_data, images

EXERCISE_SLUGS = [spec["slug"] for spec in exercise_data.EXERCISES]
ARTICLE_SLUGS = [spec["slug"] for spec in article_data.ARTICLES]
SMALL = (240, 160)


def decoded(data):
    image = Image.open(BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def figure_mask(image):
    """Where the dark line figure is: the pose, whatever the background colours."""
    grey = image.convert("L").resize((120, 80))
    return grey.point(lambda value: 255 if value < 90 else 0)


def overlap(mask_a, mask_b):
    """Intersection over union of two masks (1 = the same figure)."""
    both = ImageStat.Stat(ImageChops.multiply(mask_a, mask_b)).sum[0]
    either = ImageStat.Stat(ImageChops.lighter(mask_a, mask_b)).sum[0]
    return both / either if either else 1.0


def difference(image_a, image_b):
    """Mean absolute difference per pixel, 0-255, at a small size."""
    a, b = (image.convert("L").resize((60, 40)) for image in (image_a, image_b))
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


@pytest.fixture(scope="module")
def exercise_pictures():
    return {
        slug: decoded(images.exercise_jpeg(slug, variant, size=SMALL))
        for variant, slug in enumerate(EXERCISE_SLUGS)
    }


@pytest.fixture(scope="module")
def article_pictures():
    return {
        spec["slug"]: decoded(
            images.hero_jpeg(spec["hero"], size=SMALL, scene=images.ARTICLE_SCENES[spec["slug"]])
        )
        for spec in article_data.ARTICLES
    }


def test_every_demo_exercise_and_article_has_a_picture_of_its_own():
    assert set(EXERCISE_SLUGS) <= set(images.POSES)
    assert set(ARTICLE_SLUGS) == set(images.ARTICLE_SCENES)
    assert len({spec["hero"] for spec in article_data.ARTICLES}) == len(ARTICLE_SLUGS)
    assert all(spec["hero_alt"].startswith("A drawing of") for spec in article_data.ARTICLES)


def test_exercise_pictures_show_different_positions(exercise_pictures):
    masks = {slug: figure_mask(image) for slug, image in exercise_pictures.items()}
    for mask in masks.values():
        # A figure is drawn: a visible share of the picture, not an empty card.
        assert 0.02 < ImageStat.Stat(mask).mean[0] / 255 < 0.5
    for (slug_a, mask_a), (slug_b, mask_b) in combinations(masks.items(), 2):
        assert overlap(mask_a, mask_b) < 0.6, f"{slug_a} and {slug_b} look like the same pose"


def test_article_pictures_are_all_different(article_pictures):
    for (slug_a, a), (slug_b, b) in combinations(article_pictures.items(), 2):
        assert difference(a, b) > 6, f"{slug_a} and {slug_b} look the same"


def test_the_studio_photo_and_pictures_are_drawn_the_same_each_time():
    """Re-drawing gives the same bytes, so the demo's duplicate check (file hash) holds."""
    assert images.studio_jpeg(size=SMALL) == images.studio_jpeg(size=SMALL)
    first = EXERCISE_SLUGS[0]
    assert images.exercise_jpeg(first, 0, size=SMALL) == images.exercise_jpeg(first, 0, size=SMALL)
