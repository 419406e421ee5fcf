"""Writing functions of the Telegram channel: plan a post when an article is published,
deliver it (from a background task, or from the scheduler loop when it must be retried), and
post again when an editor asks. See docs/decisions/0004-telegram-delivery.md."""

import logging
import os
from datetime import timedelta
from html import escape

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from baspa.content.selectors import articles_for_readers
from baspa.distribution import telegram
from baspa.distribution.feeds import SHARE_RENDITION
from baspa.distribution.models import TelegramPost, TelegramSettings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = 30  # seconds; doubled after each failure (30 s, 1 min, 2 min … about 1 h)
LAST_RETRY = 60 * 60
LEASE = timedelta(seconds=60)  # longer than the longest attempt (two calls with timeouts)
CAPTION_LIMIT = 1024  # Bot API: sendPhoto caption
TEXT_LIMIT = 4096  # Bot API: sendMessage text


def telegram_settings() -> TelegramSettings | None:
    site = Site.objects.filter(is_default_site=True).first()
    return TelegramSettings.for_site(site) if site else None


def _public(article) -> bool:
    """Live, public and in its edition: what every reader-facing list shows."""
    articles = articles_for_readers(locale=article.locale, cards=False)
    return articles.filter(pk=article.pk).exists()


def _enqueue_after_commit(post_id: int) -> None:
    from baspa.distribution.tasks import telegram_post_task

    transaction.on_commit(lambda: telegram_post_task.enqueue(post_id))


def telegram_post_plan(*, article) -> TelegramPost | None:
    """On publish: write the article's outbox record, once per article, and send it after the
    commit. Nothing when the channel is not set up or the article is not public."""
    config = telegram_settings()
    if config is None or not config.ready or not _public(article):
        return None
    post, created = TelegramPost.objects.get_or_create(
        article_id=article.pk, defaults={"next_attempt_at": timezone.now()}
    )
    if created:
        _enqueue_after_commit(post.pk)
    return post


@transaction.atomic
def telegram_post_again(*, article, user=None) -> TelegramPost:
    """An editor's explicit «post again»: the article goes to the channel once more."""
    post, _created = TelegramPost.objects.select_for_update().get_or_create(article_id=article.pk)
    post.status = TelegramPost.Status.PENDING
    post.attempts = 0
    post.next_attempt_at = timezone.now()
    post.claimed_until = None
    post.problem, post.detail = "", ""
    post.requested_by = user
    post.save()
    _enqueue_after_commit(post.pk)
    return post


def _claim(post_id: int) -> bool:
    """Take the post for one attempt; False when it is not due or another sender has it."""
    now = timezone.now()
    due = Q(status=TelegramPost.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=TelegramPost.Status.SENDING, claimed_until__lt=now
    )
    claimed = TelegramPost.objects.filter(due, pk=post_id).update(
        status=TelegramPost.Status.SENDING, claimed_until=now + LEASE
    )
    return claimed == 1


def message_compose(article, url: str, *, limit: int) -> str:
    """Headline in bold, the lead, the link — in Telegram's HTML (its own subset)."""
    head = f"<b>{escape(article.title)}</b>\n\n"
    tail = f"\n\n{escape(url)}"
    lead = article.lead.strip()
    room = limit - len(head) - len(tail)
    if len(lead) > room:
        lead = lead[: max(0, room - 1)].rstrip() + "…"
    return head + escape(lead) + tail


def _photo(article) -> tuple[bytes, str] | None:
    if not article.hero_image_id:
        return None
    rendition = article.hero_image.get_rendition(SHARE_RENDITION)
    with rendition.file.open("rb") as file:
        return file.read(), os.path.basename(rendition.file.name)


def telegram_post_deliver(post_id: int) -> str:
    """One attempt at sending a post; returns its status afterwards."""
    if not _claim(post_id):
        return "not_due"
    post = TelegramPost.objects.select_related("article").get(pk=post_id)
    article = post.article.specific
    if not _public(article):
        # Unpublished, made private or deleted meanwhile: a draft never reaches the channel.
        post.status, post.claimed_until = TelegramPost.Status.CANCELLED, None
        post.save(update_fields=["status", "claimed_until"])
        return post.status
    config = telegram_settings()
    try:
        if config is None or not config.ready:
            raise telegram.TelegramError("not_configured", "")
        url = article.get_full_url()
        photo = _photo(article)
        if photo:
            message_id = telegram.photo_send(
                token=config.bot_token,
                chat_id=config.chat_id,
                caption=message_compose(article, url, limit=CAPTION_LIMIT),
                photo=photo[0],
                filename=photo[1],
            )
        else:
            message_id = telegram.message_send(
                token=config.bot_token,
                chat_id=config.chat_id,
                text=message_compose(article, url, limit=TEXT_LIMIT),
            )
    except telegram.TelegramError as error:
        _failure_record(post, error)
        return post.status
    except Exception as error:  # noqa: BLE001 - an unexpected failure is recorded, not lost
        logger.exception("Telegram post of article %s failed", article.pk)
        _failure_record(post, telegram.TelegramError("network", type(error).__name__))
        return post.status
    post.status = TelegramPost.Status.SENT
    post.sent_at, post.message_id, post.claimed_until = timezone.now(), message_id, None
    post.problem, post.detail = "", ""
    post.save()
    return post.status


def retry_delay(attempts: int, retry_after: int | None = None) -> int:
    """Seconds before the next attempt: exponential back-off, and never sooner than the
    retry_after Telegram asked for with a 429."""
    backoff = min(LAST_RETRY, FIRST_RETRY * 2 ** max(0, attempts - 1))
    return max(backoff, retry_after or 0)


def _failure_record(post: TelegramPost, error: telegram.TelegramError) -> None:
    now = timezone.now()
    post.attempts += 1
    post.problem, post.detail = error.problem, error.detail[:2000]
    post.failed_at, post.claimed_until = now, None
    if post.attempts >= MAX_ATTEMPTS:
        post.status = TelegramPost.Status.FAILED
        post.next_attempt_at = None
    else:
        post.status = TelegramPost.Status.PENDING
        post.next_attempt_at = now + timedelta(
            seconds=retry_delay(post.attempts, error.retry_after)
        )
    post.save()
    logger.warning(
        "Telegram post of article %s: %s (attempt %s)", post.article_id, error, post.attempts
    )


def telegram_due_deliver(*, now=None) -> int:
    """Send every post whose time has come (retries, and sends a stopped process left):
    called by the scheduler loop of `baspa serve`. Returns how many were attempted."""
    now = now or timezone.now()
    due = TelegramPost.objects.filter(
        Q(status=TelegramPost.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=TelegramPost.Status.SENDING, claimed_until__lt=now)
    ).order_by("next_attempt_at")
    attempted = 0
    for post_id in list(due.values_list("pk", flat=True)[:50]):
        if telegram_post_deliver(post_id) != "not_due":
            attempted += 1
    return attempted
