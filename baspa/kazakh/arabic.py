"""Kazakh Cyrillic -> the Kazakh Arabic script (töte jazu).

The rules are those of the reformed alphabet of Akhmet Baitursynuly as used today by the
Kazakhs of Xinjiang and by Kazakhstan's national Arabic-script editions (Egemen Qazaqstan's
töte edition, Ana tili):

- every vowel is written: а/ә -> ا, о/ө -> و, ұ/ү -> ۇ, ы/і -> ى, е/э -> ە;
- back and front vowels share a letter, so a word whose vowels are front is marked once, with
  the high hamza ٴ (U+0674) before it, unless a letter in the word already shows that it is
  front: ە (е), ك (к) or گ (г), which occur only in front words;
- Russian-only letters are spelt by their sounds as those editions spell loanwords:
  ё -> يو, ю -> يۋ, я -> يا, ц -> تس, щ -> شش, ч -> چ, ъ and ь are not written;
- Arabic has no letter case; the comma, semicolon and question mark after an Arabic-script
  word become ، ؛ ؟.

Latin-script words, digits, URLs and e-mail addresses pass through unchanged.
"""

from __future__ import annotations

import re

from baspa.kazakh._text import map_unprotected, require_str

__all__ = ["ARABIC_LETTERS", "HAMZA", "to_arabic"]

HAMZA = "\u0674"  # ARABIC LETTER HIGH HAMZA

# Lower-case Cyrillic letter -> Arabic-script spelling.
ARABIC_LETTERS: dict[str, str] = {
    "а": "ا",
    "ә": "ا",
    "б": "ب",
    "в": "ۆ",
    "г": "گ",
    "ғ": "ع",
    "д": "د",
    "е": "ە",
    "ё": "يو",
    "ж": "ج",
    "з": "ز",
    "и": "ي",
    "й": "ي",
    "к": "ك",
    "қ": "ق",
    "л": "ل",
    "м": "م",
    "н": "ن",
    "ң": "ڭ",
    "о": "و",
    "ө": "و",
    "п": "پ",
    "р": "ر",
    "с": "س",
    "т": "ت",
    "у": "ۋ",
    "ұ": "ۇ",
    "ү": "ۇ",
    "ф": "ف",
    "х": "ح",
    "һ": "ھ",
    "ц": "تس",
    "ч": "چ",
    "ш": "ش",
    "щ": "شش",
    "ъ": "",
    "ы": "ى",
    "і": "ى",
    "ь": "",
    "э": "ە",
    "ю": "يۋ",
    "я": "يا",
}
# Vowels that make a word front (ә ө ү і, and е, э when no back vowel stands beside them in
# a loanword) and the back vowels.
_FRONT_ONLY = frozenset("әөүі")
_FRONT_E = frozenset("еэ")
_BACK = frozenset("аоұыяё")
# Letters whose Arabic form already shows the word is front, so it needs no hamza.
_SHOWS_FRONT = frozenset("ەكگ")

_TABLE = {ord(cyr): arab for cyr, arab in ARABIC_LETTERS.items()}
_TABLE.update({ord(cyr.upper()): arab for cyr, arab in ARABIC_LETTERS.items()})

_CYRILLIC_WORD = re.compile("[" + "".join(ARABIC_LETTERS) + "".join(ARABIC_LETTERS).upper() + "]+")
_PUNCTUATION = {",": "،", ";": "؛", "?": "؟"}
_ARABIC_PUNCTUATION = re.compile(r"(?<=[\u0620-\u06ff])([,;?])")


def _is_front(word: str) -> bool:
    if not _FRONT_ONLY.isdisjoint(word):
        return True
    return not _FRONT_E.isdisjoint(word) and _BACK.isdisjoint(word)


def _word(match: re.Match[str]) -> str:
    word = match.group().lower()
    arabic = word.translate(_TABLE)
    if arabic and _is_front(word) and _SHOWS_FRONT.isdisjoint(arabic):
        return HAMZA + arabic
    return arabic


def _plain(text: str) -> str:
    text = _CYRILLIC_WORD.sub(_word, text)
    return _ARABIC_PUNCTUATION.sub(lambda m: _PUNCTUATION[m.group()], text)


def to_arabic(text: str) -> str:
    """Spell Kazakh Cyrillic text in the Kazakh Arabic script (töte jazu)."""
    require_str(text)
    return map_unprotected(text, _plain)
