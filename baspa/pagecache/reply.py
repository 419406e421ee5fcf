"""The rules of the page cache, on plain values, so that Django's middleware and the WSGI
fast path (wsgi.py) decide and answer exactly alike."""

import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils.http import http_date, parse_http_date_safe

# Paths that are never public pages.
BYPASS_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/")
# The only query parameter a cached page may have; any other (tracking tags, junk) is served
# fresh and not stored, so it can neither fill nor poison the cache.
# (`p` is the page number of Django's paginated sitemaps.)
ALLOWED_QUERY = {"page", "p"}
CACHE_CONTROL = "public, max-age=0, s-maxage={seconds}, stale-while-revalidate={stale}"


@dataclass(frozen=True)
class Ask:
    """What of a request the page cache looks at."""

    method: str
    host: str
    path: str
    query: str
    has_session: bool
    accept_encoding: str = ""
    if_none_match: str | None = None
    if_modified_since: str = ""
    # What the front page's edition negotiation reads (baspa.editions.negotiation).
    edition_cookie: str = ""
    accept_language: str = ""
    fetch_site: str = ""
    fetch_mode: str = ""


def cacheable(ask: Ask) -> bool:
    if ask.method not in ("GET", "HEAD"):
        return False
    if ask.has_session:
        return False  # a signed-in editor, or a visitor with a session: always fresh
    if ask.path.startswith(BYPASS_PREFIXES):
        return False
    if ask.path == "/" and _negotiated(ask):
        return False  # this visitor is sent to another edition's front page
    return {name for name, _value in parse_qsl(ask.query, keep_blank_values=True)} <= ALLOWED_QUERY


def _negotiated(ask: Ask) -> bool:
    from baspa.editions.negotiation import first_visit_redirect

    target = first_visit_redirect(
        path=ask.path,
        cookie=ask.edition_cookie,
        accept_language=ask.accept_language,
        fetch_site=ask.fetch_site,
        fetch_mode=ask.fetch_mode,
    )
    return target is not None


def _vary(ask: Ask) -> str:
    from baspa.editions.negotiation import VARY

    # The front page is negotiated on these headers; every other page is the same for all.
    return ", ".join(("Accept-Encoding", *VARY)) if ask.path == "/" else "Accept-Encoding"


def _encoding(ask: Ask) -> str | None:
    for encoding in ("br", "gzip"):  # Brotli is smaller; gzip is understood everywhere
        if encoding in ask.accept_encoding:
            return encoding
    return None


def _not_modified(ask: Ask, entry: dict) -> bool:
    # RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since when both are sent.
    if ask.if_none_match is not None:
        return entry["etag"] in ask.if_none_match
    since = parse_http_date_safe(ask.if_modified_since)
    return since is not None and int(entry["stored"]) <= since


def reply(ask: Ask, entry: dict) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body for a cached entry."""
    seconds = settings.BASPA_PAGE_CACHE_SECONDS
    age = max(0, int(time.time() - entry["stored"]))
    if _not_modified(ask, entry):
        status, headers, body = 304, [], b""
    else:
        encoding = _encoding(ask)
        body = entry[encoding] if encoding else entry["body"]
        status, headers = entry["status"], list(entry["headers"].items())
        if encoding:
            headers.append(("Content-Encoding", encoding))
        headers.append(("Content-Length", str(len(body))))
        if ask.method == "HEAD":
            body = b""
    headers += [
        ("ETag", entry["etag"]),
        ("Last-Modified", http_date(entry["stored"])),
        # RFC 9111 §5.1: a shared cache counts freshness from the entry's age, so a page is
        # never kept more than BASPA_PAGE_CACHE_SECONDS after it was rendered, in all.
        ("Age", str(age)),
        ("Cache-Control", CACHE_CONTROL.format(seconds=seconds, stale=seconds // 2)),
        # nginx reads max-age=0 and ignores s-maxage; this header is its own (it strips it).
        ("X-Accel-Expires", str(max(1, seconds - age))),
        ("Vary", _vary(ask)),
    ]
    return status, headers, body
