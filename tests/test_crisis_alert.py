"""action_crisis_alert with a real rasa_sdk Tracker and CollectingDispatcher against a local receiver."""
import asyncio
import json
import logging
import socket
import time
from datetime import datetime, timezone

import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.crisis_alert as ca
from actions.crisis_alert import ActionCrisisAlert

SECRET_TEXT = "i am going to end my life tonight with the pills"


def make_tracker(intent="crisis_urgent", sender="conv-42", channel="rest"):
    latest = {"text": SECRET_TEXT, "intent": {"name": intent, "confidence": 1.0},
              "entities": [], "crisis": {"matched": True, "severity": "urgent", "categories": ["plan"]}}
    events = [{"event": "user", "text": SECRET_TEXT, "parse_data": latest, "input_channel": channel,
               "timestamp": time.time()}]
    return Tracker(sender, {"crisis_active": True}, latest, events, False, None, {}, "action_listen")


class Receiver:
    """A local webhook on 127.0.0.1 that answers with the given status codes in order."""

    def __init__(self, statuses=(200,)):
        self.statuses = list(statuses)
        self.bodies, self.raw = [], []

    async def handle(self, request):
        raw = await request.text()
        self.raw.append(raw)
        self.bodies.append(json.loads(raw))
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        return web.Response(status=status)

    async def __aenter__(self):
        app = web.Application()
        app.router.add_post("/hook", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/hook"
        return self

    async def __aexit__(self, *exc):
        await self.runner.cleanup()


async def run_action(tracker):
    dispatcher = CollectingDispatcher()
    t0 = time.perf_counter()
    events = await ActionCrisisAlert().run(dispatcher, tracker, {})
    return events, dispatcher, time.perf_counter() - t0


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch):
    monkeypatch.setattr(ca, "BACKOFF_S", (0.05, 0.1))


def test_sends_only_metadata(monkeypatch, caplog):
    async def main():
        async with Receiver() as rx:
            monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", rx.url)
            events, dispatcher, elapsed = await run_action(make_tracker("crisis_urgent"))
            assert events == [] and dispatcher.messages == []
            assert elapsed < 0.2  # returned before the POST finished
            await asyncio.gather(*ca.pending_alerts())
            return rx
    with caplog.at_level(logging.DEBUG):
        rx = asyncio.run(main())
    assert len(rx.bodies) == 1
    body = rx.bodies[0]
    assert set(body) == {"conversation_id", "channel", "timestamp", "severity"}
    assert body["conversation_id"] == "conv-42" and body["channel"] == "rest" and body["severity"] == "urgent"
    ts = datetime.fromisoformat(body["timestamp"].replace("Z", "+00:00"))
    assert ts.utcoffset().total_seconds() == 0
    assert abs((datetime.now(timezone.utc) - ts).total_seconds()) < 10
    for word in ("end my life", "pills", "tonight", "plan"):
        assert word not in rx.raw[0]
        assert word not in caplog.text
    assert "crisis alert sent conversation_id=conv-42" in caplog.text


def test_severity_crisis_from_intent(monkeypatch):
    async def main():
        async with Receiver() as rx:
            monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", rx.url)
            await run_action(make_tracker("crisis", sender="c-7", channel="webchat"))
            await asyncio.gather(*ca.pending_alerts())
            return rx
    rx = asyncio.run(main())
    assert rx.bodies == [{**rx.bodies[0], "conversation_id": "c-7", "channel": "webchat", "severity": "crisis"}]


def test_retries_after_server_errors(monkeypatch, caplog):
    async def main():
        async with Receiver(statuses=(500, 500, 200)) as rx:
            monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", rx.url)
            events, _, elapsed = await run_action(make_tracker())
            assert events == [] and elapsed < 0.2
            results = await asyncio.gather(*ca.pending_alerts())
            return rx, results
    with caplog.at_level(logging.INFO):
        rx, results = asyncio.run(main())
    assert len(rx.bodies) == 3 and all(b == rx.bodies[0] for b in rx.bodies)
    assert results == [True]
    assert "crisis alert sent" in caplog.text and "crisis alert failed" not in caplog.text


def test_gives_up_after_three_tries(monkeypatch, caplog):
    async def main():
        async with Receiver(statuses=(503,)) as rx:
            monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", rx.url)
            await run_action(make_tracker())
            results = await asyncio.gather(*ca.pending_alerts())
            return rx, results
    with caplog.at_level(logging.INFO):
        rx, results = asyncio.run(main())
    assert len(rx.bodies) == 3 and results == [False]
    assert "crisis alert failed conversation_id=conv-42" in caplog.text


def test_unreachable_url_does_not_raise_and_returns_at_once(monkeypatch, caplog):
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", f"http://127.0.0.1:{port}/hook")

    async def main():
        events, _, elapsed = await run_action(make_tracker())
        assert events == [] and elapsed < 0.2
        t0 = time.perf_counter()
        results = await asyncio.gather(*ca.pending_alerts())
        return results, time.perf_counter() - t0
    with caplog.at_level(logging.INFO):
        results, background = asyncio.run(main())
    assert results == [False] and background < 3 * ca.TIMEOUT_S + 1
    assert "crisis alert failed" in caplog.text


def test_slow_receiver_is_cut_by_timeout(monkeypatch):
    monkeypatch.setattr(ca, "TIMEOUT_S", 0.3)

    async def main():
        app = web.Application()

        async def slow(request):
            await asyncio.sleep(5)
            return web.Response()
        app.router.add_post("/hook", slow)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        monkeypatch.setenv("CRISIS_ALERT_WEBHOOK_URL", f"http://127.0.0.1:{port}/hook")
        events, _, elapsed = await run_action(make_tracker())
        t0 = time.perf_counter()
        results = await asyncio.gather(*ca.pending_alerts())
        took = time.perf_counter() - t0
        await runner.cleanup()
        return events, elapsed, results, took
    events, elapsed, results, took = asyncio.run(main())
    assert events == [] and elapsed < 0.2 and results == [False] and took < 2.5


def test_no_url_does_nothing(monkeypatch):
    monkeypatch.delenv("CRISIS_ALERT_WEBHOOK_URL", raising=False)

    async def main():
        events, dispatcher, _ = await run_action(make_tracker())
        return events, dispatcher, ca.pending_alerts()
    events, dispatcher, pending = asyncio.run(main())
    assert events == [] and dispatcher.messages == [] and pending == []
