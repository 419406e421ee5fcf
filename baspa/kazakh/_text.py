"""Shared character classes and input checks for baspa.kazakh."""

from __future__ import annotations

import re
from collections.abc import Callable

# Every public function takes ``str``; anything else is a programming error at the call site,
# reported as such instead of failing deep inside a regex or ``str.translate``.


def require_str(value: object, name: str = "text") -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    return value


CYRILLIC_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
CYRILLIC_UPPER = CYRILLIC_LOWER.upper()
CYRILLIC_LETTERS = frozenset(CYRILLIC_LOWER + CYRILLIC_UPPER)

# Letters of Kazakh Latin (2021) that English does not use: a Latin word carrying one of them is
# taken to be Kazakh, so that its I/ı and İ/i follow the Kazakh pairing.
KAZAKH_LATIN_MARKS = frozenset("äÄğĞıİñÑöÖūŪüÜşŞçÇ")

# URLs and e-mail addresses pass through transliteration and normalisation untouched. The
# look-behind anchors the e-mail pattern at the start of a run, so a long run without "@" is
# scanned once, not once per position (linear time on any input).
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]}'’]", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PROTECTED_RE = re.compile(f"{URL_RE.pattern}|{EMAIL_RE.pattern}", re.IGNORECASE)


def has_protected(text: str) -> bool:
    return "@" in text or "://" in text or "www." in text.lower()


def map_unprotected(text: str, func: Callable[[str], str]) -> str:
    """Apply ``func`` to the parts of ``text`` that are not URLs or e-mail addresses."""
    if not has_protected(text):
        return func(text)
    out: list[str] = []
    pos = 0
    for match in PROTECTED_RE.finditer(text):
        out.append(func(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(func(text[pos:]))
    return "".join(out)
