"""components/use_lite.py, components/use_onnx.py, components/sentence_encoder.py and
scripts/fetch_sentence_encoder.py: the pretrained sentence encoder (Universal Sentence Encoder lite) read
with numpy and run with ONNX Runtime, and its Rasa featurizer."""
import io
import json
import tarfile
from pathlib import Path

import numpy as np
import pytest

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.sentence_encoder import SentenceEncoderFeaturizer
from components.use_lite import MODEL_FILES as FILES, UseLite
from components.use_onnx import ONNX_FILE, VOCAB_FILE, OnnxEncoder, build_onnx, quantize
from scripts import fetch_sentence_encoder as fetch

CTX = ExecutionContext(GraphSchema({}), "test")
# Token ids and sentence vectors TensorFlow.js computed for eight texts (short, typo, Spanish, emoji only,
# HTML, one over the 128-piece limit, one letter): @energetic-ai/embeddings on node, session 11.
REFERENCE = json.loads((Path(__file__).parent / "data" / "use_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def encoder():
    if not fetch.present(fetch.OUT_DIR):
        pytest.fail("no sentence encoder: run `make vectors` (make test and make train do it)")
    return UseLite.load(str(fetch.OUT_DIR))


@pytest.fixture(scope="module")
def onnx_encoder(encoder):
    return OnnxEncoder(build_onnx(encoder), encoder.tokenizer)


def unit(v):
    return v / np.linalg.norm(v)


@pytest.mark.parametrize("engine", ["interpreter", "onnx"])
def test_tokens_and_vectors_match_tensorflow_js(encoder, onnx_encoder, engine):
    """Both ways of running the encoder: model.json node by node (what training reads the weights with)
    and the fused ONNX graph built from them (what the featurizer stores and serves). One text is over the
    128-piece limit."""
    rows = REFERENCE["rows"]
    assert len(rows) == 8 and max(len(r["tokens"]) for r in rows) > 128
    for row in rows:
        assert encoder.tokenizer.encode(row["text"]) == row["tokens"], row["text"][:40]
    if engine == "interpreter":
        ours = encoder.embed_tokens([r["tokens"] for r in rows])
    else:
        ours = onnx_encoder.embed([r["text"] for r in rows])
    theirs = np.array([r["embedding"] for r in rows], dtype=np.float32)
    cosines = np.sum(ours * theirs, axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.abs(ours - theirs).max() < 1e-4


def test_the_fused_onnx_graph_equals_the_node_by_node_interpreter(encoder, onnx_encoder):
    """The served forward pass is hand-fused; the interpreter runs model.json's nodes one by one. The
    reference texts, and texts nothing else here checks (typos, lower case, a question and a statement)."""
    texts = [r["text"] for r in REFERENCE["rows"]] + [
        "how long is an iop", "do i have to tell my boss", "Group sessions make me so nervous!!",
        "wht does it cost w/o insurance", "I feel worse after starting, is that normal?", "ok"]
    interpreted = encoder.embed_tokens([encoder.tokenizer.encode(t) for t in texts])
    np.testing.assert_allclose(onnx_encoder.embed(texts), interpreted, atol=1e-5)
    assert onnx_encoder.max_tokens == encoder.MAX_TOKENS == 128


def test_batching_does_not_change_a_vector(onnx_encoder):
    """The ONNX graph masks padding itself: a batch of texts from 1 to over 128 pieces, as training runs it."""
    texts = [r["text"] for r in REFERENCE["rows"]]
    together = onnx_encoder.embed(texts, batch_size=8)
    alone = np.vstack([onnx_encoder.embed([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_similar_questions_land_near_each_other(onnx_encoder):
    """What the encoder is for: paraphrases with few words in common are close, unrelated ones are not.
    Scrambled weights or a broken forward pass fail this."""
    a, b, c, d, e = onnx_encoder.embed([
        "how long does an intensive outpatient program last",
        "how many weeks would I be in treatment",
        "can I bring my dog to the beach",
        "will my insurance pay for it",
        "is it covered by my health plan",
    ])
    assert a @ b > a @ c + 0.3
    assert d @ e > d @ c + 0.15
    assert a @ b > a @ d


def test_the_8_bit_graph_stays_close_to_the_float_one(encoder, onnx_encoder):
    """quantize() trades a little precision for speed; every reference text (1 to over 128 pieces, emoji,
    HTML, Spanish) stays at cosine >= 0.99, and the products really are 8-bit."""
    import onnx

    graph = onnx.load_from_string(quantize(build_onnx(encoder)))
    weights = {init.name for init in graph.graph.initializer}
    ops = {node.op_type for node in graph.graph.node}
    assert ops & {"MatMulInteger", "DynamicQuantizeMatMul"}, ops
    # Only the attention products (activation x activation) stay in float.
    assert not [n.name for n in graph.graph.node if n.op_type == "MatMul" and n.input[1] in weights]
    graph = graph.SerializeToString()
    eight_bit = OnnxEncoder(graph, encoder.tokenizer)
    texts = [r["text"] for r in REFERENCE["rows"]] + ["how long is an iop", "do i have to tell my boss"]
    cosines = np.sum(eight_bit.embed(texts) * onnx_encoder.embed(texts), axis=1)
    assert cosines.min() >= 0.99, cosines


def storage_in(path):
    path.mkdir(parents=True, exist_ok=True)
    return LocalModelStorage(path)


def test_featurizer_is_self_contained_and_handles_bad_input(tmp_path):
    """Training stores the encoder in the model (the ONNX graph and the vocabulary, not the TF.js files); the
    loaded one gives the same vectors, unit length, and zeros for an empty message; a 20,000-character
    paste is encoded from its first max_chars."""
    storage, resource = storage_in(tmp_path / "model"), Resource("se")
    config = {**SentenceEncoderFeaturizer.get_default_config(), "encoder_dir": str(fetch.OUT_DIR)}
    trained = SentenceEncoderFeaturizer.create(config, storage, resource, CTX)
    data = TrainingData([Message.build(text="what does the program cost", intent="insurance_cost")])
    trained.train(data)
    trained.process_training_data(data)
    [feature] = [f for f in data.training_examples[0].features if f.attribute == TEXT]
    assert feature.type == "sentence" and feature.features.shape == (1, 512)
    with storage.read_from(resource) as directory:
        assert sorted(p.name for p in directory.iterdir()) == sorted([ONNX_FILE, VOCAB_FILE])

    loaded = SentenceEncoderFeaturizer.load(config, storage, resource, CTX)
    long_text = "I am so tired of this job. " * 800
    texts = ["what does the program cost", "", "   ", long_text]
    out = loaded.process([Message.build(text=t) for t in texts])
    vectors = [[f.features for f in m.features if f.attribute == TEXT][0][0] for m in out]
    np.testing.assert_allclose(vectors[0], feature.features[0], atol=1e-6)
    assert abs(np.linalg.norm(vectors[0]) - 1) < 1e-5
    np.testing.assert_array_equal(vectors[1], 0)
    np.testing.assert_array_equal(vectors[2], 0)
    assert len(long_text) > 20_000
    np.testing.assert_allclose(vectors[3], loaded.encoder.embed([long_text[:config["max_chars"]]])[0], atol=1e-6)


def test_missing_encoder_is_a_clear_error(tmp_path):
    config = {**SentenceEncoderFeaturizer.get_default_config(), "encoder_dir": str(tmp_path / "none")}
    featurizer = SentenceEncoderFeaturizer.create(config, storage_in(tmp_path / "m"), Resource("se"), CTX)
    with pytest.raises(FileNotFoundError, match="make vectors"):
        featurizer.train(TrainingData([Message.build(text="hi", intent="greet")]))


def test_bad_config_is_refused():
    with pytest.raises(ValueError, match="max_chars"):
        SentenceEncoderFeaturizer.validate_config({"max_chars": 0})


def test_the_fetcher_extracts_the_files_the_encoder_reads():
    assert fetch.MODEL_FILES == FILES


def test_extract_writes_the_files_and_marks_them_complete_last(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name in FILES:
            raw = name.encode()
            info = tarfile.TarInfo(f"package/dist/{name}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    out = tmp_path / "enc"
    assert not fetch.present(out)
    fetch.extract(buf.getvalue(), out)
    assert fetch.present(out)
    assert all((out / name).read_bytes() == name.encode() for name in FILES)

    incomplete = io.BytesIO()
    with tarfile.open(fileobj=incomplete, mode="w:gz") as tar:
        info = tarfile.TarInfo("package/dist/model.json")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    with pytest.raises(SystemExit, match="missing"):
        fetch.extract(incomplete.getvalue(), out)
    assert not fetch.present(out)  # the stamp is removed before extracting, so a half copy is not trusted
