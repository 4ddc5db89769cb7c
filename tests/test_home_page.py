"""The home page sells the clinic: what the massage is, services and prices, a photo, the
testimonials she picks, where the studio is (a plain map link), opening hours and booking."""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from home.blocks import ServiceBlock
from home.models import HomePage, HomeTestimonial, map_search_url
from home.models import Testimonial as ClientTestimonial

from .factories import ImageFactory


def publish_home(site, **fields):
    home = HomePage.objects.get(pk=site.home.pk)
    testimonials = fields.pop("testimonials", None)
    for name, value in fields.items():
        setattr(home, name, value)
    if testimonials is not None:
        home.testimonials = [
            HomeTestimonial(testimonial=t, sort_order=i) for i, t in enumerate(testimonials)
        ]
    home.save_revision().publish()
    return home


def home_soup(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def service(name, minutes, price, description=""):
    return (
        "service",
        {
            "name": name,
            "duration_minutes": minutes,
            "price": Decimal(price),
            "description": description,
        },
    )


def client_testimonial(name, quote, detail=""):
    return ClientTestimonial.objects.create(name=name, quote=quote, detail=detail)


def test_the_heading_says_what_the_clinic_offers_not_its_name_again(site, client):
    publish_home(site, heading="Ashiatsu barefoot massage in Decatur")
    h1 = home_soup(client).select_one("main h1")
    assert h1.get_text(strip=True) == "Ashiatsu barefoot massage in Decatur"


def test_without_a_heading_the_page_title_is_used(site, client):
    publish_home(site, heading="")
    assert home_soup(client).select_one("main h1").get_text(strip=True) == site.home.title


def test_what_the_massage_is_with_her_photo(site, client):
    photo = ImageFactory(title="The treatment room")
    publish_home(
        site,
        about_heading="What is Ashiatsu barefoot massage?",
        about="<p>I massage with my feet, holding bars on the ceiling.</p>",
        photo=photo,
        photo_alt="The massage table under two ceiling bars",
    )
    section = home_soup(client).select_one("section.home-about")
    assert section.select_one("h2").get_text(strip=True) == "What is Ashiatsu barefoot massage?"
    assert "holding bars on the ceiling" in section.get_text()
    img = section.select_one("img")
    assert img["alt"] == "The massage table under two ceiling bars"
    assert img["src"].startswith("/")


def test_services_show_length_and_price(site, client):
    publish_home(
        site,
        services=[
            service("Ashiatsu barefoot massage", 60, "95", "Deep, flowing pressure."),
            service("Ashiatsu, extended", 90, "135.50"),
            service("Quick neck session", 30, "45"),
        ],
        services_note="Gift cards available.",
    )
    soup = home_soup(client)
    services = soup.select("ul.services .service")
    facts = [
        (
            s.select_one(".service__name").get_text(strip=True),
            s.select_one(".service__duration").get_text(strip=True),
            s.select_one(".service__price").get_text(strip=True),
        )
        for s in services
    ]
    assert facts == [
        ("Ashiatsu barefoot massage", "1 h", "$95"),
        ("Ashiatsu, extended", "1 h 30 min", "$135.50"),
        ("Quick neck session", "30 min", "$45"),
    ]
    assert services[0].select_one(".service__duration time")["datetime"] == "PT60M"
    assert "Deep, flowing pressure." in services[0].get_text()
    assert (
        "Gift cards available." in soup.select_one("section[aria-labelledby=services-title]").text
    )
    booking = soup.select_one("section[aria-labelledby=services-title] a.button")
    assert booking["href"] == site.settings.booking_url


def test_only_the_testimonials_she_picked_in_her_order(site, client):
    first = client_testimonial(
        "Denise R.", "My upper back felt loose for days.", "Stiff upper back"
    )
    second = client_testimonial("Marcus T.", "She finds the knots nobody else could reach.")
    client_testimonial("Not picked", "This one stays in the library.")
    publish_home(site, testimonials=[second, first])
    soup = home_soup(client)
    names = [n.get_text(strip=True) for n in soup.select(".testimonial__name")]
    assert names == ["Marcus T.", "Denise R."]
    assert "This one stays in the library." not in soup.text
    quote = soup.select(".testimonial")[1]
    assert quote.select_one("blockquote").get_text(strip=True) == (
        "My upper back felt loose for days."
    )
    assert quote.select_one(".testimonial__detail").get_text(strip=True) == "Stiff upper back"


def test_sections_she_left_empty_are_not_shown(site, client):
    publish_home(site, about="", services=[], testimonials=[])
    soup = home_soup(client)
    assert soup.select_one("section.home-about") is None
    assert soup.select_one("ul.services") is None
    assert soup.select_one(".testimonials") is None


def test_address_links_to_a_map_search_without_embedding_one(site, client):
    site.settings.address = "1187 Larkspur Row, Suite B\nDecatur, GA 30030"
    site.settings.save()
    publish_home(site, directions="Free parking behind the building.")
    soup = home_soup(client)
    visit = soup.select_one("section.home-visit")
    assert "1187 Larkspur Row, Suite B" in visit.select_one("address").get_text()
    assert "Free parking behind the building." in visit.get_text()
    link = visit.select_one("a[data-map-link]")
    parts = urlsplit(link["href"])
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.openstreetmap.org", "/search")
    assert parse_qs(parts.query)["query"] == ["1187 Larkspur Row, Suite B, Decatur, GA 30030"]
    # A link only: no map, frame or script from a third party on the page.
    assert soup.select("iframe") == []
    for tag in soup.select("script[src], img[src], link[href]"):
        source = tag.get("src") or tag.get("href")
        own_site = source.startswith(site.wagtail_site.root_url)  # e.g. the canonical link
        assert own_site or not source.startswith(("http", "//")), source


def test_her_own_map_link_wins(site, client):
    site.settings.address = "1187 Larkspur Row\nDecatur, GA 30030"
    site.settings.save()
    publish_home(site, map_url="https://maps.google.com/?q=Harvest+Moon+Massage+Decatur")
    link = home_soup(client).select_one("a[data-map-link]")
    assert link["href"] == "https://maps.google.com/?q=Harvest+Moon+Massage+Decatur"


def test_opening_hours_and_booking_on_the_home_page(site, client):
    site.settings.opening_hours = [
        ("hours", {"weekday": "1", "opens": "10:00", "closes": "18:00"}),
        ("hours", {"weekday": "5", "opens": "09:00", "closes": "14:00"}),
    ]
    site.settings.hours_note = "Evenings by appointment."
    site.settings.save()
    soup = home_soup(client)
    visit = soup.select_one("section.home-visit")
    days = [d.get_text(strip=True) for d in visit.select(".hours__day")]
    assert days == ["Tuesday", "Saturday"]
    assert "Evenings by appointment." in visit.get_text()
    booking = [a["href"] for a in soup.select("main a[data-cta=book]")]
    assert site.settings.booking_url in booking


def test_map_search_url_ignores_blank_lines():
    assert map_search_url("") == ""
    assert map_search_url(" 1 Main St \n\n Decatur ") == (
        "https://www.openstreetmap.org/search?query=1+Main+St%2C+Decatur"
    )


def test_service_prices_and_lengths_read_naturally():
    block = ServiceBlock()
    value = block.to_python({"name": "A", "duration_minutes": 45, "price": "1200"})
    assert (value.price_label, value.duration_label) == ("$1,200", "45 min")
    value = block.to_python({"name": "A", "duration_minutes": 120, "price": "99.5"})
    assert (value.price_label, value.duration_label) == ("$99.50", "2 h")


def test_testimonials_cost_the_same_queries_however_many(site, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish_home(site, testimonials=[client_testimonial("One", "Lovely.")])
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    publish_home(
        site, testimonials=[client_testimonial(f"Client {i}", "Lovely.") for i in range(5)]
    )
    with CaptureQueriesContext(connection) as five:
        client.get("/")
    assert len(five) == len(one)


# --- her side -------------------------------------------------------------------------------


def test_the_therapist_writes_testimonials_and_picks_them_on_the_home_page(site, editor_client):
    add_url = reverse("wagtailsnippets_home_testimonial:add")
    response = editor_client.post(
        add_url, {"quote": "Best massage I have had.", "name": "Ana P.", "detail": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ClientTestimonial.objects.filter(name="Ana P.").exists()
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[site.home.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    for label in ("Testimonials", "Services and prices", "About your massage", "Map link"):
        assert label in html, label


@pytest.mark.parametrize(
    "field",
    ["heading", "about", "photo", "photo_alt", "services", "map_url", "directions"],
)
def test_every_new_home_field_explains_itself(field):
    assert HomePage._meta.get_field(field).help_text


def test_testimonials_are_searchable_in_the_admin_but_not_on_the_site(site, editor_client, client):
    client_testimonial("Ana P.", "Best barefoot massage I have had.")
    listing = reverse("wagtailsnippets_home_testimonial:list")
    found = editor_client.get(listing, {"q": "barefoot"})
    assert found.status_code == 200 and "Ana P." in found.content.decode()
    results = client.get("/search/", {"q": "barefoot massage I have had"}).content.decode()
    assert "Ana P." not in results


def test_a_photo_needs_its_description(site):
    from django.core.exceptions import ValidationError

    home = HomePage.objects.get(pk=site.home.pk)
    home.photo = ImageFactory()
    home.photo_alt = " "
    with pytest.raises(ValidationError) as error:
        home.full_clean()
    assert "Describe the photo" in str(error.value.message_dict["photo_alt"])
