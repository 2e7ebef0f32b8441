"""Outside evaluation sets are for measuring only: none of their texts (or near copies) may be in data/
or in our own dev sets (tests/data). And our dev sets are held out: none of their rows is a training example."""
import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def eval_texts():
    files = sorted(EVAL_DIR.glob("*.tsv"))
    if not files:
        pytest.fail(f"no evaluation sets found in {EVAL_DIR}")
    out = []
    for f in files:
        with f.open(newline="", encoding="utf-8") as fh:
            out += [row["text"] for row in csv.DictReader(fh, delimiter="\t") if row.get("text")]
    return out


def training_texts():
    """Every example line in data/ and every pattern/source file that could carry copied text."""
    texts = []
    for f in list((ROOT / "data").rglob("*.yml")) + list((ROOT / "components").rglob("*.py")):
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("-").strip().strip("\"'")
            if line:
                texts.append(line)
    return texts


def dev_texts():
    """The rows of our own held-out dev sets (tests/data/*.tsv)."""
    out = []
    for f in sorted((ROOT / "tests" / "data").glob("*.tsv")):
        with f.open(newline="", encoding="utf-8") as fh:
            out += [row["text"] for row in csv.DictReader(fh, delimiter="\t") if row.get("text")]
    return out


def checked_texts():
    return training_texts() + dev_texts()


def shingles(text: str, n: int = 5):
    words = norm(text).split()
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def test_no_eval_text_in_training_data():
    corpus = norm(" \n ".join(checked_texts()))
    leaks = [t for t in eval_texts() if len(norm(t)) > 15 and norm(t) in corpus]
    assert not leaks, f"{len(leaks)} evaluation texts copied into data/ or tests/data/: {leaks[:3]}"


def test_no_near_copies_in_training_data():
    """A training line sharing most of its 5-word runs with one evaluation text is a near copy."""
    eval_sh = [s for s in (shingles(t) for t in eval_texts()) if len(s) >= 3]
    index = {}
    for i, s in enumerate(eval_sh):
        for g in s:
            index.setdefault(g, set()).add(i)
    near = []
    for line in checked_texts():
        sh = shingles(line)
        if len(sh) < 3:
            continue
        counts = {}
        for g in sh:
            for i in index.get(g, ()):
                counts[i] = counts.get(i, 0) + 1
        if counts and max(counts.values()) / len(sh) >= 0.5:
            near.append(line)
    assert not near, f"{len(near)} near copies of evaluation texts in data/ or tests/data/: {near[:3]}"


def test_dev_sets_are_held_out_from_training():
    """A dev row (4+ words) that is also a training example measures memory, not generalisation."""
    assert len(dev_texts()) > 1000
    train = {norm(t) for t in training_texts()}
    overlap = [t for t in dev_texts() if len(norm(t).split()) >= 4 and norm(t) in train]
    assert not overlap, f"{len(overlap)} dev-set rows are also in data/: {overlap[:3]}"


def test_the_check_catches_a_planted_copy(tmp_path):
    """Guard against a check that cannot fail: a copied row is found by the same normalisation."""
    sample = next(t for t in eval_texts() if len(norm(t)) > 15)
    planted = f"- {sample.upper()}!!"
    assert norm(sample) in norm(planted)
    assert shingles(sample) <= shingles(planted) or len(shingles(sample)) == 0
