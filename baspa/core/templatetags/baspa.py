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
