"""Create the demo logins: `admin` (superuser) and `therapist` (an editor without user admin)."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

# Shown on screen by `make run`; only ever used for local demo databases.
DEFAULT_DEMO_PASSWORD = "harvest-moon-demo"  # noqa: S105
EDITORS_GROUP = "Editors"

# Model permissions (app_label, codename) for everything she edits outside the page tree.
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("exercises", "add_exercise"),
    ("exercises", "change_exercise"),
    ("exercises", "delete_exercise"),
    ("exercises", "publish_exercise"),
    ("exercises", "lock_exercise"),
    ("exercises", "unlock_exercise"),
    # Home programmes: her clients' plans and the check-ins they send.
    ("plans", "add_plan"),
    ("plans", "change_plan"),
    ("plans", "delete_plan"),
    ("core", "add_practitioner"),
    ("core", "change_practitioner"),
    ("core", "delete_practitioner"),
    ("core", "add_bodyarea"),
    ("core", "change_bodyarea"),
    ("core", "delete_bodyarea"),
    ("core", "change_clinicsettings"),
    # Clients' words she picks for the home page.
    ("home", "add_testimonial"),
    ("home", "change_testimonial"),
    ("home", "delete_testimonial"),
    # Search: her synonyms ("crick" -> "stiff neck") and editor's picks for a query.
    ("search", "add_synonym"),
    ("search", "change_synonym"),
    ("search", "delete_synonym"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]
# On the home page and everything under it. Locking lets her keep a half-edited page to herself.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# On the root collection, so on every image.
EDITOR_IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


class Command(BaseCommand):
    help = "Create or reset the demo logins 'admin' and 'therapist' (password: $DEMO_PASSWORD)."

    @transaction.atomic
    def handle(self, *args, **options):
        password = demo_password()
        editors = setup_editors_group()
        User = get_user_model()

        admin, _ = User.objects.get_or_create(username="admin")
        admin.is_staff = admin.is_superuser = admin.is_active = True
        admin.email = admin.email or "admin@harvestmoonmassage.example"
        admin.set_password(password)
        admin.save()

        therapist, _ = User.objects.get_or_create(username="therapist")
        therapist.is_staff = therapist.is_superuser = False
        therapist.is_active = True
        therapist.first_name, therapist.last_name = "Sharon", "Bryant"
        therapist.email = therapist.email or "sharon@harvestmoonmassage.example"
        therapist.set_password(password)
        therapist.save()
        therapist.groups.add(editors)

        source = "from DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else "default"
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin: {admin_url}\n"
                f"  superuser: admin / {password}\n"
                f"  editor:    therapist / {password}   (password: {source})\n"
            )
        )


def setup_editors_group():
    """The Editors group with exactly what the therapist needs (no users or groups)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, codename in EDITOR_MODEL_PERMISSIONS:
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    # Pages: from the site's home page down. Fall back to the tree root before demo content.
    from home.models import HomePage

    top = HomePage.objects.first() or Page.get_first_root_node()
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=top,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for codename in EDITOR_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    return editors
