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
        # Passives, also in the past tense, where -ды could be read as an accusative.
        ("аш", "ашылды", "ашылады", "ашылу", "ашу", "ашады"),
        ("сал", "салынады", "салынды", "салу", "салады"),
        ("өт", "өтеді", "өтті", "өту", "өткен"),
        ("асыр", "асырылады", "асыру", "асырады"),
        # Participle + possessive: барғаны, not a dative + accusative.
        ("бар", "барғаны", "барған"),
        # Vowel-final nouns: the bare form, the plural and the possessive meet.
        ("кісі", "кісілер", "кісіге", "кісім", "кісінің"),
        ("оқушы", "оқушылар", "оқушыға", "оқушыларымыз"),
        # Nouns in -ыс/-іс with the possessive -ы: not бары-сы.
        ("барыс", "барысы", "барысында"),
        ("соғыс", "соғысы", "соғыстан"),
        ("жаға", "жағасы", "жағалар", "жағаның"),
        ("теңіз", "теңізде", "теңіздер", "теңізі"),
        # Derived nouns in -лық/-дық are not read as a past tense.
        ("азаттық", "азаттығы", "азаттықтар", "азаттықта"),
        # Pronouns with irregular oblique stems, and the auxiliary е-.
        ("ол", "оның", "оған", "оны", "онда", "одан"),
        ("мен", "менің", "маған", "мені"),
        ("бұл", "мұның", "бұған", "мұнда", "бұдан"),
        ("сол", "соның", "соған", "содан", "солар"),
        ("еді", "екен", "екенін", "емес"),
        # The short verbs де, же.
        ("деді", "дейді", "деп", "деген"),
    ],
)
def test_forms_of_one_word_share_a_stem(forms: tuple[str, ...]) -> None:
    assert same_stem(*forms), {form: stem(form) for form in forms}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("адам", "ада"),
        ("ат", "ата"),
        ("адам", "адал"),
        ("Қазақстан", "қазақ"),
        ("ақ", "ат"),
        # Personal pronouns in the plural are pronouns of their own.
        ("ол", "олар"),
        ("сіз", "сіздер"),
        # -ар closing a noun is not an aorist, -мек closing it not an infinitive.
        ("хабар", "хаб"),
        ("жеке", "же"),
        ("теңіз", "тең"),
        ("барыс", "бар"),
        ("шөлмек", "шөл"),
        ("мемлекеттік", "мемлекет"),
    ],
)
def test_different_words_stay_apart(first: str, second: str) -> None:
    assert stem(first) != stem(second)


@pytest.mark.parametrize(
    "word",
    [
        "ол",
        "су",
        "үй",
        "ат",
        "аударма",
        "алма",
        "адам",
        "Абдулла",
        "таң",
        "Еуропа",
        "Тараз",
        "Қостанай",
        "жаға",
        "хабар",
        "жеке",
    ],
)
def test_short_words_and_bare_nouns_are_left_alone(word: str) -> None:
    assert stem(word) == to_latin(word.lower())


def test_news_words() -> None:
    assert stem("Тоқаевтың") == stem("Тоқаевқа") == stem("Тоқаев") == "toqaev"
    assert stem("Астанада") == stem("Астанаға") == "astana"
    assert stem("Қостанайда") == "qostanai"
    assert stem("министрлігінің") == stem("министрлік")
    assert stem("президентіне") == "prezident"
    assert [stem(word) for word in "2026 жылы".split()] == ["2026", stem("жыл")]
    assert stem("ашылды") == stem("ашу") == "aş"
    assert stem("салынады") == "sal"
    assert stem("өтеді") == "öt"
    assert [stem(word) for word in "жүзеге асырылады".split()] == [stem("жүзе"), stem("асыр")]
    assert stem("Алматы") == stem("Алматыда") == stem("Алматыға")


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
