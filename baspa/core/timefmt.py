"""Publication times as readers read them: «9 қараша 2026, 14:30» and «4 ай бұрын».

Every phrase comes whole from the gettext catalogs (kk, ru, en), with the plural form chosen
by the catalog's own rule, so a page never mixes two languages («4 месяца ago»).
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext


def months_between(earlier: datetime, later: datetime) -> int:
    """Whole calendar months from `earlier` to `later` (9 Jan → 8 Feb is 0, → 9 Feb is 1)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if (later.day, later.time()) < (earlier.day, earlier.time()):
        months -= 1
    return max(months, 0)


def relative_time(value: datetime, now: datetime | None = None) -> str:
    """How long ago `value` was, in the active language: «3 минут бұрын», «1 год назад»."""
    now = now or timezone.now()
    seconds = int((now - value).total_seconds())
    if seconds < 60:
        # The future (a clock a little ahead) reads as now rather than as a negative time.
        return gettext("just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {
            "count": minutes
        }
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    local_value, local_now = timezone.localtime(value), timezone.localtime(now)
    months = months_between(local_value, local_now)
    if months == 0:
        days = seconds // 86400
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    if months < 12:
        return ngettext("%(count)d month ago", "%(count)d months ago", months) % {"count": months}
    years = months // 12
    return ngettext("%(count)d year ago", "%(count)d years ago", years) % {"count": years}


def publication_time(value: datetime) -> str:
    """The full local date and time in the active language's format."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")
