import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

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


def _encoding(request) -> str | None:
    accepted = request.headers.get("Accept-Encoding", "")
    for encoding in ("br", "gzip"):  # Brotli is smaller; gzip is understood everywhere
        if encoding in accepted:
            return encoding
    return None


def _not_modified(request, entry) -> bool:
    # RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since when both are sent.
    if "If-None-Match" in request.headers:
        return entry["etag"] in request.headers["If-None-Match"]
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(entry["stored"]) <= since


def _respond(request, entry) -> HttpResponse:
    seconds = settings.BASPA_PAGE_CACHE_SECONDS
    if _not_modified(request, entry):
        response = HttpResponse(status=304)
    else:
        encoding = _encoding(request)
        body = entry[encoding] if encoding else entry["body"]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
        for name, value in entry["headers"].items():
            response[name] = value
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored"])
    # RFC 9111 §5.1: a shared cache counts its freshness from the entry's age, so a page is
    # never kept longer than BASPA_PAGE_CACHE_SECONDS after it was rendered, in all.
    age = max(0, int(time.time() - entry["stored"]))
    response["Age"] = str(age)
    response["Cache-Control"] = CACHE_CONTROL.format(seconds=seconds, stale=seconds // 2)
    # nginx reads max-age=0 and ignores s-maxage; this header is its own (and it strips it).
    response["X-Accel-Expires"] = str(max(1, seconds - age))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the cache; renders each missing page once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
                # Made for one visitor: no shared cache (CDN, proxy) may keep it.
                patch_cache_control(response, private=True, no_cache=True)
            return response
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
