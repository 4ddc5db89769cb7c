import pytest

@pytest.mark.django_db
def test_smoke(site):
    assert site.home.url == "/"
    assert site.articles.url == "/articles/"
    assert site.exercises.url == "/exercises/"
