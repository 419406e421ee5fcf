"""The page cache's outbox (baspa.pagecache.purges): a purge is written in the transaction of
the change that needs it and deleted once done; what Redis or a kill left undone is redone
by the scheduler (baspa/security/tests: test_faults.py and test_crash.py)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.pagecache import store
from baspa.pagecache.models import PendingPurge
from baspa.pagecache.tags import article_tags


@pytest.mark.django_db
def test_a_publish_writes_its_purge_in_its_transaction_and_deletes_it_when_done(
    politics, author, django_capture_on_commit_callbacks
):
    article = make_article(politics, "Тазартылатын хабар", authors=[author])
    PendingPurge.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        edited = ArticlePage.objects.get(pk=article.pk)
        edited.title = "Жаңартылған хабар"
        edited.save_revision().publish()
        (row,) = PendingPurge.objects.all()  # one row per publish, before the commit
        assert article_tags(edited) <= set(row.tags)
    assert not PendingPurge.objects.exists()


@pytest.mark.django_db
def test_a_purge_older_than_anything_cached_is_dropped_not_redone(homes):
    # Everything it would purge has expired (store.longest_lifetime): nothing to redo.
    before = store.generations({"article:1"})
    PendingPurge.objects.create(tags=["article:1"])
    PendingPurge.objects.update(
        created=timezone.now() - timedelta(seconds=store.longest_lifetime() + 1)
    )
    call_command("run_scheduler", once=True)
    assert not PendingPurge.objects.exists()
    assert store.generations({"article:1"}) == before
