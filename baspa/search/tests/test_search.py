"""Reader search end to end, on whichever database the suite runs (SQLite or PostgreSQL).

The corpus is built once per module; tests that change visibility build their own articles.
"""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from baspa.content.tests.factories import (
    editions,
    make_article,
    make_author,
    make_region,
    make_section,
)
from baspa.search.services import search_reindex


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """A small two-edition newsroom, published through Wagtail (so the signals index it)."""
    with django_db_blocker.unblock():
        homes = editions()
        politics = make_section(homes["kk"], "Саясат", slug="sayasat")
        economy = make_section(homes["kk"], "Экономика", slug="ekonomika")
        ru_politics = make_section(homes["ru"], "Политика", slug="politika")
        aigerim = make_author("Айгерім Серікқызы", slug="aigerim")
        nurlan = make_author("Нұрлан Бекұлы", slug="nurlan")
        astana = make_region("Астана", "astana")
        articles = {
            "tokayev": make_article(
                politics,
                "Тоқаевтың Астанадағы кездесуі",
                lead="Президент Тоқаев Астанада шетелдік инвесторлармен кездесті.",
                body=[
                    {
                        "type": "paragraph",
                        "value": "<p>Мемлекет басшысы <b>Қазақстанға</b> "
                        "келген инвесторларға жаңа мүмкіндіктер туралы айтты.</p>",
                    }
                ],
                authors=[aigerim],
                region=astana,
                minutes_ago=60,
            ),
            "kazakhstan": make_article(
                economy,
                "Қазақстанның экспорты өсті",
                lead="Биыл Қазақстан экспорты он пайызға артты. Мүмкіндіктер алаңы ашылды.",
                authors=[nurlan],
                minutes_ago=60 * 24 * 30,
            ),
            "forum": make_article(
                economy,
                "Алматыда форум өтті",
                lead="Форумға Тоқаевқа жақын сарапшылар қатысты.",
                authors=[nurlan],
                minutes_ago=60 * 24 * 400,
            ),
            "order": make_article(
                politics,
                "Жаңа заң қабылданды",
                lead="Мәжіліс жаңа заңды бірауыздан қабылдады.",
                authors=[aigerim],
                minutes_ago=120,
            ),
            "reverse": make_article(
                politics,
                "Заң жаңа емес",
                lead="Депутаттар заңның жаңа нұсқасын талқылады, бірақ жаңасы жоқ.",
                authors=[aigerim],
                minutes_ago=180,
            ),
            "ru": make_article(
                ru_politics,
                "Токаев провёл встречу в Астане",
                lead="Президент встретился с инвесторами в столице Казахстана.",
                minutes_ago=90,
            ),
            "draft": make_article(
                politics, "Тоқаев құпия жоба", lead="Тоқаев туралы жоба.", live=False
            ),
        }
        # The factory backdates publication times with an UPDATE, after the publish signal
        # indexed the articles: index them again with their real dates.
        search_reindex()
    yield {
        "homes": homes,
        "politics": politics,
        "economy": economy,
        "aigerim": aigerim,
        "astana": astana,
        "articles": articles,
    }
    with django_db_blocker.unblock():
        # The corpus was committed outside the tests' transactions: leave an empty database,
        # as transactional tests do.
        call_command("flush", interactive=False, verbosity=0)


def results(client, url="/search/json/", **params):
    response = client.get(url, params)
    return response, json.loads(response.content)


def headlines(client, q, **params):
    response, data = results(client, q=q, **params)
    assert response.status_code == 200, data
    return [hit["headline"] for hit in data["results"]]


@pytest.mark.django_db
class TestMorphologyAndScripts:
    @pytest.mark.parametrize(
        "q",
        ["Тоқаев", "Тоқаевтың", "Тоқаевқа", "тоқаевпен", "Toqaev", "TOQAEVTYÑ"],
    )
    def test_every_form_and_script_of_a_name(self, corpus, client, q):
        found = headlines(client, q)
        assert "Тоқаевтың Астанадағы кездесуі" in found
        assert "Алматыда форум өтті" in found
        assert "Тоқаев құпия жоба" not in found  # a draft

    @pytest.mark.parametrize("q", ["Қазақстан", "Qazaqstan", "қазақстанға", "Qazaqstannyñ"])
    def test_place_in_both_scripts(self, corpus, client, q):
        found = headlines(client, q)
        assert {"Қазақстанның экспорты өсті", "Тоқаевтың Астанадағы кездесуі"} <= set(found)

    def test_latin_query_finds_cyrillic_and_reverse(self, corpus, client):
        assert "Қазақстанның экспорты өсті" in headlines(client, "Mümkındıkter")
        assert "Қазақстанның экспорты өсті" in headlines(client, "Мүмкіндіктер")

    def test_russian_query_in_russian_edition(self, corpus, client):
        assert headlines(client, "встреча", language="ru") == ["Токаев провёл встречу в Астане"]
        response, data = results(client, url="/ru/search/json/", q="встречи")
        assert [hit["headline"] for hit in data["results"]] == ["Токаев провёл встречу в Астане"]

    @pytest.mark.parametrize(
        "q", ["Астана", "астана", "Астаной", "Токаеву", "токаевым", "Tokaev", "Казахстан"]
    )
    def test_russian_names_in_every_case(self, corpus, client, q):
        # Snowball alone: Астана → «аста», Астане → «астан»; Казахстан → «казахста».
        assert headlines(client, q, language="ru") == ["Токаев провёл встречу в Астане"]

    def test_russian_name_in_a_phrase(self, corpus, client):
        assert headlines(client, '"Токаев провёл"', language="ru") == [
            "Токаев провёл встречу в Астане"
        ]

    def test_phrase_matches_in_order(self, corpus, client):
        assert headlines(client, '"жаңа заң"') == ["Жаңа заң қабылданды"]
        assert set(headlines(client, "жаңа заң")) == {"Жаңа заң қабылданды", "Заң жаңа емес"}

    def test_last_word_is_a_prefix(self, corpus, client):
        assert "Қазақстанның экспорты өсті" in headlines(client, "экспорт Қазақст")
        response, data = results(client, url="/search/autocomplete/", q="Тоқа")
        assert response.status_code == 200
        titles = [r["headline"] for r in data["results"]]
        assert titles == ["Тоқаевтың Астанадағы кездесуі"]
        assert data["results"][0]["url"].startswith("/sayasat/")


@pytest.mark.django_db
class TestPageAndJson:
    def test_page_renders_hits_with_highlighted_forms(self, corpus, client):
        response = client.get("/search/", {"q": "Қазақстан"})
        html = response.content.decode()
        assert response.status_code == 200
        assert '<html lang="kk">' in html
        assert "<mark>Қазақстанға</mark>" in html
        assert "<mark>Қазақстанның</mark>" in html
        assert "2 нәтиже" in html
        assert 'href="/sayasat/' in html and "Айгерім Серікқызы" in html

    def test_russian_page_is_labelled_in_russian(self, corpus, client):
        html = client.get("/ru/search/", {"q": "Астане"}).content.decode()
        assert '<html lang="ru">' in html and "Поиск" in html
        assert "<mark>Астане</mark>" in html

    def test_json_has_the_fields_of_a_hit(self, corpus, client):
        response, data = results(client, q="Тоқаевтың")
        assert response["Content-Type"] == "application/json"
        assert data["count"] == 2 and data["pages"] == 1
        first = data["results"][0]
        assert first["headline"] == "Тоқаевтың Астанадағы кездесуі"  # newer and in the headline
        assert first["section"] == "Саясат" and first["authors"] == ["Айгерім Серікқызы"]
        assert "<mark>Тоқаев</mark>" in first["snippet_html"]
        assert first["published_at"]

    def test_filters(self, corpus, client):
        c = corpus
        assert headlines(client, "Тоқаев", section=c["economy"].pk) == ["Алматыда форум өтті"]
        assert headlines(client, "Тоқаев", author=c["aigerim"].pk) == [
            "Тоқаевтың Астанадағы кездесуі"
        ]
        assert headlines(client, "Тоқаев", region=c["astana"].pk) == [
            "Тоқаевтың Астанадағы кездесуі"
        ]
        # Dates are the newsroom's calendar days (Asia/Almaty).
        old = timezone.localtime(c["articles"]["forum"].first_published_at).date()
        assert headlines(client, "Тоқаев", date_to=old.isoformat()) == ["Алматыда форум өтті"]
        assert headlines(client, "Тоқаев", date_from=old.isoformat(), date_to=old.isoformat())
        assert len(headlines(client, "Президент", language="all")) == 2
        assert len(headlines(client, "Президент")) == 1

    def test_pagination_keeps_the_query(self, corpus, client, settings):
        import baspa.search.views as views

        per_page, views.PER_PAGE = views.PER_PAGE, 1
        try:
            html = client.get("/search/", {"q": "Тоқаев"}).content.decode()
            assert 'href="?q=%D0%A2' in html and "page=2" in html
            response, data = results(client, q="Тоқаев", page=2)
            assert data["page"] == 2 and len(data["results"]) == 1
        finally:
            views.PER_PAGE = per_page

    def test_header_has_the_search_form(self, corpus, client):
        html = client.get("/").content.decode()
        assert 'action="/search/"' in html
        assert 'action="/ru/search/"' in client.get("/ru/").content.decode()


CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.mark.django_db
class TestScriptEditions:
    """The answers of /latyn/ and /tote/ say their language and script, and spell only the
    Kazakh hits: a Russian hit found with «all languages» keeps its Cyrillic."""

    @pytest.mark.parametrize(
        "prefix,lang", [("", "kk"), ("/latyn", "kk-Latn"), ("/tote", "kk-Arab")]
    )
    def test_json_names_its_language_and_script(self, corpus, client, prefix, lang):
        _response, data = results(client, f"{prefix}/search/json/", q="Президент", language="all")
        assert data["language"] == lang and data["count"] == 2
        hits = {hit["language"]: hit for hit in data["results"]}
        assert set(hits) == {lang, "ru"}
        assert hits["ru"]["headline"] == "Токаев провёл встречу в Астане"
        assert hits["ru"]["url"].startswith("/ru/")
        kazakh = hits[lang]
        assert kazakh["url"].startswith(f"{prefix}/sayasat/")
        text = kazakh["headline"] + kazakh["snippet_html"] + kazakh["section"]
        assert bool(CYRILLIC.search(text)) is (prefix == "")
        # The date is the edition's own words, spelt in its script even on the Russian hit.
        assert bool(CYRILLIC.search(hits["ru"]["published"])) is (prefix == "")

    @pytest.mark.parametrize("prefix,lang", [("/latyn", "kk-Latn"), ("/tote", "kk-Arab")])
    def test_autocomplete_names_its_language_and_script(self, corpus, client, prefix, lang):
        _response, data = results(client, f"{prefix}/search/autocomplete/", q="Тоқаев")
        assert data["language"] == lang and data["results"]
        for hit in data["results"]:
            assert hit["language"] == lang and hit["url"].startswith(f"{prefix}/")
            assert not CYRILLIC.search(hit["headline"])
        _response, data = results(
            client, f"{prefix}/search/autocomplete/", q="Токаев", language="ru"
        )
        assert data["language"] == lang  # the edition answering
        assert [(h["language"], h["headline"]) for h in data["results"]] == [
            ("ru", "Токаев провёл встречу в Астане")
        ]

    def test_page_marks_each_hit_with_its_language(self, corpus, client):
        html = client.get("/latyn/search/", {"q": "Президент", "language": "all"}).content.decode()
        assert '<h2 class="card__title" lang="ru"><a href="/ru/' in html
        assert "Токаев провёл встречу в Астане" in html  # Russian is not respelt
        assert '<h2 class="card__title" lang="kk-Latn"><a href="/latyn/sayasat/' in html
        assert "Toqaevtyñ Astanadağy kezdesuı" in html


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "q",
        [
            "",
            "   ",
            'NEAR(Тоқаев, "',
            "Тоқаев AND OR NOT -* ( ) ^ : {title_terms}",
            "'; DROP TABLE search_searchdocument; --",
            "\x00\x01\x1b[31m Тоқаев \u202e",
            "*",
            '"',
            "«»",
        ],
    )
    def test_syntax_and_control_characters(self, corpus, client, q):
        for url in ("/search/", "/search/json/", "/search/autocomplete/"):
            assert client.get(url, {"q": q}).status_code == 200, (url, q)

    def test_long_query_is_cut_with_a_notice(self, corpus, client):
        q = "Тоқаев " + "сөз " * 2500
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        assert "тек басы" in response.content.decode()

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e3"])
    def test_bad_page_numbers(self, corpus, client, page):
        response, data = results(client, q="Тоқаев", page=page)
        assert response.status_code == 404 and data["results"] == []
        html = client.get("/search/", {"q": "Тоқаев", "page": page}).content.decode()
        assert "Нәтижелердің мұндай беті жоқ" in html

    def test_bad_filters_are_answered(self, corpus, client):
        response, data = results(client, q="Тоқаев", section="x", date_from="2026-13-40")
        assert response.status_code == 400 and data["notices"]

    def test_empty_query_shows_the_form_only(self, corpus, client):
        html = client.get("/search/").content.decode()
        assert 'role="search"' in html and "нәтиже" not in html


def test_backend_is_the_one_configured(db):
    # Both engines run this module in CI; this records which one a run exercised.
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_a_runaway_query_is_stopped():
    from baspa.search.backends import SearchTimeout, _bounded

    if connection.vendor == "postgresql":
        slow = "SELECT pg_sleep(30)"
    else:
        slow = (
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
            " SELECT count(*) FROM c"
        )
    with pytest.raises(SearchTimeout), _bounded(50), connection.cursor() as cursor:
        cursor.execute(slow)
