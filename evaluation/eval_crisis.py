"""Crisis evaluation of the WHOLE bot (`make eval-crisis`).

Every row of the outside sets crisis_positive.tsv and crisis_negative.tsv is sent over REST as the
first message of a fresh conversation to the real bot (Rasa + action server, via BotStack). A row is
flagged as crisis when the reply contract's answer_id is crisis_resources; the reply text is also
checked for 988. Then the false alarms and misses are parsed with the NLU model in-process to see
what raised each alarm (the crisis detector's patterns, the intent classifier, or both). Prints recall (overall, by category, on plan/attempt/method rows), false alarms
(overall, hard negatives), the misses and false alarms by category, PASS/FAIL against the targets,
and writes reports/eval_crisis.json.

    PYTHONPATH=. .venv/bin/python -m evaluation.eval_crisis [--model PATH] [--limit N] [--workers 4]

EVAL_DIR overrides where the sets are read from (default ../shared/eval relative to the repo).
The sets are for measuring only: never copy their texts into data/.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from evaluation.common import (REPORTS, ask_rows, crisis_checks, load_nlu_agent, pct, read_tsv,
                               require_eval_file, score_crisis, write_json)


def load_crisis_sets(limit: Optional[int] = None, seed: int = 7) -> Tuple[List[Dict], List[Dict]]:
    """(positives, negatives) as dicts with text and note. `limit` keeps a random sample of N rows
    of each file (fixed seed), for quick checks only: figures from a sample are not the result."""
    pos = read_tsv(require_eval_file("crisis_positive.tsv"))
    neg = read_tsv(require_eval_file("crisis_negative.tsv"))
    if limit:
        rnd = random.Random(seed)
        pos = rnd.sample(pos, min(limit, len(pos)))
        neg = rnd.sample(neg, min(limit, len(neg)))
    return pos, neg


def run_crisis(bot: Any, positives: List[Dict], negatives: List[Dict], workers: int = 4) -> Dict[str, Any]:
    """Send every row through the bot and score. Returns the summary of score_crisis plus timing."""
    t0 = time.monotonic()
    rows = positives + negatives
    results = ask_rows(bot, [r["text"] for r in rows], prefix="eval-crisis", workers=workers,
                       label="crisis rows")
    scored = [{**r, **res} for r, res in zip(rows, results)]
    summary = score_crisis(scored[:len(positives)], scored[len(positives):])
    summary["seconds"] = round(time.monotonic() - t0, 1)
    return summary


CRISIS_INTENTS = ("crisis", "crisis_urgent", "crisis_safe")


def raised_by(row: Dict[str, Any]) -> str:
    """What made the NLU output a crisis intent for one diagnosed row."""
    if row.get("detector_matched") and row.get("source"):
        return f"detector: {row['source']}"
    if row.get("nlu_intent") in CRISIS_INTENTS:
        # the classifier's top intent is a crisis intent below the detector's threshold: the crisis
        # rules fire anyway (no confidence gate on crisis intents)
        return f"classifier top intent {row['nlu_intent']} below the detector threshold"
    return "not a crisis intent when parsed alone"


def diagnose(model: str, summary: Dict[str, Any]) -> Dict[str, Any]:
    """Why: parse every false alarm and miss with the NLU model in-process and read the crisis
    detector's output (`crisis.source`: patterns, classifier or both; the classifier's crisis score).
    Adds summary["false_alarm_sources"] (source -> count) and summary["diagnosis"] (per text)."""
    import asyncio

    texts = [t for v in summary["false_alarm_texts"].values() for t in v] + \
            [t for v in summary["misses"].values() for t in v]
    if not texts:
        summary["false_alarm_sources"], summary["diagnosis"] = {}, []
        return summary
    print(f"Diagnosing {len(texts)} false alarms and misses with the NLU model ...", file=sys.stderr, flush=True)
    agent = load_nlu_agent(model)

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(t) for t in texts]

    rows = []
    for t, p in zip(texts, asyncio.run(parse_all())):
        crisis = p.get("crisis") or {}
        top_other = next((r for r in p.get("intent_ranking") or [] if r.get("name") not in CRISIS_INTENTS), {})
        rows.append({"text": t, "nlu_intent": (p.get("intent") or {}).get("name"),
                     "detector_matched": crisis.get("matched"), "source": crisis.get("source"),
                     "categories": crisis.get("categories"),
                     "classifier_confidence": crisis.get("classifier_confidence"),
                     "best_other_intent": top_other.get("name")})
    fa = set(t for v in summary["false_alarm_texts"].values() for t in v)
    sources: Dict[str, int] = {}
    for r in rows:
        r["raised_by"] = raised_by(r)
        if r["text"] in fa:
            sources[r["raised_by"]] = sources.get(r["raised_by"], 0) + 1
    summary["false_alarm_sources"] = dict(sorted(sources.items(), key=lambda kv: -kv[1]))
    summary["diagnosis"] = rows
    return summary


def format_crisis(summary: Dict[str, Any], show_lists: bool = True) -> str:
    s = summary
    out = [f"Crisis detection through the whole bot ({s['positives']} positives, "
           f"{s['negatives']} negatives)",
           f"  recall overall:               {pct(s['recall'])}  ({s['caught']}/{s['positives']})",
           f"  recall plan/attempt/method:   {pct(s['severe_recall'])}  "
           f"({s['severe_caught']}/{s['severe_total']})",
           f"  false alarms overall:         {pct(s['false_alarm_rate'])}  "
           f"({s['false_alarms']}/{s['negatives']})",
           f"  false alarms hard negatives:  {pct(s['hard_false_alarm_rate'])}  "
           f"({s['hard_false_alarms']}/{s['hard_negatives']})",
           "  recall by category:"]
    for cat, c in sorted(s["recall_by_category"].items(), key=lambda kv: -kv[1]["total"]):
        out.append(f"    {pct(c['recall']):>7}  {c['caught']:>3}/{c['total']:<3}  {cat}")
    if s.get("errors"):
        out.append(f"  ! {s['errors']} rows got no reply (HTTP errors); they count as not flagged")
    if s.get("crisis_replies_without_988"):
        out.append(f"  ! {s['crisis_replies_without_988']} crisis_resources replies do not mention 988")
    out.append("  targets:")
    for label, value, ok in crisis_checks(s):
        out.append(f"    {'PASS' if ok else 'FAIL'}  {label}  (measured {pct(value)})")
    if summary.get("false_alarm_sources"):
        out.append("  false alarms by what raised them (crisis detector output): " + ", ".join(
            f"{k} {v}" for k, v in summary["false_alarm_sources"].items()))
    if show_lists:
        out.append(f"  misses ({s['positives'] - s['caught']}), by category:")
        for cat, texts in sorted(s["misses"].items()):
            out.append(f"    [{cat}] {len(texts)}")
            out.extend(f"      - {_short(t)}" for t in texts)
        out.append(f"  false alarms ({s['false_alarms']}), by category:")
        for cat, texts in sorted(s["false_alarm_texts"].items()):
            out.append(f"    [{cat}] {len(texts)}")
            out.extend(f"      - {_short(t)}" for t in texts)
    return "\n".join(out)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def crisis_report_json(summary: Dict[str, Any], model: str) -> Dict[str, Any]:
    return {"model": Path(model).name,
            "targets": [{"target": l, "value": v, "pass": ok} for l, v, ok in crisis_checks(summary)],
            **summary}


def main(argv: Optional[List[str]] = None) -> int:
    from evaluation.servers import BotStack, latest_model

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model archive (default: newest in models/)")
    ap.add_argument("--limit", type=int, default=0, help="random sample of N rows per file (quick check)")
    ap.add_argument("--workers", type=int, default=4, help="concurrent requests")
    ap.add_argument("--out", default=str(REPORTS / "eval_crisis.json"))
    ap.add_argument("--no-diagnose", action="store_true",
                    help="skip parsing the false alarms and misses with the NLU model to see what raised them")
    args = ap.parse_args(argv)

    positives, negatives = load_crisis_sets(args.limit or None)
    model = args.model or latest_model()
    print(f"Starting the bot with {model} ...", file=sys.stderr, flush=True)
    with BotStack(model=model) as bot:
        print(f"  ready in {bot.startup_s:.1f}s", file=sys.stderr, flush=True)
        summary = run_crisis(bot, positives, negatives, workers=args.workers)
    summary["limit"] = args.limit or None
    if not args.no_diagnose:
        diagnose(model, summary)
    print(format_crisis(summary))
    write_json(Path(args.out), crisis_report_json(summary, model))
    print(f"wrote {args.out}")
    return 0  # an evaluation, not a gate: PASS/FAIL is printed, the exit code stays 0


if __name__ == "__main__":
    sys.exit(main())
