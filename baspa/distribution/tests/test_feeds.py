"""The feeds parse clean in feedparser as RSS 2.0 and Atom, carry what a reader needs, answer
conditional requests with 304, and are never stale after a publish."""

import feedparser
import pytest
from django.db import transaction

from baspa.content.tests.factories import make_article
from baspa.editions.tests.test_editions import CYRILLIC

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
    kazakh = [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/rss/section/sayasat/",
        "/feeds/rss/section/sayasat/zan/",
        "/feeds/rss/author/aigerim-serikkyzy/",
        "/feeds/rss/tag/sailau/",
        "/feeds/rss/region/mangystau/",
    ]
    # Each script edition of a feed is its own cache entry with the same tags.
    urls = [prefix + url for prefix in ("", "/latyn", "/tote") for url in kazakh]
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

    def link(url):  # the fresh article's address in the feed's own edition
        return "http://testserver" + url[: url.index("/feeds/")] + fresh.url

    for url in urls:
        assert link(url) in client.get(url).content.decode(), url
    assert "Jaña zañ küşıne endı" in client.get("/latyn/feeds/atom/").content.decode()
    fresh.unpublish()
    for url in urls:
        assert link(url) not in client.get(url).content.decode(), url
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
        f"{root}/latyn/feeds/rss/",
        f"{root}/tote/feeds/atom-full/",
        f"{root}/latyn/feeds/rss-full/section/sayasat/zan/",
        f"{root}/tote/feeds/atom/tag/sailau/",
    } <= urls
    # The site files have one address; Russian feeds have no script edition.
    assert not {url for url in urls if "/sitemap" in url and ("/latyn/" in url or "/tote/" in url)}
    assert not {url for url in urls if "/latyn/ru/" in url or "/tote/ru/" in url}


KAZAKH_FEEDS = [url for url in FEEDS if not url.startswith("/ru/")]


def no_cyrillic(feed, raw: str) -> None:
    """No Cyrillic letter in any text a reader sees: titles, summaries, full text,
    categories, bylines, the feed's own title and description."""
    texts = [feed.feed.get("title", ""), feed.feed.get("subtitle", "")]
    for entry in feed.entries:
        texts += [entry.title, entry.get("summary", ""), entry.get("author", "")]
        texts += [tag.term for tag in entry.get("tags", [])]
        texts += [content.value for content in entry.get("content", [])]
    assert not [text for text in texts if CYRILLIC.search(text)]
    assert not CYRILLIC.search(raw)  # nor anywhere else in the document


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,lang", [("/latyn", "kk-Latn"), ("/tote", "kk-Arab")])
def test_every_kazakh_feed_in_each_script(client, newsroom, prefix, lang):
    for fmt in ("rss", "atom", "rss-full", "atom-full"):
        for url in KAZAKH_FEEDS:
            address = prefix + url.format(fmt=fmt)
            response, feed = parsed(client, address)
            raw = response.content.decode()
            assert feed.version == ("atom10" if fmt.startswith("atom") else "rss20"), address
            assert feed.entries, address
            no_cyrillic(feed, raw)
            if fmt.startswith("atom"):
                assert f'<feed xml:lang="{lang}"' in raw, address
            else:
                assert feed.feed.language == lang, address
            root = f"http://testserver{prefix}/"
            assert feed.feed.link.startswith(root), address
            assert all(entry.link.startswith(root) for entry in feed.entries), address
            # The feed names itself at its own address in the edition.
            assert f'href="http://testserver{address}"' in raw, address


@pytest.mark.django_db
def test_a_latin_feed_item_reads_as_the_latin_page(client, newsroom):
    lead = newsroom["articles"]["lead"]
    _response, feed = parsed(client, "/latyn/feeds/atom-full/")
    entry = feed.entries[0]
    assert entry.title == "Parlament jaña zañdy qabyldady"
    assert entry.link == "http://testserver/latyn" + lead.url
    assert entry.summary == "Mäjılıs deputattary zañ jobasyn ekınşı oqylymda maqūldady."
    assert entry.author == "Aigerım Serıkqyzy"
    assert entry.author_detail.href == "http://testserver/latyn/author/aigerim-serikkyzy/"
    assert [tag.term for tag in entry.tags] == ["Saiasat"]
    assert "<b>tolyq</b>" in entry.content[0].value
    # The same article's page shows the same headline.
    page = client.get("/latyn" + lead.url).content.decode()
    assert "Parlament jaña zañdy qabyldady" in page
    # An editor's own Latin headline and lead win, as they do on the page.
    lead.headline_latin, lead.lead_latin = "Parlament Jaña Zañ", "Qysqaşa."
    lead.save_revision().publish()
    _response, feed = parsed(client, "/latyn/feeds/rss/section/sayasat/")
    entry = [e for e in feed.entries if e.link.endswith(lead.url)][0]
    assert (entry.title, entry.summary) == ("Parlament Jaña Zañ", "Qysqaşa.")


@pytest.mark.django_db
def test_the_russian_edition_feeds_have_no_script_edition(client, newsroom):
    # Never respelt, nor given a script: Russian is written in Cyrillic only.
    response, ru = parsed(client, "/ru/feeds/atom/")
    assert ru.entries[0].title == "Парламент принял новый закон"
    assert '<feed xml:lang="ru"' in response.content.decode()
    moved = client.get("/latyn/ru/feeds/rss/")
    assert moved.status_code == 301 and moved["Location"] == "/ru/feeds/rss/"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/latyn", "/tote"])
@pytest.mark.parametrize("page", ["/", "/sayasat/", "/author/aigerim-serikkyzy/", "article"])
def test_pages_in_each_script_name_the_feeds_of_their_script(client, newsroom, prefix, page):
    import re

    if page == "article":
        page = newsroom["articles"]["lead"].url
    html = client.get(prefix + page).content.decode()
    feeds = re.findall(
        r'<link rel="alternate" type="application/(rss|atom)\+xml" title="([^"]+)" href="([^"]+)">',
        html,
    )
    assert len(feeds) >= 2, page
    for _kind, title, href in feeds:
        assert href.startswith(f"{prefix}/feeds/"), href
        assert not CYRILLIC.search(title), title
        _response, feed = parsed(client, href)
        assert feed.feed.title == title.rsplit(" (", 1)[0]
