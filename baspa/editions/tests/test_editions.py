"""Every public Kazakh page in the Latin and Arabic-script editions, the switches, the
alternates, negotiation of a first visit, and the page cache across editions."""

import re
from html.parser import HTMLParser

import pytest
from django.db import transaction

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article, make_section
from baspa.content.tests.test_pages import newsroom  # noqa: F401 - a fixture
from baspa.pagecache.tests.test_pagecache import page_cache  # noqa: F401 - locmem and Redis

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SKIPPED = {"script", "style"}
VOID = {"meta", "link", "img", "input", "br", "hr", "source"}


class KazakhText(HTMLParser):
    """The text a reader reads as Kazakh: everything but elements marked with another
    language (lang="ru", or a switch's lang="kk-Cyrl"), scripts and styles."""

    def __init__(self, kazakh_lang):
        super().__init__()
        self.kazakh_lang = kazakh_lang
        self.stack: list[bool] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        outside = self.stack[-1] if self.stack else False
        lang = attrs.get("lang")
        foreign = tag in SKIPPED or (lang is not None and lang != self.kazakh_lang)
        if not (outside or foreign):
            for name in ("alt", "title", "aria-label", "placeholder"):
                if attrs.get(name):
                    self.chunks.append(attrs[name])
        if tag not in VOID:
            self.stack.append(outside or foreign)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.chunks.append(data)


def kazakh_text(html: str, lang: str) -> str:
    parser = KazakhText(lang)
    parser.feed(html)
    return " ".join(parser.chunks)


def html_of(response) -> str:
    return response.content.decode()


def public_pages(news) -> list[str]:
    return [
        "/",
        "/sayasat/",
        news["story"].url,
        "/author/nurlan-bekuly/",
        "/tag/forum/",
        "/region/qostanai/",
        "/search/?q=форум",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang"), [("/latyn", "kk-Latn"), ("/tote", "kk-Arab")])
def test_every_public_page_type_has_no_cyrillic_left(client, newsroom, prefix, lang):  # noqa: F811
    for path in public_pages(newsroom):
        response = client.get(prefix + path)
        assert response.status_code == 200, path
        html = html_of(response)
        assert f'<html lang="{lang}"' in html, path
        text = kazakh_text(html, lang)
        assert not CYRILLIC.search(text), (path, CYRILLIC.findall(text)[:10], text[:500])
        # Every link to a Kazakh page stays in the edition (the switches name theirs).
        for tag in re.findall(r'<a href="/[^>]*>', html):
            href = tag.split('"')[1]
            if "hreflang" not in tag and not href.startswith(("/ru/", "/static/", "/media/")):
                assert href.startswith(prefix + "/"), (path, href)
    missing = client.get(prefix + "/no-such-page/")
    assert missing.status_code == 404
    assert not CYRILLIC.search(kazakh_text(html_of(missing), lang))


@pytest.mark.django_db
def test_latin_article_reads_in_latin_and_arabic_right_to_left(client, newsroom):  # noqa: F811
    story = newsroom["story"].url
    latin = html_of(client.get("/latyn" + story))
    assert '<h1 class="article__headline">Qostanaida öñıraralyq forum ötedı</h1>' in latin
    assert "<p>Forum <b>jyl saiyn</b> ötedı.</p>" in latin  # tags kept, text spelt
    assert '<a href="/latyn/region/qostanai/">Qostanai oblysy</a>' in latin
    assert re.search(r"<time datetime=\"[^\"]+\">\d+ qaraşa 20\d\d, \d\d:\d\d</time>", latin)
    assert 'href="https://dala.example.kz/forum"' in latin  # other sites' addresses untouched
    assert '<link rel="stylesheet" href="/static/baspa/site.css">' in latin
    arabic = html_of(client.get("/tote" + story))
    assert '<html lang="kk-Arab" dir="rtl">' in arabic
    assert '<h1 class="article__headline">قوستانايدا ٴوڭىرارالىق فورۋم وتەدى</h1>' in arabic
    assert '<article class="article" lang="kk-Arab">' in arabic


@pytest.mark.django_db
def test_switch_links_land_on_the_same_page(client, newsroom):  # noqa: F811
    for path in public_pages(newsroom)[:-1]:
        for prefix in ("", "/latyn", "/tote"):
            html = html_of(client.get(prefix + path))
            switch = re.search(r'<nav class="script-switch".*?</nav>', html, re.S).group()
            links = dict(re.findall(r'href="([^"]+)" lang="[^"]+" hreflang="([^"]+)"', switch))
            assert links == {path: "kk-Cyrl", "/latyn" + path: "kk-Latn", "/tote" + path: "kk-Arab"}
            for href in links:
                assert client.get(href).status_code == 200


@pytest.mark.django_db
def test_hreflang_alternates_and_canonical(client, newsroom):  # noqa: F811
    story = newsroom["story"].url
    html = html_of(client.get("/latyn" + story))
    assert f'<link rel="canonical" href="http://testserver/latyn{story}">' in html
    alternates = dict(
        (lang, url)
        for lang, url in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html
        )
    )
    assert alternates == {
        "kk-Cyrl": f"http://testserver{story}",
        "kk-Latn": f"http://testserver/latyn{story}",
        "kk-Arab": f"http://testserver/tote{story}",
        "x-default": f"http://testserver{story}",
    }


@pytest.mark.django_db
def test_editor_latin_headline_and_lead_win_in_the_latin_edition(client, newsroom):  # noqa: F811
    story = newsroom["story"]
    story.headline_latin = "Qostanaida forum ötedı (Kostanay)"
    story.lead_latin = "Eki eldiñ basşylary qatysady."
    story.save_revision().publish()
    latin = html_of(client.get("/latyn" + story.url))
    assert '<h1 class="article__headline">Qostanaida forum ötedı (Kostanay)</h1>' in latin
    assert '<p class="article__lead">Eki eldiñ basşylary qatysady.</p>' in latin
    assert '<meta name="description" content="Eki eldiñ basşylary qatysady.">' in latin
    assert "Qostanaida forum ötedı (Kostanay)</a>" in html_of(client.get("/latyn/sayasat/"))
    # The Cyrillic and Arabic editions keep spelling the Cyrillic headline.
    assert "Қостанайда өңіраралық форум өтеді</h1>" in html_of(client.get(story.url))
    assert "(Kostanay)" not in html_of(client.get("/tote" + story.url))


@pytest.mark.django_db
def test_text_written_in_kazakh_latin_is_cyrillic_in_the_cyrillic_edition(client, politics):
    story = make_article(
        politics, "«Mümkındıkter Alañy» jobasy basталды", lead="Dala Habar jazady."
    )
    assert "«Мүмкіндіктер Алаңы» jobasy" in html_of(client.get(story.url))
    assert "«Mümkındıkter Alañy»" in html_of(client.get("/latyn" + story.url))
    assert "Dala Habar" in html_of(client.get(story.url))  # no Kazakh letter: a name, kept


@pytest.mark.django_db
def test_no_edition_of_russian_pages_or_the_admin(client, homes):
    assert client.get("/latyn/ru/").status_code == 301
    assert client.get("/latyn/ru/")["Location"] == "/ru/"
    assert client.get("/tote/admin/")["Location"] == "/admin/"
    assert client.get("/latyn")["Location"] == "/latyn/"
    html = html_of(client.get("/ru/"))
    assert 'class="script-switch"' not in html and '<html lang="ru">' in html


@pytest.mark.django_db
def test_first_visit_negotiation(client, homes):
    browser = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_SITE": "none"}
    ru = client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,kk;q=0.5", **browser)
    assert ru.status_code == 302 and ru["Location"] == "/ru/"
    assert "private" in ru["Cache-Control"] and "no-store" in ru["Cache-Control"]
    assert "Accept-Language" in ru["Vary"]
    arab = client.get("/", HTTP_ACCEPT_LANGUAGE="kk-CN", **browser)
    assert arab["Location"] == "/tote/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="kk-Latn", **browser)["Location"] == "/latyn/"
    kk = client.get("/", HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8", **browser)
    assert kk.status_code == 200 and "Accept-Language" in kk["Vary"]
    # A crawler (no Fetch Metadata) and the site's own links are never redirected.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru").status_code == 200
    same_site = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_SITE": "same-origin"}
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru", **same_site).status_code == 200
    # Other editions' front pages and deep links never redirect: no loop.
    for path in ("/ru/", "/latyn/", "/tote/"):
        assert client.get(path, HTTP_ACCEPT_LANGUAGE="kk", **browser).status_code == 200
    # The reader's own choice, remembered by the switches, wins.
    client.cookies["baspa_edition"] = "latn"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru", **browser)["Location"] == "/latyn/"
    client.cookies["baspa_edition"] = "kk"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru", **browser).status_code == 200


@pytest.mark.django_db
def test_negotiation_is_not_poisoned_by_the_page_cache(client, homes):
    assert client.get("/").status_code == 200  # cached for everyone without a preference
    hit = client.get("/")
    assert getattr(hit.wsgi_request, "pagecache", None) == "hit"
    assert "Accept-Language" in hit["Vary"] and "Cookie" in hit["Vary"]
    browser = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_SITE": "cross-site"}
    ru = client.get("/", HTTP_ACCEPT_LANGUAGE="ru", **browser)
    assert ru.status_code == 302 and ru["Location"] == "/ru/"
    # Pages other than the front page are the same for everyone and say so.
    assert client.get("/ru/")["Vary"] == "Accept-Encoding"


@pytest.mark.django_db(transaction=True)
def test_publishing_purges_every_script_edition(client, homes, politics, page_cache):  # noqa: F811
    old = make_article(politics, "Бірінші хабар", minutes_ago=30)
    pages = ["/", "/sayasat/", old.url]
    editions = [prefix + path for prefix in ("", "/latyn", "/tote") for path in pages]
    for url in editions:
        client.get(url)
    assert all(
        getattr(client.get(url).wsgi_request, "pagecache", None) == "hit" for url in editions
    )
    with transaction.atomic():
        make_article(politics, "Жаңа хабар", minutes_ago=1)
        old.title = "Түзетілген хабар"
        old.save_revision().publish()
    spelt = {"": ("Жаңа хабар", "Түзетілген хабар"), "/latyn": ("Jaña habar", "Tüzetılgen habar")}
    spelt["/tote"] = ("جاڭا حابار", "تۇزەتىلگەن حابار")
    for prefix, (new_title, edited) in spelt.items():
        for path in ("/", "/sayasat/"):
            html = html_of(client.get(prefix + path))
            assert new_title in html and edited in html, prefix + path
        assert edited in html_of(client.get(prefix + old.url)), prefix


@pytest.mark.django_db
def test_the_kazakh_pages_render_with_the_same_query_count_in_every_script(
    client,
    newsroom,  # noqa: F811
):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(newsroom["story"].url)  # the first render reads the site and locales once
    counts = {}
    for prefix in ("", "/latyn", "/tote"):
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(prefix + newsroom["story"].url)
        counts[prefix] = len(queries)
    assert counts[""] == counts["/latyn"] == counts["/tote"]


@pytest.mark.django_db
def test_section_in_another_section_keeps_its_edition(client, homes, politics):
    sub = make_section(politics, "Сайлау", slug="sailau")
    article = make_article(sub, "Учаскелер дайын")
    html = html_of(client.get("/latyn/sayasat/sailau/"))
    assert f'href="/latyn{article.url}"' in html and "Uçaskeler daiyn" in html
    assert ArticlePage.objects.filter(pk=article.pk).exists()


@pytest.mark.django_db
def test_search_answers_in_the_edition_script(client, newsroom):  # noqa: F811
    from baspa.search.services import search_reindex

    search_reindex(restart=True)
    cyrillic = client.get("/search/json/", {"q": "форум"}).json()
    latin = client.get("/latyn/search/json/", {"q": "форум"}).json()
    assert cyrillic["count"] == latin["count"] >= 1
    hit = latin["results"][0]
    assert hit["url"] == "/latyn" + cyrillic["results"][0]["url"]
    assert hit["headline"] == "Qostanaida öñıraralyq forum ötedı"
    assert not CYRILLIC.search(hit["headline_html"] + hit["snippet_html"] + hit["section"])
    assert latin["query"] == "форум"  # what the reader typed is echoed as typed
    arabic = client.get("/tote/search/autocomplete/", {"q": "Қостан"}).json()
    assert arabic["results"][0]["url"].startswith("/tote/")
    assert not CYRILLIC.search(arabic["results"][0]["headline"])
