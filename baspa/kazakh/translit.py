"""Transliteration between Kazakh Cyrillic and the Kazakh Latin alphabets."""

from __future__ import annotations

import re
from functools import cache

from baspa.kazakh._text import (
    CYRILLIC_LETTERS,
    KAZAKH_LATIN_MARKS,
    map_unprotected,
    require_str,
)
from baspa.kazakh.alphabets import ALPHABETS, DEFAULT_ALPHABET, Alphabet

__all__ = ["latin_lower", "latin_upper", "to_cyrillic", "to_latin"]


def _alphabet(name: str) -> Alphabet:
    try:
        return ALPHABETS[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(ALPHABETS))
        raise ValueError(f"unknown Kazakh Latin alphabet {name!r}; known: {known}") from None


def _capitalise(latin: str, alphabet: Alphabet, all_caps: bool) -> str:
    if not latin:
        return latin
    if all_caps:
        return "".join(alphabet.capitals[ch] for ch in latin)
    return alphabet.capitals[latin[0]] + latin[1:]


@cache
def _latin_tables(name: str) -> tuple[dict[int, str], dict[str, str], re.Pattern[str] | None]:
    """Translation table for single letters, ALL-CAPS spellings and a pattern for digraphs."""
    alphabet = _alphabet(name)
    table: dict[int, str] = {}
    caps: dict[str, str] = {}
    for cyr, lat in alphabet.letters.items():
        table[ord(cyr)] = lat
        upper = cyr.upper()
        table[ord(upper)] = _capitalise(lat, alphabet, all_caps=False)
        if len(lat) > 1:
            caps[upper] = _capitalise(lat, alphabet, all_caps=True)
    pattern = re.compile("[" + "".join(sorted(caps)) + "]") if caps else None
    return table, caps, pattern


def _is_caps_context(text: str, start: int, end: int) -> bool:
    # An upper-case Ц, Щ, Ю, Я, Ё (Ш, Ч in 2018) is spelt in capitals inside ALL-CAPS words
    # and abbreviations ("ЦСКА" -> "TSSKA"), and Title-cased otherwise ("Цех" -> "Tseh").
    after = text[end] if end < len(text) else ""
    if after.isupper():
        return True
    before = text[start - 1] if start > 0 else ""
    return before.isupper() and not after.islower()


def _to_latin_plain(text: str, name: str) -> str:
    table, caps, pattern = _latin_tables(name)
    if pattern is not None and pattern.search(text):

        def spell(match: re.Match[str]) -> str:
            letter = match.group()
            if _is_caps_context(text, match.start(), match.end()):
                return caps[letter]
            return table[ord(letter)]

        text = pattern.sub(spell, text)
    return text.translate(table)


def to_latin(text: str, alphabet: str = DEFAULT_ALPHABET) -> str:
    """Spell Kazakh Cyrillic text in a Kazakh Latin alphabet ("2021" by default, or "2018").

    Latin letters, digits, punctuation, URLs and e-mail addresses pass through unchanged.
    """
    require_str(text)
    _alphabet(alphabet)
    if not any(ch in CYRILLIC_LETTERS for ch in text):
        return text
    return map_unprotected(text, lambda part: _to_latin_plain(part, alphabet))


# Latin -> Cyrillic, 2021 alphabet. Everything except İ/i is one letter to one letter.
_CYRILLIC_OF: dict[str, str] = {
    "a": "а",
    "ä": "ә",
    "b": "б",
    "ç": "ч",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "ğ": "ғ",
    # Х and Һ are both H; Х is the commoner letter in the loanwords that carry either.
    "h": "х",
    "ı": "і",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "ñ": "ң",
    "o": "о",
    "ö": "ө",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "ş": "ш",
    "t": "т",
    "u": "у",
    "ū": "ұ",
    "ü": "ү",
    "v": "в",
    "y": "ы",
    "z": "з",
}
_CYRILLIC_OF_CAPITAL: dict[str, str] = {
    "I": "І",
    **{lat.upper(): cyr.upper() for lat, cyr in _CYRILLIC_OF.items() if lat not in "ıi"},
}
# Vowels for reading İ/i back. U is left out: after a vowel У is the glide [w], and "ui" after
# it is И in names such as Ясауи.
_LATIN_VOWELS = frozenset("aäeıioöūüyAÄEIİOÖŪÜY")
_KAZAKH_LATIN = frozenset("".join(_CYRILLIC_OF) + "".join(_CYRILLIC_OF_CAPITAL) + "iİ")
# Runs of Latin letters (Basic Latin, Latin-1, Latin Extended-A and -B). A run with a letter
# outside the 2021 alphabet (c, w, x, é, ß, ...) is not Kazakh and is left alone.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def _word_to_cyrillic(word: str) -> str:
    out: list[str] = []
    n = len(word)
    k = 0
    while k < n:
        ch = word[k]
        if ch == "i" or ch == "İ":
            upper = ch == "İ"
            nxt = word[k + 1] if k + 1 < n else ""
            prev_vowel = k > 0 and word[k - 1] in _LATIN_VOWELS
            # The 2021 guidance spells Я and Ю as "ia", "iu" (the i standing for Й). Read
            # them back where Й cannot stand: at the start of a word or after a vowel
            # ("qoian" -> "қоян", "aiu" -> "аю"); after a consonant "ia" is the common
            # loanword ending "-ия" ("Aziia" and "Azia" both -> "Азия").
            if nxt in ("a", "A", "u", "U"):
                jot = "я" if nxt in "aA" else "ю"
                if k == 0 or prev_vowel:
                    out.append(jot.upper() if upper else jot)
                else:
                    out.append(("И" if upper else "и") + (jot.upper() if nxt.isupper() else jot))
                k += 2
                continue
            # Otherwise И after a consonant or at the start, Й after a vowel ("syi" -> "сый").
            letter = "й" if prev_vowel else "и"
            out.append(letter.upper() if upper else letter)
        elif ch in _CYRILLIC_OF:
            out.append(_CYRILLIC_OF[ch])
        elif ch in _CYRILLIC_OF_CAPITAL:
            out.append(_CYRILLIC_OF_CAPITAL[ch])
        else:
            out.append(ch)
        k += 1
    return "".join(out)


def _latin_word_sub(match: re.Match[str]) -> str:
    word = match.group()
    if not _KAZAKH_LATIN.issuperset(word):
        return word
    return _word_to_cyrillic(word)


# A run of Latin words: letters, joined by spaces or hyphens ("Mümkındıkter Alañy").
_LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+"
    r"(?:[ \t\u00a0-][A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+)*"
)


def _marked_run_sub(match: re.Match[str]) -> str:
    run = match.group()
    if KAZAKH_LATIN_MARKS.isdisjoint(run):
        return run
    return _LATIN_WORD.sub(_latin_word_sub, run)


def to_cyrillic(text: str, *, marked_only: bool = False) -> str:
    """Spell Kazakh written in the 2021 Latin alphabet in Cyrillic.

    With ``marked_only``, only runs of Latin words of which one carries a letter English lacks
    (ä ğ ı İ ñ ö ū ü ş ç) are spelt in Cyrillic: «Mümkındıkter Alañy» is Kazakh, while «Dala
    Habar» or «Astana Times» could be a brand and stay as written. Pages use this; the plain
    form is for text known to be Kazakh.

    Not exact where the alphabet merges letters: İ/i is И or Й (read from the neighbours), H is
    Х (never Һ), and the loanword letters Ц, Щ, Ё, Ъ, Ь, Э come back as ТС, ШШ, ЙО, nothing, Е.
    Words with letters outside the alphabet (c, w, x, é, ...), URLs and e-mail addresses are
    left as they are.
    """
    require_str(text)
    if marked_only:
        if KAZAKH_LATIN_MARKS.isdisjoint(text):
            return text
        return map_unprotected(text, lambda part: _LATIN_RUN.sub(_marked_run_sub, part))
    return map_unprotected(text, lambda part: _LATIN_WORD.sub(_latin_word_sub, part))


def latin_lower(text: str) -> str:
    """Lower-case Kazakh Latin text: I -> ı and İ -> i, unlike ``str.lower``."""
    require_str(text)
    return text.replace("I", "ı").replace("İ", "i").lower()


def latin_upper(text: str) -> str:
    """Upper-case Kazakh Latin text: i -> İ and ı -> I, unlike ``str.upper``."""
    require_str(text)
    return text.replace("i", "İ").upper()
