"""ScopeGuard: counts the words of a message that the article's answers have never been asked with.

A near-topic question the article cannot answer ("Does Medicare Part B cover a PHP?", "what side
effects does lexapro have?") often gets a confident article intent from a bag-of-words classifier: it
shares most words with an answerable question. What gives it away is the rest: content words that no
training question of any article answer used and that no answer in knowledge/answers.yml contains.

Training collects that vocabulary (word stems, stop words left out) from the training examples of the
article intents (the ids in knowledge/answers.yml) and from the answers themselves, and stores it in
the model as JSON. For every message it adds `scope = {"unknown_words": N}` to the parse result.
actions/faq.py (`decide`) then answers directly only when N <= FAQ_MAX_UNKNOWN_WORDS; otherwise it asks
"did you mean" with the best topics, or declines. Measured on our dev sets only (reports/thresholds.json):
since the eighth session the default is off (actions.faq.GUARD_OFF), the sweep's pick once the training
data held most near-topic words; `make thresholds` measures it again every time.

The words themselves are never stored in the parse result or logged: only the count.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import knowledge
from components.stored_component import StoredComponent

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SCOPE_KEY = "scope"
VOCABULARY_FILE = "vocabulary.json"
_WORD = re.compile(r"[a-z]+")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")

# Common English function words (the usual stop-word list, plus chat filler). Not content: never "unknown".
STOP_WORDS = frozenset("""
a about above after again against all almost alone along already also although always am among an and
another any anyhow anyone anything anyway anywhere are around as at back be became because become been
before being below beside besides between both but by can cannot could did do does doing done down due
during each either else elsewhere enough etc even ever every everyone everything everywhere except few
for former from further get gets getting give go goes going got had has have having he her here hers
herself him himself his how however i if in indeed into is it its itself just keep last least less let
like lot lots many may me meanwhile might mine more moreover most mostly much must my myself namely
neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own per perhaps please put quite rather
really same see seem seemed seems several she should since so some somehow someone something sometime
sometimes somewhere still such than that the their theirs them themselves then there thereafter thereby
therefore therein these they thing things this those though through throughout thus to together too
toward towards under until up upon us very via want was way we well were what whatever when whence
whenever where whereas whether which while who whoever whole whom whose why will with within without
would yet you your yours yourself yourselves im ive dont doesnt didnt cant wont isnt arent wasnt youre
thats whats theres hey hi hello thanks thank ok okay yes yeah kind sort pretty actually honestly maybe
ask asking anybody somebody also need needs make makes
""".split())


def content_words(text: Any) -> List[str]:
    """Lower-case alphabetic words of 3+ letters that are not stop words."""
    words = _WORD.findall(str(text or "").lower().replace("'", ""))
    return [w for w in words if len(w) > 2 and w not in STOP_WORDS]


def stem(word: str) -> str:
    """A light suffix strip, enough to match "programs"/"program", "working"/"work"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(texts: Iterable[Any]) -> Set[str]:
    return {stem(w) for t in texts for w in content_words(t)}


def knowledge_base_texts(path: Path) -> Dict[str, List[str]]:
    """Answer id -> the texts of its knowledge-base entry (title, question, section, text), read and
    validated by the same loader the FAQ action uses."""
    kb = knowledge.load(path)
    return {a.id: [a.title, a.question, a.section, a.text] for a in kb.answers.values()}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ScopeGuard(StoredComponent):
    """Adds `scope = {"unknown_words": N}` to every parsed message (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"knowledge_base": None}  # None: the FAQ action's file (KNOWLEDGE_FILE or knowledge/answers.yml)

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Set[str]] = None) -> None:
        super().__init__(config, model_storage, resource)
        self.vocabulary = vocabulary

    def _kb_path(self) -> Path:
        if not self.config["knowledge_base"]:
            return knowledge.KB_PATH
        path = Path(self.config["knowledge_base"])
        return path if path.is_absolute() else ROOT / path

    def train(self, training_data: TrainingData) -> Resource:
        kb = knowledge_base_texts(self._kb_path())
        examples = [e.get(TEXT) for e in training_data.intent_examples if e.get(INTENT) in kb]
        if not examples:
            raise ValueError("ScopeGuard: no training examples for the knowledge base's answer ids")
        self.vocabulary = stems(examples) | stems(t for texts in kb.values() for t in texts)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary)), encoding="utf-8")
        logger.debug("ScopeGuard: %d word stems from %d examples", len(self.vocabulary), len(examples))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ScopeGuard":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")))
        except (ValueError, OSError) as e:
            logger.warning("ScopeGuard: no vocabulary in the model (%s); messages are not scored",
                           type(e).__name__)
            vocabulary = None
        return cls(config, model_storage, resource, vocabulary)

    def unknown_words(self, text: Any) -> Optional[int]:
        if self.vocabulary is None:
            return None
        return sum(stem(w) not in self.vocabulary for w in content_words(text))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            n = self.unknown_words(message.get(TEXT))
            if n is not None:
                message.set(SCOPE_KEY, {"unknown_words": n}, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
