"""Purges that outlive a failure: a transactional outbox for the page cache.

A change to content purges the tags it touches after its transaction commits, never before
(a reader arriving in between would get the old page cached again). The purge is also written
down inside that transaction, as a PendingPurge row; after the commit it runs and deletes the
row. If Redis (or the front cache) does not answer, or the process dies between the commit
and the purge, the row stays, and is retried by the scheduler loop (`baspa run_scheduler`)
and by this process before its next purge. Before, such a purge was lost: pages stayed stale
for their minute and shared fragments for up to an hour (docs/security.md, points 9 and 11).

The cost is one insert and one delete per purge.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from baspa.pagecache import front, store
from baspa.pagecache.models import PendingPurge

logger = logging.getLogger(__name__)

# Whether rows may be waiting that this process has not retried: true at start (another
# process may have died leaving one) and after one of its own purges failed.
_unfinished = [True]


def purge_on_commit(tags) -> None:
    """Purge `tags` once the current transaction commits (at once outside one)."""
    tags = sorted(set(tags))
    if not tags:
        return
    # Front-cache addresses now, while a deleted or moved page still has its old one.
    urls = sorted(front.tag_urls(tags)) if settings.BASPA_FRONT_CACHE_PURGE_URL else []
    row = PendingPurge.objects.create(tags=tags, urls=urls)
    # Robust: the change is committed whatever happens here; a failure leaves the row.
    transaction.on_commit(lambda: _after_commit(row), robust=True)


def _after_commit(row: PendingPurge) -> None:
    if _unfinished[0]:
        purges_pending_run()  # this row is committed: it is among them
        return
    left = _purge(row.tags, row.urls)
    if left is None:
        PendingPurge.objects.filter(pk=row.pk).delete()
        return
    _unfinished[0] = True
    if not left[0]:
        PendingPurge.objects.filter(pk=row.pk).update(tags=[])


def _purge(tags, urls) -> tuple[list, list] | None:
    """Purges the page cache, then the front cache; what is left to do, or None."""
    if tags and not store.tags_purge(tags):
        # Not the front cache either: it would fetch the stale pages again from ours.
        return list(tags), list(urls)
    if urls and not front.urls_purge(urls):
        return [], list(urls)
    return None


def purges_pending_run(*, now=None) -> int:
    """Retry every purge that failed or never ran, as one; how many still wait."""
    rows = list(PendingPurge.objects.all())
    if not rows:
        _unfinished[0] = False
        return 0
    # Everything an older purge would reach has expired meanwhile: dropped, not retried.
    oldest = (now or timezone.now()) - timedelta(seconds=store.longest_lifetime())
    expired = [row.pk for row in rows if row.created < oldest]
    waiting = [row for row in rows if row.created >= oldest]
    tags = sorted({tag for row in waiting for tag in row.tags})
    urls = sorted({url for row in waiting for url in row.urls})
    left = _purge(tags, urls) if waiting else None
    if left is None:
        PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
        _unfinished[0] = False
        return 0
    if expired:
        PendingPurge.objects.filter(pk__in=expired).delete()
    if not left[0]:
        PendingPurge.objects.filter(pk__in=[row.pk for row in waiting]).update(tags=[])
    _unfinished[0] = True
    logger.warning("%s cache purges could not be done; retrying later", len(waiting))
    return len(waiting)
