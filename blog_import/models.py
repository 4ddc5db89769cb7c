"""What the blog import remembers: which WordPress post became which article."""

from django.db import models


class ImportedPost(models.Model):
    """One post of the old blog, brought across once: a second import of the same export finds
    it here by its GUID and leaves the article alone."""

    guid = models.CharField(
        max_length=500,
        unique=True,
        help_text="The post's permanent id in the old blog (WordPress calls it the GUID).",
    )
    page = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        # If she deletes the article, the import remembers that and does not bring it back.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The article the post became.",
    )
    old_path = models.CharField(
        max_length=500,
        blank=True,
        help_text="The post's address on the old blog, which now redirects to the article.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "imported blog post"
        ordering = ["-imported_at", "pk"]

    def __str__(self):
        return self.old_path or self.guid
