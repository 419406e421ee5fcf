"""Versioned Kazakh Latin alphabets, as data.

Each alphabet maps a lower-case Cyrillic letter to its lower-case Latin spelling, together with
the upper-case form of every Latin letter the alphabet uses (Kazakh Latin pairs I/ı and İ/i,
which Python's ``str.upper`` does not know). ``to_latin`` reads these tables and nothing else, so
a new revision of the standard is a new table here, and old pages can be re-rendered with the
alphabet they were written in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Alphabet:
    name: str
    # Lower-case Cyrillic letter -> lower-case Latin string ("" drops the letter).
    letters: Mapping[str, str]
    # Lower-case Latin letter -> its capital, for every letter in ``letters``' values.
    capitals: Mapping[str, str]
    # The Latin letters the alphabet lists, in its own order (for the docs and tests).
    order: tuple[str, ...]


def _freeze(mapping: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


# The 2021 alphabet: the revision presented by the Government of Kazakhstan on 28 January 2021
# (31 letters) with Ç ç for Ч as in Baspa's issue. Letters the alphabet lacks follow the
# published guidance for loanwords: Ц -> ts, Щ -> şş, Э -> e, Ё/Ю/Я -> io/iu/ia (the "i" being
# the Latin letter for Й), Ъ and Ь dropped. See docs/kazakh.md for sources and the choices Baspa
# made where the guidance offers two spellings.
ALPHABET_2021 = Alphabet(
    name="2021",
    letters=_freeze(
        {
            "а": "a",
            "ә": "ä",
            "б": "b",
            "в": "v",
            "г": "g",
            "ғ": "ğ",
            "д": "d",
            "е": "e",
            "ё": "io",
            "ж": "j",
            "з": "z",
            "и": "i",
            "й": "i",
            "к": "k",
            "қ": "q",
            "л": "l",
            "м": "m",
            "н": "n",
            "ң": "ñ",
            "о": "o",
            "ө": "ö",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ұ": "ū",
            "ү": "ü",
            "ф": "f",
            "х": "h",
            "һ": "h",
            "ц": "ts",
            "ч": "ç",
            "ш": "ş",
            "щ": "şş",
            "ъ": "",
            "ы": "y",
            "і": "ı",
            "ь": "",
            "э": "e",
            "ю": "iu",
            "я": "ia",
        }
    ),
    # ı/I and i/İ are two separate letters of the alphabet, as in Turkish.
    capitals=_freeze(
        {
            "a": "A",
            "ä": "Ä",
            "b": "B",
            "ç": "Ç",
            "d": "D",
            "e": "E",
            "f": "F",
            "g": "G",
            "ğ": "Ğ",
            "h": "H",
            "ı": "I",
            "i": "İ",
            "j": "J",
            "k": "K",
            "l": "L",
            "m": "M",
            "n": "N",
            "ñ": "Ñ",
            "o": "O",
            "ö": "Ö",
            "p": "P",
            "q": "Q",
            "r": "R",
            "s": "S",
            "ş": "Ş",
            "t": "T",
            "u": "U",
            "ū": "Ū",
            "ü": "Ü",
            "v": "V",
            "y": "Y",
            "z": "Z",
        }
    ),
    order=tuple("a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z ç".split()),
)

# The 2018 alphabet: Presidential Decree No. 637 as amended on 19 February 2018 (acute accents
# and the digraphs Sh, Ch). І is I i, while И and Й share I ı; У is Ý ý and Ұ is U u.
ALPHABET_2018 = Alphabet(
    name="2018",
    letters=_freeze(
        {
            "а": "a",
            "ә": "á",
            "б": "b",
            "в": "v",
            "г": "g",
            "ғ": "ǵ",
            "д": "d",
            "е": "e",
            "ё": "ıo",
            "ж": "j",
            "з": "z",
            "и": "ı",
            "й": "ı",
            "к": "k",
            "қ": "q",
            "л": "l",
            "м": "m",
            "н": "n",
            "ң": "ń",
            "о": "o",
            "ө": "ó",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "ý",
            "ұ": "u",
            "ү": "ú",
            "ф": "f",
            "х": "h",
            "һ": "h",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shsh",
            "ъ": "",
            "ы": "y",
            "і": "i",
            "ь": "",
            "э": "e",
            "ю": "ıý",
            "я": "ıa",
        }
    ),
    capitals=_freeze(
        {
            "a": "A",
            "á": "Á",
            "b": "B",
            "c": "C",
            "d": "D",
            "e": "E",
            "f": "F",
            "g": "G",
            "ǵ": "Ǵ",
            "h": "H",
            "i": "I",
            "ı": "I",
            "j": "J",
            "k": "K",
            "l": "L",
            "m": "M",
            "n": "N",
            "ń": "Ń",
            "o": "O",
            "ó": "Ó",
            "p": "P",
            "q": "Q",
            "r": "R",
            "s": "S",
            "t": "T",
            "u": "U",
            "ú": "Ú",
            "v": "V",
            "y": "Y",
            "ý": "Ý",
            "z": "Z",
        }
    ),
    order=tuple("a á b d e f g ǵ h i ı j k l m n ń o ó p q r s t u ú v y ý z sh ch".split()),
)

ALPHABETS: Mapping[str, Alphabet] = MappingProxyType({"2021": ALPHABET_2021, "2018": ALPHABET_2018})
DEFAULT_ALPHABET = "2021"

# Kazakh Cyrillic letters that no Latin alphabet above spells with a single letter of its own:
# they occur only in Russian loanwords (Ц Щ Ъ Ь Э Ю Я Ё) and do not round-trip.
RUSSIAN_ONLY_LETTERS = frozenset("ёцщъьэюя")
