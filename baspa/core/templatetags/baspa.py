from django import template
from django.utils import timezone
from django.utils.html import format_html

from baspa.core import timefmt

register = template.Library()


@register.filter
def relative_time(value):
    if not value:
        return ""
    return timefmt.relative_time(value)


@register.simple_tag
def published_time(value, relative=False):
    """A <time> element with the machine-readable instant and the reader's wording."""
    if not value:
        return ""
    text = timefmt.relative_time(value) if relative else timefmt.publication_time(value)
    # To the second: HTML's valid date string allows at most three digits of a fraction.
    instant = timezone.localtime(value).isoformat(timespec="seconds")
    return format_html('<time datetime="{}">{}</time>', instant, text)


@register.filter
def url_safe(value):
    """An address an editor or an import typed, fit for href (no javascript: URLs)."""
    from baspa.security.sanitize import url_safe as check

    return check(str(value or ""))


@register.filter
def embed_html(value):
    """An embed provider's HTML, sanitised (baspa.security.sanitize.embed_clean)."""
    from django.utils.safestring import mark_safe

    from baspa.security.sanitize import embed_clean

    # Safe to mark: nh3 has just removed everything but iframes, text and plain links.
    return mark_safe(embed_clean(str(value or "")))
