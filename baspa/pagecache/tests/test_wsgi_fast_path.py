"""The WSGI fast path answers cached pages exactly as the middleware does, and nothing else."""

from wsgiref.util import setup_testing_defaults

import pytest

from baspa.content.tests.factories import make_article
from baspa.pagecache.wsgi import with_page_cache


def call(app, path="/", **extra):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", **extra}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return seen, body


@pytest.fixture
def cached_home(client, politics):
    make_article(politics, "Жылдам жол")
    client.get("/")  # rendered and stored by the middleware
    return client.get("/", HTTP_ACCEPT_ENCODING="identity")


@pytest.mark.django_db
def test_a_cached_page_is_answered_without_django(cached_home):
    fallbacks = []
    app = with_page_cache(lambda environ, start: fallbacks.append(environ) or [b"django"])
    seen, body = call(app, HTTP_ACCEPT_ENCODING="identity")
    assert fallbacks == []
    assert seen["status"] == "200 OK" and body == cached_home.content
    for header in ("ETag", "Cache-Control", "Content-Type", "Vary"):
        assert seen["headers"][header] == cached_home[header]
    seen, _ = call(app, HTTP_IF_NONE_MATCH=cached_home["ETag"])
    assert seen["status"] == "304 Not Modified"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_HOST": "evil.example"},  # forged Host: Django answers 400
        {"HTTP_COOKIE": "sessionid=abc"},  # a signed-in editor
        {"QUERY_STRING": "utm_source=x"},  # junk parameters
        {"REQUEST_METHOD": "POST"},
    ],
)
def test_everything_else_goes_to_django(cached_home, extra):
    fallbacks = []
    app = with_page_cache(lambda environ, start: fallbacks.append(environ) or [b"django"])
    _seen, body = call(app, **extra)
    assert body == b"django" and len(fallbacks) == 1
