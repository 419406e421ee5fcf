"""Which edition a first visit to the front page gets: the reader's earlier choice (a cookie
the script and language switches set), else the browser's Accept-Language.

Only the Kazakh Cyrillic front page (/) is ever redirected, and only to another edition's
front page, which is never redirected: no loop is possible. Crawlers and the site's own
links are never redirected (RFC 9110 §12.5.4 leaves proactive negotiation to the server;
Fetch Metadata tells a browser arriving from elsewhere apart): a request is negotiated only
when it is a browser navigation (Sec-Fetch-Mode: navigate) from outside the site
(Sec-Fetch-Site: none or cross-site). So every edition stays reachable by a plain link.
"""

from django.utils.translation.trans_real import parse_accept_lang_header

from baspa.editions.scripts import ARABIC, CYRILLIC, LATIN, SCRIPTS

COOKIE = "baspa_edition"
# The front page depends on these request headers; its responses say so (RFC 9110 §12.5.5).
VARY = ("Accept-Language", "Cookie", "Sec-Fetch-Site", "Sec-Fetch-Mode")
HOMES = {
    "kk": CYRILLIC.home(),
    "latn": LATIN.home(),
    "arab": ARABIC.home(),
    "ru": "/ru/",
}


def language_pick(accept_language: str) -> str:
    """The edition an Accept-Language header asks for: kk (Cyrillic), latn, arab or ru."""
    try:
        ranked = parse_accept_lang_header(accept_language[:500])
    except ValueError:
        return "kk"
    for tag, _quality in ranked:
        tag = tag.lower()
        if tag.startswith("kk"):
            if "latn" in tag:
                return "latn"
            # Kazakh as written in China (kk-CN) is Arabic-script Kazakh.
            if "arab" in tag or tag == "kk-cn":
                return "arab"
            return "kk"
        if tag.startswith("ru"):
            return "ru"
    return "kk"


def first_visit_redirect(
    *, path: str, cookie: str, accept_language: str, fetch_site: str, fetch_mode: str
) -> str | None:
    """Where a request for `path` is sent instead, or None to serve it."""
    if path != "/":
        return None
    if cookie in HOMES or cookie in SCRIPTS:
        target = HOMES.get(cookie, CYRILLIC.home())
        return target if target != "/" else None
    if fetch_mode != "navigate" or fetch_site not in ("none", "cross-site"):
        return None
    target = HOMES[language_pick(accept_language)]
    return target if target != "/" else None


def redirect_for_request(request) -> str | None:
    return first_visit_redirect(
        path=request.path,
        cookie=request.COOKIES.get(COOKIE, ""),
        accept_language=request.headers.get("Accept-Language", ""),
        fetch_site=request.headers.get("Sec-Fetch-Site", ""),
        fetch_mode=request.headers.get("Sec-Fetch-Mode", ""),
    )
