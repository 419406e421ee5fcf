"""Keep the search index in step with what readers can see.

A publish or unpublish writes the article's search document in its own transaction (which
ArticlePage.publish makes one): a rolled-back publish does not reach the index, and a process
killed right after the commit leaves no live article with a stale document
(baspa/security/tests/test_crash.py). Other changes schedule their work after the commit.
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from baspa.content.models import ArticlePage
from baspa.search import services


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def article_visibility_changed(sender, instance, **kwargs):
    services.article_index(article_id=instance.pk)


@receiver(post_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    transaction.on_commit(partial(services.article_unindex, article_id=instance.pk))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    # A password or login restriction on a section hides every article below it.
    path = instance.page.path
    transaction.on_commit(partial(services.subtree_index, page_path=path))


@receiver(post_page_move)
def page_moved(sender, instance, url_path_after=None, **kwargs):
    # Moving a section changes the paths (section filter) and maybe the visibility below it.
    instance.refresh_from_db(fields=["path"])
    transaction.on_commit(partial(services.subtree_index, page_path=instance.path))
