"""In production a new image's renditions are made by a background thread right after the upload
(core/renditions.py), so a large photo's upload answers at once. A transactional test (the
thread reads the committed image), in a file of its own: it empties the database afterwards."""

import pytest

from core.renditions import site_specs, wait_for_renditions

from .factories import ImageFactory


@pytest.mark.django_db(transaction=True)
def test_a_background_thread_makes_them_after_the_upload(settings):
    settings.CLINIC_RENDITIONS_IN_BACKGROUND = True
    image = ImageFactory(file__width=640, file__height=400)
    wait_for_renditions()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made >= set(site_specs())
