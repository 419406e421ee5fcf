"""Normalisation of Kazakh and Russian text for storage and search."""

from __future__ import annotations

import re
import unicodedata

from baspa.kazakh._text import KAZAKH_LATIN_MARKS, map_unprotected, require_str
from baspa.kazakh.translit import to_latin

__all__ = ["canonical", "lower", "normalize", "repair_lookalikes"]

# Format characters that break words for search without showing: soft hyphen, zero-width space,
# word joiner, byte-order mark. ZWJ/ZWNJ stay: emoji sequences and some scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)

# Latin letters that look like Cyrillic ones, typed inside Cyrillic words (keyboard layout
# switches, OCR): "Aлмaты" with Latin a. Lower case h is the Kazakh һ, which it looks like;
# capital H looks like Н.
_LOOKALIKES = {
    "a": "а",
    "c": "с",
    "e": "е",
    "i": "і",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "h": "һ",
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "I": "І",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
    "Y": "У",
}
# Stand-ins for the Kazakh letters from before fonts and keyboards had them: the Latin schwa and
# barred o, Latin letters with diaeresis, and the look-alike letters of other Cyrillic alphabets
# (Bashkir, Khakas, Altai, Chuvash, pre-1957 Kazakh Ӯ).
_SUBSTITUTES = {
    "ə": "ә",
    "Ə": "Ә",
    "ǝ": "ә",
    "Ǝ": "Ә",
    "ä": "ә",
    "Ä": "Ә",
    "ӓ": "ә",
    "Ӓ": "Ә",
    "ɵ": "ө",
    "Ɵ": "Ө",
    "ö": "ө",
    "Ö": "Ө",
    "ӧ": "ө",
    "Ӧ": "Ө",
    "ü": "ү",
    "Ü": "Ү",
    "ӱ": "ү",
    "Ӱ": "Ү",
    "ӯ": "ұ",
    "Ӯ": "Ұ",
    "ҥ": "ң",
    "Ҥ": "Ң",
    "ӊ": "ң",
    "Ӊ": "Ң",
    "ӈ": "ң",
    "Ӈ": "Ң",
    "ҡ": "қ",
    "Ҡ": "Қ",
    "ӄ": "қ",
    "Ӄ": "Қ",
    "ҕ": "ғ",
    "Ҕ": "Ғ",
    "ӷ": "ғ",
    "Ӷ": "Ғ",
}
_REPAIRS = str.maketrans({**_LOOKALIKES, **_SUBSTITUTES})
# Substitutes that are Cyrillic letters of other alphabets: repaired even in a word with no other
# Kazakh letter, since Kazakh text is what Baspa stores.
_CYRILLIC_SUBSTITUTES = frozenset(ch for ch in _SUBSTITUTES if "\u0400" <= ch <= "\u04ff")

# Runs of letters (and combining marks, so that decomposed text stays one word).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


def _repair_word(word: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    # Only when every non-Cyrillic letter has a Cyrillic twin: "Wi-Fi-да" or "iPhone-ға" are
    # mixed on purpose and stay as written.
    for ch in word:
        if not ("\u0400" <= ch <= "\u04ff" or ch in _LOOKALIKES or ch in _SUBSTITUTES):
            if unicodedata.category(ch).startswith("L"):
                return word
    return word.translate(_REPAIRS)


def _lower_word(word: str) -> str:
    # Kazakh Latin pairs I/ı and İ/i (2021 alphabet). A Latin word is taken to be Kazakh when it
    # carries a letter English lacks; other words are lowered the usual way, except that İ never
    # becomes "i" plus a combining dot, as str.lower would make it.
    if "I" in word and not _CYRILLIC.search(word) and not KAZAKH_LATIN_MARKS.isdisjoint(word):
        word = word.replace("I", "ı")
    return word.replace("İ", "i").lower()


def repair_lookalikes(text: str) -> str:
    """Replace Latin look-alikes and old stand-ins typed inside Cyrillic words."""
    require_str(text)
    return map_unprotected(text, lambda part: _WORD.sub(lambda m: _repair_word(m.group()), part))


def lower(text: str) -> str:
    """Lower-case text in either script, keeping Kazakh Latin's I/ı and İ/i pairs."""
    require_str(text)
    return _WORD.sub(lambda m: _lower_word(m.group()), text)


def _normalize_part(part: str) -> str:
    return _WORD.sub(lambda m: _lower_word(_repair_word(m.group())), part)


def normalize(text: str) -> str:
    """Normalise text for storage and search.

    Unicode NFC, invisible format characters removed, Latin look-alikes and old stand-ins inside
    Cyrillic words repaired, and lower case that is right for both scripts. URLs and e-mail
    addresses are kept as written. The script is kept: see ``canonical`` for a form that
    ignores it.
    """
    require_str(text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return map_unprotected(text, _normalize_part)


def canonical(text: str) -> str:
    """A script-independent search key: a Cyrillic word and its 2021 Latin spelling are equal.

    NFKC (compatibility forms such as full-width letters and ligatures fold too), then
    ``normalize``, then the 2021 Latin alphabet, with typographic apostrophes folded to "'".
    """
    require_str(text)
    text = normalize(unicodedata.normalize("NFKC", text))
    return to_latin(text).translate(_APOSTROPHES)
