"""Cache safety (issue 9, point 7), through the whole WSGI application — the fast path, then
Django with every middleware — on local memory and on Redis: what one visitor is sent is
never stored for, nor served to, anyone else; a forged Host, an unkeyed header or junk
parameters cannot put anything in the cache that a reader would get; purges wait for the
commit, for pages and for the shared fragments alike."""

from wsgiref.util import setup_testing_defaults

import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_region
from baspa.pagecache import store
from baspa.pagecache.middleware import PageCacheMiddleware
from baspa.pagecache.tags import article_tags
from baspa.pagecache.wsgi import with_page_cache


def wsgi_get(path, query="", **headers):
    """One request through the application `baspa serve` runs (baspa/wsgi.py)."""
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
    environ |= {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(response_headers)

    # As Django's test client does: the request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = with_page_cache(WSGIHandler())(environ, start_response)
        body = b"".join(response)
        if hasattr(response, "close"):
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], body


def stored(host: str, path: str, query: str = "") -> bool:
    return store.entry_get(store.entry_key(host, path, query)) is not None


@pytest.fixture
def newsroom(politics, author):
    region = make_region("Жетісу облысы", "zhetisu")
    article = make_article(
        politics, "Қалада жаңа саябақ ашылды", authors=[author], tags=["қала"], region=region
    )
    return {"article": article, "author": author}


def public_urls(newsroom) -> list[str]:
    """One address of every kind of public output."""
    article = newsroom["article"]
    return [
        "/",
        "/sayasat/",
        article.url,
        f"/author/{newsroom['author'].slug}/",
        "/tag/qala/",
        "/region/zhetisu/",
        "/latyn" + article.url,
        "/tote/sayasat/",
        "/feeds/rss/",
        "/feeds/atom-full/section/sayasat/",
        "/sitemap.xml",
        "/sitemap-articles-kk.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "testserver.evil.example"])
def test_a_forged_host_gets_400_and_reaches_no_cached_page(newsroom, page_cache, host):
    for url in public_urls(newsroom):
        status, _headers, body = wsgi_get(url)
        assert status == 200, url
        # The same address under a forged Host: refused on the fast path and by Django.
        status, _headers, forged = wsgi_get(url, host=host)
        assert status == 400, (url, host)
        assert forged != body and not stored(host, url), (url, host)


@pytest.mark.django_db
def test_unkeyed_forwarding_headers_do_not_poison_cached_pages(newsroom, page_cache):
    """X-Forwarded-Host and friends are not part of the cache key, so they must not change
    the page either: Django ignores X-Forwarded-Host unless USE_X_FORWARDED_HOST is set."""
    for url in public_urls(newsroom):
        wsgi_get(
            url,
            x_forwarded_host="evil.example",
            x_forwarded_proto="javascript",
            x_original_url="/admin/",
            forwarded="host=evil.example",
        )
        status, _headers, body = wsgi_get(url)
        assert status == 200 and b"evil.example" not in body, url


@pytest.mark.django_db
def test_junk_parameters_on_every_kind_of_url_are_not_stored(newsroom, page_cache):
    for url in public_urls(newsroom):
        marker = "utm_source=%3Cb%3EJUNK%3C%2Fb%3E&fbclid=JUNK"
        for _attempt in range(2):
            status, headers, body = wsgi_get(url, marker)
            assert status == 200, url
            assert "s-maxage" not in headers.get("Cache-Control", ""), url
        assert not stored("testserver", url, marker), url
        # Nor does the junk reach the clean address's entry.
        wsgi_get(url)
        assert stored("testserver", url), url
        assert b"JUNK" not in wsgi_get(url)[2], url


@pytest.mark.django_db
def test_what_a_signed_in_editor_sees_is_never_stored_or_served(client, newsroom, page_cache):
    editor = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    for url in public_urls(newsroom):
        status, headers, _body = wsgi_get(url, cookie=f"sessionid={session}")
        assert status == 200, url
        assert "private" in headers.get("Cache-Control", ""), url
        assert not stored("testserver", url), url
    _status, _headers, page = wsgi_get(newsroom["article"].url, cookie=f"sessionid={session}")
    assert b"wagtail-userbar" in page  # the editor's own page …
    assert b"wagtail-userbar" not in wsgi_get(newsroom["article"].url)[2]  # … is theirs alone


@pytest.mark.django_db
def test_a_preview_is_never_stored_or_served(client, newsroom, page_cache):
    editor = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(editor)
    article = newsroom["article"]
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "ЖАРИЯЛАНБАҒАН ТАҚЫРЫП"
    revision = draft.save_revision()
    # The revision's preview, which renders the page as it would be published.
    preview = client.get(f"/admin/pages/{article.pk}/revisions/{revision.pk}/view/")
    assert "ЖАРИЯЛАНБАҒАН ТАҚЫРЫП" in preview.content.decode()
    assert "no-cache" in preview["Cache-Control"] or "private" in preview["Cache-Control"]
    for url in (article.url, "/", "/sayasat/", "/feeds/rss/"):
        assert "ЖАРИЯЛАНБАҒАН".encode() not in wsgi_get(url)[2], url


@pytest.mark.django_db
def test_pages_carrying_a_csrf_token_are_never_stored(newsroom, page_cache):
    """The login page and the password form of a protected article carry a CSRF token, which
    is one visitor's; so would any public page that rendered a form."""
    article = newsroom["article"]
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="кілт"
    )
    for url in (article.url, "/admin/login/"):
        first = wsgi_get(url, cookie="csrftoken=" + "a" * 32)
        assert b"csrfmiddlewaretoken" in first[2], url
        wsgi_get(url, cookie="csrftoken=" + "a" * 32)
        assert not stored("testserver", url), url
    # A page that rendered a token for a visitor who already had the cookie sets no cookie;
    # the token alone must keep it out of the cache.
    request = RequestFactory().get("/with-a-form/")
    request.COOKIES["csrftoken"] = "b" * 32

    def view(request):
        request.pagecache_tags = store.generations({"edition:test"})
        return HttpResponse(f"<form>{get_token(request)}</form>", content_type="text/html")

    PageCacheMiddleware(view)(request)
    assert not stored("testserver", "/with-a-form/")


@pytest.mark.django_db
def test_purges_of_pages_and_fragments_wait_for_the_commit(
    newsroom, page_cache, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    for url in (article.url, "/", "/feeds/rss/"):
        wsgi_get(url)
    tags = article_tags(article.specific)
    before = store.generations(tags)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edited = ArticlePage.objects.get(pk=article.pk)
        edited.title = "Саябақтың аты өзгерді"
        edited.save_revision().publish()
        # Published but not committed: no tag has a new generation, so neither the pages nor
        # the shared fragments (article HTML, latest-news cards, listing counts) were purged.
        assert store.generations(tags) == before
        assert stored("testserver", article.url) and stored("testserver", "/feeds/rss/")
    assert callbacks
    for callback in callbacks:
        callback()  # what the commit runs
    after = store.generations(tags)
    assert all(after[tag] != before[tag] for tag in tags)
    assert not stored("testserver", article.url) and not stored("testserver", "/feeds/rss/")
    assert "Саябақтың аты өзгерді" in wsgi_get(article.url)[2].decode()
