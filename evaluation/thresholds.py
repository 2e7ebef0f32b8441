"""Choose the FAQ action's confidence thresholds on the held-out dev sets ONLY.

Parses every row of the FAQ dev sets (evaluation.common.FAQ_DEV_SETS, tests/data/faq_dev*.tsv) once with the
NLU model in-process (no Rasa server, no action server), then for a grid of (min_confidence, min_margin)
replays what the bot would do:
  - the message goes to the FAQ action only when the top intent is an article id, out_of_scope,
    nlu_fallback or express_distress (data/rules.yml; the action answers express_distress as
    signs_need_iop, actions.faq.INTENT_ALIASES); any other top intent is that intent's reply (crisis* ->
    crisis_resources, greet -> greet, ...);
  - in the FAQ action, actions.faq.decide() (the action's own code) answers, asks "did you mean"
    (clarify) or declines (out_of_scope).
For each pair: accuracy on answer rows, wrong-answer rate on out_of_scope rows (an article answer
given; clarify and decline are fine) and the clarify share. Prints the table and the best pair:
the highest accuracy with wrong-answer rate <= --max-wrong (default 10%) and a margin of at least
MIN_MARGIN_FLOOR; ties are broken by the lower wrong-answer rate, then by taking the median of the tied
pairs, to stay off the plateau's edges. (A margin of 0 is measured and shown but never picked: the bot
must ask "did you mean" when the top two are close, and with no margin it never would.)
Writes reports/thresholds.json. Never reads the outside evaluation sets.

    PYTHONPATH=. .venv/bin/python -m evaluation.thresholds [--model PATH] [--max-wrong 0.10]

Then set FAQ_MIN_CONFIDENCE / FAQ_MIN_MARGIN (or the defaults in actions/faq.py) to the pair found.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from actions.faq import GUARD_OFF
from evaluation.common import (FAQ_DEV_SETS, REPORTS, ROOT, load_nlu_agent, pct, rate, read_faq_dev,
                               write_json)

CONFIDENCES = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
MARGINS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]
MIN_MARGIN_FLOOR = 0.05  # the smallest margin best_pair may pick (see the module docstring)
UNKNOWN_LIMITS = [0, 1, 2, 3, 4, GUARD_OFF]  # FAQ_MAX_UNKNOWN_WORDS
FAQ_ROUTED = {"out_of_scope", "nlu_fallback"}
CRISIS_INTENTS = {"crisis", "crisis_urgent", "crisis_safe"}


def routed_outcome(parse: Dict[str, Any], articles: Sequence[str], thresholds: Any) -> str:
    """The answer_id the bot would give for one parsed message under the given thresholds."""
    from actions.faq import INTENT_ALIASES, decide, is_question

    top = (parse.get("intent") or {}).get("name")
    if top in CRISIS_INTENTS:
        return "crisis_resources"
    # express_distress also goes to the FAQ action (data/rules.yml), which answers it as its alias
    # (signs_need_iop): an article answer.
    if top not in articles and top not in FAQ_ROUTED and top not in INTENT_ALIASES:
        return top or "out_of_scope"
    unknown = (parse.get("scope") or {}).get("unknown_words")
    d = decide(parse.get("intent_ranking") or [], articles, thresholds, unknown_words=unknown,
               question=is_question(parse.get("text")))
    return d.answer_ids[0] if d.kind == "answer" else d.kind


def sweep(parses: List[Dict[str, Any]], expected: List[str], articles: Sequence[str],
          confidences: Sequence[float] = CONFIDENCES, margins: Sequence[float] = MARGINS,
          clarify_confidence: float = 0.3, unknown_limits: Sequence[int] = UNKNOWN_LIMITS) -> List[Dict[str, Any]]:
    from actions.faq import Thresholds

    arts = set(articles)
    answer_idx = [i for i, e in enumerate(expected) if e in arts]
    oos_idx = [i for i, e in enumerate(expected) if e == "out_of_scope"]
    grid = []
    for u, c, m in itertools.product(unknown_limits, confidences, margins):
        t = Thresholds(min_confidence=c, min_margin=m, clarify_confidence=clarify_confidence,
                       max_unknown_words=u)
        got = [routed_outcome(p, articles, t) for p in parses]
        correct = sum(got[i] == expected[i] for i in answer_idx)
        wrong = sum(got[i] in arts for i in oos_idx)
        grid.append({"min_confidence": c, "min_margin": m, "max_unknown_words": u,
                     "accuracy": rate(correct, len(answer_idx)),
                     "wrong_answer_rate": rate(wrong, len(oos_idx)),
                     "clarify_rate_answer_rows": rate(sum(got[i] == "clarify" for i in answer_idx),
                                                      len(answer_idx)),
                     "wrong_article_rate_answer_rows": rate(
                         sum(got[i] in arts and got[i] != expected[i] for i in answer_idx), len(answer_idx))})
    return grid


def best_pair(grid: List[Dict[str, Any]], max_wrong: float,
              min_margin_floor: float = MIN_MARGIN_FLOOR) -> Optional[Dict[str, Any]]:
    """Highest accuracy with wrong_answer_rate <= max_wrong and min_margin >= min_margin_floor; ties:
    lower wrong-answer rate, then the median of the tied pairs ordered by (min_confidence, min_margin)."""
    ok = [g for g in grid if g["wrong_answer_rate"] is not None and g["wrong_answer_rate"] <= max_wrong + 1e-12
          and g["accuracy"] is not None and g["min_margin"] >= min_margin_floor - 1e-12]
    if not ok:
        return None
    top_acc = max(g["accuracy"] for g in ok)
    tied = [g for g in ok if abs(g["accuracy"] - top_acc) < 1e-12]
    low_wrong = min(g["wrong_answer_rate"] for g in tied)
    tied = sorted((g for g in tied if abs(g["wrong_answer_rate"] - low_wrong) < 1e-12),
                  key=lambda g: (-g.get("max_unknown_words", 0), g["min_confidence"], g["min_margin"]))
    return tied[(len(tied) - 1) // 2]


def format_table(grid: List[Dict[str, Any]], best: Optional[Dict[str, Any]]) -> str:
    lines = []
    for u in sorted({g["max_unknown_words"] for g in grid}):
        lines += _format_one([g for g in grid if g["max_unknown_words"] == u], best,
                             f"max_unknown_words {u}" + (" (guard off)" if u >= GUARD_OFF else ""))
    return "\n".join(lines)


def _format_one(grid: List[Dict[str, Any]], best: Optional[Dict[str, Any]], title: str) -> List[str]:
    confs = sorted({g["min_confidence"] for g in grid})
    margins = sorted({g["min_margin"] for g in grid})
    cell = {(g["min_confidence"], g["min_margin"]): g for g in grid}
    head = "conf \\ margin " + "".join(f"{m:>13.2f}" for m in margins)
    lines = [f"accuracy on answer rows / wrong-answer rate on out-of-scope rows (dev sets), {title}", head]
    for c in confs:
        row = f"{c:>13.2f} "
        for m in margins:
            g = cell[(c, m)]
            mark = "*" if best is g else " "
            row += f"{100 * g['accuracy']:>5.1f}/{100 * g['wrong_answer_rate']:>5.1f}{mark} "
        lines.append(row)
    return lines


async def _parse_all(model: str, texts: List[str]) -> List[Dict[str, Any]]:
    agent = load_nlu_agent(model)
    out = []
    for i, t in enumerate(texts):
        p = await agent.parse_message(t)
        out.append({"text": t, "intent": p.get("intent"), "intent_ranking": p.get("intent_ranking"),
                    "scope": p.get("scope")})
        if (i + 1) % 50 == 0:
            print(f"  parsed {i + 1}/{len(texts)}", file=sys.stderr, flush=True)
    return out


def _also(g: Dict[str, Any]) -> str:
    """What the pick rule does not weigh but a person should see before taking a pair: answer rows given
    the wrong article, and answer rows asked "did you mean" (tenth session, reports/bench.md item 34)."""
    return (f"wrong article on answer rows {pct(g['wrong_article_rate_answer_rows'])}, "
            f"clarify on answer rows {pct(g['clarify_rate_answer_rows'])}")


def main(argv: Optional[List[str]] = None) -> int:
    from actions.faq import Thresholds
    from evaluation.common import article_ids
    from evaluation.servers import latest_model

    ap = argparse.ArgumentParser(description="FAQ threshold sweep on our held-out FAQ dev sets")
    ap.add_argument("--model", help="model archive (default: newest in models/)")
    ap.add_argument("--max-wrong", type=float, default=0.10, help="max wrong-answer rate on out-of-scope rows")
    ap.add_argument("--out", default=str(REPORTS / "thresholds.json"))
    args = ap.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.getLogger().setLevel(logging.WARNING)

    rows = read_faq_dev()
    texts, expected = [r["text"] for r in rows], [r["answer_id"] for r in rows]
    articles = article_ids()
    model = args.model or latest_model()
    clarify = Thresholds.from_env().clarify_confidence
    print(f"Parsing {len(texts)} dev rows with {model} (NLU only) ...", file=sys.stderr, flush=True)
    t0 = time.monotonic()
    parses = asyncio.run(_parse_all(model, texts))
    grid = sweep(parses, expected, articles, clarify_confidence=clarify)
    best = best_pair(grid, args.max_wrong)
    current = Thresholds.from_env()
    cur = next((g for g in sweep(parses, expected, articles, [current.min_confidence], [current.min_margin],
                                 clarify_confidence=clarify, unknown_limits=[current.max_unknown_words])), None)
    print(format_table(grid, best))
    print(f"(* = best; clarify_confidence {clarify}; {len(texts)} rows, {time.monotonic() - t0:.0f}s)")
    if cur:
        print(f"current thresholds ({current.min_confidence}, {current.min_margin}, max unknown words "
              f"{current.max_unknown_words}): accuracy "
              f"{pct(cur['accuracy'])}, wrong-answer {pct(cur['wrong_answer_rate'])}, {_also(cur)}")
    if best:
        print(f"best with wrong-answer <= {pct(args.max_wrong, 0)}: min_confidence {best['min_confidence']}, "
              f"min_margin {best['min_margin']}, max_unknown_words {best['max_unknown_words']}: accuracy {pct(best['accuracy'])}, wrong-answer "
              f"{pct(best['wrong_answer_rate'])}, {_also(best)}")
    else:
        print(f"no pair keeps the wrong-answer rate <= {pct(args.max_wrong, 0)}")
    write_json(Path(args.out), {
        "date": time.strftime("%Y-%m-%d %H:%M"), "model": Path(model).name, "dev_sets": [str(p.relative_to(ROOT)) for p in FAQ_DEV_SETS],
        "rows": len(texts), "max_wrong_answer_rate": args.max_wrong, "clarify_confidence": clarify,
        "best": best, "current": {"min_confidence": current.min_confidence, "min_margin": current.min_margin,
                                  "max_unknown_words": current.max_unknown_words,
                                  **({k: cur[k] for k in ("accuracy", "wrong_answer_rate")} if cur else {})},
        "grid": grid})
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
