"""Head metadata: canonical address, Open Graph and Twitter cards, JSON-LD and feed
autodiscovery, read from the rendered pages the way crawlers and link previews read them."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from lxml import html

from baspa.content.tests.factories import make_article
from baspa.distribution.meta import canonical_url, json_ld_dumps, page_meta


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


def meta_content(tree, key) -> str | None:
    found = tree.xpath(f'//head/meta[@property="{key}" or @name="{key}"]/@content')
    assert len(found) <= 1, key
    return found[0] if found else None


def json_ld(tree) -> dict[str, dict]:
    blocks = [json.loads(s) for s in tree.xpath('//script[@type="application/ld+json"]/text()')]
    return {block["@type"]: block for block in blocks}


@pytest.mark.django_db
def test_article_carries_news_article_breadcrumbs_and_previews(client, newsroom):
    article = newsroom["articles"]["lead"]
    tree = head(client, article.url)
    url = "http://testserver" + article.url
    assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
    assert meta_content(tree, "og:url") == url
    assert meta_content(tree, "og:type") == "article"
    assert meta_content(tree, "og:title") == "Парламент жаңа заңды қабылдады"
    assert meta_content(tree, "og:locale") == "kk_KZ"
    assert meta_content(tree, "description") == article.lead
    image = meta_content(tree, "og:image")
    assert image.startswith("http://testserver/media/images/") and ".fill-1200x630" in image
    assert (meta_content(tree, "og:image:width"), meta_content(tree, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta_content(tree, "og:image:alt") == "Ақорда ғимараты"
    assert meta_content(tree, "twitter:card") == "summary_large_image"
    assert meta_content(tree, "twitter:image") == image
    assert meta_content(tree, "article:section") == "Саясат"
    assert meta_content(tree, "article:published_time").endswith("+05:00")

    data = json_ld(tree)
    news = data["NewsArticle"]
    assert news["@context"] == "https://schema.org"
    required = {
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
        "articleSection",
        "inLanguage",
    }
    assert required <= news.keys()
    assert news["headline"] == "Парламент жаңа заңды қабылдады"
    assert news["description"] == article.lead
    assert news["datePublished"].endswith("+05:00")
    assert news["author"] == [
        {
            "@type": "Person",
            "name": "Айгерім Серікқызы",
            "url": "http://testserver/author/aigerim-serikkyzy/",
        }
    ]
    assert news["publisher"]["@type"] == "NewsMediaOrganization"
    assert news["publisher"]["name"] == "Baspa"
    logo = news["publisher"]["logo"]["url"]
    assert logo.startswith("http://testserver/static/") and logo.endswith(".png")
    assert finders.find(logo.removeprefix("http://testserver/static/"))
    assert news["image"] == [image]
    assert news["articleSection"] == "Саясат"
    assert news["inLanguage"] == "kk"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Baspa"),
        (2, "Саясат"),
        (3, "Парламент жаңа заңды қабылдады"),
    ]
    assert crumbs[1]["item"] == "http://testserver/sayasat/"


@pytest.mark.django_db
def test_feed_autodiscovery_links_lead_to_the_feeds(client, newsroom):
    article = newsroom["articles"]["law"]
    tree = head(client, article.url)
    links = tree.xpath('//head/link[@rel="alternate"]')
    found = {(link.get("type"), link.get("href")) for link in links}
    assert ("application/rss+xml", "/feeds/rss/") in found
    assert ("application/atom+xml", "/feeds/atom/section/sayasat/zan/") in found
    for _type, href in found:
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,kind,title,feed",
    [
        ("/", "WebSite", "Baspa", "/feeds/rss/"),
        ("/sayasat/", "CollectionPage", "Саясат", "/feeds/rss/section/sayasat/"),
        (
            "/author/aigerim-serikkyzy/",
            "ProfilePage",
            "Айгерім Серікқызы",
            "/feeds/rss/author/aigerim-serikkyzy/",
        ),
        ("/tag/sailau/", "CollectionPage", "сайлау", "/feeds/rss/tag/sailau/"),
        (
            "/region/mangystau/",
            "CollectionPage",
            "Маңғыстау облысы",
            "/feeds/rss/region/mangystau/",
        ),
        ("/ru/", "WebSite", "Baspa", "/ru/feeds/rss/"),
    ],
)
def test_home_section_author_tag_and_region_pages_have_matching_metadata(
    client, newsroom, url, kind, title, feed
):
    tree = head(client, url)
    assert tree.xpath('//link[@rel="canonical"]/@href') == ["http://testserver" + url]
    assert meta_content(tree, "og:title") == title
    assert meta_content(tree, "og:url") == "http://testserver" + url
    assert meta_content(tree, "description")
    assert meta_content(tree, "twitter:card") == "summary"
    assert kind in json_ld(tree)
    assert feed in tree.xpath('//head/link[@type="application/rss+xml"]/@href')


@pytest.mark.django_db
def test_canonical_keeps_the_listing_page_and_drops_everything_else(client, newsroom):
    request = RequestFactory().get("/sayasat/", {"page": "2", "utm_source": "x"})
    assert canonical_url(request) == "http://testserver/sayasat/?page=2"
    request = RequestFactory().get("/sayasat/", {"page": "1", "fbclid": "x"})
    assert canonical_url(request) == "http://testserver/sayasat/"
    tree = head(client, "/sayasat/?utm_campaign=spring")
    assert tree.xpath('//link[@rel="canonical"]/@href') == ["http://testserver/sayasat/"]


@pytest.mark.django_db
def test_page_meta_alone(newsroom):
    article = newsroom["articles"]["ru"]
    request = RequestFactory().get(article.url)
    meta = page_meta(request=request, page=article, publication="Баспа")
    assert meta.og_locale == "ru_RU" and meta.og_type == "article"
    assert meta.canonical == "http://testserver" + article.url
    assert meta.image is None
    assert json.loads(meta.json_ld[0])["inLanguage"] == "ru"
    assert json.loads(meta.json_ld[0])["publisher"]["name"] == "Баспа"
    assert [feed.href for feed in meta.feeds][:1] == ["/ru/feeds/rss/"]
    assert page_meta(request=request, page=None, publication="Баспа") is None


def test_json_ld_cannot_end_its_script_element():
    text = json_ld_dumps({"headline": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.django_db
def test_a_hostile_headline_stays_inside_its_json_ld(client, politics):
    article = make_article(politics, "Тест </script><script>alert(1)</script>")
    response = client.get(article.url)
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    tree = html.fromstring(response.content)
    assert json_ld(tree)["NewsArticle"]["headline"] == "Тест </script><script>alert(1)</script>"
