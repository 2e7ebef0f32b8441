"""LinearIntentClassifier: logistic regression over the featurizers' sparse sentence features.

Training is the same as Rasa's LogisticRegressionClassifier (scikit-learn, lbfgs, balanced class
weights, fixed random_state), so its decisions are the same. What differs is what it stores and loads:

- Rasa's classifier saves the fitted scikit-learn object with skops. Importing `skops.io` enumerates
  every scikit-learn estimator (`sklearn.utils.all_estimators`), which cost 5.8 s of the Rasa
  server's start-up here (`python -X importtime`, reports/bench.md).
- This one saves only numbers: the weights and intercepts in a `.npz` file read with
  `allow_pickle=False`, the intent names in JSON. Loading runs no code from the model file, and
  prediction is one sparse matrix product and a softmax in numpy (this component imports no
  scikit-learn when serving).

The intent ranking (the FAQ action's thresholds and the crisis detector read it) is sorted by
confidence and cut to `ranking_length` (10, as in Rasa; 0 = all).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text, Tuple

import numpy as np
import scipy.sparse

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.stored_component import StoredComponent

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "weights.npz"
CLASSES_FILE = "classes.json"


def softmax_rows(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


def fit_idf(X: scipy.sparse.spmatrix) -> np.ndarray:
    """Inverse document frequency per feature, smoothed as scikit-learn's TfidfTransformer does:
    ln((1 + n) / (1 + df)) + 1."""
    X = scipy.sparse.csr_matrix(X, copy=True)
    X.eliminate_zeros()  # a stored zero is not an occurrence
    df = np.bincount(X.indices, minlength=X.shape[1]).astype(np.float64)
    return np.log((1.0 + X.shape[0]) / (1.0 + df)) + 1.0


def tfidf(X: scipy.sparse.spmatrix, idf: np.ndarray, dense_weight: float = 1.0) -> scipy.sparse.csr_matrix:
    """Sublinear term frequency (1 + ln count) times idf, each row scaled to unit length.

    The featurizers give raw counts, so a long message has large feature values and its scores
    saturate; scaling every message to the same length lets the classifier compare a 4-word and a
    60-word question on the same footing (reports/bench.md, fourth session).

    Only the first len(idf) columns (the sparse featurizers' counts) are weighted and count towards the
    length. Any columns after them (dense features such as word vectors, unit length already) are only
    multiplied by `dense_weight`."""
    X = scipy.sparse.csr_matrix(X, dtype=np.float64, copy=True)
    X.eliminate_zeros()
    # Element-wise on the stored values (no diagonal matrices, no column slicing: this runs on every
    # message).
    counted = X.indices < idf.shape[0]
    positive = counted & (X.data > 0)  # counts are; any other feature value is left as it is
    X.data[positive] = 1.0 + np.log(X.data[positive])
    X.data[counted] *= idf[X.indices[counted]]
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    squares = np.where(counted, X.data * X.data, 0.0)
    norms = np.sqrt(np.bincount(rows, weights=squares, minlength=X.shape[0]))
    norms[norms == 0] = 1.0
    X.data[counted] /= norms[rows[counted]]
    X.data[~counted] *= dense_weight
    return X


def weigh(X: scipy.sparse.spmatrix, idf: Optional[np.ndarray], dense_weight: float) -> scipy.sparse.spmatrix:
    """The features as the weights see them; training and prediction both go through this. Without
    idf, as they come; with it, `tfidf` (sparse features weighted, dense ones times `dense_weight`)."""
    return X if idf is None else tfidf(X, idf, dense_weight)


class LinearModel:
    """The fitted numbers: `coef` (classes x features, or 1 x features for two classes), `intercept`,
    and optionally `idf`. With `idf`, the first len(idf) features (the sparse ones) are tf-idf weighted
    and unit length (see `tfidf`), and any features after them (dense ones, e.g. word vectors, which
    come unit length) are multiplied by `dense_weight`."""

    def __init__(self, classes: List[str], coef: np.ndarray, intercept: np.ndarray,
                 idf: Optional[np.ndarray] = None, dense_weight: float = 1.0) -> None:
        if coef.ndim != 2 or intercept.ndim != 1 or coef.shape[0] != intercept.shape[0]:
            raise ValueError(f"inconsistent weights: coef {coef.shape}, intercept {intercept.shape}")
        expected_rows = 1 if len(classes) == 2 else len(classes)
        if coef.shape[0] != expected_rows:
            raise ValueError(f"{len(classes)} classes but {coef.shape[0]} weight rows")
        if idf is not None and (idf.ndim != 1 or idf.shape[0] > coef.shape[1]):
            raise ValueError(f"idf has shape {idf.shape} but there are {coef.shape[1]} features")
        self.classes = list(classes)
        self.coef_t = np.ascontiguousarray(coef.T)  # features x rows, for X @ coef_t
        self.intercept = intercept
        self.idf = idf
        self.dense_weight = float(dense_weight)

    @property
    def n_features(self) -> int:
        return self.coef_t.shape[0]

    def predict_proba(self, X: scipy.sparse.spmatrix) -> np.ndarray:
        """The same probabilities as scikit-learn's LogisticRegression.predict_proba (lbfgs)."""
        X = weigh(X, self.idf, self.dense_weight)
        return self._probabilities(np.asarray(X @ self.coef_t, dtype=np.float64) + self.intercept)

    def predict_proba_one(self, columns: np.ndarray, values: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """predict_proba for one message given as its sparse features (column, value; columns may repeat,
        as in an uncompressed sparse matrix) and its dense features (the columns after the sparse ones).
        The same numbers as building the one-row sparse matrix, without building it: scipy's constructors
        and checks cost more than the arithmetic for a single message, and the server classifies one
        message at a time (reports/bench.md item 38)."""
        n_sparse = self.n_features - dense.shape[0]
        if self.idf is not None and self.idf.shape[0] != n_sparse:
            raise ValueError(f"{n_sparse} sparse features but idf for {self.idf.shape[0]}")
        columns, inverse = np.unique(columns, return_inverse=True)  # sorted, duplicates summed, as csr does
        values = np.bincount(inverse, weights=values, minlength=columns.shape[0]).astype(np.float64)
        keep = values != 0  # a stored zero is not an occurrence
        columns, values = columns[keep], values[keep]
        if columns.shape[0] and columns[-1] >= n_sparse:
            raise ValueError("a sparse feature column lies among the dense ones")
        dense = dense.astype(np.float64)
        if self.idf is not None:
            positive = values > 0
            values[positive] = 1.0 + np.log(values[positive])
            values *= self.idf[columns]
            norm = np.sqrt(np.dot(values, values))
            if norm:
                values /= norm
            dense = dense * self.dense_weight
        scores = values @ self.coef_t[columns] + dense @ self.coef_t[n_sparse:] + self.intercept
        return self._probabilities(scores[np.newaxis, :])[0]

    def _probabilities(self, scores: np.ndarray) -> np.ndarray:
        if len(self.classes) == 2:  # binary: one logistic output for the second class
            p1 = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        return softmax_rows(scores)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(StoredComponent, IntentClassifier):
    """Logistic-regression intent classifier that stores plain arrays instead of a pickled/skops model."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 1.0,  # inverse regularisation strength, as in scikit-learn
            "max_iter": 100,
            "tol": 1e-4,
            "random_state": 42,
            "ranking_length": 10,  # as Rasa's classifiers; 0 ranks every intent
            "tfidf": False,  # weight the counts by sublinear tf-idf and scale each message to unit length
            # With tfidf: the weight of the dense features (word vectors) next to the unit-length sparse ones.
            "dense_weight": 1.0,
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[LinearModel] = None) -> None:
        super().__init__(config, model_storage, resource)
        self.model = model

    # --- features ------------------------------------------------------------------------------
    @staticmethod
    def n_sparse_features(message: Message) -> int:
        """How many of a message's sentence features are sparse (they come first in `features`)."""
        return sum(f.features.shape[-1] for f in message.features
                   if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse())

    @staticmethod
    def features(messages: List[Message]) -> scipy.sparse.csr_matrix:
        """One row per message: the sparse sentence features of every featurizer, then the dense ones,
        each kind in the order the featurizers added them. The same row as hstacking
        `message.get_sparse_features(TEXT)[1]` and `get_dense_features(TEXT)[1]`, without those calls'
        deep copy and combination of the (much larger, unused) sequence features: that was 7% of the
        Rasa server's time under load (py-spy, sixth session)."""
        rows = []
        for message in messages:
            sentence = [f for f in message.features
                        if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE]
            parts = [scipy.sparse.csr_matrix(f.features) for f in sentence if f.is_sparse()]
            dense = [np.atleast_2d(f.features) for f in sentence if f.is_dense()]
            if dense:
                parts.append(scipy.sparse.csr_matrix(np.concatenate(dense, axis=-1)))
            if len(parts) > 1:
                rows.append(scipy.sparse.hstack(parts, format="csr"))
            else:
                rows.append(parts[0] if parts else scipy.sparse.csr_matrix((1, 0)))
        return scipy.sparse.vstack(rows, format="csr")

    # --- training --------------------------------------------------------------------------------
    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        labels = [e.get(INTENT) for e in examples]
        if len(set(labels)) < 2:
            logger.warning("LinearIntentClassifier needs at least two intents with examples; not trained")
            return self._resource
        from sklearn.linear_model import LogisticRegression  # training only: serving never imports it

        clf = LogisticRegression(
            C=float(self.config["C"]), solver="lbfgs", max_iter=int(self.config["max_iter"]),
            tol=float(self.config["tol"]), random_state=self.config["random_state"],
            class_weight="balanced", fit_intercept=True, multi_class="auto")
        X = self.features(examples)
        idf = fit_idf(X[:, :self.n_sparse_features(examples[0])]) if self.config["tfidf"] else None
        clf.fit(weigh(X, idf, float(self.config["dense_weight"])), labels)
        self.model = LinearModel([str(c) for c in clf.classes_], clf.coef_, clf.intercept_, idf,
                                 float(self.config["dense_weight"]))
        self.persist()
        return self._resource

    def persist(self) -> None:
        if self.model is None:
            return
        with self._model_storage.write_to(self._resource) as directory:
            arrays = {"coef": self.model.coef_t.T, "intercept": self.model.intercept}
            if self.model.idf is not None:
                arrays["idf"] = self.model.idf
                arrays["dense_weight"] = np.array(self.model.dense_weight)
            np.savez(directory / WEIGHTS_FILE, **arrays)
            (directory / CLASSES_FILE).write_text(json.dumps(self.model.classes), encoding="utf-8")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
                    coef, intercept = arrays["coef"], arrays["intercept"]
                    idf = arrays["idf"] if "idf" in arrays.files else None
                    dense_weight = float(arrays["dense_weight"]) if "dense_weight" in arrays.files else 1.0
                classes = json.loads((directory / CLASSES_FILE).read_text(encoding="utf-8"))
            model = LinearModel(classes, coef, intercept, idf, dense_weight)
        except (ValueError, OSError, KeyError) as e:
            # An untrained component (no intents) has nothing stored: it then predicts nothing.
            logger.warning("LinearIntentClassifier: no usable weights in the model (%s)", type(e).__name__)
            model = None
        return cls(config, model_storage, resource, model)

    @staticmethod
    def feature_parts(message: Message) -> Tuple[Tuple[np.ndarray, np.ndarray, np.ndarray], int]:
        """The row `features` builds for a message, as ((sparse columns, their values, dense values),
        number of sparse columns)."""
        columns, values, dense, offset = [], [], [], 0
        for f in message.features:
            if f.attribute != TEXT or f.type != FEATURE_TYPE_SENTENCE:
                continue
            if f.is_sparse():
                m = f.features.tocoo()
                columns.append(m.col.astype(np.int64) + offset)
                values.append(m.data)
                offset += m.shape[-1]
            else:
                dense.append(np.ravel(f.features))
        return (np.concatenate(columns) if columns else np.zeros(0, np.int64),
                np.concatenate(values) if values else np.zeros(0),
                np.concatenate(dense) if dense else np.zeros(0)), offset

    # --- prediction -------------------------------------------------------------------------------
    def rankings(self, messages: List[Message]) -> List[List[Tuple[str, float]]]:
        if self.model is None or not messages:
            return [[] for _ in messages]
        probabilities = []
        for message in messages:  # one at a time: see LinearModel.predict_proba_one
            (columns, values, dense), n_sparse = self.feature_parts(message)
            if n_sparse + dense.shape[0] != self.model.n_features:
                raise ValueError(f"{n_sparse + dense.shape[0]} features but the model was trained on "
                                 f"{self.model.n_features}")
            probabilities.append(self.model.predict_proba_one(columns, values, dense))
        out = []
        for row in probabilities:
            order = np.argsort(-row, kind="stable")
            out.append([(self.model.classes[i], float(row[i])) for i in order])
        return out

    def process(self, messages: List[Message]) -> List[Message]:
        limit = int(self.config["ranking_length"])
        for message, ranking in zip(messages, self.rankings(messages)):
            if not ranking:
                continue
            items = [{"name": name, "confidence": confidence} for name, confidence in ranking]
            message.set(INTENT, dict(items[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, items[:limit] if limit > 0 else items, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
