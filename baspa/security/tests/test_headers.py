"""Security headers and production settings, checked on real responses.

The strict policy is for readers' pages, which the page cache shares between readers (so no
nonce); the admin has its own. A cached page answered by the WSGI fast path — before any
Django middleware — must carry exactly the headers Django's own answer carries.
"""

import base64
import hashlib
import os
import runpy
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from wsgiref.util import setup_testing_defaults

import pytest

from baspa.pagecache.wsgi import with_page_cache

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def production_settings(monkeypatch) -> dict:
    """baspa.settings.production as a real deployment would load it."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(48))
    monkeypatch.setenv("ALLOWED_HOSTS", "news.example.kz,testserver")
    values = runpy.run_module("baspa.settings.production")
    return {name: value for name, value in values.items() if name.isupper()}


@pytest.fixture
def production(settings, monkeypatch):
    """The test site with production's security settings (HSTS, cookies, SSL redirect…)."""
    prod = production_settings(monkeypatch)
    for name, value in prod.items():
        if name.startswith(("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME")) or name in (
            "ALLOWED_HOSTS",
            "CONTENT_SECURITY_POLICY",
            "BASPA_ADMIN_CSP",
        ):
            setattr(settings, name, value)
    return prod


class InlineCode(HTMLParser):
    """Every inline script, event-handler attribute, javascript: URL and inline style."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers, self.js_urls, self.styles = [], [], [], []
        self.data_blocks = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # Data blocks (JSON, JSON-LD) are never run: a browser executes only JavaScript types
        # (HTML §4.12.1.1), and CSP's script-src governs execution.
        data_block = attrs.get("type") in ("application/json", "application/ld+json")
        if tag == "script" and "src" not in attrs and not data_block:
            self._in = "script"
        elif tag == "script" and data_block:
            self._in = "data"
        if tag == "style":
            self._in = "style"
        for name, value in attrs.items():
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.js_urls.append((tag, value))
            if name == "style":
                self.styles.append(value)

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "data":
            self.data_blocks.append(data)
        elif self._in == "style":
            self.styles.append(data)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.django_db
def test_public_pages_have_a_strict_policy_and_no_inline_code(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        csp = policy(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'none'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"], url
        assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"], url
        assert not any("unsafe" in source for sources in csp.values() for source in sources)
        found = InlineCode()
        found.feed(response.content.decode())
        assert found.scripts == [] and found.handlers == [] and found.js_urls == [], url
        for style in found.styles:
            assert sha256_source(style) in csp["style-src"], (url, style)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_the_500_page_style_is_allowed_by_its_hash(rf, settings):
    from baspa.core.views import server_error

    html = server_error(rf.get("/")).content.decode()
    found = InlineCode()
    found.feed(html)
    assert found.styles and found.scripts == []
    style_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert all(sha256_source(style) in style_src for style in found.styles)


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, homes):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "r@example.kz", "x")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = policy(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" in csp["script-src"]  # the admin only; readers never get it


def wsgi_call(app, path, **extra):
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver", **extra}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    b"".join(app(environ, start_response))
    return seen["status"], seen["headers"]


@pytest.mark.django_db
def test_cached_pages_carry_the_same_headers_on_every_path(client, newsroom_site, production):
    """A miss (rendered by Django), a hit in the middleware, and a hit on the WSGI fast path,
    all over HTTPS behind the proxy, as production serves them."""
    from django.core.handlers.wsgi import WSGIHandler

    https = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver"}
    url = newsroom_site["article"].url
    miss = client.get(url, **https)
    hit = client.get(url, **https)
    assert getattr(hit.wsgi_request, "pagecache", None) == "hit"
    app = with_page_cache(WSGIHandler())
    fallbacks = []
    status, fast = wsgi_call(
        with_page_cache(lambda environ, start: fallbacks.append(1) or [b""]),
        url,
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert status == "200 OK" and fallbacks == []
    assert wsgi_call(app, url, HTTP_X_FORWARDED_PROTO="https")[0] == "200 OK"
    for name in SECURITY_HEADERS:
        assert miss[name] == hit[name] == fast[name], name
    assert fast["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_production_redirects_plain_http_to_https(client, homes, production):
    response = client.get("/", HTTP_HOST="news.example.kz")
    assert response.status_code == 301
    assert response["Location"] == "https://news.example.kz/"


def observatory_score(headers: dict[str, str], cookies) -> tuple[int, list[str]]:
    """Mozilla HTTP Observatory's scoring (v2 rules, mdn/mdn-http-observatory) for what an
    application controls: 100 to start, penalties and bonuses per test; A+ is 100 or more."""
    score, notes = 100, []
    csp = policy(headers.get("Content-Security-Policy", ""))
    scripts = csp.get("script-src", csp.get("default-src", []))
    if not csp:
        score -= 25
        notes.append("csp-not-implemented")
    elif any(s in scripts for s in ("'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "*")):
        score -= 20
        notes.append("csp-implemented-with-unsafe-inline")
    elif "object-src" not in csp and csp.get("default-src") not in (["'none'"],):
        score -= 10
        notes.append("csp-implemented-with-insecure-object-src")
    elif csp.get("default-src") == ["'none'"]:
        score += 10
        notes.append("csp-implemented-with-no-unsafe-default-src-none")
    for cookie in cookies.values():
        if not cookie["secure"]:
            score -= 20
            notes.append(f"cookies-without-secure-flag:{cookie.key}")
        elif cookie.key == "sessionid" and not cookie["httponly"]:
            score -= 20
            notes.append("cookies-session-without-httponly-flag")
    if cookies and all(c["secure"] and c["samesite"] for c in cookies.values()):
        score += 5
        notes.append("cookies-secure-with-httponly-sessions-and-samesite")
    policy_value = headers.get("Referrer-Policy", "")
    if policy_value in (
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    ):
        score += 5
        notes.append("referrer-policy-private")
    hsts = headers.get("Strict-Transport-Security", "")
    age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    if age < 15_768_000:  # six months
        score -= 20
        notes.append("hsts-not-implemented-or-short")
    if headers.get("X-Content-Type-Options") != "nosniff":
        score -= 5
        notes.append("x-content-type-options-not-implemented")
    if csp.get("frame-ancestors"):
        score += 5
        notes.append("x-frame-options-implemented-via-csp")
    elif headers.get("X-Frame-Options") not in ("DENY", "SAMEORIGIN"):
        score -= 20
        notes.append("x-frame-options-not-implemented")
    if headers.get("Access-Control-Allow-Origin") == "*":
        score -= 50
        notes.append("cross-origin-resource-sharing-implemented-with-universal-access")
    return score, notes


@pytest.mark.django_db
def test_mozilla_observatory_would_give_a_plus(client, newsroom_site, production):
    https = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "news.example.kz"}
    page = client.get("/", **https)
    login = client.get("/admin/login/", **https)  # the one page that sets a cookie
    headers = {name: page[name] for name in SECURITY_HEADERS if page.has_header(name)}
    score, notes = observatory_score(headers, login.cookies)
    assert score >= 100, notes
    assert "csp-implemented-with-no-unsafe-default-src-none" in notes
    assert login.cookies["csrftoken"]["secure"]
    client.post("/admin/login/", {"username": "x", "password": "y"}, **https)


def baspa(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "baspa", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "baspa.settings.production", **env},
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = baspa(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "news.example.kz",
            "BASPA_HOME": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": "news.example.kz"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "news.example.kz"}, "SECRET_KEY"),
        ({"SECRET_KEY": "baspa-" + "x" * 40, "ALLOWED_HOSTS": "news.example.kz"}, "SECRET_KEY"),
        ({"SECRET_KEY": secrets.token_urlsafe(48)}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_a_real_key_and_hosts(env, complaint, tmp_path):
    clean = {"SECRET_KEY": "", "ALLOWED_HOSTS": "", "BASPA_HOME": str(tmp_path), **env}
    if not clean["ALLOWED_HOSTS"]:
        del clean["ALLOWED_HOSTS"]
    result = baspa("check", env=clean)
    assert result.returncode != 0
    assert complaint in result.stderr
