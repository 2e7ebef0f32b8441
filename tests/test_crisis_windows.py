"""Crisis windows (components/crisis_windows.py): long messages also classified three sentences at a time.

Unit tests with real rasa Message objects: the splitter adds window messages, the CrisisDetector turns a
window's crisis score into a detection for its parent and drops every window. The whole-bot path is in
tests/test_crisis_integration.py.
"""
import logging

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.crisis_detector import CrisisDetector
from components.crisis_windows import (WINDOW_PARENT, CrisisWindowSplitter, is_window, split_sentences,
                                       window_texts)

TEN = " ".join(f"Sentence {i}." for i in range(10))


def test_sentences_split_at_end_marks_and_line_breaks():
    assert split_sentences("One. Two?  Three!\nFour\n\nfive") == ["One.", "Two?", "Three!", "Four", "five"]
    assert split_sentences("3.5 hours a day. ok") == ["3.5 hours a day.", "ok"]  # no space after the point
    assert split_sentences(None) == [] and split_sentences("   ") == []


def test_windows_touch_and_the_last_three_sentences_always_get_one():
    assert window_texts(TEN) == ["Sentence 0. Sentence 1. Sentence 2.", "Sentence 3. Sentence 4. Sentence 5.",
                                 "Sentence 6. Sentence 7. Sentence 8.", "Sentence 7. Sentence 8. Sentence 9."]
    assert len(window_texts(TEN, stride=1)) == 8  # every start
    assert window_texts(" ".join(f"S{i}." for i in range(6))) == ["S0. S1. S2.", "S3. S4. S5."]


def test_short_messages_have_no_windows():
    assert window_texts("One. Two. Three.") == []  # a three-sentence message is its own only window
    assert window_texts("One. Two. Three. Four.") == ["One. Two. Three.", "Two. Three. Four."]
    assert window_texts("") == [] and window_texts(None) == [] and window_texts(42) == []


def test_the_number_of_windows_is_capped_and_keeps_the_end():
    text = " ".join(f"S{i}." for i in range(300))  # a 20,000-character paste has hundreds of sentences
    windows = window_texts(text, max_windows=12)
    assert len(windows) == 12
    assert windows[0] == "S0. S1. S2." and windows[-1] == "S297. S298. S299."


def test_splitter_appends_windows_that_know_their_parent():
    splitter = CrisisWindowSplitter({})
    messages = [Message(data={TEXT: "how long is an iop?"}), Message(data={TEXT: TEN})]
    out = splitter.process(messages)
    assert out is messages and len(out) == 2 + 4
    assert [m.get(WINDOW_PARENT) for m in out[2:]] == [1, 1, 1, 1]
    assert all(is_window(m) for m in out[2:]) and not any(is_window(m) for m in out[:2])
    assert WINDOW_PARENT not in out[2].as_dict(only_output_properties=True)  # never in a parse result
    # processing the batch again splits only the originals
    assert len(splitter.process(out)) == 2 + 8


def test_disabled_splitter_and_bad_config():
    assert len(CrisisWindowSplitter({"enabled": False}).process([Message(data={TEXT: TEN})])) == 1
    with pytest.raises(ValueError):
        CrisisWindowSplitter({"stride": 0})


def classified(text, crisis=0.0, urgent=0.0, top="working_during_iop"):
    """A message as the classifier leaves it: `top` first, then crisis and crisis_urgent."""
    m = Message(data={TEXT: text})
    rest = max(0.0, 1.0 - crisis - urgent)
    ranking = sorted([{"name": top, "confidence": rest}, {"name": "crisis", "confidence": crisis},
                      {"name": "crisis_urgent", "confidence": urgent}], key=lambda r: -r["confidence"])
    m.set(INTENT, dict(ranking[0]), add_to_output=True)
    m.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    return m


def window_of(parent_index, crisis=0.0, urgent=0.0):
    m = classified("a window", crisis, urgent)
    m.set(WINDOW_PARENT, parent_index)
    return m


PLAIN = "My manager moved the deadline again. I worked late all week. The office is cold. Is IOP worth it?"


def test_a_confident_window_makes_its_parent_a_crisis_and_windows_are_dropped():
    detector = CrisisDetector({})
    parent = classified(PLAIN, crisis=0.3)
    batch = [parent, window_of(0, crisis=0.2), window_of(0, crisis=0.9, urgent=0.07)]
    out = detector.process(batch)
    assert out == [parent]
    assert parent.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    crisis = parent.get("crisis")
    assert crisis["matched"] and crisis["source"] == "windows" and crisis["categories"] == ["classifier_window"]
    assert crisis["window_score"] == pytest.approx(0.97)
    assert crisis["classifier_confidence"] == pytest.approx(0.3)  # the whole message's own score is kept


def test_an_urgent_window_makes_the_parent_urgent():
    parent = classified(PLAIN)
    CrisisDetector({}).process([parent, window_of(0, crisis=0.1, urgent=0.88)])
    assert parent.get(INTENT)["name"] == "crisis_urgent" and parent.get("crisis")["severity"] == "urgent"


def test_windows_below_the_threshold_change_nothing_but_are_recorded():
    parent = classified(PLAIN, crisis=0.1)
    out = CrisisDetector({"window_threshold": 0.95}).process([parent, window_of(0, crisis=0.94)])
    assert out == [parent]
    assert parent.get(INTENT)["name"] == "working_during_iop"
    assert parent.get("crisis")["matched"] is False and parent.get("crisis")["window_score"] == pytest.approx(0.94)


def test_a_message_detected_whole_keeps_its_own_source():
    parent = classified("I want to kill myself. Work is hard. The boss yells. Nobody cares.", crisis=0.1)
    CrisisDetector({}).process([parent, window_of(0, crisis=0.99)])
    crisis = parent.get("crisis")
    assert crisis["source"] == "patterns" and crisis["window_score"] == pytest.approx(0.99)


def test_windows_go_to_their_own_parent_in_a_batch():
    first, second = classified(PLAIN), classified(PLAIN)
    out = CrisisDetector({}).process([first, second, window_of(1, crisis=0.99), window_of(0, crisis=0.2)])
    assert out == [first, second]
    assert first.get(INTENT)["name"] == "working_during_iop" and second.get(INTENT)["name"] == "crisis"


def test_a_broken_window_is_logged_without_text_and_never_leaks(caplog):
    parent = classified(PLAIN)
    with caplog.at_level(logging.DEBUG, logger="components.crisis_detector"):
        out = CrisisDetector({}).process([parent, window_of(5, crisis=0.99)])  # no message 5 in the batch
    assert out == [parent] and parent.get(INTENT)["name"] == "working_during_iop"
    assert "windows" in caplog.text and "manager" not in caplog.text


def test_the_shipped_pipeline_splits_first_and_detects_last():
    import yaml
    from conftest import ROOT
    names = [c["name"] for c in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    assert names[0] == "components.crisis_windows.CrisisWindowSplitter"
    assert names[-1] == "components.crisis_detector.CrisisDetector"
