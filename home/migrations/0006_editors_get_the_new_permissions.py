"""A running site's Editors group gets the permissions a fresh install gives it for what came
after it was set up (home/management/commands/setup_demo_users.py): her clients' plans and the
testimonials on the home page, so the therapist sees them right after the upgrade. Sites without
an Editors group are left alone."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEW_EDITOR_PERMISSIONS = {
    "plans": ["add_plan", "change_plan", "delete_plan"],
    "home": ["add_testimonial", "change_testimonial", "delete_testimonial"],
}


def grant_to_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for app_label, codenames in NEW_EDITOR_PERMISSIONS.items():
        # Permissions are normally made after every migration has run; make these now.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_home_page_sells_the_clinic"),
        ("plans", "0001_home_programmes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_to_editors, migrations.RunPython.noop)]
