"""The Telegram channel, against a local Bot API (fake_telegram.py) and the real database:
each article is posted once when published, a slow or failing Telegram never holds up or
undoes a publish, failures are retried with back-off and shown to editors."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from baspa.content.models import ArticlePage
from baspa.content.tests.factories import make_article
from baspa.distribution import services
from baspa.distribution.models import TelegramPost, TelegramSettings
from baspa.distribution.tests.fake_telegram import FakeBotAPI
from baspa.images.models import Photo

TOKEN = "123456:AAH-secret-bot-token-9876"


def wait_for(condition, timeout=15.0) -> bool:
    """Poll until `condition()` holds: the post is sent from another thread."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def bot_api(settings):
    api = FakeBotAPI().start()
    settings.BASPA_TELEGRAM_API_URL = api.url
    yield api
    api.stop()


@pytest.fixture
def channel(homes):
    config = TelegramSettings.for_site(Site.objects.get(is_default_site=True))
    config.enabled, config.chat_id, config.bot_token = True, "@baspa_news", TOKEN
    config.save()
    return config


def post_of(article) -> TelegramPost | None:
    return TelegramPost.objects.filter(article_id=article.pk).first()


def status_of(article) -> str | None:
    post = post_of(article)
    return post.status if post else None


@pytest.mark.django_db(transaction=True)
def test_publishing_posts_headline_lead_link_and_photo_once(politics, bot_api, channel):
    hero = Photo.objects.create(title="Ақорда", file=get_test_image_file(size=(1600, 900)))
    article = make_article(
        politics,
        "Парламент <жаңа> заңды қабылдады",
        lead="Мәжіліс депутаттары заң жобасын мақұлдады.",
        hero_image=hero,
        minutes_ago=None,
    )
    assert wait_for(lambda: status_of(article) == "sent")
    [call] = bot_api.calls
    assert call["method"] == "sendPhoto" and call["token"] == TOKEN
    assert call["chat_id"] == "@baspa_news" and call["parse_mode"] == "HTML"
    assert call["caption"] == (
        "<b>Парламент &lt;жаңа&gt; заңды қабылдады</b>\n\n"
        "Мәжіліс депутаттары заң жобасын мақұлдады.\n\n"
        f"http://localhost{article.url}"
    )
    assert call["photo"][:3] == b"\xff\xd8\xff" or call["photo"][:4] == b"\x89PNG"
    assert post_of(article).message_id == 101

    # Published again, or edited and published: the channel does not get it twice.
    article.title = "Парламент заңды қабылдады"
    article.save_revision().publish()
    article.save_revision().publish()
    services.telegram_due_deliver()
    assert len(bot_api.calls) == 1 and TelegramPost.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_article_without_a_photo_is_a_message(politics, bot_api, channel):
    article = make_article(politics, "Суретсіз жаңалық", minutes_ago=None)
    assert wait_for(lambda: status_of(article) == "sent")
    [call] = bot_api.calls
    assert call["method"] == "sendMessage"
    assert call["text"].startswith("<b>Суретсіз жаңалық</b>")


@pytest.mark.django_db(transaction=True)
def test_a_hanging_telegram_neither_holds_up_nor_undoes_the_publish(politics, bot_api, channel):
    bot_api.replies = ["hang"]
    article = make_article(politics, "Асығыс жаңалық", minutes_ago=None)
    # The publish has returned and is committed while Telegram still has not answered.
    assert ArticlePage.objects.get(pk=article.pk).live
    assert wait_for(lambda: len(bot_api.calls) == 1)
    assert status_of(article) == "sending"
    bot_api.release.set()
    assert wait_for(lambda: status_of(article) in ("sent", "pending"))


@pytest.mark.django_db(transaction=True)
def test_a_429_waits_the_time_telegram_asks_then_sends(politics, bot_api, channel):
    bot_api.replies = ["429:300"]
    before = timezone.now()
    article = make_article(politics, "Көп хабар", minutes_ago=None)
    assert wait_for(lambda: post_of(article) and post_of(article).attempts == 1)
    post = post_of(article)
    assert post.status == "pending" and post.problem == "rate_limited"
    assert post.next_attempt_at >= before + timedelta(seconds=300)
    assert "retry after 300" in post.detail
    assert services.telegram_due_deliver() == 0  # not due yet
    TelegramPost.objects.filter(pk=post.pk).update(next_attempt_at=timezone.now())
    assert services.telegram_due_deliver() == 1
    assert status_of(article) == "sent" and len(bot_api.calls) == 2


def test_back_off_doubles_and_honours_retry_after():
    assert [services.retry_delay(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert services.retry_delay(20) == 3600
    assert services.retry_delay(1, retry_after=90) == 90


@pytest.mark.django_db(transaction=True)
def test_a_bad_token_is_retried_recorded_and_shown_to_editors(
    client, politics, bot_api, channel, monkeypatch
):
    monkeypatch.setattr(services, "MAX_ATTEMPTS", 2)
    bot_api.replies = ["401", "401"]
    article = make_article(politics, "Токенсіз жаңалық", minutes_ago=None)
    assert wait_for(lambda: post_of(article) and post_of(article).attempts == 1)
    assert status_of(article) == "pending" and post_of(article).problem == "unauthorized"
    TelegramPost.objects.update(next_attempt_at=timezone.now())
    services.telegram_due_deliver()
    post = post_of(article)
    assert post.status == "failed" and post.attempts == 2 and post.next_attempt_at is None
    assert ArticlePage.objects.get(pk=article.pk).live  # the publish stands

    editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Токенсіз жаңалық" in dashboard and "data-baspa-telegram" in dashboard
    edit = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Unauthorized" in edit
    assert f"/admin/telegram/{article.pk}/repost/" in edit
    # The editor asks again once the token is fixed.
    assert client.get(f"/admin/telegram/{article.pk}/repost/").status_code == 200
    response = client.post(f"/admin/telegram/{article.pk}/repost/")
    assert response.status_code == 302
    assert wait_for(lambda: status_of(article) == "sent")
    assert len(bot_api.calls) == 3
    assert "data-baspa-telegram" not in client.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_telegram_is_a_network_problem_without_the_token(
    politics, channel, settings
):
    settings.BASPA_TELEGRAM_API_URL = "http://127.0.0.1:9"  # nothing listens on discard
    article = make_article(politics, "Байланыссыз", minutes_ago=None)
    assert wait_for(lambda: post_of(article) and post_of(article).attempts == 1)
    post = post_of(article)
    assert post.problem == "network" and post.status == "pending"
    assert TOKEN not in post.detail and "secret" not in post.detail


@pytest.mark.django_db(transaction=True)
def test_nothing_is_posted_when_the_channel_is_not_set_up(politics, bot_api, homes):
    article = make_article(politics, "Арнасыз", minutes_ago=None)
    services.telegram_due_deliver()
    assert post_of(article) is None and bot_api.calls == []


@pytest.mark.django_db
def test_the_token_is_write_only_in_the_admin(client, channel):
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(admin)
    url = f"/admin/settings/distribution/telegramsettings/{channel.site_id}/"
    page = client.get(url).content.decode()
    assert TOKEN not in page and "secret" not in page
    assert "…9876" in page
    form = {"enabled": "on", "chat_id": "@baspa_news", "bot_token": ""}
    assert client.post(url, form).status_code == 302
    channel.refresh_from_db()
    assert channel.bot_token == TOKEN  # blank keeps it
    form["bot_token"] = "654321:NEW-token-1111"
    client.post(url, form)
    channel.refresh_from_db()
    assert channel.bot_token == "654321:NEW-token-1111"
    assert "NEW-token" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_editors_cannot_change_the_channel_settings(client, channel):
    from baspa.newsroom.services import newsroom_groups_ensure

    groups = newsroom_groups_ensure()
    editor = get_user_model().objects.create_user("editor", "e@example.com", "pw")
    editor.groups.add(groups["Editor"])
    client.force_login(editor)
    url = f"/admin/settings/distribution/telegramsettings/{channel.site_id}/"
    assert client.get(url).status_code in (302, 403)
