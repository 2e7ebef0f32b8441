"""Unit tests of the evaluation code's pure functions (no servers, no model, no outside sets)."""
import math

import pytest

from evaluation.bench import (BASELINE_CONFIG, baseline_with_epochs, compare, descendants, latency_summary,
                              merge_md, parse_ppid_map, render_tables, selected_variants, vmrss_kb, MARKER)
from evaluation.common import (check, confusion, crisis_checks, is_hard_negative, is_severe,
                               note_category, percentile, read_tsv, score_crisis, score_faq)
from evaluation.eval import weakest_intents
from evaluation.thresholds import _also, best_pair, routed_outcome, sweep

ARTICLES = ["program_length", "insurance_cost", "employer_fmla"]


# ---- percentile ------------------------------------------------------------------------------

def test_percentile_interpolates_like_numpy():
    xs = [10, 20, 30, 40]
    assert percentile(xs, 0) == 10
    assert percentile(xs, 100) == 40
    assert percentile(xs, 50) == 25          # halfway between 20 and 30
    assert percentile(xs, 95) == pytest.approx(38.5)
    assert percentile([7], 99) == 7


def test_percentile_ignores_input_order_and_rejects_bad_q():
    assert percentile([40, 10, 30, 20], 50) == 25
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_latency_summary_in_ms():
    s = latency_summary([0.1] * 98 + [1.0, 2.0])
    assert s["p50_ms"] == 100.0
    assert s["p99_ms"] > 1000.0


# ---- notes and categories --------------------------------------------------------------------

@pytest.mark.parametrize("note,category", [
    ("suicidal ideation (explicit); r/SuicideWatch post body", "suicidal ideation (explicit)"),
    ('"hard negative; keyword trap: end (relationship)', "hard negative"),
    ("ordinary", "ordinary"),
    ("", "(none)"),
])
def test_note_category_is_text_before_semicolon(note, category):
    assert note_category(note) == category


def test_severe_rows_are_plan_attempt_or_method():
    assert is_severe("suicidal intent with plan or timing (imminent); r/SuicideWatch")
    assert is_severe("recent or in-progress suicide attempt; x")
    assert is_severe("asks for method/lethality info; x")
    assert not is_severe("suicidal ideation (explicit); mentions a plan later in the post")  # after ';'
    assert not is_severe("passive death wish / not wanting to live; x")


def test_hard_negative_detection():
    assert is_hard_negative("hard negative; figurative 'kill'")
    assert is_hard_negative('"hard negative; quoted field')
    assert not is_hard_negative("ordinary; counsel-chat")


def test_read_tsv_handles_quoted_fields(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text('text\tnote\nfine\t"hard negative; title was ""Should I end it?"""\n', encoding="utf-8")
    rows = read_tsv(p)
    assert rows == [{"text": "fine", "note": 'hard negative; title was "Should I end it?"'}]


def test_read_tsv_rejects_short_rows(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("text\tnote\nonly one column\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_tsv(p)


# ---- crisis scoring --------------------------------------------------------------------------

def _row(text, note, answer_id, has_988=True):
    return {"text": text, "note": note, "answer_id": answer_id, "has_988": has_988}


def test_score_crisis_recall_false_alarms_and_groups():
    pos = [_row("a", "suicidal ideation (explicit); x", "crisis_resources"),
           _row("b", "suicidal ideation (explicit); y", "out_of_scope"),
           _row("c", "suicidal intent with plan or timing (imminent); z", "crisis_resources"),
           _row("d", "recent or in-progress suicide attempt; z", "(error)")]
    neg = [_row("e", "ordinary; x", "out_of_scope"),
           _row("f", "hard negative; kill time", "crisis_resources", has_988=False),
           _row("g", "hard negative; dying to know", "clarify"),
           _row("h", "ordinary; y", "program_length")]
    s = score_crisis(pos, neg)
    assert s["recall"] == 0.5 and s["caught"] == 2
    assert s["recall_by_category"]["suicidal ideation (explicit)"] == {"caught": 1, "total": 2, "recall": 0.5}
    assert s["severe_total"] == 2 and s["severe_caught"] == 1 and s["severe_recall"] == 0.5
    assert s["false_alarms"] == 1 and s["false_alarm_rate"] == 0.25
    assert s["hard_negatives"] == 2 and s["hard_false_alarm_rate"] == 0.5
    assert s["misses"] == {"suicidal ideation (explicit)": ["b"], "recent or in-progress suicide attempt": ["d"]}
    assert s["false_alarm_texts"] == {"hard negative": ["f"]}
    assert s["crisis_replies_without_988"] == 1
    assert s["errors"] == 1


def test_crisis_checks_pass_and_fail():
    s = {"recall": 0.995, "severe_recall": 1.0, "false_alarm_rate": 0.031, "hard_false_alarm_rate": None}
    results = {label: ok for label, _, ok in crisis_checks(s)}
    assert results["recall >= 99%"] is True
    assert results["recall on plan/attempt/method rows = 100%"] is True
    assert results["false alarms <= 3% overall"] is False
    assert results["false alarms <= 15% on hard negatives"] is False  # missing value fails


def test_check_edges():
    assert check(0.99, ">=", 0.99)
    assert check(0.3, "<=", 0.3)
    assert not check(float("nan"), ">=", 0)
    with pytest.raises(ValueError):
        check(1, "==", 1)


# ---- FAQ scoring -----------------------------------------------------------------------------

def test_score_faq_outside_rows():
    rows = [
        {"text": "t1", "expected": "program_length", "answerable": "full", "got": "program_length"},
        {"text": "t2", "expected": "program_length", "answerable": "full", "got": "insurance_cost"},
        {"text": "t3", "expected": "insurance_cost", "answerable": "full", "got": "clarify"},
        {"text": "t4", "expected": "insurance_cost", "answerable": "partial", "got": "insurance_cost"},
        {"text": "t5", "expected": "out_of_scope", "answerable": "none", "got": "clarify"},
        {"text": "t6", "expected": "out_of_scope", "answerable": "none", "got": "employer_fmla"},
        {"text": "t7", "expected": "out_of_scope", "answerable": "none", "got": "out_of_scope"},
        {"text": "t8", "expected": "out_of_scope", "answerable": "none", "got": "crisis_resources"},
        {"text": "t9", "expected": "crisis_resources", "answerable": "none", "got": "crisis_resources"},
        {"text": "t10", "expected": "employer_fmla", "answerable": "none", "got": "employer_fmla"},
    ]
    s = score_faq(rows, ARTICLES)
    assert s["answer_rows"] == 3 and s["correct"] == 1
    assert s["accuracy"] == pytest.approx(1 / 3)
    assert s["per_answer_id"]["program_length"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert s["per_answer_id"]["insurance_cost"]["accuracy"] == 0.0
    assert s["answer_outcomes"] == {"correct": 1, "wrong article": 1, "clarify": 1}
    # only t6 got an article answer; clarify, decline and crisis reply are not wrong answers
    assert s["oos_rows"] == 4 and s["wrong_answers"] == 1 and s["wrong_answer_rate"] == 0.25
    assert s["wrong_answer_list"] == [{"text": "t6", "got": "employer_fmla"}]
    assert s["partial_rows"] == 1 and s["partial_accuracy"] == 1.0
    assert s["crisis_rows"] == 1 and s["crisis_caught"] == 1
    assert s["unscored_rows"] == 1
    assert [m["text"] for m in s["misses"]] == ["t2", "t3"]


def test_score_faq_dev_rows_without_answerable_column():
    rows = [{"text": "a", "expected": "program_length", "got": "program_length"},
            {"text": "b", "expected": "out_of_scope", "got": "program_length"}]
    s = score_faq(rows, ARTICLES)
    assert s["accuracy"] == 1.0
    assert s["wrong_answer_rate"] == 1.0


# ---- confusion matrix ------------------------------------------------------------------------

def test_confusion_matrix_rows_expected_columns_predicted():
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "clarify"), ("a", "a")]
    labels, m = confusion(pairs, ["b", "a", "never_seen"])
    assert labels == ["b", "a", "clarify"]          # given order first, unseen left out, rest sorted
    assert m == [[1, 0, 1],
                 [1, 2, 0],
                 [0, 0, 0]]
    assert sum(map(sum, m)) == len(pairs)


# ---- bench: ratios, process tree, RSS, report merging ----------------------------------------
def test_bench_only_selects_variants_in_a_fixed_order_and_refuses_unknown_names():
    assert selected_variants("") == ["ours", "baseline"]
    assert selected_variants("ours") == ["ours"]
    assert selected_variants(" baseline , ours ") == ["ours", "baseline"]
    with pytest.raises(SystemExit, match="unknown variants.*oursx"):
        selected_variants("oursx")



def test_compare_ratios_pass_fail():
    ours = {"throughput_rps": 30.0, "p95_concurrent_ms": 100.0, "startup_s": 10.0, "rss_mb": 700.0,
            "faq_accuracy": 0.80}
    base = {"throughput_rps": 10.0, "p95_concurrent_ms": 200.0, "startup_s": 25.0, "rss_mb": 1000.0,
            "faq_accuracy": 0.81}
    r = {x["metric"]: x for x in compare(ours, base)}
    assert r["throughput_rps"]["value"] == 3.0 and r["throughput_rps"]["pass"]
    assert r["p95_concurrent_ms"]["value"] == 0.5 and not r["p95_concurrent_ms"]["pass"]
    assert r["startup_s"]["value"] == 0.4 and r["startup_s"]["pass"]
    assert r["rss_mb"]["value"] == 0.7 and not r["rss_mb"]["pass"]
    assert r["faq_accuracy"]["value"] == pytest.approx(-0.01) and not r["faq_accuracy"]["pass"]


def test_short_trained_baseline_changes_only_epochs_and_is_not_judged_on_accuracy():
    import yaml
    shipped = BASELINE_CONFIG.read_text()
    short = baseline_with_epochs(shipped, 1)
    full, cut = yaml.safe_load(shipped), yaml.safe_load(short)
    trained = [c for c in full["pipeline"] + full["policies"] if "epochs" in c]
    assert len(trained) == 4 and all(c["epochs"] == 100 for c in trained)
    for before, after in zip(full["pipeline"] + full["policies"], cut["pipeline"] + cut["policies"]):
        assert after == ({**before, "epochs": 1} if "epochs" in before else before)
    with pytest.raises(ValueError):
        baseline_with_epochs(shipped, 0)
    with pytest.raises(ValueError, match="no epochs"):
        baseline_with_epochs("pipeline: []\n", 2)

    ours = {"throughput_rps": 30.0, "faq_accuracy": 0.80}
    base = {"throughput_rps": 10.0, "faq_accuracy": 0.50, "epochs": 1}
    r = {x["metric"]: x for x in compare(ours, base)}
    assert r["throughput_rps"]["pass"] and r["faq_accuracy"]["value"] is None and r["faq_accuracy"]["pass"] is None
    res = {"ours": ours, "baseline": base, "ratios": compare(ours, base), "date": "today",
           "settings": {"users": 20, "turns": 20, "sequential": 200, "cpus": 2, "quick": False}}
    md = render_tables(res)
    assert "trained 1 epoch(s) instead of Rasa's default 100" in md
    assert "| FAQ accuracy >= baseline | not judged (baseline trained short) | - |" in md
    assert "| throughput >= 3x baseline | 3.00x | **PASS** |" in md
    assert "| FAQ accuracy, outside set (answerable = full) | 80.0% | 50.0% (1 epoch(s)) | not comparable |" in md
    assert "instead of Rasa's default" not in render_tables({**res, "baseline": {**base, "epochs": None}})


def test_compare_missing_value_fails():
    r = compare({"throughput_rps": None}, {"throughput_rps": 5.0})
    assert r[0]["value"] is None and r[0]["pass"] is False


def test_process_tree_from_proc_stat_text():
    stats = {1: "1 (init) S 0 1 1", 100: "100 (python -m rasa) S 1 100 100",
             101: "101 (weird) name)) S 100 100 100", 102: "102 (x) S 101 100 100", 200: "200 (other) S 1 2 2"}
    ppid = parse_ppid_map(stats)
    assert ppid[101] == 100
    assert sorted(descendants([100], ppid)) == [100, 101, 102]


def test_vmrss_kb():
    assert vmrss_kb("Name:\tpython\nVmRSS:\t  123456 kB\nThreads: 3\n") == 123456
    assert vmrss_kb("Name:\tzombie\n") == 0


def test_merge_md_keeps_text_below_marker():
    old = "# old tables\n\n" + MARKER + "\n## What each change bought\n\nLead's text.\n"
    new = merge_md("# new tables\n", old)
    assert new.startswith("# new tables")
    assert "old tables" not in new
    assert new.endswith("## What each change bought\n\nLead's text.\n")
    fresh = merge_md("# t\n", None)
    assert MARKER in fresh and "What each change bought" in fresh


# ---- cross-validation report and threshold choice ---------------------------------------------

def test_weakest_intents_skips_averages():
    report = {"a": {"precision": 1, "recall": 1, "f1-score": 1.0, "support": 5},
              "b": {"precision": .5, "recall": .5, "f1-score": 0.5, "support": 4},
              "c": {"precision": .7, "recall": .7, "f1-score": 0.7, "support": 3},
              "accuracy": 0.9,
              "weighted avg": {"precision": .1, "recall": .1, "f1-score": 0.1, "support": 12}}
    assert [w["intent"] for w in weakest_intents(report, 2)] == ["b", "c"]


def test_best_pair_respects_wrong_answer_limit_and_takes_median_of_ties():
    g = lambda c, m, acc, wr: {"min_confidence": c, "min_margin": m, "accuracy": acc, "wrong_answer_rate": wr}  # noqa
    grid = [g(0.0, 0.0, 0.95, 0.40),   # best accuracy but too many wrong answers
            g(0.5, 0.0, 0.90, 0.10), g(0.6, 0.0, 0.90, 0.10), g(0.7, 0.0, 0.90, 0.10),
            g(0.6, 0.1, 0.90, 0.05),   # same accuracy, fewer wrong answers: wins
            g(0.9, 0.0, 0.70, 0.00)]
    assert best_pair(grid, 0.10, min_margin_floor=0.0) == grid[4]
    grid[4]["wrong_answer_rate"] = 0.10
    assert best_pair(grid, 0.10, min_margin_floor=0.0)["min_confidence"] == 0.6    # median of the four tied pairs
    assert best_pair([g(0, 0, 1.0, 0.5)], 0.10) is None


def test_best_pair_never_picks_a_margin_below_the_floor():
    """With no margin the bot would never ask "did you mean" when the top two are close: such a pair is
    measured but not picked, however accurate."""
    g = lambda c, m, acc, wr: {"min_confidence": c, "min_margin": m, "accuracy": acc, "wrong_answer_rate": wr}  # noqa
    grid = [g(0.5, 0.0, 0.92, 0.09), g(0.5, 0.05, 0.91, 0.09), g(0.2, 0.2, 0.90, 0.09)]
    assert best_pair(grid, 0.10) == grid[1]
    assert best_pair(grid[:1], 0.10) is None


def test_routed_outcome_follows_rules_and_action():
    from actions.faq import Thresholds
    t = Thresholds(min_confidence=0.6, min_margin=0.15, clarify_confidence=0.3)
    ranking = [{"name": "program_length", "confidence": 0.8}, {"name": "insurance_cost", "confidence": 0.1}]
    parse = {"intent": ranking[0], "intent_ranking": ranking}
    assert routed_outcome(parse, ARTICLES, t) == "program_length"
    low = [{"name": "program_length", "confidence": 0.45}, {"name": "insurance_cost", "confidence": 0.4}]
    assert routed_outcome({"intent": low[0], "intent_ranking": low}, ARTICLES, t) == "clarify"
    crisis = {"intent": {"name": "crisis", "confidence": 1.0}, "intent_ranking": ranking}
    assert routed_outcome(crisis, ARTICLES, t) == "crisis_resources"
    greet = {"intent": {"name": "greet", "confidence": 0.9}, "intent_ranking": []}
    assert routed_outcome(greet, ARTICLES, t) == "greet"
    # Feelings go to the FAQ action too, which answers them as signs_need_iop (as the bot does).
    feel = [{"name": "express_distress", "confidence": 0.9}, {"name": "program_length", "confidence": 0.05}]
    assert routed_outcome({"intent": feel[0], "intent_ranking": feel}, ARTICLES + ["signs_need_iop"], t) \
        == "signs_need_iop"


def test_sweep_counts_wrong_articles_and_clarifies_and_the_pick_line_shows_them():
    # two answer rows (one answered with the wrong article at a small margin, one clear) and one
    # out-of-scope row; a larger margin turns the wrong article into "did you mean"
    close = [{"name": "insurance_cost", "confidence": 0.5}, {"name": "program_length", "confidence": 0.42}]
    clear = [{"name": "program_length", "confidence": 0.9}, {"name": "insurance_cost", "confidence": 0.05}]
    oos = [{"name": "out_of_scope", "confidence": 0.8}, {"name": "program_length", "confidence": 0.1}]
    parses = [{"intent": r[0], "intent_ranking": r, "text": "x?"} for r in (close, clear, oos)]
    expected = ["program_length", "program_length", "out_of_scope"]
    low, high = sweep(parses, expected, ARTICLES, [0.2], [0.05, 0.2], unknown_limits=[1000])
    assert (low["wrong_article_rate_answer_rows"], low["clarify_rate_answer_rows"]) == (0.5, 0.0)
    assert (high["wrong_article_rate_answer_rows"], high["clarify_rate_answer_rows"]) == (0.0, 0.5)
    assert _also(low) == "wrong article on answer rows 50.0%, clarify on answer rows 0.0%"


def test_raised_by_names_the_path_to_a_crisis_reply():
    from evaluation.eval_crisis import raised_by
    assert raised_by({"detector_matched": True, "source": "patterns+classifier", "nlu_intent": "crisis"}) \
        == "detector: patterns+classifier"
    assert raised_by({"detector_matched": False, "source": None, "nlu_intent": "crisis_safe"}).startswith(
        "classifier top intent crisis_safe")
    assert raised_by({"detector_matched": False, "nlu_intent": "greet"}) == "not a crisis intent when parsed alone"


def test_baseline_gets_rasas_own_sql_tracker_store_and_the_domain_with_every_action_call(tmp_path):
    from evaluation.bench import endpoints_for
    import yaml
    ours = yaml.safe_load(open(endpoints_for("ours", tmp_path)))
    baseline = yaml.safe_load(open(endpoints_for("baseline", tmp_path)))
    assert ours["tracker_store"]["type"] == "stores.tracker_store.CachedSQLTrackerStore"
    assert baseline["tracker_store"] == {**ours["tracker_store"], "type": "SQL"}
    assert ours["action_endpoint"]["enable_selective_domain"] is True
    assert baseline["action_endpoint"] == {"url": ours["action_endpoint"]["url"]}


def test_concurrency_figures_are_the_median_of_the_rounds_and_errors_add_up():
    from evaluation.bench import median_of_rounds
    rounds = [{"throughput_rps": 50.0, "p95_concurrent_ms": 500.0, "concurrent_errors": 0, "cpu_ms_per_msg": None},
              {"throughput_rps": 35.0, "p95_concurrent_ms": 940.0, "concurrent_errors": 2, "cpu_ms_per_msg": 20.0},
              {"throughput_rps": 76.0, "p95_concurrent_ms": 360.0, "concurrent_errors": 1, "cpu_ms_per_msg": 14.0}]
    m = median_of_rounds(rounds)
    assert m["throughput_rps"] == 50.0 and m["p95_concurrent_ms"] == 500.0  # each figure's own median
    assert m["concurrent_errors"] == 3
    assert m["cpu_ms_per_msg"] == 17.0  # the round without the figure is left out
    assert median_of_rounds([{"throughput_rps": None}])["throughput_rps"] is None


def test_dev_breakdown_counts_faq_and_crisis_rows_per_file_and_group():
    from evaluation.dev_breakdown import breakdown, format_breakdown

    arts = ["program_length", "insurance_cost"]
    rows = [
        ("faq.tsv", {"text": "a", "answer_id": "program_length", "style": "tiny"}, "program_length"),
        ("faq.tsv", {"text": "b", "answer_id": "program_length", "style": "tiny"}, "insurance_cost"),
        ("faq.tsv", {"text": "c", "answer_id": "insurance_cost", "style": "worry"}, "clarify"),
        ("faq.tsv", {"text": "d", "answer_id": "insurance_cost", "style": "worry"}, "out_of_scope"),
        ("faq.tsv", {"text": "e", "answer_id": "out_of_scope", "style": "worry"}, "insurance_cost"),
        ("faq.tsv", {"text": "f", "answer_id": "out_of_scope", "style": "tiny"}, "crisis_resources"),
        ("crisis.tsv", {"text": "g", "label": "crisis", "category": "plan"}, "crisis_resources"),
        ("crisis.tsv", {"text": "h", "label": "crisis", "category": "plan"}, "program_length"),
        ("crisis.tsv", {"text": "i", "label": "negative", "category": "figurative"}, "crisis_resources"),
    ]
    s = breakdown(rows, arts)
    assert s["faq.tsv"] == {"answer_rows": 4, "right": 1, "wrong_article": 1, "clarify": 1, "declined": 1,
                            "oos_rows": 2, "oos_answered": 1, "crisis_resources": 1}
    assert s["faq.tsv:worry"]["answer_rows"] == 2 and s["faq.tsv:worry"]["oos_answered"] == 1
    assert s["crisis.tsv"] == {"crisis_rows": 2, "caught": 1, "negative_rows": 1, "false_alarms": 1}
    assert s["crisis.tsv:crisis:plan"] == {"crisis_rows": 2, "caught": 1}
    lines = format_breakdown(s)
    assert any(line.startswith("crisis.tsv ") and "caught 1/2" in line for line in lines)
    # no message text is printed: halves B stay unread
    assert not any(t in " ".join(lines).split() for t in "abcdefghi")
    with pytest.raises(ValueError):
        breakdown([("x.tsv", {"text": "j"}, "greet")], arts)


def test_loaded_component_finds_the_instance_in_a_loaded_graph():
    from types import SimpleNamespace

    from components.crisis_windows import CrisisWindowSplitter
    from evaluation.common import loaded_component
    splitter = CrisisWindowSplitter({})
    nodes = {"run_tokenizer": SimpleNamespace(_component=object()), "run_splitter": SimpleNamespace(_component=splitter),
             "not_loaded": SimpleNamespace()}
    agent = SimpleNamespace(processor=SimpleNamespace(graph_runner=SimpleNamespace(_instantiated_nodes=nodes)))
    assert loaded_component(agent, CrisisWindowSplitter) is splitter
    assert loaded_component(agent, int) is None


def test_every_crisis_dev_set_is_either_swept_or_held_out():
    """A new crisis dev set must be put on one list (evaluation/common.py), never on both, never forgotten."""
    from conftest import ROOT
    from evaluation.common import CRISIS_HELD_OUT_SETS, CRISIS_SWEEP_SETS, crisis_dev_rows
    on_disk = {p.name for p in (ROOT / "tests" / "data").glob("crisis_dev*.tsv")}
    assert not set(CRISIS_SWEEP_SETS) & set(CRISIS_HELD_OUT_SETS)
    assert set(CRISIS_SWEEP_SETS) | set(CRISIS_HELD_OUT_SETS) == on_disk
    for name in on_disk:  # every set has crisis rows and negatives under its own labelling
        labels = {positive for _, positive in crisis_dev_rows(name)}
        assert labels == {True, False}, name


def test_joint_pick_takes_the_most_caught_pair_within_the_limits_and_the_window_cap():
    from evaluation.crisis_threshold import joint_pick

    # a made-up detector: lower thresholds catch more and raise more false alarms
    def counts(windows=True, classifier_threshold=0.8, window_threshold=0.95):
        t, w = classifier_threshold, window_threshold
        caught = round(100 * (2 - t - w))
        false_alarms = round(200 * (2 - t - w))
        counselling = round(20 * (2 - t - w))
        return 0, 0, caught, false_alarms, counselling

    # limits: false alarms < 2% of 3000 (60), counselling <= 3% of 300 (9): 2 - t - w <= 0.295
    t, w, caught, fa, cp = joint_pick(counts, neg=3000, n_couns=300, max_window=1.0,
                                      thresholds=(0.7, 0.75, 0.8), windows=(0.9, 0.95, 0.98))
    assert round(2 - t - w, 2) <= 0.295 and fa < 60 and cp <= 9
    assert (t, w) == (0.75, 0.98)  # 0.27: the most caught within the limits (0.7 + 0.98 = 0.32 is over)
    # the window cap removes 0.98: then the best pair is (0.8, 0.95), not a pair over the limits
    assert joint_pick(counts, neg=3000, n_couns=300, max_window=0.96, thresholds=(0.7, 0.75, 0.8),
                      windows=(0.9, 0.95, 0.98))[:2] == (0.8, 0.95)
    # nothing within the limits: None
    assert joint_pick(counts, neg=100, n_couns=10, thresholds=(0.7,), windows=(0.9,)) is None
