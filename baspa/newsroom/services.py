"""The newsroom's roles and its editorial workflow.

Author: writes and submits own drafts. Editor: reviews, publishes, schedules and unpublishes
anything. Administrator: everything, including settings and users.
"""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

logger = logging.getLogger(__name__)

AUTHOR, EDITOR, ADMINISTRATOR = "Author", "Editor", "Administrator"
WORKFLOW_NAME = "Editorial review"

# Page permissions on the root of the tree, so they cover every language edition.
PAGE_PERMISSIONS = {
    AUTHOR: ["add"],
    EDITOR: ["add", "change", "publish", "lock", "unlock"],
    ADMINISTRATOR: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
}
# Wagtail checks image permissions against its own Image model's codenames whatever the
# image model is (wagtail.images.get_permission_policy: auth_model="wagtailimages.Image"),
# so these are wagtailimages' permissions, not images.Photo's.
IMAGE_PERMISSIONS = {
    AUTHOR: ["add_image", "choose_image"],
    EDITOR: ["add_image", "change_image", "choose_image"],
    ADMINISTRATOR: ["add_image", "change_image", "delete_image", "choose_image"],
}
MODEL_PERMISSIONS = {
    AUTHOR: [
        "wagtailadmin.access_admin",
        "content.view_authorsnippet",
        "content.view_regionsnippet",
    ],
    EDITOR: [
        "wagtailadmin.access_admin",
        "content.add_authorsnippet",
        "content.change_authorsnippet",
        "content.view_authorsnippet",
        "content.add_regionsnippet",
        "content.change_regionsnippet",
        "content.view_regionsnippet",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        # Wagtail's «Translate» action: a copy in the other locale (baspa.editions tracks it).
        "simple_translation.submit_translation",
    ],
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return found


@transaction.atomic
def newsroom_groups_ensure() -> dict[str, Group]:
    """Create or complete the three newsroom groups. Safe to run any number of times."""
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    if root is None or not Permission.objects.filter(codename="access_admin").exists():
        return {}  # Called before Wagtail's own migrations have run.
    groups = {}
    for name in (AUTHOR, EDITOR, ADMINISTRATOR):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        if name == ADMINISTRATOR:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.add(*_permissions(MODEL_PERMISSIONS[name]))
        for permission_type in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
                ),
            )
        for codename in IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )
    _editorial_workflow_ensure(root=root, editors=groups[EDITOR])
    return groups


def _editorial_workflow_ensure(*, root: Page, editors: Group) -> Workflow:
    """Authors submit to «Editorial review»; Editors approve (publish) or ask for changes."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        task = GroupApprovalTask.objects.create(name="Editor approval")
        task.groups.set([editors])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Wagtail's own starter workflow and groups would only confuse the newsroom.
    WorkflowPage.objects.filter(page=root).exclude(workflow=workflow).delete()
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    return workflow


def scheduled_publish_due() -> None:
    """Publish every scheduled revision whose time has come (Wagtail's own command)."""
    call_command("publish_scheduled", verbosity=0)


def revisions_overdue(*, now=None):
    """Scheduled revisions whose go-live time passed more than the grace period ago.

    While `baspa serve` runs, the scheduler publishes within BASPA_SCHEDULER_INTERVAL; a
    revision still waiting after BASPA_OVERDUE_GRACE means the scheduler is not running.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.BASPA_OVERDUE_GRACE)
    return (
        Revision.page_revisions.filter(approved_go_live_at__lt=cutoff)
        .select_related("user")
        .order_by("approved_go_live_at")
    )


def pages_overdue(*, now=None) -> list[tuple[Page, Revision]]:
    revisions = list(revisions_overdue(now=now))
    pages = Page.objects.in_bulk([int(r.object_id) for r in revisions])
    return [(pages[int(r.object_id)].specific, r) for r in revisions if int(r.object_id) in pages]


def scheduler_round(interval: int = 0) -> None:
    """One round of the scheduler: publish due articles; send the Telegram posts that wait
    for a retry (baspa.distribution); redo the cache purges that failed or never ran
    (baspa.pagecache.purges); make a batch of the image sizes an import queued
    (baspa.images.renditions). A job that fails is logged and tried again next round."""
    from baspa.distribution.services import telegram_due_deliver
    from baspa.images.renditions import backlog_work
    from baspa.pagecache.purges import purges_pending_run

    jobs = [
        (scheduled_publish_due, "Scheduled publishing failed"),
        (telegram_due_deliver, "Telegram retries failed"),
        (purges_pending_run, "Cache purge retries failed"),  # the database may be down
        (backlog_work, "Queued image sizes failed"),
    ]
    for job, failure in jobs:
        try:
            job()
        except Exception:  # noqa: BLE001 - one failing job must not stop the others
            logger.exception("%s; retrying in %s s", failure, interval)


def scheduler_run(*, interval: int, keep_going=lambda: True) -> None:
    """`scheduler_round` every `interval` seconds for as long as `keep_going()` says."""
    from django.db import close_old_connections

    while keep_going():
        scheduler_round(interval)
        time.sleep(max(1, interval))
        # Long-lived: drop connections the database may have closed meanwhile.
        close_old_connections()


def scheduler_start_thread() -> threading.Thread:
    """The scheduler inside a web worker: used when the page cache is in local memory, so a
    publish purges the very cache that worker serves from (docs/decisions/0001)."""
    thread = threading.Thread(
        target=scheduler_run,
        kwargs={"interval": settings.BASPA_SCHEDULER_INTERVAL},
        name="baspa-scheduler",
        daemon=True,
    )
    thread.start()
    return thread
