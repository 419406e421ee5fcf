import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from baspa.pagecache import store

# Paths that are never public pages.
BYPASS_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")
# The only query parameter a cached page may have; any other (tracking tags, junk) is served
# fresh and not stored, so it can neither fill nor poison the cache.
ALLOWED_QUERY = {"page"}
CACHE_CONTROL = "public, max-age=0, s-maxage={seconds}, stale-while-revalidate={stale}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # a signed-in editor, or a visitor with a session: always fresh
    if request.path.startswith(BYPASS_PREFIXES):
        return False
    return set(request.GET) <= ALLOWED_QUERY


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and getattr(request, "pagecache_tags", None)
        and not response.cookies
        and not response.streaming
        and not response.has_header("Cache-Control")
        and response.get("Content-Type", "").startswith("text/html")
    )


def _respond(request, entry) -> HttpResponse:
    seconds = settings.BASPA_PAGE_CACHE_SECONDS
    if request.headers.get("If-None-Match") == entry["etag"]:
        response = HttpResponse(status=304)
    else:
        gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
        body = entry["gzip"] if gzipped else entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(body))
    response["ETag"] = entry["etag"]
    response["Cache-Control"] = CACHE_CONTROL.format(seconds=seconds, stale=seconds // 2)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the cache; renders each missing page once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = store.entry_key(request)
        entry = store.entry_get(key)
        if entry is not None:
            request.pagecache = "hit"
            return _respond(request, entry)
        locked = store.render_lock(key)
        if not locked:
            entry = self._wait(key)
            if entry is not None:
                return _respond(request, entry)
        try:
            response = self.get_response(request)
            if not _storable(request, response):
                return response
            entry = store.entry_make(response, request.pagecache_tags)
            store.entry_set(key, entry)
            return _respond(request, entry)
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
