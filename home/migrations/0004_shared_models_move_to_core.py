"""The home app lets go of the models core/migrations/0001_initial.py took over: their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_body_areas_and_authors_from_core'),
        ('exercises', '0004_body_areas_from_core'),
        ('home', '0003_reword_default_disclaimer'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.DeleteModel(
                        name='BodyArea',
                    ),
                    migrations.RemoveField(
                        model_name='practitioner',
                        name='photo',
                    ),
                    migrations.DeleteModel(
                        name='ClinicSettings',
                    ),
                    migrations.DeleteModel(
                        name='Practitioner',
                    ),
            ],
            database_operations=[],
        ),
    ]
