import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baspa.kazakh import slugify, unique_slug


def test_kazakh_and_russian_headlines() -> None:
    assert slugify("Мүмкіндіктер Алаңы") == "mumkindikter-alany"
    assert slugify("Тоқаев шаруалармен кездесті") == "toqaev-sharualarmen-kezdesti"
    assert slugify("Президент прибыл в Астану: «Щедрый» жест") == (
        "prezident-pribyl-v-astanu-shshedryi-jest"
    )
    assert slugify("Ұлттық қор 10%-ға өсті") == "ulttyq-qor-10-ga-osti"


def test_latin_headline_folds_marks() -> None:
    assert slugify("Mümkındıkter Alañy: Şyğys, Çempionat") == (
        "mumkindikter-alany-shygys-chempionat"
    )
    assert slugify("Don’t stop") == "dont-stop"


def test_stable_and_script_independent() -> None:
    assert slugify("Қазақстан Ұлттық") == slugify("Qazaqstan Ūlttyq") == "qazaqstan-ulttyq"
    assert slugify("😀😀") == slugify("😀😀")
    assert re.fullmatch(r"n-[0-9a-f]{8}", slugify("😀😀"))


def test_length_cap_at_word_boundary() -> None:
    assert slugify("Тоқаев шаруалармен кездесті", max_length=20) == "toqaev-sharualarmen"
    assert slugify("Тоқаев шаруалармен кездесті", max_length=19) == "toqaev-sharualarmen"
    assert slugify("Тоқаев шаруалармен кездесті", max_length=18) == "toqaev"
    assert slugify("Шаруашылықтарымыздағы", max_length=10) == "sharuashyl"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="empty"):
        slugify("  ")
    with pytest.raises(ValueError, match="max_length"):
        slugify("сәлем", max_length=0)


def test_unique_slug() -> None:
    taken = {"mumkindikter-alany", "mumkindikter-alany-2"}
    assert unique_slug("Мүмкіндіктер Алаңы", taken.__contains__) == "mumkindikter-alany-3"
    slug = unique_slug("Мүмкіндіктер Алаңы", taken.__contains__, max_length=18)
    assert slug == "mumkindikter-2"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1), st.integers(min_value=1, max_value=100))
def test_any_text_gives_a_valid_slug(text: str, max_length: int) -> None:
    if not text.strip():
        return
    slug = slugify(text, max_length=max_length)
    assert 0 < len(slug) <= max_length
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
