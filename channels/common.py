"""What the channels share: reading a bot message (text, buttons, reply contract), splitting text into
plain parts and links, and reading settings from the environment.

A bot message reaches a channel's OutputChannel.send_response as one dict: {"text", "buttons",
"custom": {"answer_id", "sources", ...}}. Our channels render that dict as a whole (so the source
becomes a link and a crisis reply can be laid out as one unit) instead of Rasa's default of sending
the text and then posting the `custom` dict as a separate message.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

logger = logging.getLogger(__name__)

CRISIS_ANSWER_ID = "crisis_resources"

# Only http(s) URLs are ever turned into links. Trailing punctuation is not part of the URL.
URL_RE = re.compile(r"https?://[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}’”\""


@dataclass
class BotMessage:
    text: str = ""
    buttons: List[Dict[str, str]] = field(default_factory=list)
    custom: Dict[str, Any] = field(default_factory=dict)
    image: Optional[str] = None

    @property
    def answer_id(self) -> Optional[str]:
        return self.custom.get("answer_id") if isinstance(self.custom, dict) else None

    @property
    def is_crisis(self) -> bool:
        return self.answer_id == CRISIS_ANSWER_ID

    @property
    def severity(self) -> Optional[str]:
        return self.custom.get("severity") if self.is_crisis else None

    @property
    def sources(self) -> List[Dict[str, str]]:
        srcs = self.custom.get("sources") if isinstance(self.custom, dict) else None
        return [s for s in srcs or [] if isinstance(s, dict)]


def bot_message(message: Dict[str, Any]) -> BotMessage:
    """Normalise the dict Rasa hands to OutputChannel.send_response (or a tracker `bot` event's data)."""
    buttons = message.get("buttons") or message.get("quick_replies") or []
    clean = []
    for b in buttons:
        if isinstance(b, dict) and b.get("title") and b.get("payload"):
            clean.append({"title": str(b["title"]), "payload": str(b["payload"])})
    custom = message.get("custom")
    return BotMessage(text=str(message.get("text") or ""), buttons=clean,
                      custom=custom if isinstance(custom, dict) else {},
                      image=message.get("image"))


def split_links(text: str) -> List[Tuple[str, str]]:
    """Split text into ("text", s) and ("url", url) parts; only http(s) URLs become "url" parts."""
    parts: List[Tuple[str, str]] = []
    pos = 0
    for m in URL_RE.finditer(text):
        url = m.group(0)
        while url and url[-1] in _TRAILING:
            url = url[:-1]
        if len(url) <= len("https://"):
            continue
        start, end = m.start(), m.start() + len(url)
        if start > pos:
            parts.append(("text", text[pos:start]))
        parts.append(("url", url))
        pos = end
    if pos < len(text):
        parts.append(("text", text[pos:]))
    return parts


def link_label(url: str, sources: Iterable[Dict[str, str]]) -> str:
    """The words a link is shown with: the source's title when the URL is a contract source."""
    for s in sources:
        if s.get("url") == url and s.get("title"):
            return str(s["title"])
    host = re.sub(r"^https?://", "", url).split("/")[0].split("#")[0]
    return host or url


def env(name: str) -> str:
    return (os.environ.get(name) or "").strip()


def missing(names: Iterable[str]) -> List[str]:
    return [n for n in names if not env(n)]


class RenderedOutputMixin:
    """For output channels that render a whole bot message at once in `send_response`: Rasa's
    per-part calls are routed there, and the reply contract (`custom`) is never posted as a message."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, "buttons": buttons})

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any],
                               **kwargs: Any) -> None:
        return None  # the reply contract is for machines, never a chat message
