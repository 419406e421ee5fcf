"""Tokens with character offsets into the original text, for search and highlighting."""

from __future__ import annotations

import re
from typing import NamedTuple

from baspa.kazakh._text import EMAIL_RE, URL_RE, has_protected, require_str

__all__ = ["Token", "tokenize"]


class Token(NamedTuple):
    """One token: ``text == source[start:end]``; ``kind`` is one of ``KINDS``."""

    text: str
    start: int
    end: int
    kind: str


KINDS = ("url", "email", "number", "abbr", "word")

_L = r"(?:[^\W\d_][\u0300-\u036f]*)"  # a letter, with any combining marks after it
_A = r"(?:[^\W_][\u0300-\u036f]*)"  # a letter or digit
_JOIN = r"[-\u2010\u2011'\u2019\u02bc]"  # hyphens and apostrophes inside a word
_WORDS = rf"""
    # Numbers, with decimals, a no-break-space thousands separator, a per cent sign and a
    # Kazakh case or ordinal ending: "3,5", "1 000", "10%-ға", "9-қарашада", "2026-жылы".
    (?P<number>\d+(?:[.,\u00a0\u202f]\d+)*%?(?:[-\u2013]?{_L}+(?:{_JOIN}{_A}+)*)?)
    # Dotted abbreviations: "т.б.", "т.с.с.", "U.S.".
  | (?P<dotted>(?:{_L}{{1,3}}\.){{2,}})
  | (?P<word>{_L}{_A}*(?:{_JOIN}{_A}+)*)
"""
_TOKEN = re.compile(
    rf"(?P<url>{URL_RE.pattern}) | (?P<email>{EMAIL_RE.pattern}) | {_WORDS}",
    re.VERBOSE | re.IGNORECASE,
)
# Most text has no address in it: without the two alternatives tried at every letter,
# the scan is much faster (has_protected is exact: both need "@", "://" or "www.").
_TOKEN_WORDS = re.compile(_WORDS, re.VERBOSE | re.IGNORECASE)

# All-capital words of two to five letters are abbreviations (ҚР, ЕАЭО, НАТО, АҚШ), with any
# ending after a hyphen: "ҚР-да", "БҰҰ-ның".
_ABBR_MAX = 5
_HYPHEN = re.compile(r"[-\u2010\u2011]")


def _kind(match: re.Match[str]) -> str:
    kind = match.lastgroup or "word"
    if kind == "dotted":
        return "abbr"
    if kind == "word":
        text = match.group()
        # A lower-case letter in the head is never an abbreviation: most words end here
        # without the split below (the hot path of indexing).
        if text[0].islower() or text[1:2].islower():
            return kind
        head = _HYPHEN.split(text, maxsplit=1)[0]
        letters = sum(1 for ch in head if ch.isalpha())
        if 2 <= letters <= _ABBR_MAX and head.isupper():
            return "abbr"
    return kind


def tokenize(text: str) -> list[Token]:
    """Split text into URL, e-mail, number, abbreviation and word tokens.

    Punctuation, symbols, emoji and spaces are not tokens. Offsets index the string as given
    (no normalisation first), so ``text[t.start:t.end] == t.text`` always holds.
    """
    require_str(text)
    pattern = _TOKEN if has_protected(text) else _TOKEN_WORDS
    return [Token(m.group(), m.start(), m.end(), _kind(m)) for m in pattern.finditer(text)]
