from django.db import migrations, models

import core.models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_slug_filled_from_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="bodyarea",
            name="when_to_get_help",
            field=models.TextField(
                blank=True,
                help_text="Optional. Signs that mean someone should see a doctor before trying "
                "these exercises, one per line, for example 'Your arm goes numb or weak'. Shown "
                "on this area's page, on its articles and exercises, and on printed sheets. "
                "Leave empty to show nothing.",
                max_length=1200,
                validators=[core.models.validate_help_signs],
                verbose_name="When to get help",
            ),
        ),
    ]
