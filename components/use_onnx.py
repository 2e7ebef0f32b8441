"""The Universal Sentence Encoder lite as one fused ONNX graph, served by ONNX Runtime: the function
`components/use_lite.py` interprets node by node from the TF.js graph.

Why not numpy: the eleventh session served a hand-fused numpy forward pass, but numpy hands every matrix
product to OpenBLAS, whose matrix kernel packs the whole weight matrix on each call. For a message of
ten-odd word pieces that packing, not the arithmetic, was most of the encoder's time (9.7 against 3.9 ms a
message here; reports/bench.md item 38). ONNX Runtime packs the weights once, when the session is built.

* `build_onnx(use)` writes the encoder as an ONNX graph (opset 17). Every weight and setting is the one
  `UseLite._extract_fast_params` reads and checks in the TF.js graph, so there is one reading of the
  model, not two. Only training builds it (it needs the `onnx` package); the trained Rasa model stores
  the bytes (`components/sentence_encoder.py`).
* `OnnxEncoder` runs it: the tokenizer is `use_lite.Tokenizer`, unchanged; only serving's dependency is
  `onnxruntime`. One thread, no spinning: Rasa handles one message at a time per process, and a second
  thread made the numpy version cost more CPU per message, not less.

Padding in a batch is masked as the TF.js graph masks it (attention bias on padded keys, mean over real
pieces only), so a text's vector does not depend on its batch. tests/test_sentence_encoder.py checks the
vectors against TensorFlow.js's, against the node-by-node interpreter and across batch sizes.
"""
from __future__ import annotations

import os
from typing import List, Union

import numpy as np

from components.use_lite import Tokenizer, UseLite

__all__ = ["build_onnx", "quantize", "OnnxEncoder", "ONNX_FILE", "VOCAB_FILE", "DIM"]

ONNX_FILE = "encoder.onnx"
VOCAB_FILE = "vocab.json"
DIM = 512
OPSET = 17  # LayerNormalization is an operator from 17 on
IR_VERSION = 8  # what onnxruntime 1.16 reads


def build_onnx(use: UseLite) -> bytes:
    """The encoder as ONNX model bytes. Inputs: `ids` int64 [batch, pieces] (padded with 0) and `mask`
    float [batch, pieces] (1 for a real piece, 0 for padding); output `embedding` float [batch, 512],
    unit length. Metadata `max_tokens`: how many pieces of a text count."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []
    counter = [0]

    def const(value, dtype=np.float32) -> str:
        counter[0] += 1
        name = f"c{counter[0]}"
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(kind: str, *inputs: str, **attrs) -> str:
        counter[0] += 1
        out = f"{kind.lower()}{counter[0]}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def matmul_add(x: str, w: np.ndarray, b: np.ndarray) -> str:
        return op("Add", op("MatMul", x, const(w)), const(b))

    def layer_norm(x: str, params) -> str:
        scale, bias, eps = params
        return op("LayerNormalization", x, const(scale), const(bias), axis=-1, epsilon=float(eps))

    # Positions 0..T-1 and the timing signal [T, 2 * len(inv)]: sin and cos of position * inverse timescale.
    length = op("Gather", op("Shape", "ids"), const(1, np.int64), axis=0)
    positions = op("Cast", op("Range", const(0, np.int64), length, const(1, np.int64)), to=TensorProto.FLOAT)
    angles = op("Mul", op("Unsqueeze", positions, const([1], np.int64)), const(use._timing_inv.reshape(1, -1)))
    timing = op("Concat", op("Sin", angles), op("Cos", angles), axis=1)
    emb = op("Gather", const(use._emb), "ids", axis=0)
    x = op("Add", emb, op("Add", emb, timing))  # the graph's 2 * embedding + timing, in its order
    # Attention bias: 0 on real pieces, the graph's large negative value on padding; [B, 1, 1, T].
    pad = op("Sub", const(1.0), "mask")
    bias = op("Unsqueeze", op("Mul", pad, const(use._mask_bias)), const([1, 2], np.int64))

    for L in use._layers:
        h, d = L["heads"], L["depth"]
        qkv = matmul_add(layer_norm(x, L["ln1"]), L["wqkv"], L["bqkv"])
        split = const(L["split"], np.int64)
        q, k, v = (f"split{counter[0] + 1}_{i}" for i in range(3))
        counter[0] += 1
        nodes.append(helper.make_node("Split", [qkv, split], [q, k, v], axis=-1))
        heads = const([0, 0, h, d], np.int64)
        q = op("Mul", op("Transpose", op("Reshape", q, heads), perm=[0, 2, 1, 3]), const(L["scale"]))
        k = op("Transpose", op("Reshape", k, heads), perm=[0, 2, 3, 1])
        v = op("Transpose", op("Reshape", v, heads), perm=[0, 2, 1, 3])
        weights = op("Softmax", op("Add", op("MatMul", q, k), bias), axis=-1)
        attended = op("Reshape", op("Transpose", op("MatMul", weights, v), perm=[0, 2, 1, 3]),
                      const([0, 0, h * d], np.int64))
        out = matmul_add(attended, L["wo"], L["bo"])
        residual = matmul_add(x, L["wres"], L["bres"]) if "wres" in L else x
        x = op("Add", out, residual)
        hidden = op("Relu", matmul_add(layer_norm(x, L["ln2"]), L["wconv1"], L["bconv1"]))
        x = op("Add", matmul_add(hidden, L["wconv2"], L["bconv2"]), x)

    # Mean over real pieces: weights mask / count, as a [B, 1, T] x [B, T, C] product.
    count = op("Max", op("ReduceSum", "mask", const([1], np.int64), keepdims=1), const(1.0))
    pool = op("Unsqueeze", op("Div", "mask", count), const([1], np.int64))
    pooled = op("Squeeze", op("MatMul", pool, x), const([1], np.int64))
    t = op("Tanh", matmul_add(pooled, use._wt, use._bt))
    norm = op("Sqrt", op("Max", op("ReduceSum", op("Mul", t, t), const([1], np.int64), keepdims=1),
                         const(use._l2eps)))
    nodes.append(helper.make_node("Div", [t, norm], ["embedding"]))

    graph = helper.make_graph(
        nodes, "use_lite",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", "pieces"]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "pieces"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", DIM])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="components/use_onnx.py")
    model.ir_version = IR_VERSION
    # The graph does not clip; the runtime keeps the first max_tokens pieces, as the TF.js graph does.
    helper.set_model_props(model, {"max_tokens": str(use.MAX_TOKENS)})
    onnx.checker.check_model(model)
    return model.SerializeToString()


def quantize(model_bytes: bytes) -> bytes:
    """The graph with 8-bit weights in its matrix products (ONNX Runtime's dynamic quantization: weights
    int8 per output channel, activations quantized per message; reduce_range keeps the products from
    saturating on AVX2 machines). About 3x faster again on a short message; vectors at cosine >= 0.99 to
    the float graph's (tests/test_sentence_encoder.py). config.yml does not use it: on our dev sets it
    changed nothing, but it answered two fewer outside FAQ questions right (reports/bench.md item 38)."""
    import tempfile

    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        source, target = os.path.join(tmp, "float.onnx"), os.path.join(tmp, "int8.onnx")
        with open(source, "wb") as f:
            f.write(model_bytes)
        quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                         op_types_to_quantize=["MatMul"])
        with open(target, "rb") as f:
            return f.read()


class OnnxEncoder:
    """Tokenizer + ONNX Runtime session; `embed` is `UseLite.embed`'s contract."""

    def __init__(self, model: Union[bytes, str], tokenizer: Tokenizer):
        """`model`: the ONNX bytes, or better the path to them (ONNX Runtime then reads the file itself and
        no second copy of the weights stays in Python's heap: about 30 MB less resident memory)."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only
        # No memory arena: a message's activations are small, and the arena kept about 8 MB more resident.
        options.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.tokenizer = tokenizer
        self.max_tokens = int(self._session.get_modelmeta().custom_metadata_map["max_tokens"])

    @classmethod
    def load(cls, directory: str) -> "OnnxEncoder":
        return cls(os.path.join(directory, ONNX_FILE), Tokenizer.from_file(os.path.join(directory, VOCAB_FILE)))

    def embed_tokens(self, token_lists: List[List[int]]) -> np.ndarray:
        """One batch of non-empty token lists -> [batch, 512]."""
        cut = [t[:self.max_tokens] for t in token_lists]
        width = max(len(t) for t in cut)
        ids = np.zeros((len(cut), width), np.int64)
        mask = np.zeros((len(cut), width), np.float32)
        for row, tokens in enumerate(cut):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1.0
        return self._session.run(None, {"ids": ids, "mask": mask})[0]

    def embed(self, texts: List[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors [n, 512], in input order; a text without word pieces (the empty string) gets zeros.
        Texts are run in batches of similar length, so little padding is computed: sorted by length, at
        most `batch_size` per batch, and a text more than twice as long as the batch's first (plus 8 pieces)
        starts a new batch. Without that rule a long message and its short crisis windows
        (components/crisis_windows.py) were one batch, every window padded to the long message: attention
        costs grow with the square of the width."""
        if isinstance(texts, str):
            raise TypeError("embed expects a list of strings")
        tokens = [self.tokenizer.encode(t) for t in texts]
        out = np.zeros((len(texts), DIM), np.float32)
        width = lambda i: min(len(tokens[i]), self.max_tokens)  # noqa: E731
        live = sorted((i for i, t in enumerate(tokens) if t), key=width)
        batch: List[int] = []
        for i in live + [None]:
            if batch and (i is None or len(batch) >= batch_size or width(i) > 2 * width(batch[0]) + 8):
                out[batch] = self.embed_tokens([tokens[j] for j in batch])
                batch = []
            if i is not None:
                batch.append(i)
        return out
