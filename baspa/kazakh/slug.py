"""ASCII URL slugs from Kazakh and Russian headlines, through the 2021 Latin alphabet."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

from baspa.kazakh._text import require_str
from baspa.kazakh.normalize import normalize
from baspa.kazakh.translit import to_latin

__all__ = ["slugify", "unique_slug"]

# Letters with marks folded to ASCII. Ş and Ç become "sh" and "ch", the English spellings readers
# of a URL expect, rather than a bare s/c that would merge шаш with сас; ı and i both become i.
# The 2018 letters are folded too, for slugs made from text already in that alphabet.
_FOLD = str.maketrans(
    {
        "ä": "a",
        "ğ": "g",
        "ı": "i",
        "ñ": "n",
        "ö": "o",
        "ū": "u",
        "ü": "u",
        "ş": "sh",
        "ç": "ch",
        "á": "a",
        "ǵ": "g",
        "ń": "n",
        "ó": "o",
        "ú": "u",
        "ý": "y",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ə": "a",
    }
)
_DROP = re.compile(r"['\u2019\u02bc\u2018`]")  # apostrophes join: "don't" -> "dont"
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def _fallback(text: str) -> str:
    # Headlines with nothing that folds to ASCII (emoji only, Chinese) still need a stable slug.
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return "n-" + digest


def _cap(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    # A first word longer than the cap is cut inside the word rather than dropped.
    slug = slug[:cut] if cut > 0 else slug[:max_length]
    return slug.strip("-")


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII slug: lower case, words joined by "-", at most ``max_length`` characters.

    Kazakh and Russian go through the 2021 Latin alphabet (Cyrillic words with Latin
    look-alikes repaired first), then letters with marks fold to ASCII (see ``_FOLD``). The
    slug is cut at a word boundary. Raises ValueError for empty text or ``max_length < 1``.
    """
    require_str(text)
    if not isinstance(max_length, int) or max_length < 1:
        raise ValueError(f"max_length must be a positive integer, not {max_length!r}")
    if not text.strip():
        raise ValueError("cannot make a slug from empty text")
    latin = to_latin(normalize(text)).translate(_FOLD)
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", _DROP.sub("", ascii_text.lower())).strip("-")
    if not slug:
        slug = _fallback(text)
    return _cap(slug, max_length)


def unique_slug(text: str, exists: Callable[[str], bool], max_length: int = 80) -> str:
    """``slugify(text)``, or the first of ``<slug>-2``, ``<slug>-3``, ... that ``exists`` rejects.

    The number counts against ``max_length``: the base is cut shorter, at a word boundary.
    """
    slug = slugify(text, max_length)
    number = 1
    while exists(slug):
        number += 1
        suffix = f"-{number}"
        if len(suffix) >= max_length:
            raise ValueError(f"no free slug for {text[:40]!r} within {max_length} characters")
        base = _cap(slugify(text, max_length), max_length - len(suffix)) or "n"
        slug = base + suffix
    return slug
