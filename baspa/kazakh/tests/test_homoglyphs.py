"""Mixed-script words: found with their offsets and repaired into one script."""

from hypothesis import given, settings
from hypothesis import strategies as st

from baspa.kazakh import MixedWord, find_mixed_script, repair_mixed_script


def test_latin_letters_inside_cyrillic_words() -> None:
    text = "Aлмaты қаласында"  # Latin A and a
    assert find_mixed_script(text) == [MixedWord("Aлмaты", 0, 6, "Алматы")]
    assert repair_mixed_script(text) == "Алматы қаласында"
    # Latin i for і, and the old stand-ins ä, ö, ü for ә, ө, ү.
    assert repair_mixed_script("бiлiм сäлем көл үлкeн") == "білім сәлем көл үлкен"


def test_cyrillic_letters_inside_latin_words() -> None:
    text = "Qazaqstаn men Аstana"  # Cyrillic а in both
    found = find_mixed_script(text)
    assert [(m.word, m.suggestion) for m in found] == [
        ("Qazaqstаn", "Qazaqstan"),
        ("Аstana", "Astana"),
    ]
    assert repair_mixed_script(text) == "Qazaqstan men Astana"


def test_words_in_one_script_and_deliberate_mixes_are_left_alone() -> None:
    for text in ("iPhone-ға", "Wi-Fi-да", "COVID-19", "Mümkındıkter Alañy", "Алаңы", ""):
        assert find_mixed_script(text) == []
        assert repair_mixed_script(text) == text


def test_no_sure_repair_is_reported_without_suggestion() -> None:
    # Cyrillic-majority word with a Latin letter that has no Cyrillic twin (w).
    (found,) = find_mixed_script("қаwа")
    assert found.suggestion is None
    assert repair_mixed_script("қаwа") == "қаwа"


def test_urls_and_emails_are_not_flagged() -> None:
    text = "https://сaйт.kz пен редaкция@baspa.kz және Aлмaты"
    assert [m.word for m in find_mixed_script(text)] == ["Aлмaты"]
    assert repair_mixed_script(text) == "https://сaйт.kz пен редaкция@baspa.kz және Алматы"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аеоурсхАВЕКМНОРСТaeoupcxABEKMHOPTqwä -."))))
def test_repair_leaves_no_repairable_mixed_word(text: str) -> None:
    repaired = repair_mixed_script(text)
    assert len(repaired) == len(text)
    assert all(m.suggestion is None for m in find_mixed_script(repaired))
    for mixed in find_mixed_script(text):
        assert text[mixed.start : mixed.end] == mixed.word


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_any_text_is_accepted(text: str) -> None:
    assert isinstance(repair_mixed_script(text), str)
    assert isinstance(find_mixed_script(text), list)
