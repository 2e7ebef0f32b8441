"""Local fakes of the Slack Web API and the Telegram Bot API, on 127.0.0.1, that record each call.

    with FakeSlackApi() as slack:         # SLACK_API_URL=slack.url
        ...
        slack.wait_for("chat.postMessage")
    with FakeTelegramApi(token) as tg:    # TELEGRAM_API_URL=tg.url
        tg.wait_for("sendMessage")

No test talks to slack.com or api.telegram.org.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs


class _FakeApi:
    def __init__(self, port: int = 0) -> None:
        self.calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                ctype = self.headers.get("Content-Type", "")
                if "json" in ctype:
                    body = json.loads(raw or b"{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                status, reply = fake.handle(self.path, dict(self.headers), body)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def record(self, method: str, headers: Dict[str, str], body: Dict[str, Any]) -> None:
        with self._lock:
            self.calls.append({"method": method, "headers": headers, "body": body, "at": time.time()})

    def handle(self, path: str, headers: Dict[str, str], body: Dict[str, Any]):
        raise NotImplementedError

    def of(self, method: str) -> List[Dict[str, Any]]:
        with self._lock:
            return [c for c in self.calls if c["method"] == method]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def wait_for(self, method: str, count: int = 1, timeout: float = 60.0) -> List[Dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"fake API got {len(self.of(method))} {method} call(s), wanted {count}; "
                             f"all calls: {[c['method'] for c in self.calls]}")

    def start(self):
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


class FakeSlackApi(_FakeApi):
    """Answers https://slack.com/api/METHOD calls at {url}METHOD."""

    def __init__(self, token: str = "xoxb-test", port: int = 0) -> None:
        super().__init__(port)
        self.token = token
        self._ts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def handle(self, path: str, headers: Dict[str, str], body: Dict[str, Any]):
        method = path.split("?")[0].rsplit("/", 1)[-1]
        auth = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
        self.record(method, headers, body)
        if auth != f"Bearer {self.token}":
            return 200, {"ok": False, "error": "invalid_auth"}
        self._ts += 1
        return 200, {"ok": True, "channel": body.get("channel"), "ts": f"1700000000.{self._ts:06d}",
                     "message": {"text": body.get("text")}}


class FakeTelegramApi(_FakeApi):
    """Answers https://api.telegram.org/bot{token}/METHOD calls at {url}/bot{token}/METHOD."""

    def __init__(self, token: str = "123:test", port: int = 0) -> None:
        super().__init__(port)
        self.token = token
        self._message_id = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def handle(self, path: str, headers: Dict[str, str], body: Dict[str, Any]):
        parts = path.split("?")[0].strip("/").split("/")
        if len(parts) != 2 or parts[0] != f"bot{self.token}":
            self.record("?" + path, headers, body)
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = parts[1]
        self.record(method, headers, body)
        if method == "sendMessage":
            self._message_id += 1
            return 200, {"ok": True, "result": {"message_id": self._message_id,
                                                "chat": {"id": body.get("chat_id")}, "text": body.get("text")}}
        return 200, {"ok": True, "result": True}
