"""Faults (issue 9, point 11), the part that fits in CI: Redis stopped and started again
under a running site (a redis-server of the test's own on a free port — never the shared
one), and the database unreachable and back. Readers keep getting pages, editors get a clear
error for what could not be saved, and the site recovers by itself. The load test against
`baspa serve` with its own PostgreSQL cluster restarted is bench/faults/run.py
(docs/security.md)."""

import shutil
import socket
import subprocess
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.pagecache import store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A throwaway redis-server: no disk, its own port."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = OwnRedis().start()
    location = f"redis://127.0.0.1:{redis.port}/0"
    settings.CACHES = {
        **settings.CACHES,
        **{
            alias: {
                "BACKEND": "baspa.core.cache.RedisCache",
                "LOCATION": location,
                "KEY_PREFIX": f"faults-{alias}",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            }
            for alias in ("default", "pages")
        },
    }
    yield redis
    if redis.process.poll() is None:
        redis.stop()


def was_hit(response) -> bool:
    return getattr(response.wsgi_request, "pagecache", None) == "hit"


@pytest.mark.django_db
def test_readers_and_editors_carry_on_while_redis_is_down_and_it_recovers(
    client, politics, author, own_redis
):
    article = make_article(politics, "Кэшсіз де оқылады", authors=[author], tags=["ақау"])
    urls = ["/", "/sayasat/", article.url, "/tag/aqau/", "/feeds/rss/", "/sitemap.xml"]
    for url in urls:
        client.get(url)
        assert was_hit(client.get(url)), url  # cached in Redis
    own_redis.stop()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and not was_hit(response), url  # from the database
    assert "Кэшсіз де оқылады" in client.get(article.url).content.decode()
    # An editor's publish while Redis is down is saved; its purge is lost with Redis.
    edited = ArticlePage.objects.get(pk=article.pk)
    edited.title = "Redis жоқта өзгертілді"
    edited.save_revision().publish()
    assert "Redis жоқта өзгертілді" in client.get(article.url).content.decode()
    own_redis.start()  # the same port, empty: redis-py reconnects by itself
    for url in urls:
        client.get(url)
        assert was_hit(client.get(url)), url
    assert "Redis жоқта өзгертілді" in client.get(article.url).content.decode()


@pytest.fixture
def database_gone():
    """Points this process's connection at a database that is not there (a closed port, or
    an SQLite file in a missing directory): every query fails as it would with the server
    stopped, until the fixture's `restore()`."""
    original = dict(connection.settings_dict)

    def break_():
        connection.close()
        if connection.vendor == "sqlite":
            connection.settings_dict["NAME"] = "/nonexistent-baspa-dir/gone.sqlite3"
        else:
            connection.settings_dict["PORT"] = str(free_port())

    def restore():
        connection.close()
        connection.settings_dict.update(original)

    yield break_, restore
    restore()


@pytest.mark.django_db(transaction=True)
def test_without_the_database_cached_pages_are_served_and_the_rest_is_a_clear_503(
    politics, database_gone
):
    from django.contrib.auth.models import Group

    from baspa.newsroom.services import EDITOR

    break_, restore = database_gone
    article = make_article(politics, "Дерекқорсыз оқылатын мақала")
    editor = get_user_model().objects.create_user(username="editor")
    editor.groups.add(Group.objects.get(name=EDITOR))
    reader, newsroom = Client(), Client(raise_request_exception=False)
    newsroom.force_login(editor)
    reader.raise_request_exception = False
    store.cache().clear()
    reader.get(article.url)  # cached before the fault

    break_()
    cached = reader.get(article.url)
    assert cached.status_code == 200 and "Дерекқорсыз оқылатын мақала" in cached.content.decode()
    for url, text in (
        ("/sayasat/", "Сайт уақытша қолжетімсіз"),
        ("/ru/", "Сайт временно недоступен"),
    ):
        response = reader.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"] == "30" and text in response.content.decode(), url
        assert "Traceback" not in response.content.decode()
    saved = newsroom.post(f"/admin/pages/{article.pk}/unpublish/")
    assert saved.status_code == 503
    assert "Ештеңе сақталған жоқ" in saved.content.decode()

    restore()
    assert ArticlePage.objects.get(pk=article.pk).live  # the failed save left nothing
    assert reader.get("/sayasat/").status_code == 200  # recovered by itself
    assert newsroom.post(f"/admin/pages/{article.pk}/unpublish/").status_code == 302
    assert not ArticlePage.objects.get(pk=article.pk).live
