"""A small client for the two Telegram Bot API methods Baspa uses: sendMessage and sendPhoto
(https://core.telegram.org/bots/api). Short timeouts: a hanging Telegram costs one attempt,
never a publish."""

from dataclasses import dataclass

import requests
from django.conf import settings

# Seconds to connect, and to wait for the answer.
TIMEOUT = (3.05, 10)


@dataclass
class TelegramError(Exception):
    problem: str  # a TelegramPost.Problem value
    detail: str
    retry_after: int | None = None

    def __str__(self):
        return f"{self.problem}: {self.detail}"


def _call(token: str, method: str, data: dict, files: dict | None = None) -> dict:
    url = f"{settings.BASPA_TELEGRAM_API_URL.rstrip('/')}/bot{token}/{method}"
    try:
        response = requests.post(url, data=data, files=files, timeout=TIMEOUT)
    except requests.RequestException as error:
        # The token is part of the address: it must not reach the log or the admin.
        raise TelegramError("network", str(error).replace(token, "…")) from None
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.ok and answer.get("ok"):
        return answer["result"]
    description = str(answer.get("description") or f"HTTP {response.status_code}")
    description = description.replace(token, "…")
    if response.status_code == 429:
        retry_after = (answer.get("parameters") or {}).get("retry_after")
        raise TelegramError("rate_limited", description, int(retry_after or 0) or None)
    if response.status_code in (401, 403, 404):
        # 404: Telegram's answer to a malformed token; 403: the bot is not in the channel.
        raise TelegramError("unauthorized", description)
    if response.status_code >= 500:
        raise TelegramError("network", description)
    raise TelegramError("rejected", description)


def message_send(*, token: str, chat_id: str, text: str) -> int:
    result = _call(
        token,
        "sendMessage",
        {"chat_id": chat_id, "text": text, "parse_mode": "HTML"},
    )
    return int(result["message_id"])


def photo_send(*, token: str, chat_id: str, caption: str, photo: bytes, filename: str) -> int:
    result = _call(
        token,
        "sendPhoto",
        {"chat_id": chat_id, "caption": caption, "parse_mode": "HTML"},
        files={"photo": (filename, photo)},
    )
    return int(result["message_id"])
