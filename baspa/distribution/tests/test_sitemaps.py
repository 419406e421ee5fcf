"""Sitemaps validate against the sitemaps.org and Google News schemas (lxml, offline copies
in fixtures/), list exactly what readers may see, with real update times, and are never stale
after a publish."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone
from lxml import etree

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.distribution import sitemaps

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


@pytest.mark.django_db
def test_index_and_every_sitemap_validate(client, newsroom):
    index = valid(client, "/sitemap.xml", "siteindex.xsd")
    listed = locations(index)
    assert listed == [
        "http://testserver/sitemap-pages-kk.xml",
        "http://testserver/sitemap-articles-kk.xml",
        "http://testserver/sitemap-pages-ru.xml",
        "http://testserver/sitemap-articles-ru.xml",
    ]
    found = []
    for url in listed:
        found += locations(valid(client, url.removeprefix("http://testserver"), "sitemap.xsd"))
    articles = newsroom["articles"]
    assert set(found) == {
        "http://testserver/",
        "http://testserver/sayasat/",
        "http://testserver/sayasat/zan/",
        "http://testserver/ekonomika/",
        "http://testserver/ru/",
        "http://testserver/ru/politika/",
    } | {"http://testserver" + article.url for article in articles.values()}


@pytest.mark.django_db
def test_lastmod_is_the_real_update_time(client, newsroom):
    article = newsroom["articles"]["economy"]
    updated = timezone.now() - timedelta(minutes=3)
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=updated)
    document = valid(client, "/sitemap-articles-kk.xml", "sitemap.xsd")
    url = document.xpath(
        "//sm:url[sm:loc=$loc]/sm:lastmod/text()",
        namespaces=NS,
        loc="http://testserver" + article.url,
    )
    assert url == [timezone.localtime(updated).isoformat(timespec="seconds")]
    # The section that lists it, and the index, say when their newest article changed.
    pages = valid(client, "/sitemap-pages-kk.xml", "sitemap.xsd")
    assert pages.xpath(
        "//sm:url[sm:loc='http://testserver/ekonomika/']/sm:lastmod/text()", namespaces=NS
    ) == [timezone.localtime(updated).isoformat(timespec="seconds")]


@pytest.mark.django_db
def test_article_sitemaps_are_paginated_by_the_index(client, newsroom, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticlesSitemap, "limit", 2)
    index = valid(client, "/sitemap.xml", "siteindex.xsd")
    assert "http://testserver/sitemap-articles-kk.xml?p=2" in locations(index)
    first = locations(valid(client, "/sitemap-articles-kk.xml", "sitemap.xsd"))
    second = locations(valid(client, "/sitemap-articles-kk.xml?p=2", "sitemap.xsd"))
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
        "http://testserver" + articles[name].url for name in ("lead", "law", "economy", "ru")
    }  # not the five-day-old one
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
