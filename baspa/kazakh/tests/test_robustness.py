"""Every public function takes any str, answers or raises ValueError, and runs in linear time."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baspa import kazakh
from baspa.kazakh import (
    canonical,
    find_mixed_script,
    is_stopword,
    lower,
    normalize,
    repair_mixed_script,
    slugify,
    stem,
    stem_ru,
    to_arabic,
    to_cyrillic,
    to_latin,
    tokenize,
)

FUNCTIONS = [
    to_latin,
    to_cyrillic,
    to_arabic,
    find_mixed_script,
    repair_mixed_script,
    normalize,
    canonical,
    lower,
    tokenize,
    stem,
    is_stopword,
]

NASTY = [
    "",
    " ",
    "\x00\x01\x1b[31m\x7f",
    "😀👍🏽 👨‍👩‍👧",
    "Қазақ\udcffстан \ud800",  # lone surrogates, as surrogateescape leaves them
    "Mixed Қазақ Latin Ψ 中文 עברית",
    "а" * 10_000,
    "\u0301\u0308" * 100,
    "https://" + "х" * 1000,
    "@" * 1000 + "a.b",
]


@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.__name__)
def test_nasty_input(func, text: str) -> None:  # type: ignore[no-untyped-def]
    func(text)


@pytest.mark.parametrize("text", NASTY)
def test_nasty_input_slug(text: str) -> None:
    if text.strip():
        assert slugify(text)
    else:
        with pytest.raises(ValueError):
            slugify(text)


def test_non_str_is_a_type_error() -> None:
    for func in [*FUNCTIONS, slugify, stem_ru]:
        with pytest.raises(TypeError):
            func(b"bytes")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_unicode_string(text: str) -> None:
    for func in FUNCTIONS:
        func(text)
    if text.strip():
        slugify(text)


def _megabyte() -> str:
    sample = (
        "ҚР Президенті Қ.Тоқаев 2026 жылы 9-қарашада Астанада Aлмaты https://baspa.kz/a "
        "info@baspa.kz Mümkındıkter ALAÑY 😀 \udcff т.б. 10%-ға "
    )
    return (sample * (1_000_000 // len(sample) + 1))[:1_000_000]


@pytest.mark.parametrize(
    "func",
    [
        to_latin,
        to_cyrillic,
        to_arabic,
        repair_mixed_script,
        normalize,
        canonical,
        lower,
        tokenize,
        slugify,
    ],
    ids=lambda f: f.__name__,
)
def test_one_megabyte(func) -> None:  # type: ignore[no-untyped-def]
    # Completes: linear time on a 1 MB input (timings are for bench/, not unit tests).
    func(_megabyte())


def test_one_megabyte_token_and_long_runs() -> None:
    for text in ("а" * 1_000_000, "a." * 500_000, "-" * 1_000_000, "1" * 1_000_000):
        for func in (to_latin, normalize, canonical, tokenize):
            func(text)
    assert stem("а" * 100_000)


def test_package_does_not_import_django() -> None:
    import subprocess
    import sys

    code = "import sys, baspa.kazakh; assert 'django' not in sys.modules, 'django imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert kazakh.__all__
