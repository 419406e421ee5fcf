"""Crash safety (issue 9, point 9): a real `baspa` process publishing a new revision of an
article is killed with SIGKILL in the middle; what is live afterwards is the old version or
the new one, whole — page row, byline, tags, live revision, search document and published
tags agree — and the page tree and Django's checks are clean. On SQLite and PostgreSQL.

The pause that holds the publish open is test-only (baspa/security/crashpoint.py): it is
connected only when BASPA_TEST_CRASH_PAUSE is set, which only this test does.
"""

import os
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, PageLogEntry

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_author
from baspa.newsroom.tests.test_scheduling import database_url
from baspa.pagecache.models import PendingPurge, PublishedTags
from baspa.pagecache.tags import article_tags
from baspa.search.models import SearchDocument
from baspa.search.services import article_index, document_build

OLD = {"title": "Ескі тақырып", "lead": "Ескі лид мәтіні.", "tag": "ескі"}
NEW = {"title": "Жаңа тақырып", "lead": "Жаңа лид мәтіні.", "tag": "жаңа"}

PUBLISH = """
from baspa.content.models import ArticleAuthorRelationship, ArticlePage, AuthorSnippet
article = ArticlePage.objects.get(pk={pk})
article.title, article.lead = {title!r}, {lead!r}
article.tags.set([{tag!r}])
article.byline = [ArticleAuthorRelationship(author=AuthorSnippet.objects.get(pk={author}))]
article.save_revision().publish()
print("published")
"""


def version(article: ArticlePage) -> dict:
    return {
        "title": article.title,
        "lead": article.lead,
        "tag": ",".join(sorted(tag.name for tag in article.tags.all())),
        "authors": [author.pk for author in article.authors],
    }


def assert_consistent(article: ArticlePage) -> None:
    live = article.live_revision.as_object()
    assert (live.title, live.lead) == (article.title, article.lead)  # live revision = page row
    assert PageLogEntry.objects.filter(
        page=article, action="wagtail.publish", revision=article.live_revision
    ).exists()
    assert PublishedTags.objects.get(page=article).tags == sorted(article_tags(article))
    stored = SearchDocument.objects.get(article=article)
    fresh = document_build(article)
    for field in ("title_terms", "body_terms", "text"):
        assert getattr(stored, field) == getattr(fresh, field), field
    assert not any(Page.find_problems()), Page.find_problems()  # what `baspa fixtree` checks
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "moment",
    [
        # As the log entry is written: the last step of the publish, everything else done.
        "log",
        # After the commit, before anything that runs after it (purges, search, Telegram).
        "commit",
    ],
)
def test_a_publish_killed_midway_leaves_the_old_or_the_new_version_whole(
    client, politics, tmp_path, moment, own_redis
):
    first, second = make_author("Бірінші автор"), make_author("Екінші автор")
    article = make_article(
        politics, OLD["title"], lead=OLD["lead"], tags=[OLD["tag"]], authors=[first]
    )
    article_index(article_id=article.pk)
    old = version(article)
    # Readers have the old version cached, in the Redis the publishing process uses too.
    for url in (article.url, "/"):
        client.get(url)
        assert OLD["title"] in client.get(url).content.decode()
    marker = tmp_path / "paused"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baspa.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": own_redis.url,
        "BASPA_TEST_CRASH_PAUSE": str(marker),
        "BASPA_TEST_CRASH_MOMENT": moment,
    }
    code = PUBLISH.format(pk=article.pk, author=second.pk, **NEW)
    worker = subprocess.Popen(
        [sys.executable, "-m", "baspa", "shell", "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the publish never reached the pause"
            time.sleep(0.05)
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    connection.close()  # a fresh connection, as the next process would open

    article = ArticlePage.objects.get(pk=article.pk)
    now = version(article)
    expected_new = {
        "title": NEW["title"],
        "lead": NEW["lead"],
        "tag": NEW["tag"],
        "authors": [second.pk],
    }
    assert now in (old, expected_new), now  # never a mix
    assert article.live
    if moment == "log":
        assert now == old  # the publish had not committed
    else:
        assert now == expected_new  # it had
    assert_consistent(article)

    # The purges: written in the publish's transaction (baspa.pagecache.purges), so gone with
    # it, or committed with it and left undone by the kill, until the scheduler's next run.
    pending = list(PendingPurge.objects.values_list("tags", flat=True))
    shown = now["title"]
    if moment == "log":
        assert pending == []
    else:
        assert len(pending) == 1 and article_tags(article) <= set(pending[0])
        for url in (article.url, "/"):
            assert OLD["title"] in client.get(url).content.decode()  # stale until then
        call_command("run_scheduler", once=True)
        assert not PendingPurge.objects.exists()
    gone = OLD["title"] if shown == NEW["title"] else NEW["title"]
    for url in (article.url, "/"):
        page = client.get(url).content.decode()
        assert shown in page and gone not in page, url
