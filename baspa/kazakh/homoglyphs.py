"""Words that mix scripts: a Latin «a» inside a Cyrillic word, a Cyrillic «а» inside a Latin one.

They look right and are wrong everywhere else: search does not find them, copy-paste carries
them on, and every script edition transliterates half the word. Editors are warned before
publishing and offered the repaired spelling (`find_mixed_script`, `repair_mixed_script`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from baspa.kazakh._text import PROTECTED_RE, has_protected, require_str
from baspa.kazakh.normalize import _LOOKALIKES

__all__ = ["MixedWord", "find_mixed_script", "repair_mixed_script"]

# Latin letters that pass for Cyrillic ones (normalize's table), and the Latin stand-ins for
# Kazakh letters typed before keyboards had them (ə, ä, ö, ü).
_TO_CYRILLIC = {
    **_LOOKALIKES,
    "ə": "ә",
    "Ə": "Ә",
    "ä": "ә",
    "Ä": "Ә",
    "ö": "ө",
    "Ö": "Ө",
    "ü": "ү",
    "Ü": "Ү",
}
# Cyrillic letters that pass for Latin ones, inside Latin words.
_TO_LATIN = {
    "а": "a",
    "с": "c",
    "е": "e",
    "і": "i",
    "о": "o",
    "р": "p",
    "х": "x",
    "у": "y",
    "һ": "h",
    "ә": "ä",
    "ө": "ö",
    "ү": "ü",
    "А": "A",
    "В": "B",
    "С": "C",
    "Е": "E",
    "Н": "H",
    "І": "I",
    "К": "K",
    "М": "M",
    "О": "O",
    "Р": "P",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ә": "Ä",
    "Ө": "Ö",
    "Ү": "Ü",
}
_CYRILLIC_REPAIR = str.maketrans(_TO_CYRILLIC)
_LATIN_REPAIR = str.maketrans(_TO_LATIN)
# Runs of letters; a hyphen or apostrophe ends a word, so «iPhone-ға» is two words, each in
# one script, and is not flagged.
_WORD = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    if "\u0400" <= ch <= "\u04ff":
        return "cyrl"
    if ch.isascii() or "\u00c0" <= ch <= "\u024f":
        return "latn"
    return unicodedata.name(ch, "other").split(" ", 1)[0].lower()


@dataclass(frozen=True)
class MixedWord:
    """A word with letters of two scripts; `suggestion` is None when no spelling is sure."""

    word: str
    start: int
    end: int
    suggestion: str | None


def _suggest(word: str) -> str | None:
    cyrillic = sum(1 for ch in word if _script(ch) == "cyrl")
    latin = sum(1 for ch in word if _script(ch) == "latn")
    # The script most of the word is in wins; a tie goes to Cyrillic, Kazakh's usual script.
    if cyrillic >= latin:
        strays = {ch for ch in word if _script(ch) == "latn"}
        return word.translate(_CYRILLIC_REPAIR) if strays <= _TO_CYRILLIC.keys() else None
    strays = {ch for ch in word if _script(ch) == "cyrl"}
    return word.translate(_LATIN_REPAIR) if strays <= _TO_LATIN.keys() else None


def find_mixed_script(text: str) -> list[MixedWord]:
    """Every word of `text` written with both Cyrillic and Latin letters, with its repair."""
    require_str(text)
    found: list[MixedWord] = []

    def scan(part: str, offset: int) -> None:
        for match in _WORD.finditer(part):
            word = match.group()
            scripts = {_script(ch) for ch in word}
            if {"cyrl", "latn"} <= scripts:
                start = offset + match.start()
                found.append(MixedWord(word, start, start + len(word), _suggest(word)))

    # URLs and e-mail addresses may mix scripts (https://сайт.kz) and are left alone.
    pos = 0
    if has_protected(text):
        for match in PROTECTED_RE.finditer(text):
            scan(text[pos : match.start()], pos)
            pos = match.end()
    scan(text[pos:], pos)
    return found


def repair_mixed_script(text: str) -> str:
    """`text` with every mixed-script word that has a sure repair spelt in one script."""
    require_str(text)
    out: list[str] = []
    pos = 0
    for mixed in find_mixed_script(text):
        if mixed.suggestion is None:
            continue
        out.append(text[pos : mixed.start])
        out.append(mixed.suggestion)
        pos = mixed.end
    out.append(text[pos:])
    return "".join(out)
