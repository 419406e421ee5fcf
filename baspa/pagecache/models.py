from django.db import models
from wagtail.models import Page


class PublishedTags(models.Model):
    """The cache tags of an article as last published, so that the next change also purges
    the pages it no longer appears on (an author removed from the byline, a tag taken off)."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    tags = models.JSONField(default=list)

    def __str__(self):
        return f"{self.page_id}: {len(self.tags)} tags"


class PendingPurge(models.Model):
    """A purge written in the transaction of the change that needs it and deleted once done
    (baspa.pagecache.purges): a row left behind is a purge that failed or never ran, and is
    retried."""

    tags = models.JSONField(default=list)
    # Front-cache addresses, worked out before the commit (a moved page's old address).
    urls = models.JSONField(default=list)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.pk}: {len(self.tags)} tags, {len(self.urls)} addresses"
