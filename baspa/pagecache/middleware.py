import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from baspa.editions.negotiation import COOKIE as EDITION_COOKIE
from baspa.pagecache import store
from baspa.pagecache.reply import Ask, cacheable, reply


def ask_from_request(request) -> Ask:
    return Ask(
        method=request.method,
        host=request.get_host(),
        path=request.path,
        query=request.META.get("QUERY_STRING", ""),
        has_session=settings.SESSION_COOKIE_NAME in request.COOKIES,
        accept_encoding=request.headers.get("Accept-Encoding", ""),
        if_none_match=request.headers.get("If-None-Match"),
        if_modified_since=request.headers.get("If-Modified-Since", ""),
        edition_cookie=request.COOKIES.get(EDITION_COOKIE, ""),
        accept_language=request.headers.get("Accept-Language", ""),
        fetch_site=request.headers.get("Sec-Fetch-Site", ""),
        fetch_mode=request.headers.get("Sec-Fetch-Mode", ""),
    )


# HTML pages, and the feeds, sitemaps and robots.txt of baspa.distribution.
STORABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/plain",
)


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and getattr(request, "pagecache_tags", None)
        and not response.cookies
        # A CSRF token is one visitor's: a page that rendered one (a form) is theirs alone,
        # even when their csrftoken cookie was already set and no Set-Cookie follows.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.streaming
        and not response.has_header("Cache-Control")
        and response.get("Content-Type", "").startswith(STORABLE_TYPES)
    )


def _respond(ask: Ask, entry) -> HttpResponse:
    status, headers, body = reply(ask, entry)
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the cache; renders each missing page once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ask = ask_from_request(request)
        if not cacheable(ask):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
                # Made for one visitor: no shared cache (CDN, proxy) may keep it.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = store.entry_key(ask.host, ask.path, ask.query)
        entry = store.entry_get(key)
        if entry is not None:
            request.pagecache = "hit"
            return _respond(ask, entry)
        locked = store.render_lock(key)
        if not locked:
            entry = self._wait(key)
            if entry is not None:
                return _respond(ask, entry)
        try:
            response = self.get_response(request)
            if not _storable(request, response):
                return response
            entry = store.entry_make(response, request.pagecache_tags)
            store.entry_set(key, entry)
            return _respond(ask, entry)
        finally:
            if locked:
                store.render_unlock(key)

    def _wait(self, key):
        """Another request is rendering this page: wait for it rather than render it again."""
        deadline = time.monotonic() + settings.BASPA_PAGE_CACHE_LOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry = store.entry_get(key)
            if entry is not None:
                return entry
        return None
