"""Publishing purges the shared front cache (nginx in deploy/) by address, after the commit.

The front cache is stood in for by a local HTTP server that records the PURGE requests it is
sent — the same requests deploy/nginx/baspa-purge.conf answers.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from baspa.content.tests.factories import make_article
from baspa.pagecache.models import PendingPurge


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []
    status = 200  # what it answers

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        Recorder.seen.append((self.path, self.headers["Host"], self.headers["Accept-Encoding"]))
        self.send_response(Recorder.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    Recorder.seen, Recorder.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.BASPA_FRONT_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}"
    yield Recorder.seen
    server.shutdown()


@pytest.mark.django_db
def test_publishing_purges_the_front_cache_after_commit(
    front_cache, politics, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = make_article(politics, "Шұғыл хабар", authors=[author], tags=["шұғыл"])
        assert front_cache == []  # nothing before the commit
    for callback in callbacks:
        callback()
    paths = {path for path, _host, _encoding in front_cache}
    assert {article.url, "/", "/sayasat/", f"/author/{author.slug}/", "/tag/shugyl/"} <= paths
    # The Latin and Arabic-script editions of each address too.
    for prefix in ("/latyn", "/tote"):
        assert {prefix + article.url, prefix + "/", prefix + "/sayasat/"} <= paths
    # One PURGE per stored encoding of each address.
    encodings = {encoding for path, _h, encoding in front_cache if path == article.url}
    assert encodings == {"br", "gzip", ""}


@pytest.mark.django_db
def test_no_front_cache_no_requests(settings, politics, django_capture_on_commit_callbacks):
    settings.BASPA_FRONT_CACHE_PURGE_URL = ""
    Recorder.seen = []
    with django_capture_on_commit_callbacks(execute=True):
        make_article(politics, "Жай хабар")
    assert Recorder.seen == []


@pytest.mark.django_db(transaction=True)
def test_a_front_cache_purge_that_fails_is_retried_by_the_scheduler(politics, front_cache):
    Recorder.status = 503  # nginx is restarting, say
    article = make_article(politics, "Қайта тазартылатын хабар")
    # The app's own cache was purged; only the front cache's addresses wait.
    waiting = list(PendingPurge.objects.all())
    assert waiting and all(row.tags == [] for row in waiting)
    assert article.url in {urlsplit(url).path for row in waiting for url in row.urls}
    Recorder.status = 200
    front_cache.clear()
    call_command("run_scheduler", once=True)
    assert not PendingPurge.objects.exists()
    assert article.url in {path for path, _host, _encoding in front_cache}
