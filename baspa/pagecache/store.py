"""The full-page cache for anonymous readers: one cache read per hit, nothing else.

An entry holds the finished response (body already compressed where the reader accepts it)
and the generation of each of its tags at the moment rendering began. Purging a tag gives it
a new generation, so every entry that carried it stops matching — no key scanning, and an
entry rendered while a purge happened is never served.
"""

import gzip
import hashlib
import threading
import time
import uuid
from collections import OrderedDict

import brotli
from django.conf import settings
from django.core.cache import caches


def _release() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("baspa")
    except PackageNotFoundError:
        return "dev"


GENERATION = "pc:gen:"
ENTRY = "pc:page:"
LOCK = "pc:lock:"
STORED_HEADERS = {
    "content-type",
    "content-language",
    "x-frame-options",
    "x-robots-tag",
    "content-security-policy",
}


def cache():
    return caches[settings.BASPA_PAGE_CACHE]


# Fragments and generations a request read ahead in one go (fragments_prefetch), by thread:
# the web server serves one request per thread at a time.
_batch = threading.local()


def fragments_prefetch(keys, tags=()) -> None:
    """Read the fragments `keys`, the generations of their tags and `tags` in two round
    trips; the fragment() and generations() calls of this request then make none for them.
    Ended by fragments_forget() (a stale batch is never read by another request)."""
    found = cache().get_many([FRAGMENT + key for key in keys])
    wanted = {GENERATION + tag for tag in tags}
    for stored in found.values():
        wanted |= {GENERATION + tag for tag in stored["tags"]}
    _batch.fragments = {key: found.get(FRAGMENT + key) for key in keys}
    _batch.generations = cache().get_many(list(wanted)) if wanted else {}


def fragments_forget() -> None:
    _batch.fragments, _batch.generations = {}, {}


def _read_ahead(keys) -> dict:
    ahead = getattr(_batch, "generations", None) or {}
    return {key: ahead[key] for key in keys if key in ahead}


def generations(tags) -> dict[str, str]:
    """The current generation of each tag, creating it where the cache has none."""
    keys = {GENERATION + tag: tag for tag in tags}
    found = _read_ahead(keys)
    if len(found) < len(keys):
        found.update(cache().get_many([key for key in keys if key not in found]))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, value in missing.items():
        # add(): two processes creating the same tag agree on the first one's value.
        if not cache().add(key, value, timeout=None):
            value = cache().get(key)
        found[key] = value
    return {keys[key]: value for key, value in found.items()}


def tags_purge(tags) -> bool:
    """Give each tag a new generation: every cached page that carries one is stale. False
    when the cache could not be reached (baspa.core.cache): the purge did not happen."""
    if not tags:
        return True
    failed = cache().set_many({GENERATION + tag: uuid.uuid4().hex for tag in tags}, timeout=None)
    return not failed


def longest_lifetime() -> int:
    """Seconds the longest-kept entry lives, a shared fragment: a purge older than this has
    nothing left to purge."""
    return settings.BASPA_PAGE_CACHE_SECONDS * 60


def entry_key(host: str, path: str, query: str) -> str:
    digest = hashlib.sha256(f"{host}\n{path}\n{query}".encode()).hexdigest()[:32]
    return ENTRY + digest


# This process's copies of the entries it served last. A hit on one reads only its tags'
# generations from the shared cache (one small round trip), not the page in three encodings,
# and unpickles nothing. Bounded by count: about 20 KB each (the page, gzip and Brotli).
LOCAL_ENTRIES = 200
_local: OrderedDict[str, dict] = OrderedDict()
_local_lock = threading.Lock()


def _current(entry: dict) -> bool:
    current = cache().get_many([GENERATION + tag for tag in entry["tags"]])
    return all(current.get(GENERATION + tag) == gen for tag, gen in entry["tags"].items())


def entry_get(key: str):
    """A cached entry whose tags are all still at the generation it was rendered at."""
    entry = _local.get(key)
    if entry is not None:
        # The shared cache drops an entry BASPA_PAGE_CACHE_SECONDS after it was stored;
        # so does this copy.
        if time.time() - entry["stored"] < settings.BASPA_PAGE_CACHE_SECONDS and _current(entry):
            with _local_lock:
                if key in _local:
                    _local.move_to_end(key)
            return entry
        with _local_lock:
            _local.pop(key, None)
    entry = cache().get(key)
    if entry is None or not _current(entry):
        return None
    with _local_lock:
        _local[key] = entry
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return entry


def entry_make(response, tag_generations: dict[str, str]) -> dict:
    body = response.content
    return {
        "status": response.status_code,
        "headers": {
            name: value
            for name, value in response.items()
            # The page's own headers; Content-Security-Policy too, which is the same for
            # every reader of a public page (no nonce: baspa/security/headers.py).
            if name.lower() in STORED_HEADERS
        },
        "body": body,
        # Compressed once, when stored: a hit does no per-request work.
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        "br": brotli.compress(body, quality=6),
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "tags": tag_generations,
        "stored": time.time(),
    }


def entry_set(key: str, entry: dict) -> None:
    cache().set(key, entry, timeout=settings.BASPA_PAGE_CACHE_SECONDS)


def request_tags_note(request, tags) -> None:
    """For responses made outside Wagtail's page tree (feeds, sitemaps, robots.txt): what the
    response shows, as tags with their generations read before rendering, so the middleware
    may store it and the purges that reach pages reach it too. Signed-in users are never
    stored, so nothing is noted for them."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return
    if tags:
        request.pagecache_tags = generations(tags)


def render_lock(key: str) -> bool:
    """True for the one request that may render a missing page; others wait for it."""
    return cache().add(LOCK + key, 1, timeout=settings.BASPA_PAGE_CACHE_LOCK_SECONDS)


def render_unlock(key: str) -> None:
    cache().delete(LOCK + key)


# Fragments hold objects and HTML made by this release's code: a deploy starts afresh.
FRAGMENT = f"pc:frag:{_release()}:"


def fragment(key: str, tags, compute, timeout: int | None = None):
    """`compute()`'s value, kept until one of `tags` is purged: parts of a page that many
    pages share (the navigation, the latest-news list) are worked out once per change."""
    tags = set(tags)
    ahead = getattr(_batch, "fragments", None) or {}
    if key in ahead:
        stored = ahead.pop(key)
        current = _read_ahead([GENERATION + tag for tag in stored["tags"]]) if stored else {}
    else:
        stored = cache().get(FRAGMENT + key)
        current = None
    if stored is not None:
        if current is None:
            current = cache().get_many([GENERATION + tag for tag in stored["tags"]])
        if all(current.get(GENERATION + tag) == gen for tag, gen in stored["tags"].items()):
            return stored["value"]
    tag_generations = generations(tags)  # read before computing, as for pages
    value = compute()
    cache().set(
        FRAGMENT + key,
        {"value": value, "tags": tag_generations},
        timeout=timeout or longest_lifetime(),
    )
    return value
