"""Measure the CrisisDetector's classifier_threshold (a measurement, not a test).

Loads a trained model's NLU in-process and parses every row of our own dev sets only: the crisis sweep sets
(evaluation.common.CRISIS_SWEEP_SETS), every FAQ dev set (evaluation.common.FAQ_DEV_SETS; up to the ninth
session only the first four were listed here) and the distress negatives (distress_dev.tsv). The crisis
held-out sets (evaluation.common.CRISIS_HELD_OUT_SETS: the halves B of the fifth, seventh and thirteenth
sessions' writers, the thirteenth session's two long-message sets and the sixteenth session's two contrast
halves B) are left out of the sweep: their figures are printed on their own.
Then the crisis windows (components/crisis_windows.py): the shipped rule OR the best window's crisis score
>= w, for w 0.8..0.99, on the sweep and the held-out sets, and the window_threshold the same rule picks.
Then the joint rule the shipped pair comes from (fifteenth session, `joint_pick`): both thresholds together, the
window threshold at most --max-window (0.96) so that our own long severe test messages stay caught.
Reports, for thresholds 0.1..0.95, with the figurative/denial veto applied as the detector applies it,
with and without the risk-vocabulary gate: how many crisis rows the classifier alone would catch
(its crisis score >= t: CrisisDetector.classifier_score), how many non-crisis rows it would wrongly send to the
crisis path, and the same for patterns OR classifier (what the bot does).

    flock /tmp/heavy.lock env PYTHONPATH=. .venv/bin/python -m evaluation.crisis_threshold [--model PATH] \
        [--window-stride N] [--max-window W]
"""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from evaluation.common import CRISIS_HELD_OUT_SETS as HELD_OUT

ROOT = Path(__file__).resolve().parent.parent
# The joint rule's highest window threshold: the two long messages of our own with a near-attempt and a method
# in them (tests/test_crisis_integration.py LONG_WITH_RISK), which only the windows catch, score 0.961 and 0.964
# (fifteenth session's model); a window threshold above that loses them.
MAX_WINDOW = 0.96
JOINT_THRESHOLDS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
JOINT_WINDOWS = (0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--window-stride", type=int, default=None,
                    help="measure with this CrisisWindowSplitter stride instead of the model's")
    ap.add_argument("--max-window", type=float, default=MAX_WINDOW,
                    help="the joint rule's highest window threshold (default %(default)s; see MAX_WINDOW)")
    args = ap.parse_args()
    from components.crisis_detector import CrisisDetector, detect, figurative_only
    from evaluation.common import (CRISIS_SWEEP_SETS, FAQ_DEV_SETS, crisis_dev_rows, load_nlu_agent,
                                   loaded_component, read_tsv)
    from evaluation.servers import latest_model

    agent = load_nlu_agent(args.model or latest_model())
    if args.window_stride is not None:
        from components.crisis_windows import CrisisWindowSplitter
        splitter = loaded_component(agent, CrisisWindowSplitter)
        if splitter is None:
            raise SystemExit("--window-stride: the model has no CrisisWindowSplitter")
        splitter.stride = args.window_stride
    def read(name):
        return read_tsv(ROOT / "tests" / "data" / name)

    rows = [row for name in CRISIS_SWEEP_SETS for row in crisis_dev_rows(name)] \
        + [(r["text"], False) for path in FAQ_DEV_SETS for r in read_tsv(path)] \
        + [(r["text"], False) for r in read("distress_dev.tsv")]
    # Held out of the sweep: the halves B of the severe (fifth session), chat and forum (seventh), long-post and
    # short-chat (thirteenth) sets, the thirteenth session's two long-message sets and the sixteenth session's
    # contrast halves B.
    held_out = [row for name in HELD_OUT for row in crisis_dev_rows(name)]
    # Long counselling-forum posts without risk: the kind of negative the outside set is made of and
    # the classifier found hardest (fourth session). Counted on their own too.
    counselling = {r["text"] for r in read("crisis_dev_counselling.tsv") if r["label"] != "crisis"}

    async def parse_all():
        out = []
        for text, positive in rows + held_out:
            # the whole pipeline runs; CrisisDetector records the classifier's own crisis score
            result = await agent.parse_message(text)
            out.append((text, positive, result))
        return out

    parsed = asyncio.run(parse_all())

    def clf_scores(result):
        """The classifier's crisis and crisis_urgent confidences, as the detector recorded them."""
        return dict((result.get("crisis") or {}).get("classifier_scores") or {})

    def facts(parsed_rows):
        """(crisis row?, patterns matched?, classifier scores, counselling post?, judged figurative/denied?,
        text, best crisis-window score) for each parsed row."""
        out = []
        for text, positive, res in parsed_rows:
            d = detect(text)
            window = float((res.get("crisis") or {}).get("window_score") or 0.0)
            out.append((positive, d["matched"], clf_scores(res), text in counselling, figurative_only(d), text,
                        window))
        return out

    n_sweep = len(parsed) - len(held_out)
    data, held_data = facts(parsed[:n_sweep]), facts(parsed[n_sweep:])
    low_tops = [0, 0]  # [positives, negatives] whose final top intent is crisis* below the threshold
    for _, positive, res in parsed[:n_sweep]:
        top = res.get("intent") or {}
        if str(top.get("name", "")).startswith("crisis") and top.get("name") != "crisis_safe" \
                and top.get("confidence", 0) < 1.0:
            low_tops[0 if positive else 1] += 1
    pos = sum(row[0] for row in data)
    neg = len(data) - pos
    n_couns = sum(row[3] for row in data)
    pat_tp = sum(p and m for p, m, *_ in data)
    pat_fp = sum((not p) and m for p, m, *_ in data)
    print(f"rows: {pos} crisis, {neg} non-crisis (our crisis, FAQ and distress dev sets)")
    print(f"patterns alone: caught {pat_tp}/{pos}, false alarms {pat_fp}/{neg}")

    defaults = CrisisDetector.get_default_config()

    def counts(data=data, windows=False, **config):
        """Caught / false alarms with the detector's own rule (CrisisDetector.classifier_counts) under
        `config`: classifier alone, patterns OR classifier (OR, with `windows`, a crisis window at or above
        window_threshold), and the latter's false alarms on counselling posts."""
        det = CrisisDetector({**defaults, **config})
        clf = [det.classifier_counts(det.classifier_score(s)[1], text, fig) for _, _, s, _, fig, text, _ in data]
        both = [m or c or (windows and w >= det.window_threshold) for (_, m, *_, w), c in zip(data, clf)]
        return (sum(p and c for (p, *_), c in zip(data, clf)), sum((not p) and c for (p, *_), c in zip(data, clf)),
                sum(p and b for (p, *_), b in zip(data, both)), sum((not p) and b for (p, *_), b in zip(data, both)),
                sum(row[3] and b for row, b in zip(data, both)))

    never = 1.01  # the figurative/denial veto never gives way
    for title, gate in (("with the figurative/denial veto and the risk-vocabulary gate "
                         "(risk_vocabulary_gate: true)", True),
                        ("with the figurative/denial veto only (risk_vocabulary_gate: false)", False)):
        print(title)
        print("threshold | classifier alone: caught, false alarms | patterns OR classifier: caught, false alarms"
              " (of them on counselling posts)")
        for t in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]:
            c_tp, c_fp, u_tp, u_fp, u_cp = counts(classifier_threshold=t, risk_vocabulary_gate=gate,
                                                  veto_yields_at=never)
            print(f"  {t:.2f}    | {c_tp:4d}/{pos} {c_fp:4d}/{neg}            | {u_tp:4d}/{pos} {u_fp:4d}/{neg}"
                  f" ({u_cp}/{n_couns})")
    shipped = defaults["classifier_threshold"]
    print(f"without the gate at {shipped}: the figurative/denial veto giving way to a classifier at least v sure")
    for v in [never, 0.95, 0.9, 0.85, 0.8]:
        _, _, u_tp, u_fp, u_cp = counts(risk_vocabulary_gate=False, veto_yields_at=v)
        print(f"  v {v:.2f}: caught {u_tp}/{pos}, false alarms {u_fp}/{neg} ({u_cp}/{n_couns})"
              + ("  (never)" if v == never else ""))
    v = defaults["veto_yields_at"]
    shipped_kind = defaults["classifier_score"]
    held_pos = sum(row[0] for row in held_data)
    for kind in ("max", "sum"):
        print(f"the shipped rule (no gate, veto gives way at {v}) by threshold, classifier score {kind!r}"
              f"{' (shipped)' if kind == shipped_kind else ''} (crisis_urgent + crisis if 'sum', the larger if 'max'):")
        picks = []
        for t in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]:
            _, _, u_tp, u_fp, u_cp = counts(classifier_threshold=t, risk_vocabulary_gate=False, veto_yields_at=v,
                                            classifier_score=kind)
            ok = meets_rule(u_fp, u_cp, neg, n_couns)
            picks += [(u_tp, -t, t)] if ok else []
            print(f"  {t:.2f}: caught {u_tp}/{pos}, false alarms {u_fp}/{neg} ({u_cp}/{n_couns})" + ("" if ok else "  over"))
        print("Rule (fourth session): the most caught with false alarms under 2% of all negatives and at most 3% "
              "of the counselling posts." + (f" It picks {max(picks)[2]}." if picks else " No threshold meets it."))
        for t in sorted({shipped, *([max(picks)[2]] if picks else [])}):
            _, _, h_tp, h_fp, _ = counts(held_data, classifier_threshold=t, classifier_score=kind)
            print(f"held out ({' + '.join(HELD_OUT)}) at {t}, {kind!r}"
                  f"{' (shipped)' if t == shipped and kind == shipped_kind else ''}, whole messages only: caught "
                  f"{h_tp}/{held_pos}, false alarms {h_fp}/{len(held_data) - held_pos}")
    windows_sweep(counts, data, held_data, pos, neg, n_couns, held_pos, defaults)
    pick = joint_pick(counts, neg, n_couns, max_window=args.max_window)
    if pick is None:
        print(f"joint rule (windows <= {args.max_window}): no pair meets it")
    else:
        t, w, u_tp, u_fp, u_cp = pick
        _, _, h_tp, h_fp, _ = counts(held_data, windows=True, classifier_threshold=t, window_threshold=w)
        print(f"joint rule (fifteenth session; both thresholds together, windows <= {args.max_window}): it picks "
              f"classifier {t}, windows {w}: caught {u_tp}/{pos}, false alarms {u_fp}/{neg} ({u_cp}/{n_couns}); "
              f"held out caught {h_tp}/{held_pos}, false alarms {h_fp}/{len(held_data) - held_pos}"
              + ("  (shipped)" if (t, w) == (shipped, defaults["window_threshold"]) else ""))
    print(f"at the shipped threshold, rows left with a crisis top intent below 1.0 (the crisis rule still "
          f"fires on them): {low_tops[0]} positives, {low_tops[1]} negatives")


def meets_rule(false_alarms: int, counselling: int, neg: int, n_couns: int) -> bool:
    """The fourth session's limits, which every threshold here is chosen under: false alarms under 2% of all
    `neg` negatives and at most 3% of the `n_couns` counselling posts."""
    return false_alarms < 0.02 * neg and counselling <= 0.03 * n_couns


def joint_pick(counts, neg, n_couns, max_window=MAX_WINDOW, thresholds=JOINT_THRESHOLDS, windows=JOINT_WINDOWS):
    """The classifier and window thresholds chosen together (fifteenth session): among the pairs with the window
    threshold at most max_window that meet the limits (`meets_rule`), the most sweep crisis rows caught; ties go
    to fewer false alarms, then to the lower thresholds. `counts(windows=True, classifier_threshold=t, window_threshold=w)` gives (classifier-alone
    caught, its false alarms, caught, false alarms, false alarms on counselling posts), as in main().
    Returns (t, w, caught, false alarms, counselling false alarms), or None when no pair meets the rule."""
    best = None
    for t in thresholds:
        for w in windows:
            if w > max_window:
                continue
            _, _, tp, fp, cp = counts(windows=True, classifier_threshold=t, window_threshold=w)
            if meets_rule(fp, cp, neg, n_couns):
                key = (tp, -fp, -t, -w)
                if best is None or key > best[0]:
                    best = (key, (t, w, tp, fp, cp))
    return None if best is None else best[1]


def windows_sweep(counts, data, held_data, pos, neg, n_couns, held_pos, defaults) -> None:
    """The shipped rule OR a crisis window (components/crisis_windows.py) at or above w, by w."""
    with_windows = sum(row[6] > 0 for row in data)
    print(f"crisis windows: the shipped rule OR the best window's crisis score >= w ({with_windows} of "
          f"{len(data)} sweep rows have windows; shipped window_threshold {defaults['window_threshold']}):")
    picks = []
    for w in [None, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99]:
        config = {} if w is None else {"window_threshold": w}
        _, _, u_tp, u_fp, u_cp = counts(windows=w is not None, **config)
        _, _, h_tp, h_fp, _ = counts(held_data, windows=w is not None, **config)
        ok = meets_rule(u_fp, u_cp, neg, n_couns)
        picks += [(u_tp, -w, w)] if ok and w is not None else []  # ties: the lowest, as for the threshold
        print(f"  {'no windows' if w is None else f'w {w:.2f}'}: caught {u_tp}/{pos}, false alarms {u_fp}/{neg} "
              f"({u_cp}/{n_couns}); held out caught {h_tp}/{held_pos}, false alarms "
              f"{h_fp}/{len(held_data) - held_pos}" + ("" if ok else "  over"))
    print("Same rule as the threshold, on the sweep sets only" + (f": it picks {max(picks)[2]}." if picks else
                                                               ": no window threshold meets it."))


if __name__ == "__main__":
    main()
