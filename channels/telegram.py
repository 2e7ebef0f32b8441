"""Telegram channel: Rasa's TelegramInput, made safe and testable.

Enabled when TELEGRAM_TOKEN, TELEGRAM_BOT_USERNAME, TELEGRAM_WEBHOOK_URL and TELEGRAM_SECRET_TOKEN
are set (TELEGRAM_API_URL overrides the Bot API base, default https://api.telegram.org); otherwise
disabled and /webhooks/telegram/* answers 404.

What changes against the stock connector (rasa/core/channels/telegram.py, Rasa 3.6):
- the webhook is registered with `secret_token`, and every update must carry it in the
  X-Telegram-Bot-Api-Secret-Token header (hmac.compare_digest); otherwise 403 and no reply;
- no getMe call per message (the stock connector calls the API on every update);
- setWebhook runs after start-up in the background and is retried with back-off: an unreachable
  API is logged, it does not stop the bot (the stock connector raises at start-up);
- replies are rendered once per bot message in HTML parse mode, every text escaped, the source as
  <a href>, buttons as an inline keyboard (callback_data = payload), a crisis reply as one message;
  the reply contract is never posted;
- the output talks to the Bot API with aiohttp (`{TELEGRAM_API_URL}/bot{token}/METHOD`) instead of
  aiogram's Bot, whose API server is not configurable in a clean way in aiogram 2.15.
"""
from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import re
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import (BotMessage, RenderedOutputMixin, bot_message, env, link_label, missing,
                             split_links)

logger = logging.getLogger(__name__)

REQUIRED_ENV = ("TELEGRAM_TOKEN", "TELEGRAM_BOT_USERNAME", "TELEGRAM_WEBHOOK_URL",
                "TELEGRAM_SECRET_TOKEN")
DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MESSAGE_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64  # bytes
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def to_html(text: str, sources: List[Dict[str, str]]) -> str:
    """Telegram HTML: every piece of text escaped; only http(s) URLs become <a href> links."""
    out = []
    for kind, value in split_links(text):
        if kind == "url":
            label = html.escape(link_label(value, sources), quote=False)
            out.append(f'<a href="{html.escape(value, quote=True)}">{label}</a>')
        else:
            out.append(html.escape(value, quote=False))
    return "".join(out)


def _split(text: str, limit: int = MESSAGE_LIMIT) -> List[str]:
    """Split plain text at paragraph boundaries so each escaped piece stays under the limit."""
    pieces, current = [], ""
    for para in text.split("\n\n"):
        candidate = f"{current}\n\n{para}" if current else para
        if len(html.escape(candidate)) + 200 <= limit or not current:
            current = candidate
        else:
            pieces.append(current)
            current = para
    if current:
        pieces.append(current)
    return pieces


def inline_keyboard(buttons: List[Dict[str, str]]) -> Optional[Dict[str, Any]]:
    rows = []
    for b in buttons:
        data = b["payload"]
        if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
            logger.warning("Telegram button dropped: payload longer than %d bytes", CALLBACK_DATA_LIMIT)
            continue
        rows.append([{"text": b["title"], "callback_data": data}])  # one per row: readable on phones
    return {"inline_keyboard": rows} if rows else None


def render_telegram(msg: BotMessage) -> List[Dict[str, Any]]:
    """sendMessage parameters (without chat_id) for one bot message, in order; [] if nothing to show.

    A crisis reply is sent whole, as the first message of its turn's rendering, with the keyboard
    (if any) under it.
    """
    text = msg.text.strip()
    if not text:
        return []
    pieces = [text] if msg.is_crisis and len(html.escape(text)) + 200 <= MESSAGE_LIMIT else _split(text)
    out = [{"text": to_html(p, msg.sources), "parse_mode": "HTML", "disable_web_page_preview": True}
           for p in pieces]
    keyboard = inline_keyboard(msg.buttons)
    if keyboard:
        out[-1]["reply_markup"] = keyboard
    return out


class TelegramBotApi:
    """The few Bot API methods we use, over aiohttp."""

    def __init__(self, token: str, api_url: str = DEFAULT_API_URL, timeout: float = 15.0) -> None:
        self._base = f"{api_url.rstrip('/')}/bot{token}"
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def call(self, method: str, params: Dict[str, Any]) -> Dict[str, Any]:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            async with session.post(f"{self._base}/{method}", json=params) as resp:
                try:
                    body = await resp.json(content_type=None)
                except (ValueError, aiohttp.ContentTypeError):
                    body = {"ok": False, "description": f"HTTP {resp.status}"}
        if not isinstance(body, dict) or not body.get("ok"):
            desc = body.get("description") if isinstance(body, dict) else "bad response"
            raise RuntimeError(f"Telegram {method} failed: {desc}")
        return body


class TelegramOutput(RenderedOutputMixin, OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, api: TelegramBotApi) -> None:
        self.api = api

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        for params in render_telegram(bot_message(message)):
            try:
                await self.api.call("sendMessage", {"chat_id": recipient_id, **params})
            except Exception as e:
                logger.error("Telegram sendMessage failed: %s", type(e).__name__)
                logger.debug("Telegram error detail", exc_info=True)
                return



class TelegramChannel(TelegramInput):
    """Telegram input at /webhooks/telegram/webhook."""

    SEEN_MAX = 5000
    RETRY_DELAYS = (2, 5, 15, 30, 60, 120, 300)

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        absent = missing(REQUIRED_ENV)
        if absent:
            logger.info("Telegram disabled: set TELEGRAM_TOKEN, TELEGRAM_BOT_USERNAME, "
                        "TELEGRAM_WEBHOOK_URL and TELEGRAM_SECRET_TOKEN (missing: %s)", ", ".join(absent))
            return cls(None, None, None, None, enabled=False)
        secret = env("TELEGRAM_SECRET_TOKEN")
        if not SECRET_RE.match(secret):
            logger.warning("TELEGRAM_SECRET_TOKEN must be 1-256 characters of A-Z a-z 0-9 _ -; "
                           "Telegram will refuse to register the webhook")
        logger.info("Telegram enabled at /webhooks/telegram/webhook")
        return cls(env("TELEGRAM_TOKEN"), env("TELEGRAM_BOT_USERNAME").lstrip("@"),
                   env("TELEGRAM_WEBHOOK_URL"), secret,
                   api_url=env("TELEGRAM_API_URL") or DEFAULT_API_URL)

    def __init__(self, access_token: Optional[Text], verify: Optional[Text],
                 webhook_url: Optional[Text], secret_token: Optional[Text], *,
                 api_url: str = DEFAULT_API_URL, enabled: bool = True) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token or ""
        self.enabled = enabled and bool(access_token and self.secret_token)
        self.api = TelegramBotApi(access_token or "", api_url)
        self.webhook_registered = False
        self._seen_updates: "OrderedDict[int, None]" = OrderedDict()
        self._tasks: set = set()

    def get_output_channel(self) -> TelegramOutput:
        # No network here: the stock version calls setWebhook and raises when the API is down.
        return TelegramOutput(self.api)

    async def register_webhook(self) -> None:
        """setWebhook with the secret token, retried with back-off until it succeeds."""
        params = {"url": self.webhook_url, "secret_token": self.secret_token,
                  "allowed_updates": ["message", "edited_message", "callback_query"]}
        attempt = 0
        while True:
            try:
                await self.api.call("setWebhook", params)
                self.webhook_registered = True
                logger.info("Telegram webhook registered")
                return
            except asyncio.CancelledError:
                raise
            except Exception as e:
                delay = self.RETRY_DELAYS[min(attempt, len(self.RETRY_DELAYS) - 1)]
                logger.warning("Telegram setWebhook failed (%s); retrying in %ss", e, delay)
                attempt += 1
                await asyncio.sleep(delay)

    def _authentic(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER) or ""
        return bool(self.secret_token) and hmac.compare_digest(
            given.encode("utf-8"), self.secret_token.encode("utf-8"))

    def _first_time(self, update_id: Any) -> bool:
        if not isinstance(update_id, int):
            return True
        if update_id in self._seen_updates:
            return False
        self._seen_updates[update_id] = None
        while len(self._seen_updates) > self.SEEN_MAX:
            self._seen_updates.popitem(last=False)
        return True

    def _clean_text(self, text: str) -> str:
        text = text.strip()
        if self.verify:  # "/start@MyBot" in groups -> "/start"
            text = re.sub(rf"^(/\w+)@{re.escape(self.verify)}\b", r"\1", text, flags=re.IGNORECASE)
        if text.split(" ")[0].lower() == "/start":
            return "/greet"  # Telegram's first message; our domain's greeting
        return text

    def parse_update(self, update: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """(chat id, text, callback id) of an update we answer, or None."""
        if update.get("callback_query"):
            cq = update["callback_query"]
            chat = ((cq.get("message") or {}).get("chat") or {}).get("id")
            data = cq.get("data")
            if chat is None or not isinstance(data, str) or not data:
                return None
            return {"chat_id": chat, "text": data, "callback_id": cq.get("id")}
        msg = update.get("message") or update.get("edited_message")
        if not isinstance(msg, dict) or not isinstance(msg.get("text"), str):
            return None
        chat = (msg.get("chat") or {}).get("id")
        if chat is None or (msg.get("from") or {}).get("is_bot"):
            return None
        text = self._clean_text(msg["text"])
        return {"chat_id": chat, "text": text, "callback_id": None} if text else None

    async def _handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                      parsed: Dict[str, Any], out: TelegramOutput) -> None:
        if parsed["callback_id"]:
            try:  # stops the button's spinner in the Telegram app
                await self.api.call("answerCallbackQuery", {"callback_query_id": parsed["callback_id"]})
            except Exception as e:
                logger.debug("answerCallbackQuery failed: %s", e)
        try:
            await on_new_message(UserMessage(parsed["text"], out, str(parsed["chat_id"]),
                                             input_channel=self.name()))
        except Exception as e:
            logger.error("Telegram message handling failed: %s", type(e).__name__)
            logger.debug("detail", exc_info=True)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("telegram_webhook", __name__)
        out = self.get_output_channel()

        if self.enabled:
            @bp.listener("after_server_start")
            async def start_registration(app: Any, loop: Any) -> None:
                task = asyncio.create_task(self.register_webhook())
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

            @bp.listener("before_server_stop")
            async def stop_registration(app: Any, loop: Any) -> None:
                for task in list(self._tasks):
                    task.cancel()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text("Telegram channel disabled", status=404)
            return response.json({"status": "ok", "webhook_registered": self.webhook_registered})

        @bp.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text("Telegram channel disabled", status=404)
            if request.method != "POST":
                return response.text("", status=405)
            if not self._authentic(request):
                logger.warning("Telegram update rejected: wrong or missing secret token")
                return response.text("forbidden", status=403)
            try:
                update = json.loads(request.body or b"{}")
            except ValueError:
                return response.text("invalid JSON", status=400)
            if not isinstance(update, dict) or not self._first_time(update.get("update_id")):
                return response.text("ok")
            parsed = self.parse_update(update)
            if parsed is None:
                return response.text("ok")
            # Reply through the Bot API; answer the webhook at once so Telegram does not redeliver.
            task = asyncio.create_task(self._handle(on_new_message, parsed, out))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return response.text("ok")

        return bp
