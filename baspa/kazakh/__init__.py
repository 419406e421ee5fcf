"""baspa.kazakh: Kazakh text handling for Baspa, in plain Python (no Django).

Three scripts (Cyrillic, the Kazakh Latin alphabets of 2021 and 2018, and the Arabic script),
mixed-script words found and repaired, normalisation for storage and search, tokens with
offsets, a Kazakh stemmer, stopwords and URL slugs. See docs/kazakh.md.
"""

from baspa.kazakh.arabic import to_arabic
from baspa.kazakh.homoglyphs import MixedWord, find_mixed_script, repair_mixed_script
from baspa.kazakh.normalize import canonical, lower, normalize, repair_lookalikes
from baspa.kazakh.slug import slugify, unique_slug
from baspa.kazakh.stem import stem, stem_ru
from baspa.kazakh.stopwords import STOPWORDS, is_stopword
from baspa.kazakh.tokenize import Token, tokenize
from baspa.kazakh.translit import latin_lower, latin_upper, to_cyrillic, to_latin

__all__ = [
    "STOPWORDS",
    "MixedWord",
    "Token",
    "canonical",
    "find_mixed_script",
    "is_stopword",
    "latin_lower",
    "latin_upper",
    "lower",
    "normalize",
    "repair_lookalikes",
    "repair_mixed_script",
    "slugify",
    "stem",
    "stem_ru",
    "to_cyrillic",
    "to_latin",
    "to_arabic",
    "tokenize",
    "unique_slug",
]
