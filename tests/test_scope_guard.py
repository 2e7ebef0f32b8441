"""components/scope_guard.py and its use in actions/faq.decide."""
import json

import pytest

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.faq import Thresholds, decide
from components.scope_guard import VOCABULARY_FILE, ScopeGuard, content_words, stem

CTX = ExecutionContext(GraphSchema({}), "test")
IDS = ["program_length", "insurance_cost"]


def storage(tmp_path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    return LocalModelStorage(tmp_path)


def trained(tmp_path):
    examples = [Message.build(text=t, intent=i) for t, i in [
        ("how long does the program last", "program_length"),
        ("how many weeks is iop", "program_length"),
        ("does my insurance cover it", "insurance_cost"),
        ("what does iop cost", "insurance_cost"),
        ("what is the weather in paris", "out_of_scope"),  # not an article intent: not in the vocabulary
    ]]
    store, resource = storage(tmp_path / "m"), Resource("scope")
    guard = ScopeGuard.create(ScopeGuard.get_default_config(), store, resource, CTX)
    guard.train(TrainingData(examples))
    return guard, store, resource


def test_content_words_and_stems():
    assert content_words("What's the COST of an IOP, please?") == ["cost", "iop"]
    assert stem("programs") == "program" and stem("working") == "work" and stem("iop") == "iop"


def test_counts_words_no_article_question_used(tmp_path):
    guard, store, resource = trained(tmp_path)
    loaded = ScopeGuard.load(ScopeGuard.get_default_config(), store, resource, CTX)
    [known, unknown, offtopic] = loaded.process([
        Message.build(text="how long does an IOP program last?"),
        Message.build(text="does medicare coinsurance cover the program?"),
        Message.build(text="weather in paris"),
    ])
    assert known.get("scope") == {"unknown_words": 0}
    assert unknown.get("scope") == {"unknown_words": 2}  # medicare, coinsurance ("cover", "program" known)
    # out_of_scope examples do not make their words "known"; the knowledge base's answer texts do
    assert offtopic.get("scope")["unknown_words"] == 2  # weather, paris
    with store.read_from(resource) as directory:
        vocabulary = json.loads((directory / VOCABULARY_FILE).read_text())
    assert "weather" not in vocabulary and "insurance" in vocabulary


def test_only_the_count_is_in_the_parse_result(tmp_path):
    guard, *_ = trained(tmp_path)
    [m] = guard.process([Message.build(text="is lexapro safe with iop")])
    assert m.get("scope") == {"unknown_words": guard.unknown_words("is lexapro safe with iop")}
    assert "lexapro" not in json.dumps(m.get("scope"))


def test_untrained_guard_scores_nothing(tmp_path):
    guard = ScopeGuard.load(ScopeGuard.get_default_config(), storage(tmp_path / "e"), Resource("none"), CTX)
    [m] = guard.process([Message.build(text="anything")])
    assert m.get("scope") is None


def test_training_without_article_examples_is_an_error(tmp_path):
    guard = ScopeGuard.create(ScopeGuard.get_default_config(), storage(tmp_path / "x"), Resource("s"), CTX)
    with pytest.raises(ValueError, match="no training examples"):
        guard.train(TrainingData([Message.build(text="hello", intent="greet")]))


RANKING = [{"name": "insurance_cost", "confidence": 0.92}, {"name": "program_length", "confidence": 0.04},
           {"name": "out_of_scope", "confidence": 0.04}]


@pytest.mark.parametrize("unknown,kind", [(None, "answer"), (0, "answer"), (1, "answer"), (2, "clarify"),
                                          (5, "clarify")])
def test_decide_answers_only_with_few_unknown_words(unknown, kind):
    t = Thresholds(max_unknown_words=1)
    assert decide(RANKING, IDS, t, unknown_words=unknown).kind == kind


def test_guard_does_not_apply_to_feelings_or_button_payloads():
    t = Thresholds(max_unknown_words=1)
    feelings = [{"name": "express_distress", "confidence": 0.9}, {"name": "out_of_scope", "confidence": 0.1}]
    assert decide(feelings, IDS + ["signs_need_iop"], t, unknown_words=6).answer_ids == ("signs_need_iop",)
    assert decide([], IDS, t, exact_intent="program_length", unknown_words=9).kind == "answer"
