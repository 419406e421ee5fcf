"""The search index: one analysed row per article that anonymous readers may see.

The row holds the terms `baspa.search.analysis` made at publish time and the few fields the
filters and the freshness boost need, so a search reads this table and its full-text index
only. The full-text index itself is not a Django model: an FTS5 table kept in step by
triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL (migration
0002, docs/decisions/0003-search.md).
"""

from django.db import models


class SearchDocument(models.Model):
    article = models.OneToOneField(
        "content.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    language = models.CharField(max_length=8)
    # The article's tree path: a section filter is a prefix match on it (descendant_of).
    path = models.CharField(max_length=255)
    region = models.ForeignKey(
        "content.RegionSnippet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField()
    title_terms = models.TextField()
    body_terms = models.TextField()
    # Plain text of the lead and body, for snippets; the headline is read from the page.
    text = models.TextField()
    indexed_at = models.DateTimeField()

    def __str__(self):
        return f"search document {self.pk}"


class ReindexRun(models.Model):
    """A `baspa reindex` run; an unfinished one is resumed from `last_article_id`."""

    started_at = models.DateTimeField()
    last_article_id = models.BigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"reindex run {self.pk}"
