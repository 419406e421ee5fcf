"""Security headers: one Content-Security-Policy for readers, a looser one for the admin, and
the headers Django's SecurityMiddleware adds, for answers that never reach it.

Public pages are kept by baspa.pagecache and served to many readers, so their policy has no
per-request nonce: it allows scripts and styles from the site's own origin only, and the
templates carry no inline script (tested by baspa/security/tests/test_headers.py).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.BASPA_ADMIN_PATH_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with BASPA_ADMIN_CSP on the Wagtail admin.

    Wagtail 8's admin still relies on inline styles and scripts in places (the page editor,
    the preview panel); it is only used by signed-in staff and never cached.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.BASPA_ADMIN_CSP
        return parts


def security_headers(*, secure: bool) -> list[tuple[str, str]]:
    """What django.middleware.security.SecurityMiddleware adds to a response, for the page
    cache's WSGI fast path, which answers before any middleware runs. The header tests
    compare a fast-path hit with Django's answer, so the two cannot drift apart."""
    headers = []
    if settings.SECURE_HSTS_SECONDS and secure:
        value = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            value += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            value += "; preload"
        headers.append(("Strict-Transport-Security", value))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        if not isinstance(policy, str):
            policy = ",".join(policy)
        headers.append(("Referrer-Policy", policy))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers
