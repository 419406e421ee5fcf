"""The feeds parse clean in feedparser as RSS 2.0 and Atom, carry what a reader needs, answer
conditional requests with 304, and are never stale after a publish."""

import feedparser
import pytest
from django.db import transaction

from baspa.content.tests.factories import make_article

FEEDS = [
    "/feeds/{fmt}/",
    "/feeds/{fmt}/section/sayasat/",
    "/feeds/{fmt}/section/sayasat/zan/",
    "/feeds/{fmt}/author/aigerim-serikkyzy/",
    "/feeds/{fmt}/tag/sailau/",
    "/feeds/{fmt}/region/mangystau/",
    "/ru/feeds/{fmt}/",
    "/ru/feeds/{fmt}/section/politika/",
]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,version", [("rss", "rss20"), ("atom", "atom10")])
@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_parses_clean(client, newsroom, fmt, version, url):
    response, feed = parsed(client, url.format(fmt=fmt))
    assert feed.version == version
    assert response["Content-Type"].startswith(
        "application/rss+xml" if fmt == "rss" else "application/atom+xml"
    )
    assert feed.entries, url
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.published_parsed
        if fmt == "atom":
            assert entry.updated_parsed


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_an_item_carries_headline_link_lead_times_byline_section_and_image(client, newsroom, fmt):
    _response, feed = parsed(client, f"/feeds/{fmt}/")
    lead = newsroom["articles"]["lead"]
    entry = feed.entries[0]
    assert entry.title == "Парламент жаңа заңды қабылдады"
    assert entry.link == "http://testserver" + lead.url
    assert entry.summary == "Мәжіліс депутаттары заң жобасын екінші оқылымда мақұлдады."
    assert entry.author == "Айгерім Серікқызы"
    assert [tag.term for tag in entry.tags] == ["Саясат"]
    # Times with their zone: Almaty is UTC+5.
    raw = client.get(f"/feeds/{fmt}/").content.decode()
    assert ("+0500" if fmt == "rss" else "+05:00") in raw
    enclosure = [link for link in entry.links if link.rel == "enclosure"][0]
    assert enclosure.href.startswith("http://testserver/media/images/")
    assert ".fill-1200x630" in enclosure.href and int(enclosure.length) > 0
    assert enclosure.type.startswith("image/")
    assert feed.feed.language == "kk" if fmt == "rss" else True
    assert [e.title for e in feed.entries] == [
        "Парламент жаңа заңды қабылдады",
        "Сот реформасы талқыланды",
        "Теңге нығайды",
        "Ескі жаңалық",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss-full", "atom-full"])
def test_full_text_is_an_option(client, newsroom, fmt):
    _response, full = parsed(client, f"/feeds/{fmt}/")
    entry = full.entries[0]
    assert "<b>толық</b>" in entry.content[0].value
    _response, short = parsed(client, f"/feeds/{fmt.removesuffix('-full')}/")
    assert "content" not in short.entries[0]


@pytest.mark.django_db
def test_section_feed_holds_its_subsections_and_nothing_else(client, newsroom):
    _response, feed = parsed(client, "/feeds/rss/section/sayasat/")
    assert [e.title for e in feed.entries] == [
        "Парламент жаңа заңды қабылдады",
        "Сот реформасы талқыланды",
    ]
    assert feed.feed.title == "Саясат — Baspa"
    _response, ru = parsed(client, "/ru/feeds/rss/")
    assert [e.title for e in ru.entries] == ["Парламент принял новый закон"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/section/no-such/",
        "/feeds/rss/author/nobody/",
        "/feeds/rss/tag/nothing/",
        "/feeds/rss/region/nowhere/",
        "/feeds/json/",
        "/ru/feeds/rss/section/sayasat/",  # a Kazakh section is not in the Russian edition
    ],
)
def test_unknown_feeds_are_a_404_page(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_conditional_get_answers_304(client, newsroom, page_cache):
    first = client.get("/feeds/atom/")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get("/feeds/atom/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get("/feeds/atom/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304 and since.content == b""
    assert client.get("/feeds/atom/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db(transaction=True)
def test_publishing_and_unpublishing_reach_every_feed_at_once(client, newsroom, page_cache):
    urls = [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/rss/section/sayasat/",
        "/feeds/rss/section/sayasat/zan/",
        "/feeds/rss/author/aigerim-serikkyzy/",
        "/feeds/rss/tag/sailau/",
        "/feeds/rss/region/mangystau/",
    ]
    for url in urls:  # all cached now
        assert client.get(url).status_code == 200
        assert getattr(client.get(url).wsgi_request, "pagecache", None) == "hit"
    with transaction.atomic():
        fresh = make_article(
            newsroom["law"],
            "Жаңа заң күшіне енді",
            authors=[newsroom["author"]],
            tags=["сайлау"],
            region=newsroom["region"],
            minutes_ago=None,
        )
    for url in urls:
        assert "Жаңа заң күшіне енді" in client.get(url).content.decode(), url
    fresh.unpublish()
    for url in urls:
        assert "Жаңа заң күшіне енді" not in client.get(url).content.decode(), url
    # Untouched feeds stay cached: the Russian edition shows nothing of this.
    assert client.get("/ru/feeds/rss/").status_code == 200


@pytest.mark.django_db
def test_the_front_cache_purge_names_the_feeds_and_sitemaps(newsroom, settings):
    from baspa.pagecache import front

    kk = newsroom["homes"]["kk"].locale_id
    urls = front.tag_urls({f"recent:{kk}", f"section:{newsroom['law'].pk}", "tag:sailau"})
    root = "http://localhost"
    assert {
        f"{root}/feeds/rss/",
        f"{root}/feeds/atom-full/",
        f"{root}/feeds/rss/section/sayasat/zan/",
        f"{root}/feeds/atom/tag/sailau/",
        f"{root}/ru/feeds/rss/tag/sailau/",
        f"{root}/sitemap.xml",
        f"{root}/news-sitemap.xml",
    } <= urls
