"""Body areas and practitioners now belong to the core app; same tables, so only the state changes."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_editor_help_text'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.AlterField(
                        model_name='articlepage',
                        name='author',
                        field=models.ForeignKey(blank=True, help_text='Who wrote this. Shown under the title.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles', to='core.practitioner'),
                    ),
                    migrations.AlterField(
                        model_name='articlepage',
                        name='body_areas',
                        field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Tick every area this article is about. Visitors filter by these.', related_name='articles', to='core.bodyarea'),
                    ),
            ],
            database_operations=[],
        ),
    ]
