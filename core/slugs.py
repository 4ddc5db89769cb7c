"""Web addresses made from names, so an editor never has to invent one."""

from django.utils.text import slugify


def unique_slug(instance, source, field="slug"):
    """A slug for ``instance`` made from ``source`` ("Chin Tucks" -> "chin-tucks"), with "-2",
    "-3"... added when another row of the same model already has it."""
    model = type(instance)
    max_length = model._meta.get_field(field).max_length
    base = slugify(source or "")[:max_length].strip("-") or model._meta.model_name
    others = (
        model._default_manager.exclude(pk=instance.pk) if instance.pk else model._default_manager
    )
    slug, number = base, 1
    while others.filter(**{field: slug}).exists():
        number += 1
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
    return slug


class SlugFromNameMixin:
    """Fills an empty ``slug`` from ``name`` when the object is validated or saved."""

    def fill_slug(self):
        if not (self.slug or "").strip():
            self.slug = unique_slug(self, self.name)

    def clean(self):
        super().clean()
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        return super().save(*args, **kwargs)
