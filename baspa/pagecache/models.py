from django.db import models
from wagtail.models import Page


class PublishedTags(models.Model):
    """The cache tags of an article as last published, so that the next change also purges
    the pages it no longer appears on (an author removed from the byline, a tag taken off)."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    tags = models.JSONField(default=list)

    def __str__(self):
        return f"{self.page_id}: {len(self.tags)} tags"
