"""The Telegram channel: its settings (set by an administrator) and the outbox of posts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class TelegramSettingsForm(WagtailAdminModelForm):
    """The bot token is write-only: never sent back to the browser; a blank field keeps it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["bot_token"]
        field.required = False
        field.widget.attrs["autocomplete"] = "off"
        saved = self.instance.bot_token if self.instance else ""
        if saved:
            field.help_text = _(
                "A token is saved (ending in …%(last)s). Leave blank to keep it."
            ) % {"last": saved[-4:]}
        self.initial["bot_token"] = ""

    def clean_bot_token(self):
        token = (self.cleaned_data.get("bot_token") or "").strip()
        return token or (self.instance.bot_token if self.instance else "")


@register_setting(icon="mail")
class TelegramSettings(BaseSiteSetting):
    """Where published articles are posted: a Telegram channel, through a bot."""

    enabled = models.BooleanField(
        _("post published articles to Telegram"),
        default=False,
    )
    chat_id = models.CharField(
        _("channel"),
        max_length=100,
        blank=True,
        help_text=_(
            "The channel's @username or its numeric id; the bot must be its administrator."
        ),
    )
    bot_token = models.CharField(
        _("bot token"),
        max_length=200,
        blank=True,
        help_text=_("From @BotFather."),
    )

    base_form_class = TelegramSettingsForm
    panels = [FieldPanel("enabled"), FieldPanel("chat_id"), FieldPanel("bot_token")]

    class Meta:
        verbose_name = _("Telegram channel")

    @property
    def ready(self) -> bool:
        return self.enabled and bool(self.chat_id.strip()) and bool(self.bot_token.strip())


class TelegramPost(models.Model):
    """One article's post to the channel: written when the article is first published, so an
    article is posted once however often it is published again, unless an editor asks."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("not sent: the article is no longer public")

    class Problem(models.TextChoices):
        NONE = "", _("none")
        NETWORK = "network", _("Telegram could not be reached")
        RATE_LIMITED = "rate_limited", _("Telegram asked to wait (too many messages)")
        UNAUTHORIZED = "unauthorized", _("Telegram refused the bot token")
        REJECTED = "rejected", _("Telegram refused the message")
        NOT_CONFIGURED = "not_configured", _("the Telegram channel is not set up")

    article = models.OneToOneField(
        "content.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="telegram_post",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # A sender holds the post until then; past it, a crashed send is tried again.
    claimed_until = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(
        _("problem"), max_length=20, choices=Problem.choices, default="", blank=True
    )
    detail = models.TextField(_("what Telegram said"), blank=True)
    failed_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.BigIntegerField(_("message id"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Telegram post")
        verbose_name_plural = _("Telegram posts")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.article_id}: {self.status}"

    @property
    def is_troubled(self) -> bool:
        """Failed for good, or waiting to retry after a failure: editors are told."""
        return self.status == self.Status.FAILED or (
            self.status == self.Status.PENDING and self.attempts > 0
        )
