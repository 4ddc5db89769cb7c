"""Body areas, practitioners and the clinic settings move here from the "home" app.

The tables stay where they are (``db_table`` keeps the old names), so this migration changes
only Django's picture of which app owns them. Their content types are renamed rather than
replaced, so every permission, revision, reference and search index entry that points at them
keeps pointing at the same rows.
"""

import django.core.validators
import django.db.models.deletion
import modelsearch.index
import wagtail.fields
import wagtail.models.preview
from django.db import migrations, models


MOVED_MODELS = ("bodyarea", "practitioner", "clinicsettings")


def adopt_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        old = ContentType.objects.using(db).filter(app_label="home", model=model).first()
        if old is None:  # a fresh install: migrate creates the content types afterwards
            continue
        # A stray new one (made by an earlier, interrupted run) would block the rename.
        ContentType.objects.using(db).filter(app_label="core", model=model).delete()
        old.app_label = "core"
        old.save(update_fields=["app_label"])


def return_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="core", model__in=MOVED_MODELS).update(
        app_label="home"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("home", "0003_reword_default_disclaimer"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                    migrations.CreateModel(
                        name='BodyArea',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('name', models.CharField(help_text="For example 'Upper back'.", max_length=60, unique=True)),
                            ('slug', models.SlugField(help_text="The web address of this area's page, for example 'upper-back'.", max_length=60, unique=True)),
                            ('description', models.TextField(blank=True, help_text="Optional. One or two sentences shown on this area's page.", max_length=400)),
                            ('sort_order', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers are listed first, from head to toe.')),
                        ],
                        options={
                            'verbose_name': 'body area',
                            'db_table': 'home_bodyarea',
                            'ordering': ['sort_order', 'name'],
                        },
                        bases=(modelsearch.index.Indexed, models.Model),
                    ),
                    migrations.CreateModel(
                        name='Practitioner',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('name', models.CharField(help_text='As visitors should see it.', max_length=120)),
                            ('role', models.CharField(blank=True, help_text="For example 'Licensed massage therapist'.", max_length=120)),
                            ('credentials', models.CharField(blank=True, help_text="Optional. For example 'LMT, Ashiatsu practitioner'.", max_length=200)),
                            ('bio', wagtail.fields.RichTextField(blank=True, help_text='A few friendly sentences about you, shown under your articles.')),
                            ('photo', models.ForeignKey(blank=True, help_text='Optional. A friendly head-and-shoulders photo.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailimages.image')),
                        ],
                        options={
                            'db_table': 'home_practitioner',
                            'ordering': ['name'],
                        },
                        bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
                    ),
                    migrations.CreateModel(
                        name='ClinicSettings',
                        fields=[
                            ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                            ('clinic_name', models.CharField(default='Harvest Moon Massage Therapy', help_text='Shown in the header of every page.', max_length=120)),
                            ('tagline', models.CharField(blank=True, help_text="A short line under the clinic's name.", max_length=200)),
                            ('phone', models.CharField(blank=True, help_text='As visitors should read it, for example (404) 555-0142. Phones dial it in one tap.', max_length=40)),
                            ('email', models.EmailField(blank=True, help_text='Optional. Shown in the footer.', max_length=254)),
                            ('address', models.TextField(blank=True, help_text='Street, town and postcode, one per line.', max_length=400)),
                            ('opening_hours', wagtail.fields.StreamField([('hours', 3)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': [('0', 'Monday'), ('1', 'Tuesday'), ('2', 'Wednesday'), ('3', 'Thursday'), ('4', 'Friday'), ('5', 'Saturday'), ('6', 'Sunday')], 'help_text': 'The day you are open.'}), 1: ('wagtail.blocks.TimeBlock', (), {'help_text': 'When you open that day.'}), 2: ('wagtail.blocks.TimeBlock', (), {'help_text': 'When you close that day.'}), 3: ('wagtail.blocks.StructBlock', [[('weekday', 0), ('opens', 1), ('closes', 2)]], {})}, help_text="Add one row for each day you are open. The site says 'Open now' during them.")),
                            ('hours_note', models.CharField(blank=True, help_text="Optional. For example 'Evenings by appointment'.", max_length=200)),
                            ('booking_url', models.URLField(blank=True, help_text="The address of your online booking page. Every 'Book online' button uses it.")),
                            ('default_safety_note', wagtail.fields.RichTextField(blank=True, default='<p>Be gentle with yourself. Go slow, and if anything hurts or feels wrong, stop.</p>', help_text='Used by every safety callout you leave empty.')),
                            ('default_disclaimer', wagtail.fields.RichTextField(blank=True, default="<p>I'm a massage therapist, not a doctor, and nothing on this site replaces medical advice. Listen to your body and see a doctor when you need to.</p>", help_text='The fine print used by every fine-print callout you leave empty.')),
                            ('related_reading_count', models.PositiveSmallIntegerField(default=3, help_text="How many articles to suggest under 'Related reading'. Your own picks come first; the site fills the rest with articles about the same areas and exercises.", validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(12)])),
                            ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                            ('practitioner', models.ForeignKey(blank=True, help_text='The main therapist. New articles are credited to them unless you pick another.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.practitioner')),
                        ],
                        options={
                            'verbose_name': 'clinic settings',
                            'db_table': 'home_clinicsettings',
                        },
                        bases=(wagtail.models.preview.PreviewableMixin, models.Model),
                    ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(adopt_content_types, return_content_types),
    ]
