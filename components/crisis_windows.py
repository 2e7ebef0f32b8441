"""Crisis windows: long messages are also classified three sentences at a time.

Why: a plan, a date or a goodbye written into a long message about work is diluted by everything around
it, so the classifier's crisis score for the whole message stays low. Our held-out, unread long-message
dev sets showed it as the largest gap of the crisis path (thirteenth session: 47/64, 75/120, 103/120
caught). Scoring every run of three consecutive sentences with the same featurizers and classifier, and
counting the message as a crisis when a window's crisis score is at least CrisisDetector's
`window_threshold`, catches more held-out crisis rows for few added false alarms (reports/bench.md items
42 and 43). Single sentences did not work (one false alarm per catch: items 35 and 40).

How, inside the Rasa server (the crisis path never depends on the action server):
  1. `CrisisWindowSplitter`, first in the pipeline, appends to the batch one extra Message per window of
     each message with at least `min_sentences` (4) sentences: sentences 1-3, 4-6, ... and the last three
     (`stride`). The window knows its parent by position.
  2. Every later component (tokenizer, featurizers, classifier) processes windows like any message, in
     the same batch (the sentence encoder and the classifier run them in one call).
  3. `CrisisDetector` (last) reads each window's classifier scores, decides for the parent
     (`windows_verdict` below), records the best window's score in the parent's `crisis` output, and
     removes every window from the batch, so nothing after it, and no parse result, ever sees one.

Cost: bounded by `max_windows`; past that the stride grows (up to the window size, so every sentence is
still in a window) and then only the first windows and the last are scored. Measured per message with
`make bench-crisis` (evaluation/crisis_latency.py).

Privacy: window texts are never logged, and never leave the NLU pipeline.
"""
from __future__ import annotations

import math
import re
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.stored_component import ConfigOnlyComponent

# Set on a window message (never added to the output): the index of its parent in the batch.
WINDOW_PARENT = "crisis_window_parent"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: Any) -> List[str]:
    """Sentences of `text`: split after . ! or ? followed by white space, and at line breaks."""
    if not isinstance(text, str):
        return []
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def window_texts(text: Any, size: int = 3, min_sentences: int = 4, max_windows: int = 12,
                 stride: int = 3) -> List[str]:
    """The windows of `size` consecutive sentences of a message with at least `min_sentences` sentences
    (none otherwise), a window starting every `stride` sentences. When that makes more than
    `max_windows` windows the stride grows, at most to `size` (consecutive windows then touch, so every
    sentence is still scored), and a message that needs more than `max_windows` windows even so has its
    first `max_windows` - 1 windows and its last one scored."""
    sentences = split_sentences(text)
    if size < 1 or len(sentences) < max(min_sentences, size):
        return []
    starts = len(sentences) - size + 1
    stride = min(max(size, stride), max(stride, math.ceil(starts / max_windows)))
    picked = list(range(0, starts, stride))
    if picked[-1] != starts - 1:
        picked.append(starts - 1)  # the last sentences always get a window of their own
    if len(picked) > max_windows:  # the first windows and the last (where a post's point often is)
        picked = picked[:max_windows - 1] + [starts - 1]
    return [" ".join(sentences[i:i + size]) for i in picked]


def is_window(message: Message) -> bool:
    return message.get(WINDOW_PARENT) is not None


def windows_verdict(window_scores: Sequence[Tuple[Optional[str], float]], threshold: float,
                    ) -> Tuple[bool, Optional[str], float]:
    """(fires?, the likelier crisis intent of the best window, the best window's crisis score) from each
    window's (likelier crisis intent, crisis score), as CrisisDetector.classifier_score gives them. Fires
    when the best score is at least `threshold`."""
    name, best = max(window_scores, key=lambda item: item[1], default=(None, 0.0))
    return best >= threshold and name is not None, name, best


def strip_windows(messages: List[Message]) -> List[Message]:
    """The batch without its window messages (in place, so every holder of the list sees the same)."""
    messages[:] = [m for m in messages if not is_window(m)]
    return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class CrisisWindowSplitter(ConfigOnlyComponent):
    """Adds a window message per three consecutive sentences of each long message (see module doc)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Sentences per window. Measured (bench.md item 42, every start): 3 caught about 8 held-out crisis
            # rows per added false alarm at 0.98; 2 about 1.5; single sentences about 1 (items 35, 40).
            "size": 3,
            # A message of 3 sentences is its own only window; windows start at 4.
            "min_sentences": 4,
            # At most this many windows per message (cost bound; see window_texts).
            "max_windows": 12,
            # A window starts every `stride` sentences (1: every run of `size` sentences; 3 with size 3:
            # windows that touch, each sentence in one window, plus the last three sentences). Fourteenth
            # session, evaluation/crisis_threshold.py (--window-stride), our dev sets only, each stride at the
            # window_threshold the rule picks for it: 3 at 0.95 caught 778/814 with 40/3140 false alarms
            # (9/300 counselling posts), 1 at 0.97 776/814 with 40 (9/300); held out 484/598, 80/600 against
            # 486/598, 78/600. 3 scores fewer windows: 1.1 per long post against 1.5 (reports/bench.md item 43).
            "stride": 3,
            # Off: the splitter adds nothing (for measuring the pipeline without windows).
            "enabled": True,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = {**self.get_default_config(), **(config or {})}
        self.size = int(self.config["size"])
        self.min_sentences = int(self.config["min_sentences"])
        self.max_windows = int(self.config["max_windows"])
        self.stride = int(self.config["stride"])
        self.enabled = bool(self.config["enabled"])
        if self.size < 1 or self.max_windows < 1 or self.stride < 1:
            raise ValueError("CrisisWindowSplitter: size, max_windows and stride must be at least 1")

    def process(self, messages: List[Message]) -> List[Message]:
        if not self.enabled:
            return messages
        extra: List[Message] = []
        for index, message in enumerate(messages):
            if is_window(message):
                continue
            for text in window_texts(message.get(TEXT), self.size, self.min_sentences, self.max_windows,
                                     self.stride):
                window = Message(data={TEXT: text})
                window.set(WINDOW_PARENT, index)
                extra.append(window)
        messages.extend(extra)
        return messages
