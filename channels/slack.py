"""Slack channel: Rasa's SlackInput with the secrets from the environment, a configurable Web API base
URL, Slack-native rendering of our replies, and stricter request handling.

Enabled when SLACK_TOKEN and SLACK_SIGNING_SECRET are set (optional SLACK_CHANNEL, SLACK_API_URL);
otherwise disabled and /webhooks/slack/* answers 404.

What this fixes or changes in the stock connector (rasa/core/channels/slack.py, Rasa 3.6):
- the reply contract: the stock SlackBot posts the `custom` dict as a Slack message; here each bot
  message is rendered once, from its text, buttons and contract (source as a <url|title> link,
  buttons as Slack buttons, a crisis reply first and as plain text);
- the Web API base URL can be set (SLACK_API_URL), so tests talk to a local fake;
- retries: the stock connector answers a retry again unless its reason is http_timeout; here an
  event_id is answered once, whatever the retry reason;
- url_verification: the stock connector replies with a bare JSON string; here {"challenge": ...};
- content types are matched with parameters (application/json; charset=utf-8);
- messages with a subtype (edits, joins, bot posts) are not answered; `as_user` is not sent (it is
  rejected for apps with granular bot tokens).
Signatures (v0 HMAC-SHA256 over "v0:{timestamp}:{body}", 5-minute window) are checked by the stock
is_request_from_slack_authentic before anything else; a forged or stale request gets 401.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels.common import (BotMessage, RenderedOutputMixin, bot_message, env, link_label, missing,
                             split_links)

logger = logging.getLogger(__name__)

REQUIRED_ENV = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET")
DEFAULT_API_URL = "https://slack.com/api/"
SECTION_LIMIT = 3000      # characters in one section block's text
BUTTON_TEXT_LIMIT = 75    # characters in a button's label
BUTTONS_PER_BLOCK = 5


def mrkdwn_escape(text: str) -> str:
    """Slack's three control characters; everything else is shown as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(url: str, label: str) -> str:
    # Inside <url|label> the label may not contain | or >; the URL may not contain | < > or spaces.
    safe_url = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    safe_label = mrkdwn_escape(label.replace("|", "/"))
    return f"<{safe_url}|{safe_label}>"


def to_mrkdwn(text: str, sources: List[Dict[str, str]]) -> str:
    out = []
    for kind, value in split_links(text):
        out.append(_link(value, link_label(value, sources)) if kind == "url" else mrkdwn_escape(value))
    return "".join(out)


def _chunks(text: str, limit: int) -> List[str]:
    """Split at paragraph (then line) boundaries so each piece fits a section block."""
    pieces: List[str] = []
    current = ""
    for para in text.split("\n\n"):
        candidate = f"{current}\n\n{para}" if current else para
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(para) > limit:
            cut = para.rfind("\n", 0, limit)
            cut = cut if cut > 0 else limit
            pieces.append(para[:cut])
            para = para[cut:].lstrip("\n")
        current = para
    if current:
        pieces.append(current)
    return pieces or [""]


def render_slack(msg: BotMessage) -> Optional[Dict[str, Any]]:
    """chat.postMessage arguments (without channel) for one bot message; None if nothing to show.

    A crisis reply comes first in the message and as plain_text: no formatting, nothing folded away.
    """
    blocks: List[Dict[str, Any]] = []
    text = msg.text.strip()
    if msg.is_crisis and text:
        fallback = text
        for piece in _chunks(text, SECTION_LIMIT):
            blocks.append({"type": "section", "text": {"type": "plain_text", "text": piece, "emoji": False}})
    elif text:
        fallback = to_mrkdwn(text, msg.sources)
        for piece in _chunks(fallback, SECTION_LIMIT):
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": piece}})
    elif msg.image:
        fallback = msg.image
        blocks.append({"type": "image", "image_url": msg.image, "alt_text": "image"})
    else:
        return None  # a contract-only message: nothing for the person to read

    for i in range(0, len(msg.buttons), BUTTONS_PER_BLOCK):
        group = msg.buttons[i:i + BUTTONS_PER_BLOCK]
        blocks.append({
            "type": "actions",
            "block_id": f"buttons_{i // BUTTONS_PER_BLOCK}",
            "elements": [{
                "type": "button",
                "action_id": f"button_{i + j}",
                "text": {"type": "plain_text", "text": b["title"][:BUTTON_TEXT_LIMIT], "emoji": False},
                "value": b["payload"][:2000],
            } for j, b in enumerate(group)],
        })
    return {"text": fallback, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


class SlackOutput(RenderedOutputMixin, OutputChannel):
    """Posts each bot message once, rendered for Slack, through a Web API base URL we choose."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def __init__(self, token: str, channel: Optional[str], thread_ts: Optional[str] = None,
                 api_url: str = DEFAULT_API_URL) -> None:
        base = api_url if api_url.endswith("/") else api_url + "/"
        self.client = AsyncWebClient(token=token, base_url=base, timeout=15)
        self.channel = channel
        self.thread_ts = thread_ts

    async def _post(self, recipient_id: str, **kwargs: Any) -> None:
        channel = self.channel or recipient_id
        if self.thread_ts:
            kwargs["thread_ts"] = self.thread_ts
        try:
            await self.client.chat_postMessage(channel=channel, **kwargs)
        except Exception as e:  # the conversation goes on; the person just misses this message
            logger.error("Slack chat.postMessage failed: %s", type(e).__name__)
            logger.debug("Slack error detail", exc_info=True)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        rendered = render_slack(bot_message(message))
        if rendered is not None:
            await self._post(recipient_id, **rendered)



class SlackChannel(SlackInput):
    """Slack input at /webhooks/slack/webhook (events and interactivity)."""

    SEEN_EVENTS_MAX = 5000

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        absent = missing(REQUIRED_ENV)
        if absent:
            logger.info("Slack disabled: set SLACK_TOKEN and SLACK_SIGNING_SECRET (missing: %s)",
                        ", ".join(absent))
            return cls.disabled()
        logger.info("Slack enabled at /webhooks/slack/webhook")
        return cls(env("SLACK_TOKEN"), env("SLACK_CHANNEL") or None,
                   slack_signing_secret=env("SLACK_SIGNING_SECRET"),
                   api_url=env("SLACK_API_URL") or DEFAULT_API_URL)

    @classmethod
    def disabled(cls) -> "SlackChannel":
        self = cls.__new__(cls)
        self.enabled = False
        self.slack_token = ""
        self.slack_signing_secret = ""
        self.slack_channel = None
        self.api_url = DEFAULT_API_URL
        self._background_tasks = set()
        self._seen_events = OrderedDict()
        return self

    def __init__(self, slack_token: Text, slack_channel: Optional[Text] = None, *,
                 slack_signing_secret: Text, api_url: str = DEFAULT_API_URL) -> None:
        super().__init__(slack_token, slack_channel, slack_signing_secret=slack_signing_secret,
                         slack_retry_reason_header="x-slack-retry-reason",
                         slack_retry_number_header="x-slack-retry-num")
        self.enabled = True
        self.api_url = api_url
        self._seen_events: "OrderedDict[str, None]" = OrderedDict()

    def get_output_channel(self, channel: Optional[Text] = None,
                           thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.api_url)

    def _first_time(self, event_id: Optional[str]) -> bool:
        """True the first time an event_id is seen (so each event is answered once)."""
        if not event_id:
            return True
        if event_id in self._seen_events:
            return False
        self._seen_events[event_id] = None
        while len(self._seen_events) > self.SEEN_EVENTS_MAX:
            self._seen_events.popitem(last=False)
        return True

    def _dispatch(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: str,
                  sender_id: str, out_channel: Optional[str], metadata: Dict[str, Any]) -> None:
        user_msg = UserMessage(text, self.get_output_channel(out_channel), sender_id,
                               input_channel=self.name(), metadata=metadata)
        # Answer Slack within its 3 s limit; the reply is posted through the Web API.
        task = asyncio.create_task(on_new_message(user_msg))
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("slack_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text("Slack channel disabled", status=404)
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text("Slack channel disabled", status=404)
            if request.method != "POST":
                return response.text("", status=HTTPStatus.METHOD_NOT_ALLOWED)
            if not self.is_request_from_slack_authentic(request):
                logger.warning("Slack request rejected: bad or stale signature")
                return response.text("invalid signature", status=HTTPStatus.UNAUTHORIZED)

            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if content_type == "application/json":
                return self._handle_event(request, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                return self._handle_interaction(request, on_new_message)
            return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)

        return bp

    def _handle_event(self, request: Request,
                      on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            body = json.loads(request.body or b"{}")
        except ValueError:
            return response.text("invalid JSON", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(body, dict):
            return response.text("invalid payload", status=HTTPStatus.BAD_REQUEST)

        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge", "")})

        retry_num = request.headers.get("x-slack-retry-num")
        if not self._first_time(body.get("event_id")):
            logger.info("Slack retry #%s of an event already answered: ignored", retry_num)
            return response.text("", headers={"X-Slack-No-Retry": "1"})

        event = body.get("event") or {}
        if (event.get("type") not in ("message", "app_mention") or not event.get("text")
                or event.get("bot_id") or event.get("subtype")):
            return response.text("")
        channel_id = event.get("channel")
        is_dm = event.get("channel_type") == "im"
        if not (is_dm or event.get("type") == "app_mention"
                or (self.slack_channel and channel_id == self.slack_channel)):
            return response.text("")

        users = [u for u in (body.get("authed_users") or []) if u]
        if not users and body.get("authorizations"):
            users = [u for u in [body["authorizations"][0].get("user_id")] if u]
        if (event.get("type") == "message" and not is_dm
                and any(f"<@{u}>" in event["text"] for u in users)):
            return response.text("")  # Slack also sends this as an app_mention: answer that one only
        text = self._sanitize_user_message(event["text"], users)
        sender = event.get("user") or ""
        if not sender or not text:
            return response.text("")
        metadata = {"out_channel": channel_id, "users": users, "event_id": body.get("event_id")}
        self._dispatch(on_new_message, text, sender, channel_id, metadata)
        return response.text("")

    def _handle_interaction(self, request: Request,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload") or "{}")
        except ValueError:
            return response.text("invalid payload", status=HTTPStatus.BAD_REQUEST)
        actions = payload.get("actions") or []
        user = (payload.get("user") or {}).get("id")
        if not actions or not user or actions[0].get("type") != "button":
            return response.text("")
        value = actions[0].get("value")
        if not value:  # link buttons carry no value
            return response.text("")
        channel_id = (payload.get("channel") or {}).get("id")
        metadata = {"out_channel": channel_id, "users": [user]}
        self._dispatch(on_new_message, value, user, channel_id, metadata)
        return response.text("")
