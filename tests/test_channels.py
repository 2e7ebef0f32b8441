"""Slack, Telegram and web chat channels against the real bot, with local fakes of the Slack and Telegram
APIs (tests/fakes/chat_apis.py). Nothing here reaches the internet.

Two bot starts: one with every channel configured (the Telegram API is down when the bot starts and
comes up later), one with no channel variables at all.
"""
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from evaluation.servers import BotStack, contract, free_port
from tests.fakes.chat_apis import FakeSlackApi, FakeTelegramApi

pytestmark = pytest.mark.integration

ARTICLE = "https://ordinaryintrovert.com/iop-for-work-burnout"
SLACK_TOKEN = "xoxb-test-token"
SLACK_SECRET = "slack-signing-secret-for-tests"
TG_TOKEN = "123456:test-token"
TG_SECRET = "tg-secret_token-for-tests"
CHANNEL_VARS = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CHANNEL", "SLACK_API_URL", "TELEGRAM_TOKEN",
                "TELEGRAM_BOT_USERNAME", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN", "TELEGRAM_API_URL",
                "WEBCHAT_ALLOWED_ORIGINS")


def post(url, body: bytes, headers=None):
    """(status, headers, body) of a POST; HTTP errors are returned, not raised."""
    req = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def slack_headers(body: bytes, ts=None, secret=SLACK_SECRET, ctype="application/json"):
    ts = int(time.time()) if ts is None else ts
    sig = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": ctype, "X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={sig}"}


def slack_event(channel: str, text: str, event_id: str) -> bytes:
    return json.dumps({
        "type": "event_callback", "event_id": event_id, "team_id": "T1",
        "authorizations": [{"user_id": "UBOT"}],
        "event": {"type": "message", "channel_type": "im", "channel": channel, "user": "U" + channel,
                  "text": text, "ts": "1700000000.000100"},
    }).encode()


def wait_until(predicate, timeout=60.0, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def posts_to(fake, channel):
    return [c["body"] for c in fake.of("chat.postMessage") if c["body"].get("channel") == channel]


def sent_to(fake, chat_id):
    return [c["body"] for c in fake.of("sendMessage") if str(c["body"].get("chat_id")) == str(chat_id)]


@pytest.fixture(scope="module")
def stack(model_path):
    tg_port = free_port()  # the Telegram fake is NOT listening yet: the API is unreachable at start-up
    with FakeSlackApi(SLACK_TOKEN) as slack:
        env = {k: "" for k in CHANNEL_VARS}
        env.update({
            "SLACK_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": slack.url,
            "TELEGRAM_TOKEN": TG_TOKEN, "TELEGRAM_BOT_USERNAME": "iop_test_bot",
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.invalid/webhooks/telegram/webhook",
            "TELEGRAM_SECRET_TOKEN": TG_SECRET, "TELEGRAM_API_URL": f"http://127.0.0.1:{tg_port}",
        })
        bot = BotStack(model=model_path, env=env)
        bot.start()
        state = {"bot": bot, "slack": slack, "tg_port": tg_port, "tg_fake": None}
        try:
            yield state
        finally:
            bot.stop()
            if state["tg_fake"] is not None:
                state["tg_fake"].stop()


def telegram_up(stack) -> FakeTelegramApi:
    """Bring the (so far unreachable) Telegram API up on the port the bot was given."""
    if stack["tg_fake"] is None:
        stack["tg_fake"] = FakeTelegramApi(TG_TOKEN, port=stack["tg_port"]).start()
    return stack["tg_fake"]


# ---- Telegram: start-up with the API down --------------------------------------------------------
def test_telegram_api_down_at_startup_bot_runs_and_registers_later(stack):
    bot = stack["bot"]
    # the bot is up and chatting although setWebhook failed
    assert contract(bot.send("startup-check", "how long does IOP last?")).get("answer_id")
    log = open(bot.logs["rasa"]).read()
    assert "setWebhook failed" in log
    status, _, body = get(f"{bot.url}/webhooks/telegram/")
    assert status == 200 and json.loads(body)["webhook_registered"] is False
    # the API comes up: the background retry registers the webhook with the secret token
    tg = telegram_up(stack)
    calls = tg.wait_for("setWebhook", timeout=60)
    assert calls[-1]["body"]["secret_token"] == TG_SECRET
    assert calls[-1]["body"]["url"].endswith("/webhooks/telegram/webhook")
    assert wait_until(lambda: json.loads(get(f"{bot.url}/webhooks/telegram/")[2])["webhook_registered"], 10)
    assert not tg.of("getMe")


# ---- Slack --------------------------------------------------------------------------------------
def test_slack_url_verification(stack):
    body = json.dumps({"type": "url_verification", "challenge": "chal-123", "token": "x"}).encode()
    status, _, raw = post(f"{stack['bot'].url}/webhooks/slack/webhook", body, slack_headers(body))
    assert status == 200 and json.loads(raw) == {"challenge": "chal-123"}


def test_slack_signed_event_gets_sourced_answer(stack):
    bot, slack = stack["bot"], stack["slack"]
    body = slack_event("D100", "how long does an IOP program last?", "Ev100")
    status, _, _ = post(f"{bot.url}/webhooks/slack/webhook", body, slack_headers(body))
    assert status == 200
    answer = wait_until(lambda: [p for p in posts_to(slack, "D100") if ARTICLE in p.get("text", "")])
    assert answer, f"no answer with the article link; posts: {posts_to(slack, 'D100')}"
    p = answer[0]
    assert f"<{ARTICLE}" in p["text"] and "|" in p["text"]  # a <url|title> link
    assert any(b["type"] == "actions" for b in p["blocks"])  # follow-up buttons
    for post_body in posts_to(slack, "D100"):
        assert "answer_id" not in json.dumps(post_body)  # the contract is never posted
    assert post_body_headers_ok(slack)


def post_body_headers_ok(slack):
    auth = [c["headers"].get("Authorization") or c["headers"].get("authorization") for c in slack.of("chat.postMessage")]
    return all(a == f"Bearer {SLACK_TOKEN}" for a in auth)


def test_slack_button_click_is_answered(stack):
    bot, slack = stack["bot"], stack["slack"]
    payload = {"type": "block_actions", "user": {"id": "U300"}, "channel": {"id": "D300"},
               "message": {"ts": "1700000000.000300"},
               "actions": [{"type": "button", "action_id": "button_0", "value": "/working_during_iop"}]}
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    status, _, _ = post(f"{bot.url}/webhooks/slack/webhook", body,
                        slack_headers(body, ctype="application/x-www-form-urlencoded"))
    assert status == 200
    assert wait_until(lambda: [p for p in posts_to(slack, "D300") if ARTICLE in p.get("text", "")])


def test_slack_forged_and_stale_requests_are_rejected(stack):
    bot, slack = stack["bot"], stack["slack"]
    forged = slack_event("D200", "how long does an IOP program last?", "Ev200")
    status, _, _ = post(f"{bot.url}/webhooks/slack/webhook", forged, slack_headers(forged, secret="not-the-secret"))
    assert status in (401, 403)
    stale = slack_event("D201", "how long does an IOP program last?", "Ev201")
    status, _, _ = post(f"{bot.url}/webhooks/slack/webhook", stale,
                        slack_headers(stale, ts=int(time.time()) - 6 * 60))
    assert status in (401, 403)
    unsigned = slack_event("D202", "how long does an IOP program last?", "Ev202")
    status, _, _ = post(f"{bot.url}/webhooks/slack/webhook", unsigned, {"Content-Type": "application/json"})
    assert status in (401, 403)
    # a control message, correctly signed, proves replies would have arrived by now
    ok = slack_event("D203", "how long does an IOP program last?", "Ev203")
    assert post(f"{bot.url}/webhooks/slack/webhook", ok, slack_headers(ok))[0] == 200
    assert wait_until(lambda: posts_to(slack, "D203"))
    time.sleep(2)
    assert posts_to(slack, "D200") == [] and posts_to(slack, "D201") == [] and posts_to(slack, "D202") == []


def test_slack_retry_is_not_answered_twice(stack):
    bot, slack = stack["bot"], stack["slack"]
    body = slack_event("D400", "what does a typical IOP week look like?", "Ev400")
    assert post(f"{bot.url}/webhooks/slack/webhook", body, slack_headers(body))[0] == 200
    assert wait_until(lambda: [p for p in posts_to(slack, "D400") if ARTICLE in p.get("text", "")])
    time.sleep(2)
    first = len(posts_to(slack, "D400"))
    headers = {**slack_headers(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
    status, resp_headers, _ = post(f"{bot.url}/webhooks/slack/webhook", body, headers)
    assert status == 200
    assert {k.lower(): v for k, v in resp_headers.items()}.get("x-slack-no-retry") == "1"
    time.sleep(4)
    assert len(posts_to(slack, "D400")) == first


# ---- Telegram -----------------------------------------------------------------------------------
def tg_update(update_id, chat_id, text):
    return json.dumps({"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private"}, "from": {"id": chat_id, "is_bot": False, "first_name": "T"}}}).encode()


def test_telegram_update_with_secret_gets_html_answer(stack):
    bot, tg = stack["bot"], telegram_up(stack)
    status, _, _ = post(f"{bot.url}/webhooks/telegram/webhook", tg_update(1001, 5001, "how long does IOP last?"),
                        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET})
    assert status == 200
    answer = wait_until(lambda: [m for m in sent_to(tg, 5001) if f'<a href="{ARTICLE}' in m["text"]])
    assert answer, f"no HTML link in {sent_to(tg, 5001)}"
    m = answer[0]
    assert m["parse_mode"] == "HTML"
    assert m["reply_markup"]["inline_keyboard"][0][0]["callback_data"].startswith("/")
    assert not tg.of("getMe")
    # a button press (callback_query) is the user's next message
    cq = json.dumps({"update_id": 1002, "callback_query": {
        "id": "cb1", "data": "/working_during_iop", "from": {"id": 5001, "is_bot": False, "first_name": "T"},
        "message": {"message_id": 9, "date": 0, "chat": {"id": 5001, "type": "private"}}}}).encode()
    before = len(sent_to(tg, 5001))
    assert post(f"{bot.url}/webhooks/telegram/webhook", cq,
                {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET})[0] == 200
    assert wait_until(lambda: len(sent_to(tg, 5001)) > before)
    assert wait_until(lambda: [c for c in tg.of("answerCallbackQuery") if c["body"]["callback_query_id"] == "cb1"])


def test_telegram_wrong_or_missing_secret_is_403_and_silent(stack):
    bot, tg = stack["bot"], telegram_up(stack)
    wrong = post(f"{bot.url}/webhooks/telegram/webhook", tg_update(2001, 6001, "how long does IOP last?"),
                 {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "nope"})
    missing = post(f"{bot.url}/webhooks/telegram/webhook", tg_update(2002, 6002, "how long does IOP last?"),
                   {"Content-Type": "application/json"})
    assert wrong[0] == 403 and missing[0] == 403
    # control: a good update is answered, so the silence above is not just slowness
    post(f"{bot.url}/webhooks/telegram/webhook", tg_update(2003, 6003, "hello"),
         {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET})
    assert wait_until(lambda: sent_to(tg, 6003))
    time.sleep(2)
    assert sent_to(tg, 6001) == [] and sent_to(tg, 6002) == []


# ---- web chat: origins -----------------------------------------------------------------------------
def test_webchat_origins_restricted(stack):
    bot = stack["bot"]
    handshake = f"{bot.url}/socket.io/?EIO=4&transport=polling"
    assert get(handshake, {"Origin": "http://localhost:5005"})[0] == 200
    assert get(handshake, {"Origin": bot.url})[0] == 200  # the bot's own demo page
    assert get(handshake, {"Origin": "https://evil.example"})[0] == 400
    sid = uuid.uuid4().hex
    assert get(f"{bot.url}/webhooks/webchat/history?session_id={sid}", {"Origin": "https://evil.example"})[0] == 403
    status, headers, body = get(f"{bot.url}/webhooks/webchat/history?session_id={sid}",
                                {"Origin": "http://localhost:5005"})
    assert status == 200 and json.loads(body)["messages"] == []
    assert {k.lower(): v for k, v in headers.items()}["access-control-allow-origin"] == "http://localhost:5005"
    assert get(f"{bot.url}/webhooks/webchat/history?session_id=U12345")[0] == 400
    assert get(f"{bot.url}/webhooks/webchat/../credentials.yml")[0] == 404


# ---- nothing configured ------------------------------------------------------------------------------
def test_without_channel_variables_webhooks_404_and_rest_works(model_path):
    env = {k: "" for k in CHANNEL_VARS}
    with BotStack(model=model_path, env=env, with_actions=False) as bot:
        for path in ("/webhooks/slack/webhook", "/webhooks/telegram/webhook"):
            body = json.dumps({"type": "url_verification", "challenge": "x"}).encode()
            assert post(bot.url + path, body, slack_headers(body))[0] == 404, path
        replies = bot.send("rest-user", "I want to kill myself")
        assert contract(replies).get("answer_id") == "crisis_resources"
        status, _, page = get(f"{bot.url}/webhooks/webchat/")
        assert status == 200 and b"webchat.js" in page
        log = open(bot.logs["rasa"]).read()
        assert "Slack disabled" in log and "Telegram disabled" in log
