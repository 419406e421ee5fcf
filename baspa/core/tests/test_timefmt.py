from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from baspa.core.text import excerpt
from baspa.core.timefmt import months_between, publication_time, relative_time

ALMATY = ZoneInfo("Asia/Almaty")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=ALMATY)


def ago(**kwargs) -> datetime:
    return NOW - timedelta(**kwargs)


def months_ago(n: int) -> datetime:
    month = NOW.month - n
    year = NOW.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return NOW.replace(year=year, month=month)


def say(language: str, value: datetime) -> str:
    with translation.override(language):
        return relative_time(value, now=NOW)


@pytest.mark.parametrize(
    ("value", "kk"),
    [
        (ago(seconds=0), "жаңа ғана"),
        (ago(seconds=59), "жаңа ғана"),
        (ago(seconds=60), "1 минут бұрын"),
        (ago(minutes=3), "3 минут бұрын"),
        (ago(minutes=59, seconds=59), "59 минут бұрын"),
        (ago(minutes=60), "1 сағат бұрын"),
        (ago(hours=23, minutes=59), "23 сағат бұрын"),
        (ago(hours=24), "1 күн бұрын"),
        (ago(days=29), "29 күн бұрын"),
        (months_ago(1), "1 ай бұрын"),
        (months_ago(4), "4 ай бұрын"),
        (months_ago(11), "11 ай бұрын"),
        (months_ago(12), "1 жыл бұрын"),
        (months_ago(23), "1 жыл бұрын"),
        (months_ago(24), "2 жыл бұрын"),
    ],
)
def test_kazakh_relative_times(value, kk):
    assert say("kk", value) == kk


@pytest.mark.parametrize(
    ("value", "ru"),
    [
        (ago(seconds=30), "только что"),
        (ago(minutes=1), "1 минуту назад"),
        (ago(minutes=2), "2 минуты назад"),
        (ago(minutes=5), "5 минут назад"),
        (ago(minutes=11), "11 минут назад"),
        (ago(minutes=21), "21 минуту назад"),
        (ago(minutes=22), "22 минуты назад"),
        (ago(hours=1), "1 час назад"),
        (ago(hours=4), "4 часа назад"),
        (ago(hours=12), "12 часов назад"),
        (ago(hours=21), "21 час назад"),
        (ago(days=1), "1 день назад"),
        (ago(days=2), "2 дня назад"),
        (ago(days=5), "5 дней назад"),
        (ago(days=11), "11 дней назад"),
        (ago(days=21), "21 день назад"),
        (months_ago(1), "1 месяц назад"),
        (months_ago(2), "2 месяца назад"),
        (months_ago(4), "4 месяца назад"),
        (months_ago(5), "5 месяцев назад"),
        (months_ago(9), "9 месяцев назад"),
        (months_ago(11), "11 месяцев назад"),
        (months_ago(12), "1 год назад"),
        (months_ago(24), "2 года назад"),
        (months_ago(60), "5 лет назад"),
        (months_ago(11 * 12), "11 лет назад"),
        (months_ago(21 * 12), "21 год назад"),
        (months_ago(22 * 12), "22 года назад"),
    ],
)
def test_russian_relative_times(value, ru):
    assert say("ru", value) == ru


def test_english_relative_times():
    assert say("en", ago(minutes=1)) == "1 minute ago"
    assert say("en", months_ago(4)) == "4 months ago"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_phrase_never_mixes_languages(language):
    for value in (ago(minutes=7), ago(hours=3), ago(days=3), months_ago(4), months_ago(13)):
        text = say(language, value)
        assert "ago" not in text
        assert ("бұрын" in text) == (language == "kk")
        assert ("назад" in text) == (language == "ru")


def test_a_month_counts_only_when_the_calendar_month_is_complete():
    assert (
        months_between(datetime(2026, 1, 31, tzinfo=ALMATY), datetime(2026, 2, 28, tzinfo=ALMATY))
        == 0
    )
    assert (
        months_between(
            datetime(2026, 1, 9, 14, tzinfo=ALMATY), datetime(2026, 2, 9, 13, tzinfo=ALMATY)
        )
        == 0
    )
    assert (
        months_between(
            datetime(2026, 1, 9, 14, tzinfo=ALMATY), datetime(2026, 2, 9, 14, tzinfo=ALMATY)
        )
        == 1
    )
    with translation.override("kk"):
        # 31 January to 28 February is 28 days, not a month.
        assert (
            relative_time(
                datetime(2026, 1, 31, tzinfo=ALMATY), now=datetime(2026, 2, 28, tzinfo=ALMATY)
            )
            == "28 күн бұрын"
        )


def test_a_time_in_the_future_reads_as_just_now():
    assert say("kk", NOW + timedelta(minutes=2)) == "жаңа ғана"


def test_publication_time_in_kazakh_and_russian():
    moment = datetime(2026, 11, 9, 9, 30, tzinfo=ZoneInfo("UTC"))  # 14:30 in Almaty (UTC+5)
    with translation.override("kk"):
        assert publication_time(moment) == "9 қараша 2026, 14:30"
    with translation.override("ru"):
        assert publication_time(moment).startswith("9 ноября 2026")
        assert "14:30" in publication_time(moment)


@pytest.mark.parametrize(
    ("month", "name"),
    [
        (1, "қаңтар"),
        (2, "ақпан"),
        (3, "наурыз"),
        (4, "сәуір"),
        (5, "мамыр"),
        (6, "маусым"),
        (7, "шілде"),
        (8, "тамыз"),
        (9, "қыркүйек"),
        (10, "қазан"),
        (11, "қараша"),
        (12, "желтоқсан"),
    ],
)
def test_every_kazakh_month_name(month, name):
    with translation.override("kk"):
        assert (
            publication_time(datetime(2026, month, 3, 10, 0, tzinfo=ALMATY))
            == f"3 {name} 2026, 10:00"
        )


def test_almaty_is_utc_plus_five():
    assert datetime(2026, 11, 9, tzinfo=ALMATY).utcoffset() == timedelta(hours=5)


def test_excerpt_cuts_at_a_word_boundary():
    text = "Астанада жаңа мектеп ашылды, онда мың бала оқиды және жүз мұғалім жұмыс істейді."
    cut = excerpt(text, max_chars=40)
    assert cut == "Астанада жаңа мектеп ашылды, онда мың…"
    assert len(cut) <= 41
    assert excerpt("Қысқа мәтін.", max_chars=40) == "Қысқа мәтін."
    assert excerpt("Өте" * 30, max_chars=10) == "ӨтеӨтеӨтеӨ…"
