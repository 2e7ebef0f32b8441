"""Fast tests of the channel renderers and request checks: no Rasa server, no network beyond 127.0.0.1."""
import asyncio
import hashlib
import hmac
import json
import time

import pytest

from channels.common import bot_message, split_links
from channels.slack import SlackChannel, SlackOutput, render_slack
from channels.telegram import TelegramChannel, TelegramOutput, TelegramBotApi, render_telegram, to_html
from channels.webchat import history_items
from tests.fakes.chat_apis import FakeSlackApi, FakeTelegramApi

URL = "https://ordinaryintrovert.com/iop-for-work-burnout#:~:text=A%20typical%20IOP%20schedule"
TITLE = "Intensive outpatient programs (IOP) for work burnout, ordinaryintrovert.com"
ANSWER = {
    "text": f"A typical IOP runs 3-5 days a week & you live at home.\n\nSource: “What IOP looks like”: {URL}",
    "buttons": [{"title": "Can I keep working?", "payload": "/working_during_iop"},
                {"title": "How long IOP lasts", "payload": "/program_length"}],
    "custom": {"answer_id": "what_iop_looks_like",
               "sources": [{"title": TITLE, "section": "What IOP looks like", "url": URL}]},
}
CRISIS = {
    "text": "I'm really glad you told me. Are you safe right now?\n\n• US: call or text 988\n"
            "• Crisis Text Line: text HOME to 741741\n• call 911",
    "buttons": [{"title": "I'm safe right now", "payload": "/crisis_safe"},
                {"title": "I'm not safe", "payload": "/crisis_urgent"}],
    "custom": {"answer_id": "crisis_resources", "severity": "crisis", "sources": []},
}
XSS = "<img src=x onerror=alert(1)> & <b>bold</b>"


def test_split_links_only_http_and_trims_punctuation():
    parts = split_links(f"see {URL}. and javascript:alert(1) or ftp://x.y")
    assert parts[1] == ("url", URL)
    assert [k for k, _ in parts].count("url") == 1
    assert parts[2][1].startswith(". and javascript:alert(1)")


# ---- Slack -----------------------------------------------------------------------------------------
def test_slack_answer_has_source_link_and_buttons():
    out = render_slack(bot_message(dict(ANSWER)))
    section = out["blocks"][0]
    assert section["text"]["type"] == "mrkdwn"
    assert f"<{URL}|{TITLE}>" in section["text"]["text"]
    assert "&amp; you live" in section["text"]["text"]
    actions = out["blocks"][-1]
    assert actions["type"] == "actions"
    assert [e["value"] for e in actions["elements"]] == ["/working_during_iop", "/program_length"]
    assert [e["text"]["text"] for e in actions["elements"]] == ["Can I keep working?", "How long IOP lasts"]
    assert out["unfurl_links"] is False
    assert "answer_id" not in json.dumps(out)


def test_slack_escapes_user_controlled_text():
    out = render_slack(bot_message({"text": XSS}))
    text = out["blocks"][0]["text"]["text"]
    assert "<" not in text and ">" not in text
    assert text == "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_slack_crisis_first_and_plain():
    out = render_slack(bot_message(dict(CRISIS)))
    first = out["blocks"][0]
    assert first["type"] == "section" and first["text"]["type"] == "plain_text"
    assert first["text"]["text"].startswith("I'm really glad you told me")
    assert "741741" in first["text"]["text"] and "988" in first["text"]["text"]
    assert out["blocks"][-1]["type"] == "actions"
    assert out["text"] == CRISIS["text"]


def test_slack_contract_only_message_renders_nothing():
    assert render_slack(bot_message({"custom": {"answer_id": "x", "sources": []}})) is None


def test_slack_output_posts_rendered_message_and_never_the_contract():
    with FakeSlackApi("xoxb-t") as fake:
        out = SlackOutput("xoxb-t", "D123", api_url=fake.url)

        async def go():
            await out.send_response("U1", dict(ANSWER))
            await out.send_custom_json("U1", {"answer_id": "what_iop_looks_like", "sources": []})
        asyncio.run(go())
        posts = fake.of("chat.postMessage")
    assert len(posts) == 1
    body = posts[0]["body"]
    assert body["channel"] == "D123"
    assert f"<{URL}|{TITLE}>" in body["text"]
    assert "answer_id" not in json.dumps(body)


class FakeRequest:
    def __init__(self, body: bytes, headers: dict):
        self.body = body
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.headers_raw = headers

    class _H(dict):
        def get(self, k, d=None):
            return super().get(k.lower(), d)


def _req(body: bytes, headers: dict):
    r = FakeRequest(body, headers)
    r.headers = FakeRequest._H(r.headers)
    return r


def sign(secret: str, body: bytes, ts: int) -> dict:
    sig = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={sig}"}


def test_slack_signature_checks(monkeypatch):
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-t")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    ch = SlackChannel.from_credentials(None)
    body = b'{"type":"event_callback"}'
    now = int(time.time())
    assert ch.is_request_from_slack_authentic(_req(body, sign("s3cret", body, now)))
    assert not ch.is_request_from_slack_authentic(_req(body, sign("wrong", body, now)))
    assert not ch.is_request_from_slack_authentic(_req(body, sign("s3cret", body, now - 301)))
    assert not ch.is_request_from_slack_authentic(_req(body + b" ", sign("s3cret", body, now)))
    assert not ch.is_request_from_slack_authentic(_req(body, {}))


def test_slack_disabled_without_env(monkeypatch):
    monkeypatch.delenv("SLACK_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    assert SlackChannel.from_credentials(None).enabled is False


def test_slack_event_answered_once():
    ch = SlackChannel.disabled()
    assert ch._first_time("Ev1") and not ch._first_time("Ev1") and ch._first_time("Ev2")


# ---- Telegram -------------------------------------------------------------------------------------
def test_telegram_html_escapes_and_links():
    html_text = to_html(XSS + f" {URL}", [{"title": "A <b> & C", "url": URL}])
    assert "<img" not in html_text and "<b>" not in html_text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html_text
    assert f'<a href="{URL}">A &lt;b&gt; &amp; C</a>' in html_text


def test_telegram_answer_rendering():
    msgs = render_telegram(bot_message(dict(ANSWER)))
    assert len(msgs) == 1
    m = msgs[0]
    assert m["parse_mode"] == "HTML"
    assert f'<a href="{URL}">{TITLE}</a>' in m["text"]
    assert "3-5 days a week &amp; you live" in m["text"]
    kb = m["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in kb] == ["/working_during_iop", "/program_length"]
    assert "answer_id" not in json.dumps(m)


def test_telegram_crisis_is_one_message_first_with_keyboard():
    msgs = render_telegram(bot_message(dict(CRISIS)))
    assert len(msgs) == 1
    assert msgs[0]["text"].startswith("I&#x27;m really glad") or msgs[0]["text"].startswith("I'm really glad")
    assert "741741" in msgs[0]["text"]
    assert msgs[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/crisis_safe"


def test_telegram_drops_oversized_callback_data():
    msgs = render_telegram(bot_message({"text": "hi", "buttons": [{"title": "t", "payload": "/" + "x" * 80}]}))
    assert "reply_markup" not in msgs[0]


def test_telegram_parse_update_and_commands():
    ch = TelegramChannel("1:t", "MyBot", "https://example.invalid/hook", "sec")
    assert ch.parse_update({"update_id": 1, "message": {"chat": {"id": 5}, "text": "/start"}})["text"] == "/greet"
    assert ch.parse_update({"update_id": 2, "message": {"chat": {"id": 5}, "text": "/start@MyBot"}})["text"] == "/greet"
    cq = ch.parse_update({"update_id": 3, "callback_query": {"id": "c1", "data": "/program_length",
                                                             "message": {"chat": {"id": 9}}}})
    assert cq == {"chat_id": 9, "text": "/program_length", "callback_id": "c1"}
    assert ch.parse_update({"update_id": 4, "message": {"chat": {"id": 5}, "sticker": {}}}) is None
    assert ch._first_time(10) and not ch._first_time(10)


def test_telegram_disabled_without_env(monkeypatch):
    for k in ("TELEGRAM_TOKEN", "TELEGRAM_BOT_USERNAME", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN"):
        monkeypatch.delenv(k, raising=False)
    assert TelegramChannel.from_credentials(None).enabled is False


def test_telegram_output_posts_html_to_configured_api():
    with FakeTelegramApi("42:abc") as fake:
        out = TelegramOutput(TelegramBotApi("42:abc", fake.url))

        async def go():
            await out.send_response("777", dict(ANSWER))
            await out.send_custom_json("777", {"answer_id": "x"})
        asyncio.run(go())
        sent = fake.of("sendMessage")
    assert len(sent) == 1
    assert sent[0]["body"]["chat_id"] == "777" and sent[0]["body"]["parse_mode"] == "HTML"
    assert f'<a href="{URL}">' in sent[0]["body"]["text"]


# ---- web chat history -----------------------------------------------------------------------------
def test_history_items_maps_payloads_to_button_titles_and_hides_silent_greet():
    events = [
        {"event": "user", "text": "/greet", "input_channel": "webchat"},
        {"event": "bot", "text": "Hi", "data": {"buttons": ANSWER["buttons"], "custom": {"answer_id": "greet"}}},
        {"event": "user", "text": XSS, "input_channel": "webchat"},
        {"event": "user", "text": "/program_length", "input_channel": "webchat"},
        {"event": "action", "name": "action_listen"},
        {"event": "bot", "text": "Answer", "data": {"custom": ANSWER["custom"]}},
    ]
    items = history_items(events)
    assert [i["type"] for i in items] == ["bot", "user", "user", "bot"]
    assert items[1]["text"] == XSS  # returned as data; the widget shows it as text
    assert items[2]["text"] == "How long IOP lasts"
    assert items[3]["custom"]["sources"][0]["url"] == URL
