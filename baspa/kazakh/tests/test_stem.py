import pytest

from baspa.kazakh import stem, stem_ru, to_latin


def same_stem(*words: str) -> bool:
    return len({stem(word) for word in words}) == 1


@pytest.mark.parametrize(
    "forms",
    [
        # People and places in the news, with Kazakh endings on Russian-style surnames.
        ("Тоқаев", "Тоқаевтың", "Тоқаевқа", "Тоқаевпен", "Тоқаевты"),
        ("Астана", "Астанада", "Астанаға", "Астанадан", "Астананың"),
        ("Қостанай", "Қостанайда", "Қостанайға", "Қостанайдың"),
        ("Алматы", "Алматыда", "Алматыға", "Алматының"),
        ("Қазақстан", "Қазақстанның", "Қазақстанда", "Қазақстаннан"),
        # Russian loanwords with Kazakh endings.
        ("президент", "президентіне", "президенттің", "президентке", "президенттер"),
        ("министрлік", "министрлігінің", "министрлігі", "министрлікке"),
        ("парламент", "парламентте", "парламенттің", "парламентпен"),
        # Noun paradigm: plural, possessive, case; stem-final п/б, к/г, қ/ғ.
        ("адам", "адамдар", "адамның", "адамдарға", "адамы", "адамына", "адамдарымыз"),
        ("кітап", "кітабы", "кітаптар", "кітабымыз", "кітапқа"),
        ("жүрек", "жүрегі", "жүрекке", "жүректің"),
        ("халық", "халқы", "халықтың", "халыққа"),
        # Verbs: tense, person, negation.
        ("біл", "білді", "біледі", "білмейді", "білген", "білу", "білуге", "білмеймін"),
        ("бар", "барады", "барды", "барып", "барса", "барсын", "барамын"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms: tuple[str, ...]) -> None:
    assert same_stem(*forms), {form: stem(form) for form in forms}


@pytest.mark.parametrize(
    ("first", "second"),
    [("адам", "ада"), ("ат", "ата"), ("адам", "адал"), ("Қазақстан", "қазақ"), ("ақ", "ат")],
)
def test_different_words_stay_apart(first: str, second: str) -> None:
    assert stem(first) != stem(second)


@pytest.mark.parametrize(
    "word",
    ["ол", "су", "үй", "ат", "аударма", "алма", "адам", "Абдулла", "таң", "Еуропа"],
)
def test_short_words_and_bare_nouns_are_left_alone(word: str) -> None:
    assert stem(word) == to_latin(word.lower())


def test_numbers_abbreviations_and_particles_after_a_hyphen() -> None:
    assert stem("9-қарашада") == stem("9-қараша")
    assert stem("ҚР-да") == stem("ҚР") == "qr"
    assert stem("білмейміз-ау") == stem("біл")
    assert stem("2026") == "2026"


def test_same_stem_in_either_script() -> None:
    for word in ("Тоқаевтың", "министрлігінің", "Астанада", "білмейді", "кітабымыз"):
        assert stem(to_latin(word)) == stem(word)
        assert stem(to_latin(word.upper())) == stem(word.upper())


def test_stem_is_a_latin_search_key() -> None:
    assert stem("Тоқаевтың") == "toqaev"
    assert stem("ҚАЗАҚСТАННЫҢ") == "qazaqstan"


def test_bad_input() -> None:
    assert stem("") == ""
    assert stem("😀") == "😀"
    assert isinstance(stem("\udcff\x00"), str)
    with pytest.raises(TypeError):
        stem(None)  # type: ignore[arg-type]


def test_russian_snowball() -> None:
    assert stem_ru("Президента") == stem_ru("президентом") == "президент"
    assert stem_ru("ёлки") == stem_ru("елка")
