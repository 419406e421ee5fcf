"""baspa.kazakh: Kazakh text handling for Baspa, in plain Python (no Django).

Two scripts (Cyrillic and the Kazakh Latin alphabets of 2021 and 2018), normalisation for
storage and search, tokens with offsets, a Kazakh stemmer, stopwords and URL slugs. See
docs/kazakh.md.
"""

from baspa.kazakh.translit import latin_lower, latin_upper, to_cyrillic, to_latin

__all__ = [
    "latin_lower",
    "latin_upper",
    "to_cyrillic",
    "to_latin",
]
