"""Publishing purges the shared front cache (nginx in deploy/) by address, after the commit.

The front cache is stood in for by a local HTTP server that records the PURGE requests it is
sent — the same requests deploy/nginx/baspa-purge.conf answers.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from baspa.content.tests.factories import make_article


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        Recorder.seen.append((self.path, self.headers["Host"], self.headers["Accept-Encoding"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    Recorder.seen = []
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
