import unicodedata

from baspa.kazakh import canonical, is_stopword, lower, normalize, repair_lookalikes


def test_nfc_and_invisible_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Қазақстан Ұлттық")
    assert normalize(decomposed) == "қазақстан ұлттық"
    assert normalize("Алматы\u00adлық\u200b") == "алматылық"


def test_latin_lookalikes_inside_cyrillic_words() -> None:
    assert normalize("Aлмaты Қазақcтан") == "алматы қазақстан"  # Latin A, a, c
    assert normalize("ТOҚАЕВ") == "тоқаев"  # Latin O
    assert repair_lookalikes("Ceнiм") == "Сенім"  # Latin C, e, i
    assert repair_lookalikes("шаhар") == "шаһар"


def test_old_stand_ins_for_kazakh_letters() -> None:
    assert normalize("мəселе") == "мәселе"  # Latin schwa
    assert normalize("кɵп") == "көп"
    assert normalize("таҥ") == "таң"
    assert normalize("ҡала") == "қала"
    assert normalize("ӯл") == "ұл"


def test_mixed_words_stay_as_written() -> None:
    assert normalize("iPhone-ға Wi-Fi-да") == "iphone-ға wi-fi-да"
    assert normalize("Latin only: Cafe") == "latin only: cafe"


def test_lower_case_for_both_scripts() -> None:
    assert lower("ҚАЗАҚСТАН") == "қазақстан"
    assert lower("MÜMKINDIK") == "mümkındık"  # Kazakh Latin: I pairs with ı
    assert lower("İstanbul İIN") == "istanbul iın"
    assert lower("Internet") == "internet"  # an English word keeps I/i
    assert len(lower("İ")) == 1


def test_urls_and_emails_kept() -> None:
    assert normalize("Сайт: https://Baspa.kz/Path") == "сайт: https://Baspa.kz/Path"


def test_canonical_is_script_independent() -> None:
    assert canonical("Мүмкіндіктер Алаңы") == canonical("Mümkındıkter Alañy")
    assert canonical("ҚАЗАҚСТАН") == canonical("qazaqstan") == "qazaqstan"
    assert canonical("Aлмaты") == canonical("Almaty")
    assert canonical("ＡＢＣ") == "abc"  # NFKC: full-width letters
    assert canonical("Oʻzbek’s") == "oʻzbek's"


def test_stopwords_in_both_scripts() -> None:
    assert is_stopword("және")
    assert is_stopword("Jäne")
    assert is_stopword("ҮШІН")
    assert is_stopword("üşın")
    assert not is_stopword("Тоқаев")
    assert not is_stopword("болды")
    assert not is_stopword("")
