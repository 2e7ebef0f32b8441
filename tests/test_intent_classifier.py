"""components/intent_classifier.py: same probabilities as scikit-learn, stored without pickle, loads back."""
import json

import numpy as np
import pytest
import scipy.sparse
import scipy.sparse.linalg
from sklearn.linear_model import LogisticRegression

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.intent_classifier import (CLASSES_FILE, WEIGHTS_FILE, LinearIntentClassifier, LinearModel, fit_idf,
                                         tfidf, weigh)


@pytest.mark.parametrize("n_classes", [2, 3, 7])
def test_probabilities_equal_scikit_learn(n_classes):
    rng = np.random.default_rng(0)
    X = scipy.sparse.random(120, 40, density=0.2, format="csr", random_state=1)
    y = [f"intent_{i % n_classes}" for i in range(120)]
    X = X + scipy.sparse.csr_matrix((np.array(rng.random(120)) * 3, (np.arange(120), [i % n_classes for i in range(120)])),
                                    shape=(120, 40))
    clf = LogisticRegression(class_weight="balanced", random_state=42, max_iter=300).fit(X, y)
    model = LinearModel(list(clf.classes_), clf.coef_, clf.intercept_)
    np.testing.assert_allclose(model.predict_proba(X), clf.predict_proba(X), rtol=1e-10, atol=1e-12)


def test_inconsistent_weights_are_refused():
    with pytest.raises(ValueError):
        LinearModel(["a", "b", "c"], np.zeros((2, 5)), np.zeros(2))


TRAIN = {
    "program_length": ["how long does iop last", "how many weeks is the program", "iop duration",
                       "how long will i be in the program", "number of weeks of treatment"],
    "insurance_cost": ["does insurance cover iop", "how much does it cost", "is iop covered by my plan",
                       "what will i pay for the program", "cost of intensive outpatient"],
    "greet": ["hi", "hello there", "hey", "good morning", "hiya"],
}


def storage_in(path):
    path.mkdir(parents=True, exist_ok=True)
    return LocalModelStorage(path)


CTX = ExecutionContext(GraphSchema({}), "test")
TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


class Trained:
    """Tokenizer + char n-gram featurizer + the classifier, trained on TRAIN in a temporary model storage."""

    def __init__(self, tmp_path, **clf_config):
        config = {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 2,
                  "max_ngram": 4}
        self.featurizer = CountVectorsFeaturizer.create(config, storage_in(tmp_path / "f"), Resource("cv"), CTX)
        examples = [Message.build(text=t, intent=i) for i, texts in TRAIN.items() for t in texts]
        TOKENIZER.process(examples)
        data = TrainingData(examples)
        self.featurizer.train(data)
        self.featurizer.process_training_data(data)
        self.storage, self.resource = storage_in(tmp_path / "m"), Resource("linear_intent")
        self.config = {**LinearIntentClassifier.get_default_config(), **clf_config}
        self.clf = LinearIntentClassifier.create(self.config, self.storage, self.resource, CTX)
        self.clf.train(data)

    def messages(self, *texts):
        messages = [Message.build(text=t) for t in texts]
        TOKENIZER.process(messages)
        self.featurizer.process(messages)
        return messages

    def load(self, **config):
        return LinearIntentClassifier.load({**self.config, **config},
                                           self.storage, self.resource, CTX)


def test_trains_persists_without_pickle_and_loads_the_same(tmp_path):
    t = Trained(tmp_path)
    with t.storage.read_from(t.resource) as directory:
        assert json.loads((directory / CLASSES_FILE).read_text()) == sorted(TRAIN)
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:  # plain arrays only
            assert set(arrays.files) == {"coef", "intercept"}
    loaded = t.load()
    messages = t.messages("how many weeks does the program take", "is it covered by insurance", "hello")
    for m in loaded.process(messages):
        ranking = m.get("intent_ranking")
        assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
        assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-9
        assert m.get("intent") == ranking[0]
    assert [m.get("intent")["name"] for m in messages] == ["program_length", "insurance_cost", "greet"]
    # Same numbers from the trained object and from the loaded one.
    np.testing.assert_allclose(loaded.model.predict_proba(LinearIntentClassifier.features(messages)),
                               t.clf.model.predict_proba(LinearIntentClassifier.features(messages)))


def test_ranking_length_cuts_the_ranking(tmp_path):
    t = Trained(tmp_path)
    [m] = t.load(ranking_length=2).process(t.messages("how long is it"))
    assert len(m.get("intent_ranking")) == 2


def test_untrained_model_loads_and_predicts_nothing(tmp_path):
    clf = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage_in(tmp_path / "e"),
                                      Resource("none"), CTX)
    [m] = clf.process([Message.build(text="hello")])
    assert m.get("intent") is None


def test_feature_mismatch_is_a_clear_error(tmp_path):
    clf = Trained(tmp_path).clf
    message = Message.build(text="x")
    # A message featurised differently from training is refused with the reason, not mis-scored.
    from rasa.shared.nlu.training_data.features import Features
    message.add_features(Features(scipy.sparse.coo_matrix(np.ones((1, 3))), "sentence", "text", "other"))
    with pytest.raises(ValueError, match="trained on"):
        clf.rankings([message])


def test_tfidf_weighting_equals_scikit_learn():
    from sklearn.feature_extraction.text import TfidfTransformer
    rng = np.random.default_rng(3)
    counts = scipy.sparse.csr_matrix(rng.poisson(0.4, size=(30, 12)).astype(float))
    counts[5] = 0  # a message with no known feature stays all zeros (its zeros are stored: not counted)
    idf = fit_idf(counts)
    counts.eliminate_zeros()  # scikit-learn takes the log of stored zeros
    expected = TfidfTransformer(sublinear_tf=True).fit(counts)
    np.testing.assert_allclose(idf, expected.idf_)
    np.testing.assert_allclose(tfidf(counts, idf).toarray(), expected.transform(counts).toarray())
    # Scaling: a message repeated ten times weighs the same as said once.
    once = scipy.sparse.csr_matrix(counts[0])
    np.testing.assert_allclose(tfidf(once * 10, idf).toarray() ** 0, tfidf(once, idf).toarray() ** 0)
    assert abs(scipy.sparse.linalg.norm(tfidf(once * 10, idf)) - 1.0) < 1e-12


def test_tfidf_model_stores_idf_and_loads_the_same(tmp_path):
    t = Trained(tmp_path, tfidf=True)
    with t.storage.read_from(t.resource) as directory:
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
            assert set(arrays.files) == {"coef", "intercept", "idf", "dense_weight"}
    loaded = t.load()
    assert loaded.model.idf is not None
    messages = t.messages("how many weeks does the program take", "is it covered by insurance", "hello")
    assert [m.get("intent")["name"] for m in loaded.process(messages)] == ["program_length", "insurance_cost",
                                                                           "greet"]
    np.testing.assert_allclose(loaded.model.predict_proba(LinearIntentClassifier.features(messages)),
                               t.clf.model.predict_proba(LinearIntentClassifier.features(messages)))
    # Not the same numbers as without the weighting: the option is really used.
    plain = Trained(tmp_path / "plain")
    assert not np.allclose(plain.clf.model.predict_proba(LinearIntentClassifier.features(messages)),
                           t.clf.model.predict_proba(LinearIntentClassifier.features(messages)))


def test_idf_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="idf"):
        LinearModel(["a", "b", "c"], np.zeros((3, 4)), np.zeros(3), idf=np.ones(5))


def test_features_are_the_combined_sentence_features_rasa_would_give(tmp_path):
    """features() reads the sentence features directly; the row must equal Rasa's own combination
    (get_sparse_features / get_dense_features) for two sparse featurizers plus a dense one."""
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.features import Features
    t = Trained(tmp_path)
    words = CountVectorsFeaturizer.create(CountVectorsFeaturizer.get_default_config(), storage_in(tmp_path / "w"),
                                          Resource("words"), CTX)
    examples = [Message.build(text=x, intent=i) for i, texts in TRAIN.items() for x in texts]
    TOKENIZER.process(examples)
    words.train(TrainingData(examples))
    messages = t.messages("how many weeks does the program take", "hello", "zzz unknown words")
    words.process(messages)
    for k, m in enumerate(messages):
        m.add_features(Features(np.array([[0.5 + k, -1.0]]), "sentence", TEXT, "dense_a"))
        m.add_features(Features(np.array([[2.0]]), "sentence", TEXT, "dense_b"))
    ours = LinearIntentClassifier.features(messages).toarray()
    rasa_rows = [np.hstack([m.get_sparse_features(TEXT)[1].features.toarray(),
                            m.get_dense_features(TEXT)[1].features]) for m in messages]
    np.testing.assert_array_equal(ours, np.vstack(rasa_rows))
    assert ours.shape[1] > 3 + len(words.vectorizers[TEXT].vocabulary_)  # both sparse parts and the dense


def test_weigh_applies_tfidf_to_the_sparse_part_only():
    """With dense features (word vectors) after the sparse ones, tf-idf and unit length apply to the
    sparse columns; the dense ones are only multiplied by dense_weight (never log-scaled or idf-weighted)."""
    sparse = scipy.sparse.csr_matrix(np.array([[3.0, 0, 1], [0, 2, 0]]))
    dense = np.array([[0.6, -0.8], [1.0, 0.0]])
    idf = fit_idf(sparse)
    out = weigh(scipy.sparse.hstack([sparse, dense], format="csr"), idf, 2.5).toarray()
    np.testing.assert_allclose(out[:, :3], tfidf(sparse, idf).toarray())
    np.testing.assert_allclose(out[:, 3:], dense * 2.5)
    # Only sparse features: exactly tfidf. No idf: unchanged.
    np.testing.assert_allclose(weigh(sparse, idf, 2.5).toarray(), tfidf(sparse, idf).toarray())
    assert weigh(sparse, None, 2.5) is sparse


def test_dense_features_train_with_their_weight_and_load_the_same(tmp_path):
    """A tf-idf model trained with a dense featurizer after the sparse one: idf covers the sparse
    features, dense_weight is stored, and the loaded model gives the same probabilities."""
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.features import Features

    def add_dense(messages):
        for m in messages:  # a stand-in dense featurizer: 2 numbers that depend on the text
            m.add_features(Features(np.array([[len(m.get(TEXT)) / 40.0, float("cost" in m.get(TEXT))]]),
                                    "sentence", TEXT, "dense"))
        return messages

    t = Trained(tmp_path / "base", tfidf=True)  # featurizer fitted; retrain the classifier with dense features
    examples = t.messages(*[x for texts in TRAIN.values() for x in texts])
    for m, intent in zip(examples, [i for i, texts in TRAIN.items() for _ in texts]):
        m.set("intent", intent)
    add_dense(examples)
    storage, resource = storage_in(tmp_path / "dense"), Resource("dense_clf")
    config = {**LinearIntentClassifier.get_default_config(), "tfidf": True, "dense_weight": 2.0}
    clf = LinearIntentClassifier.create(config, storage, resource, CTX)
    clf.train(TrainingData(examples))
    n_sparse = LinearIntentClassifier.n_sparse_features(examples[0])
    assert clf.model.idf.shape == (n_sparse,) and clf.model.n_features == n_sparse + 2
    loaded = LinearIntentClassifier.load(config, storage, resource, CTX)
    assert loaded.model.dense_weight == 2.0
    queries = add_dense(t.messages("how much is the cost", "how many weeks", "hi there"))
    X = LinearIntentClassifier.features(queries)
    np.testing.assert_allclose(loaded.model.predict_proba(X), clf.model.predict_proba(X))
    assert [m.get("intent")["name"] for m in loaded.process(queries)] == ["insurance_cost", "program_length",
                                                                         "greet"]


@pytest.mark.parametrize("tfidf_on, dense_weight, n_classes", [(False, 1.0, 3), (True, 0.5, 3), (True, 2.0, 2)])
def test_one_message_path_gives_the_matrix_path_numbers(tfidf_on, dense_weight, n_classes):
    """The server classifies one message at a time without building a sparse matrix
    (LinearModel.predict_proba_one); it must give exactly what predict_proba gives on the built row:
    sparse parts from two featurizers, a repeated column, a stored zero, dense features, an empty message."""
    rng = np.random.default_rng(7)
    n_a, n_b, n_dense = 9, 6, 4
    coef = rng.normal(size=(1 if n_classes == 2 else n_classes, n_a + n_b + n_dense))
    idf = rng.uniform(1, 3, size=n_a + n_b) if tfidf_on else None
    model = LinearModel([f"c{i}" for i in range(n_classes)], coef, rng.normal(size=coef.shape[0]), idf, dense_weight)
    rows = [
        ([1, 4, 4, 7], [2.0, 1.0, 3.0, 0.0], [12, 10], [1.0, 5.0]),  # column 4 twice, a stored zero
        ([0], [1.0], [], []),
        ([], [], [], []),  # nothing sparse: only the dense part and the intercept
    ]
    for cols_a, vals_a, cols_b, vals_b in rows:
        a = scipy.sparse.coo_matrix((vals_a, ([0] * len(cols_a), cols_a)), shape=(1, n_a))
        b = scipy.sparse.coo_matrix((vals_b, ([0] * len(cols_b), [c - n_a for c in cols_b])), shape=(1, n_b))
        dense = rng.normal(size=n_dense)
        X = scipy.sparse.hstack([a, b, scipy.sparse.csr_matrix(dense[np.newaxis, :])], format="csr")
        one = model.predict_proba_one(np.array(cols_a + cols_b, np.int64), np.array(vals_a + vals_b), dense)
        np.testing.assert_allclose(one, model.predict_proba(X)[0], rtol=1e-12, atol=1e-15)
    with pytest.raises(ValueError, match="among the dense"):
        model.predict_proba_one(np.array([n_a + n_b]), np.array([1.0]), np.zeros(n_dense))


def test_served_rankings_equal_the_matrix_path_on_real_featurizer_output(tmp_path):
    t = Trained(tmp_path, tfidf=True)
    messages = t.messages("how many weeks does the program take", "is it covered by insurance", "hello", "zzz")
    expected = t.clf.model.predict_proba(LinearIntentClassifier.features(messages))
    for ranking, row in zip(t.clf.rankings(messages), expected):
        got = dict(ranking)
        np.testing.assert_allclose([got[c] for c in t.clf.model.classes], row, rtol=1e-12, atol=1e-15)
