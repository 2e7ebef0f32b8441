"""Website chat: Rasa's socket.io channel plus the widget files, a demo page and a history route.

Mounted at /webhooks/webchat/ (demo page), socket.io at /socket.io, widget files at
/webhooks/webchat/webchat.js, webchat.css and vendor/socket.io.min.js.

Differences from the stock SocketIOInput (rasa/core/channels/socketio.py, Rasa 3.6):
- origins: the stock AsyncServer uses cors_allowed_origins=[] (any site may connect); here only
  WEBCHAT_ALLOWED_ORIGINS (comma-separated; default http://localhost:5005,http://127.0.0.1:5005)
  and the bot's own origin may open a socket or read the history;
- session_persistence is always on, and a session id must be 32 hex characters (uuid4().hex): a
  client cannot pick another channel's sender id (a Slack user id, a Telegram chat id) and so
  write into, or read, someone else's conversation; a socket may only send for the session it was
  confirmed;
- each bot message is emitted once as {"text", "buttons", "custom"}, so the widget renders the
  answer, its source link, the buttons and the crisis layout together (the stock send_custom_json
  passes the contract as keyword arguments to sio.emit and fails);
- GET /webhooks/webchat/history?session_id=... returns that session's past user and bot messages
  from the tracker store, so a page reload (or another tab) shows the conversation again.
The message text is never logged.
"""
from __future__ import annotations

import logging
import re
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.common import bot_message, env

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parent.parent / "widget"
DEFAULT_ORIGINS = ("http://localhost:5005", "http://127.0.0.1:5005")
SESSION_RE = re.compile(r"^[0-9a-f]{32}$")
MAX_MESSAGE_CHARS = 2000
HISTORY_LIMIT = 200

# name in the URL -> (file under widget/, content type). Nothing else is served.
FILES = {
    "webchat.js": ("webchat.js", "application/javascript; charset=utf-8"),
    "webchat.css": ("webchat.css", "text/css; charset=utf-8"),
    "demo.css": ("demo.css", "text/css; charset=utf-8"),
    "vendor/socket.io.min.js": ("vendor/socket.io.min.js", "application/javascript; charset=utf-8"),
}
DEMO_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'")


def allowed_origins() -> List[str]:
    raw = env("WEBCHAT_ALLOWED_ORIGINS")
    items = [o.strip().rstrip("/") for o in raw.split(",")] if raw else list(DEFAULT_ORIGINS)
    return [o for o in items if o]


def own_origin(scheme: str, host: Optional[str]) -> Optional[str]:
    return f"{scheme}://{host}" if host else None


class WebchatOutput(SocketIOOutput):
    @classmethod
    def name(cls) -> Text:
        return "webchat"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        msg = bot_message(message)
        payload: Dict[str, Any] = {"text": msg.text, "buttons": msg.buttons, "custom": msg.custom}
        if msg.image:
            payload["image"] = msg.image
        if msg.text or msg.buttons or msg.custom or msg.image:
            await self._send_message(recipient_id, payload)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"text": "", "buttons": [], "custom": json_message})


def history_items(events: List[Dict[str, Any]], channel: str = "webchat") -> List[Dict[str, Any]]:
    """User and bot messages of a tracker, as the widget renders them.

    A user message that is a button payload ("/program_length") is shown with the title of the
    button it came from; a payload no button offered (the widget's silent "/greet") is left out.
    """
    items: List[Dict[str, Any]] = []
    offered: Dict[str, str] = {}
    for e in events:
        if e.get("event") == "user":
            if e.get("input_channel") not in (None, channel):
                continue
            text = e.get("text") or ""
            if text.startswith("/"):
                if text not in offered:
                    continue
                text = offered[text]
            items.append({"type": "user", "text": text})
        elif e.get("event") == "bot":
            msg = bot_message({"text": e.get("text"), **(e.get("data") or {})})
            for b in msg.buttons:
                offered[b["payload"]] = b["title"]
            if msg.text or msg.buttons:
                items.append({"type": "bot", "text": msg.text, "buttons": msg.buttons,
                              "custom": msg.custom})
    return items[-HISTORY_LIMIT:]


class WebchatInput(SocketIOInput):
    """socket.io channel named `webchat`, serving the widget and the conversation history."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            None,
            True,  # session_persistence: a reload or a second tab joins the same conversation
            credentials.get("socketio_path", "/socket.io"),
        )
        logger.info("Web chat at /webhooks/webchat/ (allowed origins: %s)", ", ".join(allowed_origins()))
        return channel

    def get_output_channel(self) -> Optional[WebchatOutput]:
        if self.sio is None:
            return None
        return WebchatOutput(self.sio, self.bot_message_evt)

    def origin_allowed(self, origin: Optional[str], own: Optional[str]) -> bool:
        if not origin:
            return True  # not a browser cross-site request (same-origin GETs may omit Origin)
        origin = origin.rstrip("/")
        return origin in self.origins or (own is not None and origin == own)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> SocketBlueprint:
        self.origins = allowed_origins()

        def sio_origin_check(origin: str, environ: Dict[str, Any]) -> bool:
            scheme = environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme", "http")
            return self.origin_allowed(origin, own_origin(scheme, environ.get("HTTP_HOST")))

        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=sio_origin_check,
                          max_http_buffer_size=64 * 1024)
        bp = SocketBlueprint(sio, self.socketio_path, "webchat_webhook", __name__)
        self.sio = sio
        sessions: Dict[str, str] = {}  # socket id -> confirmed session id

        def cors_headers(request: Request) -> Dict[str, str]:
            origin = request.headers.get("origin")
            own = own_origin(request.scheme, request.host)
            if origin and self.origin_allowed(origin, own):
                return {"Access-Control-Allow-Origin": origin.rstrip("/"), "Vary": "Origin"}
            return {"Vary": "Origin"}

        @bp.route("/", methods=["GET"])
        async def demo(_: Request) -> HTTPResponse:
            return await response.file(str(WIDGET_DIR / "index.html"), mime_type="text/html; charset=utf-8",
                                       headers={"Content-Security-Policy": DEMO_CSP,
                                                "X-Content-Type-Options": "nosniff",
                                                "Cache-Control": "no-cache"})

        @bp.route("/health", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/<name:path>", methods=["GET"])
        async def widget_file(request: Request, name: str) -> HTTPResponse:
            if name in ("", "index.html"):
                return await demo(request)
            if name not in FILES:
                return response.text("not found", status=404)
            rel, ctype = FILES[name]
            return await response.file(str(WIDGET_DIR / rel), mime_type=ctype,
                                       headers={"X-Content-Type-Options": "nosniff",
                                                "Cache-Control": "no-cache",
                                                "Cross-Origin-Resource-Policy": "cross-origin"})

        @bp.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            headers = {**cors_headers(request), "Cache-Control": "no-store"}
            origin = request.headers.get("origin")
            if origin and "Access-Control-Allow-Origin" not in headers:
                return response.json({"error": "origin not allowed"}, status=403, headers=headers)
            session_id = request.args.get("session_id") or ""
            if not SESSION_RE.match(session_id):
                return response.json({"error": "invalid session_id"}, status=400, headers=headers)
            agent = getattr(request.app.ctx, "agent", None)
            tracker = None
            if agent is not None and agent.tracker_store is not None:
                tracker = await agent.tracker_store.retrieve(session_id)
            if tracker is None:
                return response.json({"session_id": session_id, "messages": []}, headers=headers)
            events = [e.as_dict() for e in tracker.events]
            return response.json({"session_id": session_id, "messages": history_items(events, self.name())},
                                 headers=headers)

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict]) -> bool:
            logger.debug("webchat socket %s connected", sid)
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            sessions.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            wanted = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = wanted if isinstance(wanted, str) and SESSION_RE.match(wanted) else uuid.uuid4().hex
            old = sessions.get(sid)
            if old and old != session_id:
                await sio.leave_room(sid, old)
            sessions[sid] = session_id
            # python-socketio 5.x: enter_room is a coroutine (the stock channel forgets to await it,
            # so its session_persistence never joins the room).
            await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> None:
            if not isinstance(data, dict):
                return
            session_id = sessions.get(sid)
            if not session_id or data.get("session_id") != session_id:
                logger.warning("webchat message ignored: no confirmed session for this socket")
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                return
            text = text[:MAX_MESSAGE_CHARS]
            output = WebchatOutput(sio, self.bot_message_evt)
            await on_new_message(UserMessage(text, output, session_id, input_channel=self.name()))

        return bp

