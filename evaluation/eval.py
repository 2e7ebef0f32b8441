"""The evaluation report (`make eval`): reports/eval.md, reports/eval.json and PNG plots in reports/.

Through the WHOLE bot over REST (Rasa + action server via BotStack), each row the first message of a
fresh conversation:
  1. FAQ, outside set faq_outside.tsv: accuracy on answerable=full rows (overall, per answer id,
     confusion matrix), wrong-answer rate on out-of-scope rows, `partial` rows for information, and
     the rows expecting crisis_resources on their own.
  2. FAQ, our held-out dev sets (evaluation.common.FAQ_DEV_SETS, tests/data/faq_dev*.tsv): the same metrics.
  3. Crisis (evaluation/eval_crisis.py): recall by category, false alarms overall and on hard negatives.
Then, without servers:
  4. `rasa test nlu --cross-validation --folds 5` on data/ with config.yml: weighted intent F1 and the
     5 weakest intents (skip with EVAL_SKIP_CV=1; it trains 5 models).
  5. The threshold sweep summary, if evaluation/thresholds.py has written reports/thresholds.json.

    PYTHONPATH=. .venv/bin/python -m evaluation.eval [--model PATH] [--limit N] [--workers 4]

Env: EVAL_DIR (outside sets, default ../shared/eval), EVAL_SKIP_CV=1, EVAL_SKIP_CRISIS=1,
EVAL_CRISIS_DIAGNOSE=0 (don't parse the crisis false alarms/misses to see what raised them).
The outside sets are for measuring only; this report lists their texts (the misses) but nothing else
copies them anywhere.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from evaluation.common import (CRISIS_ID, FAQ_DEV_SETS, REPORTS, ROOT, article_ids, ask_rows,
                               confusion, crisis_checks, pct, read_faq_dev, read_tsv, require_eval_file,
                               score_faq, write_json)
from evaluation import eval_crisis

PYTHON = sys.executable


# ---------------------------------------------------------------------------------------------
# Sets
# ---------------------------------------------------------------------------------------------

def load_outside(limit: Optional[int] = None) -> List[Dict[str, str]]:
    rows = [{"text": r["text"], "expected": r["answer_id"], "answerable": r["answerable"]}
            for r in read_tsv(require_eval_file("faq_outside.tsv"))]
    return _sample(rows, limit)


def load_dev(limit: Optional[int] = None) -> List[Dict[str, str]]:
    try:
        dev = read_faq_dev()
    except FileNotFoundError as e:
        sys.exit(f"error: {e}")
    rows = [{"text": r["text"], "expected": r["answer_id"]} for r in dev]
    return _sample(rows, limit)


def _sample(rows: List[Dict[str, str]], limit: Optional[int], seed: int = 11) -> List[Dict[str, str]]:
    if not limit or limit >= len(rows):
        return rows
    return random.Random(seed).sample(rows, limit)


def run_faq(bot: Any, rows: List[Dict[str, str]], prefix: str, workers: int = 4) -> List[Dict[str, Any]]:
    results = ask_rows(bot, [r["text"] for r in rows], prefix=prefix, workers=workers, label=prefix)
    return [{**r, "got": res["answer_id"], "candidates": res.get("candidates") or [], "latency_s": res["latency_s"]}
            for r, res in zip(rows, results)]


# ---------------------------------------------------------------------------------------------
# Cross-validation
# ---------------------------------------------------------------------------------------------

def weakest_intents(report: Dict[str, Any], n: int = 5) -> List[Dict[str, Any]]:
    """The n intents with the lowest F1 in a Rasa intent_report.json (averages left out)."""
    rows = [{"intent": k, "f1": v["f1-score"], "precision": v["precision"], "recall": v["recall"],
             "support": v["support"]}
            for k, v in report.items()
            if isinstance(v, dict) and "f1-score" in v and not k.endswith(" avg")]
    return sorted(rows, key=lambda r: (r["f1"], r["intent"]))[:n]


def run_cross_validation(folds: int = 5, timeout: float = 5400) -> Dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix="eval-cv-"))
    log = out / "cv.log"
    cmd = [PYTHON, "-m", "rasa", "test", "nlu", "--nlu", "data", "--config", "config.yml",
           "--cross-validation", "--folds", str(folds), "--out", str(out / "results")]
    print(f"Cross-validation: {folds} folds ({folds} trainings), log {log} ...", file=sys.stderr, flush=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2",
           # a private training cache, so nothing is shared with other runs
           "RASA_CACHE_DIRECTORY": str(out / "cache")}
    t0 = time.monotonic()
    with open(log, "wb") as f:
        proc = subprocess.run(cmd, cwd=str(ROOT), env=env, stdout=f, stderr=subprocess.STDOUT,
                              timeout=timeout)
    seconds = time.monotonic() - t0
    report_path = out / "results" / "intent_report.json"
    if proc.returncode != 0 or not report_path.is_file():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-25:])
        return {"error": f"rasa test nlu exited {proc.returncode}; log {log}:\n{tail}",
                "seconds": round(seconds, 1)}
    report = json.loads(report_path.read_text())
    shutil.rmtree(out, ignore_errors=True)  # its training cache is large; on failure it is kept for the log
    weighted = report.get("weighted avg", {})
    print(f"  cross-validation done in {seconds:.0f}s", file=sys.stderr, flush=True)
    return {"folds": folds, "seconds": round(seconds, 1),
            "weighted_f1": weighted.get("f1-score"),
            "weighted_precision": weighted.get("precision"),
            "accuracy": report.get("accuracy"),
            "weakest": weakest_intents(report),
            "per_intent_f1": {k: v["f1-score"] for k, v in report.items()
                              if isinstance(v, dict) and "f1-score" in v and not k.endswith(" avg")}}


# ---------------------------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------------------------

def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_confusion(rows: List[Dict[str, Any]], order: Sequence[str], title: str, path: Path) -> None:
    plt = _plt()
    labels, m = confusion(((r["expected"], r["got"]) for r in rows), order)
    size = max(6, 0.45 * len(labels) + 3)
    fig, ax = plt.subplots(figsize=(size, size * 0.85))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=70, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("bot's answer_id")
    ax.set_ylabel("expected answer_id")
    peak = max((max(r) for r in m), default=0) or 1
    for i, row in enumerate(m):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                        color="white" if v > peak / 2 else "black")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_per_id(outside: Dict[str, Any], dev: Dict[str, Any], path: Path) -> None:
    plt = _plt()
    ids = sorted(set(outside["per_answer_id"]) | set(dev["per_answer_id"]))
    get = lambda s, a: (s["per_answer_id"].get(a) or {}).get("accuracy")  # noqa: E731
    fig, ax = plt.subplots(figsize=(10, 5))
    xs = range(len(ids))
    for k, (name, s) in enumerate((("outside (full rows)", outside), ("dev sets", dev))):
        vals = [get(s, a) for a in ids]
        ax.bar([x + (k - 0.5) * 0.4 for x in xs], [100 * v if v is not None else 0 for v in vals],
               width=0.4, label=name)
    ax.set_xticks(list(xs), ids, rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("accuracy %")
    ax.set_ylim(0, 105)
    ax.legend()
    ax.set_title("FAQ accuracy per answer id (whole bot)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_crisis(summary: Dict[str, Any], path: Path) -> None:
    plt = _plt()
    cats = sorted(summary["recall_by_category"].items(), key=lambda kv: -kv[1]["total"])
    labels = [f"{c} (n={v['total']})" for c, v in cats] + [
        f"ALL positives (n={summary['positives']})",
        f"false alarms: all negatives (n={summary['negatives']})",
        f"false alarms: hard negatives (n={summary['hard_negatives']})"]
    vals = [100 * (v["recall"] or 0) for _, v in cats] + [
        100 * (summary["recall"] or 0), 100 * (summary["false_alarm_rate"] or 0),
        100 * (summary["hard_false_alarm_rate"] or 0)]
    colors = ["tab:green"] * (len(cats) + 1) + ["tab:red", "tab:red"]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(labels) + 1.5))
    ax.barh(range(len(labels)), vals, color=colors)
    for i, v in enumerate(vals):
        ax.text(v + 1, i, f"{v:.1f}%", va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.axvline(99, color="gray", ls=":", lw=1)
    ax.set_xlabel("% flagged as crisis (green: recall, higher is better; red: false alarms, lower is better)")
    ax.set_title("Crisis detection through the whole bot", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def _faq_md(name: str, s: Dict[str, Any], outside: bool) -> List[str]:
    L = [f"| metric | value |", "|---|---|",
         f"| accuracy on answer rows{' (answerable = full)' if outside else ''} | "
         f"**{pct(s['accuracy'])}** ({s['correct']}/{s['answer_rows']}) |",
         f"| wrong-answer rate on out-of-scope rows (article answer given; lower is better) | "
         f"**{pct(s['wrong_answer_rate'])}** ({s['wrong_answers']}/{s['oos_rows']}) |"]
    if "right_or_one_tap" in s:
        L.append(f"| right answer, or \"did you mean\" with it among the buttons (information) | "
                 f"{pct(s['right_or_one_tap'])} ({s['correct'] + s['clarify_with_right_answer']}/{s['answer_rows']}) |")
    if outside:
        L.append(f"| partial rows answered with the expected id (information) | "
                 f"{pct(s['partial_accuracy'])} of {s['partial_rows']} |")
        L.append(f"| rows expecting crisis_resources that got it | {s['crisis_caught']}/{s['crisis_rows']} |")
        if s.get("unscored_rows"):
            L.append(f"| rows not scored (answerable = none but an article id expected) | {s['unscored_rows']} |")
    L.append("")
    L.append("Outcomes on answer rows: " + ", ".join(f"{k} {v}" for k, v in
                                                     sorted(s["answer_outcomes"].items(), key=lambda kv: -kv[1])))
    L.append("")
    L.append("Outcomes on out-of-scope rows: " + ", ".join(f"{k} {v}" for k, v in
                                                           sorted(s["oos_outcomes"].items(), key=lambda kv: -kv[1])))
    L += ["", "| answer id | accuracy | n |", "|---|---|---|"]
    for a, v in s["per_answer_id"].items():
        L.append(f"| {a} | {pct(v['accuracy'], 0)} | {v['correct']}/{v['total']} |")
    return L


def _esc(t: str) -> str:
    return " ".join(t.split()).replace("|", "\\|")


def render_md(res: Dict[str, Any]) -> str:
    o, d, c, cv, th = res["faq_outside"], res["faq_dev"], res.get("crisis"), res.get("cross_validation"), res.get("thresholds")
    L = ["# Evaluation", "",
         f"Generated by `make eval` (evaluation/eval.py) on {res['date']} with model `{res['model']}`"
         + (f", **sample of {res['limit']} rows per set (not the real figures)**" if res.get("limit") else "")
         + ". Every message went through the whole bot over REST (Rasa + action server) as the first "
           "message of a fresh conversation.", "",
         "## Summary", "", "| measure | value | target |", "|---|---|---|",
         f"| FAQ accuracy, outside set, answerable = full | {pct(o['accuracy'])} | |",
         f"| FAQ wrong-answer rate, outside set, out of scope | {pct(o['wrong_answer_rate'])} | <= 10% |",
         f"| FAQ accuracy, our dev sets | {pct(d['accuracy'])} | |",
         f"| FAQ wrong-answer rate, our dev sets, out of scope | {pct(d['wrong_answer_rate'])} | <= 10% |"]
    if c:
        for label, value, ok in crisis_checks(c):
            L.append(f"| crisis: {label} | {pct(value)} | **{'PASS' if ok else 'FAIL'}** |")
    if cv and "weighted_f1" in cv:
        L.append(f"| NLU intent F1 (weighted), {cv['folds']}-fold cross-validation | {cv['weighted_f1']:.3f} | |")
    L += ["", "## FAQ: outside set (`faq_outside.tsv`)", "", *_faq_md("outside", o, True), "",
          "![confusion matrix, outside set](confusion_faq_outside.png)", "",
          "## FAQ: our held-out dev sets (" + ", ".join(f"`{p.name}`" for p in FAQ_DEV_SETS) + ")", "", *_faq_md("dev", d, False), "",
          "![confusion matrix, dev sets](confusion_faq_dev.png)", "",
          "![accuracy per answer id](faq_per_id.png)", ""]
    if o["crisis_results"]:
        L += ["### Outside rows expecting crisis_resources", ""]
        L += [f"- got `{r['got']}`: {_esc(r['text'])}" for r in o["crisis_results"]]
        L.append("")
    L += ["## Crisis detection (whole bot)", ""]
    if c:
        L += [f"{c['positives']} positives, {c['negatives']} negatives ({c['hard_negatives']} hard).", "",
              "| category | recall | n |", "|---|---|---|"]
        for cat, v in sorted(c["recall_by_category"].items(), key=lambda kv: -kv[1]["total"]):
            L.append(f"| {cat} | {pct(v['recall'])} | {v['caught']}/{v['total']} |")
        L += [f"| **all positives** | **{pct(c['recall'])}** | {c['caught']}/{c['positives']} |",
              f"| plan / attempt / method rows | {pct(c['severe_recall'])} | {c['severe_caught']}/{c['severe_total']} |",
              "", "| false alarms | rate | n |", "|---|---|---|",
              f"| all negatives | {pct(c['false_alarm_rate'])} | {c['false_alarms']}/{c['negatives']} |",
              f"| hard negatives | {pct(c['hard_false_alarm_rate'])} | {c['hard_false_alarms']}/{c['hard_negatives']} |",
              ""]
        if c.get("false_alarm_sources"):
            L += ["False alarms by what raised them (the crisis detector's `source` when the NLU model "
                  "parses the text): " + ", ".join(f"{k} {v}" for k, v in c["false_alarm_sources"].items())
                  + ".", ""]
        if c.get("crisis_replies_without_988"):
            L += [f"**{c['crisis_replies_without_988']} crisis_resources replies did not mention 988.**", ""]
        if c.get("errors"):
            L += [f"**{c['errors']} rows got no reply (HTTP error); counted as not flagged.**", ""]
        L += ["![crisis recall and false alarms](crisis.png)", ""]
    else:
        L += ["Skipped (EVAL_SKIP_CRISIS=1).", ""]
    L += ["## NLU cross-validation", ""]
    if not cv:
        L += ["Skipped (EVAL_SKIP_CV=1).", ""]
    elif "error" in cv:
        L += ["Failed:", "", "```", cv["error"], "```", ""]
    else:
        L += [f"`rasa test nlu --cross-validation --folds {cv['folds']}` on data/ with config.yml "
              f"({cv['seconds']:.0f}s): weighted intent F1 **{cv['weighted_f1']:.3f}**, accuracy "
              f"{pct(cv.get('accuracy'))}.", "", "Weakest intents:", "",
              "| intent | F1 | precision | recall | support |", "|---|---|---|---|---|"]
        L += [f"| {w['intent']} | {w['f1']:.3f} | {w['precision']:.3f} | {w['recall']:.3f} | {w['support']} |"
              for w in cv["weakest"]]
        L.append("")
    L += ["## FAQ confidence thresholds", ""]
    if th:
        b = th.get("best") or {}
        L += [f"From reports/thresholds.json (evaluation/thresholds.py, dev sets only, NLU model only, "
              f"model `{th.get('model')}`): best pair min_confidence **{b.get('min_confidence')}**, "
              f"min_margin **{b.get('min_margin')}**: accuracy {pct(b.get('accuracy'))}, wrong-answer "
              f"rate {pct(b.get('wrong_answer_rate'))} (constraint: wrong-answer <= "
              f"{pct(th.get('max_wrong_answer_rate'), 0)}).", ""]
    else:
        L += ["No reports/thresholds.json yet: run `python -m evaluation.thresholds`.", ""]
    L += ["## Misses", ""]
    for name, s in (("Outside set, answer rows", o), ("Dev set, answer rows", d)):
        L += [f"### {name} ({len(s['misses'])})", "", "| expected | got | text |", "|---|---|---|"]
        L += [f"| {m['expected']} | {m['got']} | {_esc(m['text'])} |" for m in s["misses"]]
        L.append("")
    for name, s in (("Outside set, out-of-scope rows given an article answer", o),
                    ("Dev set, out-of-scope rows given an article answer", d)):
        L += [f"### {name} ({len(s['wrong_answer_list'])})", "", "| got | text |", "|---|---|"]
        L += [f"| {m['got']} | {_esc(m['text'])} |" for m in s["wrong_answer_list"]]
        L.append("")
    if c:
        why = {d["text"]: d for d in c.get("diagnosis") or []}
        for title, key in (("Crisis misses", "misses"), ("Crisis false alarms", "false_alarm_texts")):
            total = sum(len(v) for v in c[key].values())
            L += [f"### {title} ({total}), by category", ""]
            if why:
                L += ["In brackets: the NLU intent when the text is parsed alone, then for false alarms "
                      "what raised the alarm, for misses the classifier's crisis score.", ""]
            for cat, texts in sorted(c[key].items()):
                L.append(f"- **{cat}** ({len(texts)})")
                for t in texts:
                    d = why.get(t)
                    note = ""
                    if d:
                        note = f" [{d.get('nlu_intent')}" + (f"; {d.get('raised_by')}" if key != "misses" else
                                                             f"; classifier crisis score {d.get('classifier_confidence')}") + "]"
                    L.append(f"  - {_esc(t)}{note}")
            L.append("")
    return "\n".join(L) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    from evaluation.servers import BotStack, latest_model

    ap = argparse.ArgumentParser(description="Evaluation report: reports/eval.md, eval.json, plots")
    ap.add_argument("--model", help="model archive (default: newest in models/)")
    ap.add_argument("--limit", type=int, default=0, help="random sample of N rows per set (quick check)")
    ap.add_argument("--workers", type=int, default=4, help="concurrent requests")
    ap.add_argument("--reports", default=str(REPORTS), help="output directory")
    args = ap.parse_args(argv)
    out = Path(args.reports)
    out.mkdir(parents=True, exist_ok=True)
    skip_cv = os.environ.get("EVAL_SKIP_CV") == "1"
    skip_crisis = os.environ.get("EVAL_SKIP_CRISIS") == "1"

    # read everything first, so a missing set fails before any server starts
    outside_rows = load_outside(args.limit or None)
    dev_rows = load_dev(args.limit or None)
    crisis_sets = None if skip_crisis else eval_crisis.load_crisis_sets(args.limit or None)
    articles = article_ids()
    model = args.model or latest_model()
    t0 = time.monotonic()

    print(f"Starting the bot with {model} ...", file=sys.stderr, flush=True)
    with BotStack(model=model) as bot:
        print(f"  ready in {bot.startup_s:.1f}s", file=sys.stderr, flush=True)
        outside_scored = run_faq(bot, outside_rows, "faq-outside", args.workers)
        dev_scored = run_faq(bot, dev_rows, "faq-dev", args.workers)
        crisis = None if skip_crisis else eval_crisis.run_crisis(bot, *crisis_sets, workers=args.workers)

    if crisis and os.environ.get("EVAL_CRISIS_DIAGNOSE", "1") != "0":
        eval_crisis.diagnose(model, crisis)
    outside = score_faq(outside_scored, articles)
    dev = score_faq(dev_scored, articles)
    cv = None if skip_cv else run_cross_validation()
    th_path = out / "thresholds.json"
    thresholds = json.loads(th_path.read_text()) if th_path.is_file() else None
    if thresholds:
        thresholds = {k: thresholds.get(k) for k in ("model", "best", "max_wrong_answer_rate", "date")}

    order = articles + ["clarify", "out_of_scope", CRISIS_ID]
    full_rows = [r for r in outside_scored if r["expected"] in articles and r["answerable"] == "full"]
    plot_confusion(full_rows, order, "FAQ outside set, answerable = full: expected vs bot (whole bot)",
                   out / "confusion_faq_outside.png")
    plot_confusion(dev_scored, order, "FAQ dev sets: expected vs bot (whole bot)", out / "confusion_faq_dev.png")
    plot_per_id(outside, dev, out / "faq_per_id.png")
    if crisis:
        plot_crisis(crisis, out / "crisis.png")

    res = {"date": time.strftime("%Y-%m-%d %H:%M"), "model": Path(model).name, "limit": args.limit or None,
           "seconds": round(time.monotonic() - t0, 1),
           "faq_outside": outside, "faq_dev": dev, "crisis": crisis, "cross_validation": cv,
           "thresholds": thresholds,
           "confusion_outside": dict(zip(("labels", "matrix"), confusion(
               ((r["expected"], r["got"]) for r in full_rows), order))),
           "confusion_dev": dict(zip(("labels", "matrix"), confusion(
               ((r["expected"], r["got"]) for r in dev_scored), order)))}
    if crisis:
        res["crisis_targets"] = [{"target": l, "value": v, "pass": ok} for l, v, ok in crisis_checks(crisis)]
    write_json(out / "eval.json", res)
    (out / "eval.md").write_text(render_md(res), encoding="utf-8")

    print(f"FAQ outside: accuracy (full) {pct(outside['accuracy'])} ({outside['correct']}/{outside['answer_rows']}), "
          f"wrong-answer {pct(outside['wrong_answer_rate'])} ({outside['wrong_answers']}/{outside['oos_rows']}), "
          f"partial {pct(outside['partial_accuracy'])}, crisis rows {outside['crisis_caught']}/{outside['crisis_rows']}, "
          f"right or one tap away {pct(outside['right_or_one_tap'])}")
    print(f"FAQ dev:     accuracy {pct(dev['accuracy'])} ({dev['correct']}/{dev['answer_rows']}), "
          f"wrong-answer {pct(dev['wrong_answer_rate'])} ({dev['wrong_answers']}/{dev['oos_rows']})")
    if crisis:
        print(eval_crisis.format_crisis(crisis, show_lists=False))
    if cv and "weighted_f1" in cv:
        print(f"NLU cross-validation: weighted F1 {cv['weighted_f1']:.3f}; weakest: "
              + ", ".join(f"{w['intent']} {w['f1']:.2f}" for w in cv["weakest"]))
    elif cv:
        print(cv["error"])
    print(f"wrote {out / 'eval.md'}, {out / 'eval.json'} and plots ({res['seconds']:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
