from hypothesis import given, settings
from hypothesis import strategies as st

from baspa.kazakh import Token, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text)]


def test_words_numbers_and_offsets() -> None:
    text = "ҚР Президенті 2026 жылы 9-қарашада «Мемлекет-тің» бағдарламасын айтты."
    tokens = tokenize(text)
    assert [(t.text, t.kind) for t in tokens] == [
        ("ҚР", "abbr"),
        ("Президенті", "word"),
        ("2026", "number"),
        ("жылы", "word"),
        ("9-қарашада", "number"),
        ("Мемлекет-тің", "word"),
        ("бағдарламасын", "word"),
        ("айтты", "word"),
    ]
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert tokens[0] == Token("ҚР", 0, 2, "abbr")


def test_abbreviations() -> None:
    assert kinds("ЕАЭО-ның т.б. т.с.с. АҚШ-тың") == [
        ("ЕАЭО-ның", "abbr"),
        ("т.б.", "abbr"),
        ("т.с.с.", "abbr"),
        ("АҚШ-тың", "abbr"),
    ]


def test_numbers_with_suffixes_and_decimals() -> None:
    assert kinds("10%-ға 3,5 1\u00a0000 5-ші 1990-жылдары") == [
        ("10%-ға", "number"),
        ("3,5", "number"),
        ("1\u00a0000", "number"),
        ("5-ші", "number"),
        ("1990-жылдары", "number"),
    ]


def test_urls_emails_apostrophes_and_latin() -> None:
    text = "Толығы: https://baspa.kz/kk/a?id=1. Хат: info@baspa.kz. Oʼzbekiston, don’t"
    assert kinds(text) == [
        ("Толығы", "word"),
        ("https://baspa.kz/kk/a?id=1", "url"),
        ("Хат", "word"),
        ("info@baspa.kz", "email"),
        ("Oʼzbekiston", "word"),
        ("don’t", "word"),
    ]


def test_emoji_and_punctuation_are_not_tokens() -> None:
    assert kinds("😀 — !!! …") == []
    assert tokenize("") == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_offsets_always_index_the_source(text: str) -> None:
    last = 0
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.start >= last and token.end > token.start
        last = token.end
