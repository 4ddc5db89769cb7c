"""Create (or find) every piece of demo content. Safe to run any number of times.

Things that already exist are left alone, so edits made in the admin survive a re-run and no
new revisions pile up. Look-ups are by slug, name or image title.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from articles.models import ArticleIndexPage, ArticlePage, RelatedArticle
from core.models import BodyArea, ClinicSettings, Practitioner
from exercises.models import Exercise, ExerciseLibraryPage
from home.models import (
    HomeFeaturedArticle,
    HomeFeaturedExercise,
    HomePage,
    HomeTestimonial,
    Testimonial,
)
from plans.demo import load_demo_plans
from search.models import Synonym

from . import article_data, exercise_data, home_data, images

CLINIC = {
    "clinic_name": "Harvest Moon Massage Therapy",
    "tagline": "Ashiatsu barefoot massage and everyday self-care in Decatur",
    "phone": "(404) 555-0142",
    "email": "hello@harvestmoonmassage.example",
    "address": "1187 Larkspur Row, Suite B\nDecatur, GA 30030",
    "booking_url": "https://harvestmoonmassage.example/book/",
    "hours_note": "Evenings by appointment.",
}
OPENING_HOURS = [
    # weekday (0 = Monday), opens, closes: Tuesday to Saturday.
    ("1", time(10), time(18)),
    ("2", time(10), time(18)),
    ("3", time(12), time(20)),
    ("4", time(10), time(18)),
    ("5", time(9), time(14)),
]
PRACTITIONER = {
    "name": "Sharon Bryant",
    "role": "Licensed massage therapist",
    "credentials": "LMT, Ashiatsu barefoot massage",
    "bio": "<p>Sharon is Decatur's Ashiatsu barefoot massage therapist. She loves helping "
    "clients find the small daily habits that keep sore backs and necks feeling good between "
    "appointments.</p>",
}
HOME_INTRO = (
    "<p>Welcome to Harvest Moon, a small massage studio in Decatur. Between appointments, "
    "these articles and short exercises help you look after your neck, back and shoulders at "
    "home.</p>"
)
HOME_CALL_TO_ACTION = (
    "<p>Still sore after a week of self-care? Let's find the root of it together. Call or "
    "book a session online.</p>"
)
FEATURED_ARTICLES = [
    "help-for-upper-back-and-neck-pain",
    "head-forward-posture",
    "strengthen-your-upper-back",
]
SEARCH_SYNONYMS = [
    ("crick", "stiff neck"),
    ("shoulder blades", "upper back"),
    ("slouching", "posture"),
    ("look down", "head forward posture"),
    ("tmj", "jaw"),
]
FEATURED_EXERCISES = ["free-your-neck", "magic-neck-stretch", "baby-rolling", "chin-tucks"]


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.created = []
        self.today = timezone.localdate()

    def _note(self, kind, name, created):
        if created:
            self.created.append(f"{kind}: {name}")
            self.log(f"  created {kind}: {name}")

    @transaction.atomic
    def run(self):
        home, home_created = self.home_page()
        site = self.site(home)
        self.remove_default_welcome_page(home)
        areas = self.body_areas()
        practitioner = self.practitioner()
        self.clinic_settings(site, practitioner)
        exercises = self.exercises(areas)
        article_index = self.child_page(
            home,
            ArticleIndexPage,
            slug="articles",
            title="Articles",
            intro="<p>Self-care notes from the studio: what I suggest between appointments.</p>",
        )
        self.child_page(
            home,
            ExerciseLibraryPage,
            slug="exercises",
            title="Exercises",
            intro="<p>Every exercise I recommend, with a video, the steps and how often.</p>",
        )
        articles = self.articles(article_index, areas, practitioner, exercises)
        self.related_links(articles)
        self.search_synonyms()
        # Two invented clients' home programmes; prints the active one's private address.
        load_demo_plans(self._note, log=self.log)
        testimonials = self.testimonials()
        if home_created:
            self.feature_on_home(home, articles, exercises)
        self.home_sections(home, testimonials)
        return self.created

    # Pages -------------------------------------------------------------------------------

    def home_page(self):
        home = HomePage.objects.first()
        if home is not None:
            return home, False
        root = Page.get_first_root_node()
        # Wagtail's starter "Welcome" page holds the slug "home"; move it aside first.
        Page.objects.child_of(root).filter(slug="home").exclude(
            content_type__model="homepage"
        ).update(slug="welcome-to-wagtail")
        home = HomePage(
            title="Harvest Moon Massage Therapy",
            slug="home",
            seo_title="Harvest Moon Massage Therapy, Decatur",
            search_description="Ashiatsu barefoot massage in Decatur, GA, and self-care "
            "articles and exercises for neck, back and shoulder pain.",
            intro=HOME_INTRO,
            call_to_action=HOME_CALL_TO_ACTION,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        self._note("page", "/", True)
        return home, True

    def site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=CLINIC["clinic_name"],
            )
            self._note("site", site.hostname, True)
        elif site.root_page_id != home.pk or not site.site_name:
            site.root_page = home
            site.site_name = site.site_name or CLINIC["clinic_name"]
            site.save()
        return site

    def remove_default_welcome_page(self, home):
        # Only the untouched starter page: a plain Page with no children and no site.
        for page in Page.objects.filter(depth=2, content_type__model="page").exclude(pk=home.pk):
            if page.content_type.app_label != "wagtailcore" or page.get_children().exists():
                continue
            if Site.objects.filter(root_page=page).exists():
                continue
            self.log(f"  removed Wagtail's default page '{page.title}'")
            page.delete()

    def child_page(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self._note("page", page.get_url() or page.url_path, True)
        return page

    def articles(self, article_index, areas, practitioner, exercises):
        by_slug = {
            page.slug: page for page in ArticlePage.objects.child_of(article_index).specific()
        }

        def exercise(slug):
            return exercises[slug]

        def article(slug):
            return by_slug[slug]

        now = timezone.now()
        for index, spec in enumerate(article_data.ARTICLES):
            if spec["slug"] in by_slug:
                continue
            published = now - timedelta(days=spec["days_ago"], hours=index)
            hero, _ = images.get_or_create_image(
                f"Article hero: {spec['title']}",
                f"hero-{spec['slug']}.jpg",
                lambda variant=spec["hero"], slug=spec["slug"]: images.hero_jpeg(
                    variant, scene=images.ARTICLE_SCENES.get(slug, "")
                ),
            )
            page = ArticlePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                author=practitioner,
                hero_image=hero,
                hero_image_alt=spec["hero_alt"],
                body=spec["body"](exercise, article, published),
                last_reviewed=(published + timedelta(days=10)).date(),
            )
            page.body_areas = [areas[slug] for slug in spec["areas"]]
            article_index.add_child(instance=page)
            page.save_revision().publish()
            # Back-date so the demo has a history: listings sort by first_published_at.
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
            )
            page.revisions.update(created_at=published)
            page.refresh_from_db()
            by_slug[page.slug] = page
            self._note("article", page.get_url() or page.url_path, True)
        return by_slug

    def related_links(self, articles):
        """Set related reading on articles that have none yet (her later edits win)."""
        for slug, related_slugs in article_data.RELATED.items():
            page = articles.get(slug)
            if page is None or page.related_links.exists():
                continue
            page.related_links = [
                RelatedArticle(article=articles[other], sort_order=position)
                for position, other in enumerate(related_slugs)
                if other in articles
            ]
            revision = page.save_revision()
            revision.publish()
            published = page.first_published_at
            ArticlePage.objects.filter(pk=page.pk).update(
                last_published_at=published, latest_revision_created_at=published
            )
            page.revisions.update(created_at=published)

    def home_sections(self, home, testimonials):
        """What the clinic offers, on a home page that has none of it yet (her edits win)."""
        home = HomePage.objects.get(pk=home.pk)
        if home.about or len(home.services) or home.testimonials.exists():
            return
        photo, _ = images.get_or_create_image(
            "The treatment room", "treatment-room.jpg", images.studio_jpeg
        )
        home.heading = home.heading or home_data.HEADING
        home.about_heading = home_data.ABOUT_HEADING
        home.about = home_data.ABOUT
        home.photo = photo
        home.photo_alt = home_data.PHOTO_ALT
        home.services = [("service", service) for service in home_data.SERVICES]
        home.services_note = home_data.SERVICES_NOTE
        home.directions = home_data.DIRECTIONS
        home.testimonials = [
            HomeTestimonial(testimonial=testimonial, sort_order=position)
            for position, testimonial in enumerate(testimonials)
        ]
        home.save_revision().publish()
        self._note("home page sections", "about, services, testimonials, visit", True)

    def testimonials(self):
        found = []
        for spec in home_data.TESTIMONIALS:
            testimonial, created = Testimonial.objects.get_or_create(
                name=spec["name"], defaults=spec
            )
            self._note("testimonial", testimonial.name, created)
            found.append(testimonial)
        return found

    def feature_on_home(self, home, articles, exercises):
        home.featured_articles = [
            HomeFeaturedArticle(article=articles[slug], sort_order=i)
            for i, slug in enumerate(FEATURED_ARTICLES)
            if slug in articles
        ]
        home.featured_exercises = [
            HomeFeaturedExercise(exercise=exercises[slug], sort_order=i)
            for i, slug in enumerate(FEATURED_EXERCISES)
            if slug in exercises
        ]
        home.save_revision().publish()

    # Snippets and settings ---------------------------------------------------------------

    def body_areas(self):
        areas = {}
        for position, (slug, name, description) in enumerate(exercise_data.BODY_AREAS):
            area, created = BodyArea.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "sort_order": position * 10,
                    "when_to_get_help": "\n".join(exercise_data.WHEN_TO_GET_HELP.get(slug, [])),
                },
            )
            self._note("body area", name, created)
            areas[slug] = area
        return areas

    def search_synonyms(self):
        """Words clients use that the articles don't, as the README's search examples show."""
        for term, alternatives in SEARCH_SYNONYMS:
            _, created = Synonym.objects.get_or_create(
                term=term, defaults={"alternatives": alternatives}
            )
            self._note("search synonym", term, created)

    def practitioner(self):
        practitioner, created = Practitioner.objects.get_or_create(
            name=PRACTITIONER["name"], defaults=PRACTITIONER
        )
        if practitioner.photo_id is None:
            practitioner.photo, _ = images.get_or_create_image(
                "Sharon Bryant", "sharon-bryant.jpg", lambda: images.portrait_jpeg("SB")
            )
            practitioner.save(update_fields=["photo"])
        self._note("practitioner", practitioner.name, created)
        return practitioner

    def clinic_settings(self, site, practitioner):
        """Fill in only the blanks, so details she has typed in herself are kept."""
        settings = ClinicSettings.for_site(site)
        changed = False
        for field, value in CLINIC.items():
            if not getattr(settings, field):
                setattr(settings, field, value)
                changed = True
        if settings.practitioner_id is None:
            settings.practitioner = practitioner
            changed = True
        if not len(settings.opening_hours):
            settings.opening_hours = [
                ("hours", {"weekday": day, "opens": opens, "closes": closes})
                for day, opens, closes in OPENING_HOURS
            ]
            changed = True
        if changed:
            settings.save()
            self._note("settings", "clinic settings", True)
        return settings

    def exercises(self, areas):
        found = {exercise.slug: exercise for exercise in Exercise.objects.all()}
        for variant, spec in enumerate(exercise_data.EXERCISES):
            if spec["slug"] in found:
                continue
            url, title = spec["video"]
            # A picture in the exercise's position: on its cards, and as its video's cover.
            picture, _ = images.get_or_create_image(
                f"Exercise: {spec['name']}",
                f"exercise-{spec['slug']}.jpg",
                lambda v=variant, slug=spec["slug"]: images.exercise_jpeg(slug, v),
            )
            video = {
                "url": url,
                "title": title,
                "caption": spec["summary"],
                "poster": picture,
                "length": spec["video_length"],
            }
            exercise = Exercise(
                name=spec["name"],
                slug=spec["slug"],
                summary=spec["summary"],
                image=picture,
                video=[("video", video)],
                steps=[
                    ("step", {"text": text, "video_time": time_in_video})
                    for text, time_in_video in zip(spec["steps"], spec["step_times"], strict=True)
                ],
                difficulty=spec["difficulty"],
                equipment=spec["equipment"],
                cautions=spec["cautions"],
                progress_test=spec["progress_test"],
                last_reviewed=self.today - timedelta(days=30 + variant * 7),
                **spec["dose"],
            )
            exercise.body_areas = [areas[slug] for slug in spec["areas"]]
            exercise.save()
            exercise.save_revision().publish()
            found[exercise.slug] = exercise
            self._note("exercise", exercise.name, True)
        return found
