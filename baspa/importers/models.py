"""What an import made from what, keyed by the WordPress site and the item's own id there.

A re-run finds its earlier work through these rows: the same post updates its article instead
of adding a second one, an unchanged post is skipped, an interrupted run resumes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WordPressSite(models.Model):
    """A WordPress site an export came from, by its address (`wp:base_site_url`)."""

    url = models.CharField(_("address"), max_length=500, unique=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    first_imported_at = models.DateTimeField(_("first imported at"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported at"), auto_now=True)

    class Meta:
        verbose_name = _("WordPress site")
        verbose_name_plural = _("WordPress sites")

    def __str__(self):
        return self.url


class ImportedAuthor(models.Model):
    site = models.ForeignKey(WordPressSite, on_delete=models.CASCADE, related_name="authors")
    login = models.CharField(max_length=120)
    author = models.ForeignKey(
        "content.AuthorSnippet", on_delete=models.CASCADE, related_name="wordpress_logins"
    )

    class Meta:
        unique_together = [("site", "login")]

    def __str__(self):
        return self.login


class ImportedTerm(models.Model):
    """A category (→ a section of one language edition) or a tag (→ a Baspa tag)."""

    site = models.ForeignKey(WordPressSite, on_delete=models.CASCADE, related_name="terms")
    taxonomy = models.CharField(max_length=32)
    slug = models.CharField(max_length=200)
    # A category used by Kazakh and Russian posts becomes a section in each edition.
    language = models.CharField(max_length=8, blank=True)
    term_id = models.BigIntegerField(null=True, blank=True)
    section = models.ForeignKey(
        "content.SectionPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="wordpress_terms",
    )
    tag = models.ForeignKey(
        "content.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        unique_together = [("site", "taxonomy", "slug", "language")]

    def __str__(self):
        return f"{self.taxonomy}:{self.slug}"


class ImportedAttachment(models.Model):
    site = models.ForeignKey(WordPressSite, on_delete=models.CASCADE, related_name="attachments")
    post_id = models.BigIntegerField()
    # Relative to wp-content/uploads, e.g. "2024/05/saiabaq.jpg": images in post HTML are
    # found by this when they carry no wp-image-<id> class.
    file = models.CharField(max_length=500, db_index=True)
    photo = models.ForeignKey(
        "images.Photo", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=40)

    class Meta:
        unique_together = [("site", "post_id")]

    def __str__(self):
        return f"attachment {self.post_id}"


class ImportedArticle(models.Model):
    site = models.ForeignKey(WordPressSite, on_delete=models.CASCADE, related_name="articles")
    post_id = models.BigIntegerField()
    page = models.ForeignKey(
        "content.ArticlePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A hash of everything the article is made from: unchanged on a re-run → skipped.
    fingerprint = models.CharField(max_length=40)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("site", "post_id")]

    def __str__(self):
        return f"post {self.post_id}"
