"""Kazakh month names for dates in running text.

Django's format character "E" (used by baspa/formats/kk) takes the month name from the
catalog entry with context "alt. month". Django's own kk catalog capitalises them («Қараша»),
but Kazakh writes month names in lower case inside a date («9 қараша 2026»), so Baspa's
catalog overrides these entries. Declaring them here lets makemessages keep them.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
