"""The fast path: a cached page answered before Django builds a request or runs middleware.

Only hits are answered here; everything else (misses, signed-in users, bad hosts) goes on to
Django, whose PageCacheMiddleware renders, stores and answers by the same rules (reply.py).
"""

from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host

from baspa.editions.negotiation import COOKIE as EDITION_COOKIE
from baspa.pagecache import store
from baspa.pagecache.reply import Ask, cacheable, reply
from baspa.security.headers import security_headers

REASONS = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


def ask_from_environ(environ) -> Ask | None:
    """The request as the cache sees it; None when its host is not one of ours (Django then
    answers 400, and nothing cached can be reached through a forged Host header)."""
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    cookies = parse_cookie(environ.get("HTTP_COOKIE", ""))
    return Ask(
        method=environ.get("REQUEST_METHOD", "GET"),
        host=host,
        path=get_script_name(environ) + get_path_info(environ),
        query=environ.get("QUERY_STRING", ""),
        has_session=settings.SESSION_COOKIE_NAME in cookies,
        accept_encoding=environ.get("HTTP_ACCEPT_ENCODING", ""),
        if_none_match=environ.get("HTTP_IF_NONE_MATCH"),
        if_modified_since=environ.get("HTTP_IF_MODIFIED_SINCE", ""),
        edition_cookie=cookies.get(EDITION_COOKIE, ""),
        accept_language=environ.get("HTTP_ACCEPT_LANGUAGE", ""),
        fetch_site=environ.get("HTTP_SEC_FETCH_SITE", ""),
        fetch_mode=environ.get("HTTP_SEC_FETCH_MODE", ""),
    )


def _is_secure(environ) -> bool:
    """HttpRequest.is_secure() on the bare environ: the proxy's header when one is trusted."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        forwarded = environ.get(header)
        if forwarded is not None:
            return forwarded.split(",", 1)[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


def with_page_cache(application):
    def cached_application(environ, start_response):
        ask = ask_from_environ(environ)
        if ask is not None and cacheable(ask):
            entry = store.entry_get(store.entry_key(ask.host, ask.path, ask.query))
            if entry is not None:
                status, headers, body = reply(ask, entry)
                # What SecurityMiddleware would add had the request reached Django.
                headers += security_headers(secure=_is_secure(environ))
                start_response(REASONS[status], headers)
                return [body]
        return application(environ, start_response)

    return cached_application
