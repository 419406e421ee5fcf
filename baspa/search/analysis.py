"""Text → search terms, the same at index and at query time.

Everything linguistic comes from `baspa.kazakh`; this module only decides which of its
functions a word goes through and makes the result safe for both engines' tokenizers:

- Kazakh (kk): stopwords dropped, then `stem`, which reads either script and returns a
  2021-Latin key, so «Қазақстанға» and «Qazaqstan» both give `qazaqstan`.
- Russian (ru): `normalize`, a word without Cyrillic letters read as Kazakh Latin and written
  in Cyrillic (`Tokaev` → `Токаев`), then Snowball Russian (`stem_ru`) — except for names.

Snowball's rules are for Russian vocabulary, and they cut Kazakh names in Russian text
unevenly: Астана → «аста» but Астане → «астан», Казахстан → «казахста» but Казахстане →
«казахстан», Токаев → «тока» but Токаева → «токаев». A capitalised word (a name, or the first
word of a sentence) therefore only loses one case ending (`_ru_name_stem`: Астана, Астане,
Астаной → «астан»; Токаев, Токаевым → «токаев»). The query cannot rely on capitals (readers
type «астане»), so each Russian query word matches either of its two stems
(`Clause.alternatives`). In a quoted phrase a word keeps the stem its own spelling gives:
«"Токаев провёл"» finds the name, «"токаев провёл"» does not.

A term keeps only letters and digits (`9-qaraşa` → `9qaraşa`), so SQLite's unicode61 and
PostgreSQL's 'simple' parser each see exactly one token per term and nothing in a term can be
read as query syntax by either engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from baspa.kazakh import canonical, is_stopword, normalize, stem, stem_ru, to_cyrillic, tokenize

LANGUAGES = ("kk", "ru")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Control and format characters (C0, C1, bidi overrides…) never reach the tokenizer.
_CONTROL = {cat for cat in ("Cc", "Cf", "Cs", "Co", "Cn")}


def _term_safe(key: str) -> str:
    return "".join(ch for ch in key if ch.isalnum())


# Russian noun and adjective case endings (singular and plural), longest first: a name
# declines like a noun (Астаной, Токаевым, Караганде) or, feminine surnames, an adjective.
_RU_CASE_ENDINGS = (
    "ами ями ыми ими ого его ому ему ой ей ою ею ом ем ым им ых их ах ях ам ям ее а я ы и у ю е о ь"
).split()


def _ru_name_stem(word: str) -> str:
    """A lower-case Russian word without one case ending, keeping at least three letters."""
    for ending in _RU_CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _is_name(word: str) -> bool:
    # Capitalised, not all capitals: all-capital words are abbreviations (НАТО, ЕАЭС).
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _ru_word(word: str) -> str:
    word = normalize(word)
    if not _CYRILLIC.search(word):
        word = to_cyrillic(word).lower()
    return word


# Cached: indexing and snippets meet the same word forms again and again.
@lru_cache(maxsize=65536)
def term(word: str, language: str) -> str:
    """The search term of one token in `language`; empty for stopwords and non-words."""
    if language == "ru":
        if _is_name(word):
            return _term_safe(_ru_name_stem(_ru_word(word)))
        return _term_safe(stem_ru(_ru_word(word)))
    if is_stopword(word):
        return ""
    return _term_safe(stem(word))


@lru_cache(maxsize=65536)
def prefix_key(word: str, language: str) -> str:
    """What a half-typed last word is matched against as a prefix: its unstemmed spelling
    in the script the index keeps for `language` (2021 Latin for kk, Cyrillic for ru)."""
    if language == "ru":
        word = normalize(word)
        if not _CYRILLIC.search(word):
            word = to_cyrillic(word)
        return _term_safe(word)
    return _term_safe(canonical(word))


def analyze(text: str, language: str) -> list[str]:
    """The terms of a text, in order (phrases rely on the order)."""
    terms = []
    for token in tokenize(text):
        t = term(token.text, language)
        if t:
            terms.append(t)
    return terms


def clean_query(text: str, max_length: int) -> tuple[str, bool]:
    """The query without control characters, whitespace folded, cut to `max_length`."""
    text = "".join(" " if unicodedata.category(ch) in _CONTROL else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > max_length:
        return text[:max_length].rsplit(" ", 1)[0] if " " in text[:max_length] else "", True
    return text, False


def alternatives(word: str, language: str) -> list[str]:
    """Other terms a query word also matches: a Russian word's name stem or Snowball stem,
    whichever `term` did not give (the reader's capitals say nothing)."""
    if language != "ru":
        return []
    given = term(word, language)
    lowered = _ru_word(word)
    others = {_term_safe(stem_ru(lowered)), _term_safe(_ru_name_stem(lowered))}
    return sorted(t for t in others if t and t != given)


@dataclass
class Clause:
    """One thing a hit must contain: a word (any of its forms) or a quoted phrase in order."""

    terms: list[str]
    prefix: str = ""  # the last word of a query also matches as a prefix
    alternatives: list[str] = field(default_factory=list)  # a word's other terms

    @property
    def is_phrase(self) -> bool:
        return len(self.terms) > 1


@dataclass
class Query:
    """A reader's query, analysed for each language: `clauses[lang]` must all match."""

    text: str
    clauses: dict[str, list[Clause]] = field(default_factory=dict)
    truncated: bool = False

    def __bool__(self) -> bool:
        return any(self.clauses.values())

    def terms(self, language: str) -> set[str]:
        return {
            t
            for clause in self.clauses.get(language, [])
            for t in (*clause.terms, *clause.alternatives)
        }

    def prefixes(self, language: str) -> set[str]:
        return {c.prefix for c in self.clauses.get(language, []) if c.prefix}


_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»|“([^”]*)”')


def parse_query(
    text: str, *, max_length: int = 200, max_terms: int = 10, min_prefix: int = 3
) -> Query:
    """Split a reader's query into words and quoted phrases and analyse it for kk and ru.

    Nothing the reader types is syntax for the database: quotes only group a phrase, and
    `*`, `-`, `NEAR`, `AND`, parentheses are words or nothing.
    """
    cleaned, truncated = clean_query(text, max_length)
    parts: list[tuple[str, bool]] = []  # (text, quoted)
    pos = 0
    for match in _PHRASE.finditer(cleaned):
        parts.append((cleaned[pos : match.start()], False))
        parts.append((next(g for g in match.groups() if g is not None), True))
        pos = match.end()
    parts.append((cleaned[pos:].replace('"', " "), False))
    ends_with_word = bool(cleaned) and cleaned[-1].isalnum()

    query = Query(text=cleaned, truncated=truncated)
    for language in LANGUAGES:
        clauses: list[Clause] = []
        budget = max_terms
        for index, (chunk, quoted) in enumerate(parts):
            tokens = tokenize(chunk)
            terms = [(tok, term(tok.text, language)) for tok in tokens]
            terms = [(tok, t) for tok, t in terms if t]
            if len(terms) > budget:
                query.truncated = True
                terms = terms[:budget]
            if not terms:
                continue
            if quoted:
                clauses.append(Clause(terms=[t for _tok, t in terms]))
                budget -= len(terms)
                continue
            for tok, t in terms:
                last = index == len(parts) - 1 and tok is tokens[-1] and ends_with_word
                prefix = prefix_key(tok.text, language) if last else ""
                clauses.append(
                    Clause(
                        terms=[t],
                        prefix=prefix if len(prefix) >= min_prefix else "",
                        alternatives=alternatives(tok.text, language),
                    )
                )
            budget -= len(terms)
        query.clauses[language] = clauses
    return query
