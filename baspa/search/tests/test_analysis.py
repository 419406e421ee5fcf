"""The analysis alone (no database): what a word becomes at index and at query time."""

import pytest

from baspa.search.analysis import analyze, parse_query


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["Астана", "Астаны", "Астане", "Астану", "Астаной"], "астан"),
        (["Токаев", "Токаева", "Токаеву", "Токаевым", "Токаеве", "Токаевой"], "токаев"),
        (["Казахстан", "Казахстана", "Казахстане", "Казахстаном"], "казахстан"),
        (["Караганда", "Караганды", "Караганде", "Карагандой"], "караганд"),
    ],
)
def test_a_russian_name_keeps_one_stem_in_every_case(forms, stem):
    assert {term for form in forms for term in analyze(form, "ru")} == {stem}


def test_russian_words_and_abbreviations_still_go_through_snowball():
    assert analyze("встречи встречу НАТО", "ru") == ["встреч", "встреч", "нат"]


def test_a_lower_case_query_word_matches_either_stem():
    (clause,) = parse_query("астана", min_prefix=99).clauses["ru"]
    assert {*clause.terms, *clause.alternatives} == {"аста", "астан"}
    (clause,) = parse_query("Астана", min_prefix=99).clauses["ru"]
    assert {*clause.terms, *clause.alternatives} == {"аста", "астан"}
