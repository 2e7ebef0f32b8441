"""Measure the CrisisDetector's classifier_threshold (a measurement, not a test).

Loads a trained model's NLU in-process and parses every row of our own dev sets only: crisis
(tests/data/crisis_dev.tsv, crisis_dev_posts.tsv, crisis_dev_indirect_a.tsv and _b.tsv,
crisis_dev_counselling.tsv), FAQ (faq_dev.tsv,
faq_dev_hard.tsv, faq_dev_naive.tsv) and the distress
negatives (distress_dev.tsv). Reports, for thresholds 0.1..0.95, with the figurative/denial veto
applied as the detector applies it, with and without the risk-vocabulary gate: how many crisis rows the classifier
alone would catch (max crisis/crisis_urgent confidence >= t), how many non-crisis rows it would wrongly
send to the crisis path, and the same for patterns OR classifier (what the bot does).

    flock /tmp/heavy.lock env PYTHONPATH=. .venv/bin/python -m evaluation.crisis_threshold [--model PATH]
"""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    from components.crisis_detector import detect, has_risk_vocabulary
    from evaluation.common import load_nlu_agent, read_tsv
    from evaluation.servers import latest_model

    agent = load_nlu_agent(args.model or latest_model())
    def read(name):
        return read_tsv(ROOT / "tests" / "data" / name)

    rows = [(r["text"], r["label"] != "none") for r in read("crisis_dev.tsv")] \
        + [(r["text"], r["label"] == "crisis") for r in read("crisis_dev_posts.tsv")
           + read("crisis_dev_indirect_a.tsv") + read("crisis_dev_indirect_b.tsv")
           + read("crisis_dev_counselling.tsv")] \
        + [(r["text"], False) for r in read("faq_dev.tsv") + read("faq_dev_hard.tsv") + read("faq_dev_naive.tsv")
           + read("distress_dev.tsv")]
    # Long counselling-forum posts without risk: the kind of negative the outside set is made of and
    # the classifier found hardest (fourth session). Counted on their own too.
    counselling = {r["text"] for r in read("crisis_dev_counselling.tsv") if r["label"] != "crisis"}

    async def parse_all():
        out = []
        for text, positive in rows:
            # the whole pipeline runs; CrisisDetector records the classifier's own crisis score
            result = await agent.parse_message(text)
            out.append((text, positive, result))
        return out

    parsed = asyncio.run(parse_all())

    def clf_score(result):
        return float((result.get("crisis") or {}).get("classifier_confidence", 0.0))

    data, ungated, raw = [], [], []
    low_tops = [0, 0]  # [positives, negatives] whose final top intent is crisis* below the threshold
    for text, positive, res in parsed:
        d = detect(text)
        figurative = not d["matched"] and bool(d.get("figurative_or_denied"))
        vetoed = figurative or (not d["matched"] and not has_risk_vocabulary(text))
        data.append((positive, d["matched"], 0.0 if vetoed else clf_score(res), text in counselling))
        ungated.append((positive, d["matched"], 0.0 if figurative else clf_score(res), text in counselling))
        raw.append((positive, d["matched"], clf_score(res), text in counselling, figurative))
        top = res.get("intent") or {}
        if str(top.get("name", "")).startswith("crisis") and top.get("name") != "crisis_safe" \
                and top.get("confidence", 0) < 1.0:
            low_tops[0 if positive else 1] += 1
    pos = sum(p for p, _, _, _ in data)
    neg = len(data) - pos
    n_couns = sum(c for _, _, _, c in data)
    pat_tp = sum(p and m for p, m, _, _ in data)
    pat_fp = sum((not p) and m for p, m, _, _ in data)
    print(f"rows: {pos} crisis, {neg} non-crisis (our crisis, FAQ and distress dev sets)")
    print(f"patterns alone: caught {pat_tp}/{pos}, false alarms {pat_fp}/{neg}")
    for title, table in (("with the figurative/denial veto and the risk-vocabulary gate "
                          "(risk_vocabulary_gate: true)", data),
                         ("with the figurative/denial veto only (risk_vocabulary_gate: false)", ungated)):
        print(title)
        print("threshold | classifier alone: caught, false alarms | patterns OR classifier: caught, false alarms"
              " (of them on counselling posts)")
        for t in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]:
            c_tp = sum(p and s >= t for p, _, s, _ in table)
            c_fp = sum((not p) and s >= t for p, _, s, _ in table)
            u_tp = sum(p and (m or s >= t) for p, m, s, _ in table)
            u_fp = sum((not p) and (m or s >= t) for p, m, s, _ in table)
            u_cp = sum(c and (m or s >= t) for p, m, s, c in table)
            print(f"  {t:.2f}    | {c_tp:4d}/{pos} {c_fp:4d}/{neg}            | {u_tp:4d}/{pos} {u_fp:4d}/{neg}"
                  f" ({u_cp}/{n_couns})")
    from components.crisis_detector import CrisisDetector
    t = CrisisDetector.get_default_config()["classifier_threshold"]
    print(f"without the gate at {t}: the figurative/denial veto giving way to a classifier at least v sure")
    for v in [1.01, 0.95, 0.9, 0.85, 0.8]:
        hit = [(p, c) for p, m, s, c, fig in raw if m or (s >= t and (not fig or s >= v))]
        print(f"  v {v:.2f}: caught {sum(p for p, _ in hit)}/{pos}, false alarms {sum(not p for p, _ in hit)}/{neg}"
              f" ({sum(c for _, c in hit)}/{n_couns})" + ("  (never)" if v > 1 else ""))
    print("Rule (fourth session): the most caught with false alarms under 2% of all negatives and at most 3% "
          "of the counselling posts.")
    print(f"at the shipped threshold, rows left with a crisis top intent below 1.0 (the crisis rule still "
          f"fires on them): {low_tops[0]} positives, {low_tops[1]} negatives")


if __name__ == "__main__":
    main()
