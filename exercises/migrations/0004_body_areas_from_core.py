"""Body areas now belong to the core app; same table, same column, so only the state changes."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('exercises', '0003_required_field_help'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.AlterField(
                        model_name='exercise',
                        name='body_areas',
                        field=modelcluster.fields.ParentalManyToManyField(blank=True, help_text='Tick every area this exercise helps. Visitors filter by these.', related_name='exercises', to='core.bodyarea'),
                    ),
            ],
            database_operations=[],
        ),
    ]
