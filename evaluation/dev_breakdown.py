"""Per-file and per-style figures for our own dev sets (a measurement, not a test).

Parses every row of the given TSV files with a model's NLU in-process (no Rasa server, no action server),
routes it as the bot would at the shipped thresholds (evaluation.thresholds.routed_outcome), and prints,
for each file and each of its `style` / `category` values:
  - FAQ files (an `answer_id` column): answer rows right, given the wrong article, asked "did you mean",
    declined, and out-of-scope rows given an article answer;
  - crisis files (a `label` column, `crisis` or `negative`): crisis rows that got the crisis resources
    and negatives that got them (false alarms).
No texts are printed: halves B must stay unread for the next pattern round (tests/data/README.md).
Never give it the outside evaluation sets.

    PYTHONPATH=. .venv/bin/python -m evaluation.dev_breakdown [--model PATH] tests/data/faq_dev_styles.tsv ...
"""
from __future__ import annotations

import argparse
import asyncio
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

from evaluation.common import read_tsv

CRISIS_ID = "crisis_resources"


def breakdown(rows: Iterable[Tuple[str, Dict[str, str], str]], articles: Sequence[str]) -> Dict[str, Dict[str, int]]:
    """Counts per file and per file:group from (file name, row, what the bot replied) triples."""
    arts = set(articles)
    stats: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, row, got in rows:
        if "answer_id" in row:
            expected = row["answer_id"]
            keys = (name, f"{name}:{row.get('style', '')}")
            for key in keys:
                s = stats[key]
                if expected in arts:
                    s["answer_rows"] += 1
                    s["right"] += got == expected
                    s["wrong_article"] += got in arts and got != expected
                    s["clarify"] += got == "clarify"
                    s["declined"] += got == "out_of_scope"
                else:
                    s["oos_rows"] += 1
                    s["oos_answered"] += got in arts
                s["crisis_resources"] += got == CRISIS_ID
        elif "label" in row:
            positive = row["label"] not in ("negative", "none")
            keys = (name, f"{name}:{'crisis' if positive else 'negative'}:{row.get('category', '')}")
            for key in keys:
                s = stats[key]
                if positive:
                    s["crisis_rows"] += 1
                    s["caught"] += got == CRISIS_ID
                else:
                    s["negative_rows"] += 1
                    s["false_alarms"] += got == CRISIS_ID
        else:
            raise ValueError(f"{name}: a row has neither an answer_id nor a label column")
    return {k: dict(v) for k, v in stats.items()}


def format_breakdown(stats: Dict[str, Dict[str, int]]) -> List[str]:
    lines = []
    for key in sorted(stats):
        s = stats[key]
        if "answer_rows" in s or "oos_rows" in s:
            lines.append(f"{key:48s} right {s.get('right', 0)}/{s.get('answer_rows', 0)}, wrong article "
                         f"{s.get('wrong_article', 0)}, did you mean {s.get('clarify', 0)}, declined "
                         f"{s.get('declined', 0)} | out of scope answered {s.get('oos_answered', 0)}/"
                         f"{s.get('oos_rows', 0)} | crisis reply {s.get('crisis_resources', 0)}")
        else:
            lines.append(f"{key:48s} caught {s.get('caught', 0)}/{s.get('crisis_rows', 0)} | false alarms "
                         f"{s.get('false_alarms', 0)}/{s.get('negative_rows', 0)}")
    return lines


def main(argv: Sequence[str] = None) -> None:
    from actions.faq import Thresholds
    from evaluation.common import article_ids
    from evaluation.servers import latest_model
    from evaluation.thresholds import _parse_all, routed_outcome

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    rows = [(path.name, row) for path in args.files for row in read_tsv(path)]
    parses = asyncio.run(_parse_all(args.model or latest_model(), [row["text"] for _, row in rows]))
    articles = article_ids()
    thresholds = Thresholds.from_env()
    replies = [routed_outcome(p, articles, thresholds) for p in parses]
    stats = breakdown(((name, row, got) for (name, row), got in zip(rows, replies)), articles)
    print("\n".join(format_breakdown(stats)))


if __name__ == "__main__":
    main()
