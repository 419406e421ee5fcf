"""Sitemaps validate against the sitemaps.org and Google News schemas (lxml, offline copies
in fixtures/), list exactly what readers may see, with real update times, and are never stale
after a publish."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.distribution import sitemaps
from baspa.editions.tests.test_editions import CYRILLIC

XHTML = "http://www.w3.org/1999/xhtml"

FIXTURES = Path(__file__).parent / "fixtures"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FIXTURES / name)))


def valid(client, url, xsd: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    checker = schema(xsd)
    assert checker.validate(document), (url, checker.error_log)
    return document


def locations(document) -> list[str]:
    return document.xpath("//sm:loc/text()", namespaces=NS)


EDITIONS = ["kk", "kk-latn", "kk-arab", "ru"]
PREFIXES = {"kk": "", "kk-latn": "/latyn", "kk-arab": "/tote", "ru": ""}


@pytest.mark.django_db
def test_index_and_every_sitemap_validate(client, newsroom):
    index = valid(client, "/sitemap.xml", "siteindex.xsd")
    listed = locations(index)
    assert listed == [
        f"http://testserver/sitemap-{kind}-{edition}.xml"
        for edition in EDITIONS
        for kind in ("pages", "articles")
    ]
    articles = newsroom["articles"]
    kazakh = {"/", "/sayasat/", "/sayasat/zan/", "/ekonomika/"} | {
        article.url for name, article in articles.items() if name != "ru"
    }
    for edition in EDITIONS:
        found = []
        for kind in ("pages", "articles"):
            url = f"/sitemap-{kind}-{edition}.xml"
            found += locations(valid(client, url, "alternates-urlset.xsd"))
        if edition == "ru":
            expected = {"/ru/", "/ru/politika/", articles["ru"].url}
        else:
            expected = {PREFIXES[edition] + path for path in kazakh}
        assert set(found) == {"http://testserver" + path for path in expected}, edition


@pytest.mark.django_db
def test_lastmod_is_the_real_update_time(client, newsroom):
    article = newsroom["articles"]["economy"]
    updated = timezone.now() - timedelta(minutes=3)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=updated)
    document = valid(client, "/sitemap-articles-kk.xml", "alternates-urlset.xsd")
    url = document.xpath(
        "//sm:url[sm:loc=$loc]/sm:lastmod/text()",
        namespaces=NS,
        loc="http://testserver" + article.url,
    )
    assert url == [timezone.localtime(updated).isoformat(timespec="seconds")]
    # The section that lists it, and the index, say when their newest article changed.
    pages = valid(client, "/sitemap-pages-kk.xml", "alternates-urlset.xsd")
    assert pages.xpath(
        "//sm:url[sm:loc='http://testserver/ekonomika/']/sm:lastmod/text()", namespaces=NS
    ) == [timezone.localtime(updated).isoformat(timespec="seconds")]


@pytest.mark.django_db
def test_article_sitemaps_are_paginated_by_the_index(client, newsroom, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticlesSitemap, "limit", 2)
    index = valid(client, "/sitemap.xml", "siteindex.xsd")
    assert "http://testserver/sitemap-articles-kk.xml?p=2" in locations(index)
    first = locations(valid(client, "/sitemap-articles-kk.xml", "alternates-urlset.xsd"))
    second = locations(valid(client, "/sitemap-articles-kk.xml?p=2", "alternates-urlset.xsd"))
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    for bad in ("?p=3", "?p=abc", "?p=0"):
        response = client.get("/sitemap-articles-kk.xml" + bad)
        assert response.status_code == 404 and b"Traceback" not in response.content
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_article_location_without_loading_pages_is_wagtails_url(newsroom):
    for article in newsroom["articles"].values():
        home = newsroom["homes"][article.locale.language_code]
        assert sitemaps.edition_location(home, article.url_path) == article.url


@pytest.mark.django_db
def test_google_news_sitemap_lists_the_last_48_hours(client, newsroom):
    document = valid(client, "/news-sitemap.xml", "news-urlset.xsd")
    articles = newsroom["articles"]
    listed = locations(document)
    assert set(listed) == {
        f"http://testserver{prefix}{articles[name].url}"
        for name in ("lead", "law", "economy")
        for prefix in ("", "/latyn", "/tote")
    } | {"http://testserver" + articles["ru"].url}  # not the five-day-old one
    entry = document.xpath(
        "//sm:url[sm:loc=$loc]/news:news",
        namespaces=NS,
        loc="http://testserver" + articles["ru"].url,
    )[0]
    assert entry.xpath("news:publication/news:name/text()", namespaces=NS) == ["Baspa"]
    assert entry.xpath("news:publication/news:language/text()", namespaces=NS) == ["ru"]
    assert entry.xpath("news:title/text()", namespaces=NS) == ["Парламент принял новый закон"]
    published = entry.xpath("news:publication_date/text()", namespaces=NS)[0]
    assert published == timezone.localtime(articles["ru"].first_published_at).isoformat(
        timespec="seconds"
    )


@pytest.mark.django_db
def test_robots_txt_points_at_both_sitemaps(client, newsroom):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines and "User-agent: *" in lines


@pytest.mark.django_db(transaction=True)
def test_publishing_and_unpublishing_reach_the_sitemaps_at_once(client, newsroom, page_cache):
    urls = ["/sitemap.xml", "/sitemap-articles-kk.xml", "/news-sitemap.xml", "/robots.txt"]
    for url in urls:
        client.get(url)
        assert getattr(client.get(url).wsgi_request, "pagecache", None) == "hit", url
    with transaction.atomic():
        fresh = make_article(newsroom["law"], "Жаңа заң күшіне енді", minutes_ago=None)
    address = "http://testserver" + fresh.url
    assert address in client.get("/sitemap-articles-kk.xml").content.decode()
    assert address in client.get("/news-sitemap.xml").content.decode()
    fresh.unpublish()
    assert address not in client.get("/sitemap-articles-kk.xml").content.decode()
    assert address not in client.get("/news-sitemap.xml").content.decode()


@pytest.fixture
def translated(newsroom):
    """The newsroom with its politics section and lead article translated into Russian."""
    from wagtail.models import Locale

    ru = Locale.objects.get(language_code="ru")
    newsroom["politics"].copy_for_translation(ru).save_revision().publish()
    lead = newsroom["articles"]["lead"]
    translation = lead.copy_for_translation(ru)
    translation.title = "Парламент принял закон"
    translation.save_revision().publish()
    newsroom["translation"] = ArticlePage.objects.get(pk=translation.pk)
    return newsroom


def alternates_of(client) -> dict[str, set[tuple[str, str]]]:
    """Every address in every sitemap, with its set of (hreflang, address) alternates."""
    found = {}
    for url in locations(valid(client, "/sitemap.xml", "siteindex.xsd")):
        document = valid(client, url.removeprefix("http://testserver"), "alternates-urlset.xsd")
        for entry in document.xpath("//sm:url", namespaces=NS):
            links = entry.findall(f"{{{XHTML}}}link")
            assert all(link.get("rel") == "alternate" for link in links)
            loc = entry.findtext(f"{{{NS['sm']}}}loc")
            assert loc not in found, loc  # each address once, in its own edition's file
            found[loc] = {(link.get("hreflang"), link.get("href")) for link in links}
    return found


@pytest.mark.django_db
def test_sitemap_alternates_are_complete_and_reciprocal(client, translated):
    found = alternates_of(client)
    root = "http://testserver"
    lead, translation = translated["articles"]["lead"], translated["translation"]
    assert found[root + "/latyn" + lead.url] == {
        ("kk-Cyrl", root + lead.url),
        ("kk-Latn", root + "/latyn" + lead.url),
        ("kk-Arab", root + "/tote" + lead.url),
        ("ru", root + translation.url),
        ("x-default", root + lead.url),
    }
    assert found[root + "/tote/sayasat/"] >= {("ru", root + "/ru/sayasat/")}
    assert ("ru", root + "/ru/") in found[root + "/"]
    for loc, links in found.items():
        hreflangs = [hreflang for hreflang, _href in links]
        assert len(hreflangs) == len(set(hreflangs)), loc
        # Every address names itself, and every address it names is listed with the same set.
        assert loc in {href for _hreflang, href in links}, loc
        for _hreflang, href in links:
            assert found.get(href) == links, (loc, href)
        if "kk-Cyrl" in hreflangs:
            assert {"kk-Cyrl", "kk-Latn", "kk-Arab", "x-default"} <= set(hreflangs), loc


@pytest.mark.django_db
def test_sitemap_alternates_are_the_ones_each_page_gives(client, translated):
    import re

    for loc, links in alternates_of(client).items():
        html = client.get(loc.removeprefix("http://testserver")).content.decode()
        head = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        assert set(head) == links, loc


@pytest.mark.django_db
def test_article_sitemap_queries_do_not_grow_with_the_articles(client, translated):
    def queries(url):
        from django.core.cache import caches

        for alias in caches:
            caches[alias].clear()  # count a render, not a page-cache hit
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/sitemap-articles-kk-latn.xml", "/sitemap-articles-ru.xml", "/sitemap-pages-kk.xml"]
    before = [queries(url) for url in urls]
    for number in range(5):
        make_article(translated["economy"], f"Жаңалық {number}")
    assert [queries(url) for url in urls] == before
    assert before[0] <= 10


@pytest.mark.django_db
def test_google_news_titles_are_in_each_script_and_kazakh_is_kk(client, translated):
    lead = translated["articles"]["lead"]
    ArticlePage.objects.filter(pk=lead.pk).update(headline_latin="Parlament Jaña Zañ")
    document = valid(client, "/news-sitemap.xml", "news-urlset.xsd")

    def news(loc):
        entry = document.xpath(
            "//sm:url[sm:loc=$loc]/news:news", namespaces=NS, loc="http://testserver" + loc
        )[0]
        language = entry.xpath("news:publication/news:language/text()", namespaces=NS)[0]
        return language, entry.xpath("news:title/text()", namespaces=NS)[0]

    assert news(lead.url) == ("kk", "Парламент жаңа заңды қабылдады")
    assert news("/latyn" + lead.url) == ("kk", "Parlament Jaña Zañ")  # the editor's spelling
    language, arabic = news("/tote" + lead.url)
    assert language == "kk" and arabic.startswith("پارلامەنت") and not CYRILLIC.search(arabic)
    language, latin = news("/latyn" + translated["articles"]["law"].url)
    assert (language, latin) == ("kk", "Sot reformasy talqylandy")
    assert news(translated["translation"].url) == ("ru", "Парламент принял закон")


@pytest.mark.django_db
def test_site_files_have_no_script_edition(client, newsroom):
    for path in ("/sitemap.xml", "/sitemap-articles-kk-latn.xml", "/robots.txt"):
        response = client.get("/latyn" + path)
        assert response.status_code == 301 and response["Location"] == path


def test_the_alternates_schema_refuses_a_malformed_link():
    checker = schema("alternates-urlset.xsd")
    sitemap = (
        f'<urlset xmlns="{NS["sm"]}" xmlns:xhtml="{XHTML}"><url><loc>http://x.kz/a/</loc>'
        '<xhtml:link rel="alternate" hreflang="{}" href="http://x.kz/b/"/></url></urlset>'
    )
    assert checker.validate(etree.fromstring(sitemap.replace("{}", "kk-Latn")))
    assert not checker.validate(etree.fromstring(sitemap.replace("{}", "kk_latin")))
