"""action_crisis_alert: tell the operator that a conversation hit the crisis path.

It runs AFTER the crisis reply (utter_crisis_resources / utter_crisis_urgent, domain responses sent
by Rasa itself), so the person's reply never depends on this action or on the action server.

When CRISIS_ALERT_WEBHOOK_URL is set, it POSTs JSON
    {"conversation_id", "channel", "timestamp" (ISO 8601, UTC), "severity": "crisis" | "urgent"}
and NOTHING of what the person wrote. The POST runs in a background asyncio task, so the action
returns [] at once; each try has a 2 s timeout, 3 tries with backoff. Optional
CRISIS_ALERT_WEBHOOK_TOKEN is sent as a Bearer token. Logs (INFO) say only "crisis alert sent" or
"crisis alert failed" with the conversation id.
"""
from __future__ import annotations

import asyncio
import logging
import os
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Set, Text

import aiohttp
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

URL_ENV = "CRISIS_ALERT_WEBHOOK_URL"
TOKEN_ENV = "CRISIS_ALERT_WEBHOOK_TOKEN"
TIMEOUT_S = 2.0
TRIES = 3
BACKOFF_S = (0.5, 1.0)  # wait before the 2nd and the 3rd try
SEVERITY_BY_INTENT = {"crisis": "crisis", "crisis_urgent": "urgent"}

# Strong references to running alert tasks (asyncio only keeps weak ones).
_pending: Set["asyncio.Task"] = set()


def severity_of(tracker: Tracker) -> str:
    latest = tracker.latest_message or {}
    name = (latest.get("intent") or {}).get("name")
    if name in SEVERITY_BY_INTENT:
        return SEVERITY_BY_INTENT[name]
    crisis = latest.get("crisis") or {}
    return "urgent" if crisis.get("severity") == "urgent" else "crisis"


def alert_payload(tracker: Tracker) -> Dict[str, str]:
    return {
        "conversation_id": tracker.sender_id,
        "channel": tracker.get_latest_input_channel() or "unknown",
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "severity": severity_of(tracker),
    }


async def send_alert(url: str, payload: Dict[str, str], token: Optional[str] = None) -> bool:
    """POST with retries; True when a try got a 2xx. Never raises."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    for attempt in range(TRIES):
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.post(url, json=payload, headers=headers) as resp:
                    if 200 <= resp.status < 300:
                        logger.info("crisis alert sent conversation_id=%s", payload["conversation_id"])
                        return True
                    logger.debug("crisis alert try %d got HTTP %d", attempt + 1, resp.status)
        except Exception as e:  # timeouts, refused connections, bad URLs
            logger.debug("crisis alert try %d failed: %s", attempt + 1, type(e).__name__)
        if attempt < TRIES - 1:
            await asyncio.sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
    logger.info("crisis alert failed conversation_id=%s", payload["conversation_id"])
    return False


def pending_alerts() -> List["asyncio.Task"]:
    """The alert tasks still running (tests await them; shutdown may too)."""
    return [t for t in _pending if not t.done()]


class ActionCrisisAlert(Action):
    def name(self) -> Text:
        return "action_crisis_alert"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        url = os.environ.get(URL_ENV, "").strip()
        if not url:
            return []
        try:
            payload = alert_payload(tracker)
            task = asyncio.get_running_loop().create_task(
                send_alert(url, payload, os.environ.get(TOKEN_ENV) or None))
            _pending.add(task)
            task.add_done_callback(_pending.discard)
        except Exception as e:  # an alert problem must never break the conversation
            logger.info("crisis alert failed conversation_id=%s (%s)", tracker.sender_id, type(e).__name__)
        return []
