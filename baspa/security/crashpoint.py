"""TEST-ONLY: a pause inside the publish path, so that a test can kill a real `baspa`
process in the middle of publishing (baspa/security/tests/test_crash.py).

Nothing here is connected unless the environment variable BASPA_TEST_CRASH_PAUSE names a file
when Django starts; no production setting or command sets it. With it set, a publish pauses
at one of two moments (BASPA_TEST_CRASH_MOMENT):

- `log`: as the publish's log entry is written, the last thing Wagtail does, after the page
  row, byline, tags and every page_published receiver (published tags, search document,
  Telegram outbox);
- `commit`: right after the commit of the article's rows, before any `on_commit` work
  (registered at the first byline row the publish writes — only a full save, a publish,
  writes them — so it runs before the purges, search or Telegram work registered later).

The pause writes the file, then sleeps until the test kills the process.
"""

import os
import time
from pathlib import Path

VARIABLE = "BASPA_TEST_CRASH_PAUSE"


def install() -> None:
    marker = os.environ.get(VARIABLE)
    if not marker:
        return
    from django.db import transaction
    from django.db.models.signals import post_save
    from wagtail.models import PageLogEntry

    from baspa.content.models import ArticleAuthorRelationship

    path = Path(marker)
    moment = os.environ.get("BASPA_TEST_CRASH_MOMENT", "log")
    armed = [True]

    def pause():
        path.write_text(str(os.getpid()))
        time.sleep(600)  # the test kills this process long before

    def on_byline_row(sender, instance, **kwargs):
        if armed[0] and moment == "commit":
            armed[0] = False
            # Registered now, this runs first of everything the publish leaves for the commit.
            transaction.on_commit(pause)

    def on_log_entry(sender, instance, created=False, **kwargs):
        if armed[0] and moment == "log" and created and instance.action == "wagtail.publish":
            armed[0] = False
            pause()

    post_save.connect(
        on_byline_row, sender=ArticleAuthorRelationship, weak=False, dispatch_uid="crash-1"
    )
    post_save.connect(on_log_entry, sender=PageLogEntry, weak=False, dispatch_uid="crash-2")
