from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from baspa.content.models import ArticlePage
from baspa.content.renditions import article_renditions_task


@receiver(page_published, sender=ArticlePage)
def prepare_renditions(sender, instance, **kwargs):
    # In-process on the embedded default; on a task worker when one is configured.
    transaction.on_commit(lambda: article_renditions_task.enqueue(instance.pk))
