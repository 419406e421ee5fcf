"""Unpublished work reaches no reader by any channel: drafts, scheduled, private
(view-restricted) and unpublished articles are in no feed, sitemap, JSON-LD, search result
or Telegram post. One test per channel."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html
from wagtail.models import PageViewRestriction, Site

from baspa.content.tests.factories import make_article
from baspa.distribution import services
from baspa.distribution.models import TelegramPost, TelegramSettings
from baspa.distribution.tests.fake_telegram import FakeBotAPI
from baspa.distribution.tests.test_telegram import TOKEN, wait_for

SECRETS = {
    "draft": "ЖОБА-құпия",
    "scheduled": "КЕЙІН-құпия",
    "private": "ЖАБЫҚ-құпия",
    "unpublished": "АЛЫНҒАН-құпия",
}


def unpublished_work(section, author, before_unpublish=lambda article: None) -> dict:
    """The four kinds of article a reader must not see, all with the same author and tag as
    public ones, so every listing that could leak them is asked."""
    common = {"authors": [author], "tags": ["сайлау"], "lead": "Құпия мәтін."}
    draft = make_article(section, SECRETS["draft"], live=False, **common)
    scheduled = make_article(section, SECRETS["scheduled"], live=False, **common)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision().publish()  # with a go-live time ahead: scheduled, not live
    private = make_article(section, SECRETS["private"], live=False, **common)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    private.save_revision().publish()
    gone = make_article(section, SECRETS["unpublished"], minutes_ago=2, **common)
    before_unpublish(gone)
    gone.unpublish()
    return {"draft": draft, "scheduled": scheduled, "private": private, "unpublished": gone}


def assert_no_secret(text: str, where: str) -> None:
    for kind, secret in SECRETS.items():
        assert secret not in text, f"{kind} article in {where}"


@pytest.fixture
def hidden(newsroom):
    work = unpublished_work(newsroom["politics"], newsroom["author"])
    scheduled = type(work["scheduled"]).objects.get(pk=work["scheduled"].pk)
    assert not scheduled.live and scheduled.scheduled_revision is not None
    return work


def article_paths(work) -> list[str]:
    return [article.url_path for article in work.values()]


@pytest.mark.django_db
def test_feeds(client, newsroom, hidden):
    scopes = ["", "section/sayasat/", "author/aigerim-serikkyzy/", "tag/sailau/"]
    for fmt in ("rss", "atom", "rss-full", "atom-full"):
        for scope in scopes:
            response = client.get(f"/feeds/{fmt}/{scope}")
            assert response.status_code == 200
            assert_no_secret(response.content.decode(), f"/feeds/{fmt}/{scope}")
    # The public article of the same author is there: the feed was not simply empty.
    assert "Парламент" in client.get("/feeds/rss/author/aigerim-serikkyzy/").content.decode()


@pytest.mark.django_db
def test_sitemaps(client, newsroom, hidden):
    text = ""
    for url in ("/sitemap.xml", "/sitemap-pages-kk.xml", "/sitemap-articles-kk.xml"):
        text += client.get(url).content.decode()
    assert "http://testserver" + newsroom["articles"]["lead"].url in text
    for kind, article in hidden.items():
        slug = article.url_path.rstrip("/").rsplit("/", 1)[-1]
        assert f"/{slug}/" not in text, f"{kind} article in the sitemaps"


@pytest.mark.django_db
def test_google_news_sitemap(client, newsroom, hidden):
    text = client.get("/news-sitemap.xml").content.decode()
    assert "Парламент жаңа заңды қабылдады" in text
    assert_no_secret(text, "the Google News sitemap")


@pytest.mark.django_db
def test_structured_data(client, newsroom, hidden):
    pages = ["/", "/sayasat/", "/author/aigerim-serikkyzy/", "/tag/sailau/"]
    pages += [newsroom["articles"]["lead"].url, hidden["private"].url]
    for url in pages:
        response = client.get(url)
        tree = html.fromstring(response.content)
        for block in tree.xpath('//script[@type="application/ld+json"]/text()'):
            assert_no_secret(json.dumps(json.loads(block), ensure_ascii=False), url)
        for content in tree.xpath("//head/meta/@content"):
            assert_no_secret(content, url)


@pytest.mark.django_db
def test_search_results(client, newsroom, hidden):
    from baspa.search.services import search_reindex

    search_reindex()
    for query in ("құпия", "Құпия мәтін"):
        response = client.get("/search/json/", {"q": query})
        assert response.status_code == 200
        assert_no_secret(response.content.decode(), "search results")


@pytest.mark.django_db(transaction=True)
def test_telegram(newsroom, settings):
    api = FakeBotAPI().start()
    settings.BASPA_TELEGRAM_API_URL = api.url
    try:
        config = TelegramSettings.for_site(Site.objects.get(is_default_site=True))
        config.enabled, config.chat_id, config.bot_token = True, "@baspa_news", TOKEN
        config.save()
        # The unpublished one is planned while public, refused once, then unpublished before
        # the retry: the retry must not send it.
        api.replies = ["401"]

        def refused_once(article):
            assert wait_for(lambda: TelegramPost.objects.filter(attempts=1).exists())

        work = unpublished_work(newsroom["politics"], newsroom["author"], refused_once)
        TelegramPost.objects.update(next_attempt_at=timezone.now())
        services.telegram_due_deliver()
        assert TelegramPost.objects.get(article_id=work["unpublished"].pk).status == "cancelled"
        for kind in ("draft", "scheduled", "private"):
            assert not TelegramPost.objects.filter(article_id=work[kind].pk).exists(), kind
        public = make_article(newsroom["politics"], "Ашық жаңалық", minutes_ago=None)
        assert wait_for(lambda: any(call["accepted"] for call in api.calls))
        accepted = [call for call in api.calls if call["accepted"]]
        assert [call["text"].split("</b>")[0] for call in accepted] == ["<b>Ашық жаңалық"]
        assert public.pk
    finally:
        api.stop()
