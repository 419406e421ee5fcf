"""Cyrillic -> Kazakh Arabic script (töte jazu): every letter, the hamza rule, sentences."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baspa.kazakh import to_arabic
from baspa.kazakh.arabic import ARABIC_LETTERS, HAMZA

# Each letter inside a back-vowel frame (so no hamza), both cases.
LETTERS = [
    ("а", "ا"),
    ("б", "ب"),
    ("в", "ۆ"),
    ("г", "گ"),
    ("ғ", "ع"),
    ("д", "د"),
    ("ж", "ج"),
    ("з", "ز"),
    ("и", "ي"),
    ("й", "ي"),
    ("к", "ك"),
    ("қ", "ق"),
    ("л", "ل"),
    ("м", "م"),
    ("н", "ن"),
    ("ң", "ڭ"),
    ("о", "و"),
    ("п", "پ"),
    ("р", "ر"),
    ("с", "س"),
    ("т", "ت"),
    ("у", "ۋ"),
    ("ұ", "ۇ"),
    ("ф", "ف"),
    ("х", "ح"),
    ("һ", "ھ"),
    ("ч", "چ"),
    ("ш", "ش"),
    ("ы", "ى"),
    # Russian-only letters, spelt by their sounds.
    ("ё", "يو"),
    ("ц", "تس"),
    ("щ", "شش"),
    ("ъ", ""),
    ("ь", ""),
    ("ю", "يۋ"),
    ("я", "يا"),
]


@pytest.mark.parametrize(("cyr", "arab"), LETTERS)
def test_every_letter(cyr: str, arab: str) -> None:
    assert to_arabic("та" + cyr + "та") == "تا" + arab + "تا"
    assert to_arabic("ТА" + cyr.upper() + "ТА") == "تا" + arab + "تا"


@pytest.mark.parametrize(
    ("cyr", "arab"),
    [
        # Front vowels share their letter with the back ones; the hamza marks the word.
        ("ә", HAMZA + "ا"),
        ("ө", HAMZA + "و"),
        ("ү", HAMZA + "ۇ"),
        ("і", HAMZA + "ى"),
        # е is a letter of its own: it shows the word is front, no hamza.
        ("е", "ە"),
        ("э", "ە"),
    ],
)
def test_front_vowels_alone(cyr: str, arab: str) -> None:
    assert to_arabic(cyr) == arab
    assert to_arabic(cyr.upper()) == arab


def test_every_cyrillic_letter_has_a_spelling() -> None:
    assert set(ARABIC_LETTERS) == set("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")


@pytest.mark.parametrize(
    ("cyr", "arab"),
    [
        ("білім", HAMZA + "بىلىم"),  # front, nothing shows it: hamza
        ("үй", HAMZA + "ۇي"),
        ("түрлі", HAMZA + "تۇرلى"),
        ("көл", "كول"),  # к shows it
        ("гүл", "گۇل"),  # г shows it
        ("ел", "ەل"),  # е shows it
        ("әке", "اكە"),
        ("сәлем", "سالەم"),
        ("Қазақстан", "قازاقستان"),  # back word: no hamza
        ("Алматы", "الماتى"),
        ("Өскемен", "وسكەمەن"),
        ("Тоқаев", "توقاەۆ"),  # е beside back vowels in a name: a back word
        ("Мүмкіндіктер", "مۇمكىندىكتەر"),
    ],
)
def test_words_and_the_hamza(cyr: str, arab: str) -> None:
    assert to_arabic(cyr) == arab


def test_whole_sentences() -> None:
    assert to_arabic("Сәлем, қалайсың?") == "سالەم، قالايسىڭ؟"
    assert to_arabic("Біз Алматыда тұрамыз; сіз ше?") == (
        HAMZA + "بىز الماتىدا تۇرامىز؛ " + HAMZA + "سىز شە؟"
    )
    assert to_arabic("Мүмкіндіктер Алаңы — 2026 жылы.") == "مۇمكىندىكتەر الاڭى — 2026 جىلى."


def test_latin_digits_urls_and_emails_pass_through() -> None:
    text = "Wi-Fi 2026, 9% https://baspa.kz/жаңа info@baspa.kz iPhone"
    assert to_arabic(text) == text


def test_no_cyrillic_is_left() -> None:
    text = "ЦСКА мен «Ақжайық» ойыны: Щучинск, съезд, Юрий, Ясауи, актёр, экономика."
    assert not any("\u0400" <= ch <= "\u04ff" for ch in to_arabic(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аәбғеиіқңөұүыhшщюяАӘІҚ ,.?-"))))
def test_any_kazakh_text_leaves_no_cyrillic(text: str) -> None:
    arabic = to_arabic(text)
    assert not any("\u0400" <= ch <= "\u04ff" for ch in arabic)
    # Letters only: a hamza is never doubled and never ends a word.
    assert HAMZA * 2 not in arabic
    assert not any(word.endswith(HAMZA) for word in arabic.split())


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_accepted(text: str) -> None:
    assert isinstance(to_arabic(text), str)
