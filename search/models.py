"""Search vocabulary the therapist manages, and a daily count of searches that found nothing."""

from django.db import models
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from .text import WORD_RE


class Synonym(models.Model):
    """A word visitors use that the articles don't: "crick" should also find "stiff neck"."""

    term = models.CharField(
        max_length=100,
        unique=True,
        help_text="What visitors type, for example 'crick' or 'shoulder blades'.",
    )
    alternatives = models.CharField(
        max_length=300,
        help_text="What to search for as well, separated by commas, for example "
        "'stiff neck, neck pain'. Your articles are not changed.",
    )

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.alternatives}"

    def save(self, *args, **kwargs):
        self.term = " ".join(WORD_RE.findall(self.term.lower()))
        super().save(*args, **kwargs)

    @property
    def alternative_list(self):
        return [alt.strip() for alt in self.alternatives.split(",") if alt.strip()]


class ZeroResultSearch(models.Model):
    """How many times a day a query found nothing (Wagtail's query log counts every search)."""

    query_string = models.CharField(max_length=255)
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query_string", "date"], name="unique_zero_result_day")
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.query_string} ({self.date}: {self.hits})"

    @classmethod
    def record(cls, query_string):
        normalised = normalise_query_string(query_string)[:255]
        if not normalised:
            return
        from .query_log import add_hit

        add_hit(cls.objects.all(), query_string=normalised, date=timezone.localdate())
