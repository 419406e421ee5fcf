"""Scheduled publishing cannot silently fail: `baspa serve` publishes on time, and anything
overdue is flagged to editors in the admin."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.users.models import UserProfile

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article


def schedule(article: ArticlePage, when) -> None:
    """What the admin does when an editor schedules an article: an approved future revision."""
    article.go_live_at = when
    article.save_revision(approved_go_live_at=when)


@pytest.fixture
def editor_client(client, homes):
    user = get_user_model().objects.create_superuser("chief", password="x")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "kk"})
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_scheduler_publishes_due_articles(politics):
    due = make_article(politics, "Уақыты келген мақала", live=False)
    schedule(due, timezone.now() - timedelta(seconds=5))
    later = make_article(politics, "Ертеңгі мақала", live=False)
    schedule(later, timezone.now() + timedelta(days=1))
    call_command("run_scheduler", once=True)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and not later.live


@pytest.mark.django_db
def test_overdue_articles_are_flagged_on_the_dashboard_and_the_edit_page(editor_client, politics):
    overdue = make_article(politics, "Кешіккен мақала", live=False)
    schedule(overdue, timezone.now() - timedelta(minutes=10))
    soon = make_article(politics, "Жақында шығатын мақала", live=False)
    schedule(soon, timezone.now() + timedelta(minutes=10))

    dashboard = editor_client.get("/admin/").content.decode()
    assert "data-baspa-overdue" in dashboard
    assert "Уақытында жарияланбаған жоспарлы мақалалар" in dashboard
    assert "Кешіккен мақала" in dashboard and "Жақында шығатын мақала" not in dashboard

    edit = editor_client.get(f"/admin/pages/{overdue.pk}/edit/", follow=True).content.decode()
    assert "әлі жарияланған жоқ" in edit
    assert (
        "әлі жарияланған жоқ"
        not in editor_client.get(f"/admin/pages/{soon.pk}/edit/").content.decode()
    )


@pytest.mark.django_db
def test_no_flag_when_nothing_is_overdue(editor_client, politics):
    assert "data-baspa-overdue" not in editor_client.get("/admin/").content.decode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_baspa_serve_alone_publishes_on_time(politics):
    """Nothing but `baspa serve` runs: a due article goes live and is served."""
    article = make_article(politics, "Серверде жарияланатын мақала", live=False)
    schedule(article, timezone.now() + timedelta(seconds=10))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "baspa.settings.test",
        "DATABASE_URL": database_url(),
        "BASPA_SCHEDULER_INTERVAL": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "baspa", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        home = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the server is up, its home page cached
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(home, timeout=5) as response:
                    assert "Серверде жарияланатын" not in response.read().decode()
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
        body = ""
        while time.monotonic() < deadline:
            time.sleep(1)
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/sayasat/{article.slug}/", timeout=5
                ) as response:
                    body = response.read().decode()
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-3000:]
        assert "Серверде жарияланатын мақала" in body
        # The publish purged the cached home page in the serving process.
        with urllib.request.urlopen(home, timeout=5) as response:
            assert "Серверде жарияланатын мақала" in response.read().decode()
        article.refresh_from_db()
        assert article.live
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert settings.BASPA_SCHEDULER_INTERVAL  # the default stays on for real sites
