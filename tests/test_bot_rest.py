"""The whole bot over REST, as a website or app would call it (Rasa + action server running)."""
import uuid
from pathlib import Path

import pytest

from actions.knowledge import knowledge_base
from evaluation.servers import contract, reply_text

pytestmark = pytest.mark.integration
KB = knowledge_base()


def new_sender() -> str:
    return f"t-{uuid.uuid4().hex}"


def test_first_contact_then_a_sourced_answer(bot):
    sender = new_sender()
    replies = bot.send(sender, "how many weeks does an intensive outpatient program usually run")
    text = reply_text(replies)
    assert "automated assistant" in text and "not a therapist" in text and "988" in text
    c = contract(replies)
    assert c["answer_id"] == "program_length"
    assert c["sources"][0]["url"].startswith(KB.article_url + "#:~:text=")
    assert KB.get("program_length").url in text
    again = bot.send(sender, "can i keep my job while i'm in the program")
    assert "automated assistant" not in reply_text(again)  # said once per session
    assert contract(again)["answer_id"] == "working_during_iop"


@pytest.mark.parametrize("text", ["", "   ", "x" * 20000, "😭😭😭", "¿Dónde está la biblioteca?",
                                  "<img src=x onerror=alert(1)>", "/not_an_intent", "{\"json\": true}"])
def test_bad_input_gets_a_graceful_reply_and_the_conversation_goes_on(bot, text):
    sender = new_sender()
    replies = bot.send(sender, text)
    c = contract(replies)
    assert c.get("answer_id") in {"out_of_scope", "clarify", "greet", "not_medical_advice", "bot_challenge",
                                  "capabilities", "thanks", "goodbye"} | set(KB.ids), replies
    assert reply_text(replies)
    follow = bot.send(sender, "what is the difference between iop and inpatient treatment")
    assert contract(follow)["answer_id"] == "iop_vs_inpatient"


def test_crisis_state_persists_into_later_answers(bot):
    sender = new_sender()
    first = bot.send(sender, "i have been thinking about ending my life")
    assert contract(first)["answer_id"] == "crisis_resources"
    text = reply_text(first)
    for must in ("988", "741741", "911", "116 123", "13 11 14", "findahelpline.com"):
        assert must in text
    later = bot.send(sender, "how long does iop last")
    assert contract(later)["answer_id"] == "program_length"
    assert "988" in later[-1]["text"]  # gentle reminder after the answer
    bye = bot.send(sender, "bye")
    assert contract(bye)["answer_id"] == "goodbye" and "988" in reply_text(bye)


def test_no_message_text_in_the_logs_at_info(bot):
    marker = f"zebra{uuid.uuid4().hex[:8]}"
    sender = new_sender()
    bot.send(sender, f"my {marker} question about iop length")
    bot.send(sender, f"i want to kill myself {marker}")
    for name, path in bot.logs.items():
        assert marker not in Path(path).read_text(errors="replace"), f"message text logged by {name}"
