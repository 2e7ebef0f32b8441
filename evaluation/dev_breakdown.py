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

from evaluation.common import CRISIS_ID, is_crisis_row, read_tsv, score_crisis, score_faq


def breakdown(rows: Iterable[Tuple[str, Dict[str, str], str]], articles: Sequence[str]) -> Dict[str, Dict[str, int]]:
    """Counts per file and per file:group from (file name, row, what the bot replied) triples, with the
    metrics `make eval` uses (evaluation.common.score_faq / score_crisis)."""
    groups: Dict[str, List[Tuple[Dict[str, str], str]]] = defaultdict(list)
    for name, row, got in rows:
        if "answer_id" in row:
            group = row.get("style", "")
        elif "label" in row:
            group = f"{'crisis' if is_crisis_row(row) else 'negative'}:{row.get('category', '')}"
        else:
            raise ValueError(f"{name}: a row has neither an answer_id nor a label column")
        groups[name].append((row, got))
        groups[f"{name}:{group}"].append((row, got))
    return {key: (_faq_counts(members, articles) if "answer_id" in members[0][0] else _crisis_counts(members))
            for key, members in groups.items()}


def _faq_counts(members: List[Tuple[Dict[str, str], str]], articles: Sequence[str]) -> Dict[str, int]:
    s = score_faq([{"text": row["text"], "expected": row["answer_id"], "got": got} for row, got in members],
                  articles)
    answers, oos = s["answer_outcomes"], s["oos_outcomes"]
    out: Dict[str, int] = {}
    if s["answer_rows"]:
        out.update(answer_rows=s["answer_rows"], right=s["correct"], wrong_article=answers.get("wrong article", 0),
                   clarify=answers.get("clarify", 0), declined=answers.get("out_of_scope", 0))
    if s["oos_rows"]:
        out.update(oos_rows=s["oos_rows"], oos_answered=s["wrong_answers"])
    out["crisis_resources"] = answers.get(CRISIS_ID, 0) + oos.get(CRISIS_ID, 0)
    return out


def _crisis_counts(members: List[Tuple[Dict[str, str], str]]) -> Dict[str, int]:
    scored = [({"text": row["text"], "note": row.get("category", ""), "answer_id": got}, not is_crisis_row(row))
              for row, got in members]
    s = score_crisis([r for r, neg in scored if not neg], [r for r, neg in scored if neg])
    out: Dict[str, int] = {}
    if s["positives"]:
        out.update(crisis_rows=s["positives"], caught=s["caught"])
    if s["negatives"]:
        out.update(negative_rows=s["negatives"], false_alarms=s["false_alarms"])
    return out


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
