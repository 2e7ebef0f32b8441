"""Benchmark (`make bench`): this assistant as shipped vs Rasa's default configuration.

Same training data (data/), domain, action server and machine; only the config differs:
  ours      config.yml
  baseline  bench/baseline_config.yml (Rasa 3.6's default pipeline and policies, as `rasa init` gives)
For each: training time (`rasa train` into a temp dir, private training cache), model size, start-up
time until the first REST answer, resident memory of Rasa + action server (VmRSS summed over both
process trees) after warm-up, single-user latency p50/p95/p99 (sequential messages from
tests/data/faq_dev.tsv), throughput and p95 latency under concurrent conversations (aiohttp over
REST, action server included), and FAQ accuracy on the outside set's answerable=full rows.

Writes reports/bench.json ({"ours": {...}, "baseline": {...}, "ratios": [...], "settings": {...}})
and reports/bench.md (tables regenerated above the marker line; the text below it, "What each change
bought", is kept). A benchmark, not a test: nothing is asserted, the exit code is 0 unless it crashed.

    flock /tmp/heavy.lock make bench                  # the full run (machine quiet, please)
    BENCH_QUICK=1 PYTHONPATH=. .venv/bin/python -m evaluation.bench   # tiny run, minutes

Env: BENCH_QUICK=1 (tiny run), BENCH_WORKDIR=dir (keep models and logs there),
BENCH_TRAIN_ONLY=baseline (only train the listed variants into BENCH_WORKDIR, e.g. ahead of a run),
BENCH_BASELINE_EPOCHS=N (train the baseline's neural parts N epochs instead of 100: for its serving figures
only, when there is no time for two to five hours of training; the report says so and does not judge FAQ
accuracy or training time against it),
BENCH_REUSE_MODELS=1 or a list such as "baseline" (with BENCH_WORKDIR: reuse models trained by an earlier
run on the same inputs (config, domain.yml, data/: checked by a hash), and their
recorded training time), BENCH_SEQ (sequential messages, default 200), BENCH_USERS (concurrent
conversations, default 20), BENCH_TURNS (turns each, default 20), BENCH_OUT (report directory,
default reports/), EVAL_DIR (outside sets), BENCH_ONLY=ours (train and serve only the listed
variants; writes bench_partial.json and leaves bench.json / bench.md alone, since those compare both:
for re-measuring one side when the other cannot be trained on the same data in time).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from evaluation.common import (DEV_SET, REPORTS, ROOT, ask_rows, check, percentile,
                               rate, read_tsv, require_eval_file, write_json)

PYTHON = sys.executable
BASELINE_CONFIG = ROOT / "bench" / "baseline_config.yml"
VARIANTS = {"ours": ROOT / "config.yml", "baseline": BASELINE_CONFIG}
# How each variant runs Rasa: ours as `make run` does (scripts/run_rasa.py), the baseline as a Rasa user
# does by default (`python -m rasa`).
RASA_COMMANDS = {"ours": [str(ROOT / "scripts" / "run_rasa.py")], "baseline": ["-m", "rasa"]}
# Both keep conversations in the same SQLite database; the baseline with Rasa's own SQL tracker store,
# ours with stores/tracker_store.py as endpoints.yml ships it.
OUR_STORE_TYPE = "stores.tracker_store.CachedSQLTrackerStore"


SELECTIVE_DOMAIN = "enable_selective_domain: true"


def endpoints_for(name: str, work: Path) -> str:
    """endpoints.yml as `make run` uses it (ours), or with Rasa's own SQL tracker store and without
    selective domain (baseline)."""
    shipped = ROOT / "endpoints.yml"
    if name == "ours":
        return str(shipped)
    text = shipped.read_text()
    if f"type: {OUR_STORE_TYPE}" not in text:
        raise RuntimeError(f"endpoints.yml no longer uses {OUR_STORE_TYPE}: update evaluation/bench.py")
    if SELECTIVE_DOMAIN not in text:
        raise RuntimeError(f"endpoints.yml no longer has '{SELECTIVE_DOMAIN}': update evaluation/bench.py")
    path = work / f"endpoints_{name}.yml"
    # Rasa's defaults for the baseline: its own SQL tracker store, the domain sent with every action call
    path.write_text(text.replace(f"type: {OUR_STORE_TYPE}", "type: SQL").replace(SELECTIVE_DOMAIN, ""))
    return str(path)
MARKER = "<!-- bench.py regenerates everything above this line; text below it is kept. -->"
KEYS = ["train_s", "model_mb", "startup_s", "rss_mb", "p50_ms", "p95_ms", "p99_ms",
        "throughput_rps", "p95_concurrent_ms", "faq_accuracy"]

# What a short-trained baseline (BENCH_BASELINE_EPOCHS) does not stand for.
SHORT_TRAINING_SKEWS = ("faq_accuracy", "train_s")
# (label, metric, how the ratio is formed, comparison, threshold)
TARGETS = [
    ("throughput >= 3x baseline", "throughput_rps", "ratio", ">=", 3.0),
    ("p95 latency under concurrency <= 0.3x baseline", "p95_concurrent_ms", "ratio", "<=", 0.3),
    ("start-up time <= 0.5x baseline", "startup_s", "ratio", "<=", 0.5),
    ("memory (RSS) <= 0.6x baseline", "rss_mb", "ratio", "<=", 0.6),
    ("FAQ accuracy >= baseline", "faq_accuracy", "diff", ">=", 0.0),
]


# ---------------------------------------------------------------------------------------------
# Pure helpers (unit-tested)
# ---------------------------------------------------------------------------------------------

def compare(ours: Dict[str, Any], base: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Ratios (or differences) of ours vs baseline against the targets, with PASS/FAIL. Against a
    short-trained baseline (base["epochs"] set) accuracy is not judged: value None, pass None."""
    out = []
    for label, key, kind, op, thr in TARGETS:
        a, b = ours.get(key), base.get(key)
        value: Optional[float] = None
        if key in SHORT_TRAINING_SKEWS and base.get("epochs"):
            out.append({"target": label, "metric": key, "kind": kind, "value": None, "pass": None})
            continue
        if a is not None and b is not None:
            if kind == "ratio":
                value = a / b if b else None
            else:
                value = a - b
        out.append({"target": label, "metric": key, "kind": kind, "value": value,
                    "pass": check(value, op, thr)})
    return out


def baseline_with_epochs(config_text: str, epochs: int) -> str:
    """The baseline config with every `epochs:` setting (DIET, ResponseSelector, TED, UnexpecTED) set to
    `epochs`. Serving does the same work per message whatever the epochs (same networks, same sizes), so
    a short-trained baseline gives Rasa's default's start-up, memory, latency and throughput, but not its
    accuracy or training time."""
    if epochs < 1:
        raise ValueError("BENCH_BASELINE_EPOCHS must be at least 1")
    out, n = re.subn(r"(?m)^(\s*epochs:\s*)\d+\s*$", lambda m: f"{m.group(1)}{epochs}", config_text)
    if n == 0:
        raise ValueError("the baseline config sets no epochs: update evaluation/bench.py")
    return out


def latency_summary(latencies_s: Sequence[float]) -> Dict[str, Optional[float]]:
    ms = [1000 * x for x in latencies_s]
    return {"p50_ms": round(percentile(ms, 50), 1) if ms else None,
            "p95_ms": round(percentile(ms, 95), 1) if ms else None,
            "p99_ms": round(percentile(ms, 99), 1) if ms else None}


def parse_ppid_map(stats: Dict[int, str]) -> Dict[int, int]:
    """pid -> ppid from the text of /proc/PID/stat files (the command may contain spaces and ')')."""
    out = {}
    for pid, text in stats.items():
        rest = text[text.rfind(")") + 2:].split()
        if len(rest) >= 2:
            out[pid] = int(rest[1])
    return out


def descendants(roots: Sequence[int], ppid: Dict[int, int]) -> List[int]:
    """The roots and every process below them."""
    children: Dict[int, List[int]] = {}
    for pid, parent in ppid.items():
        children.setdefault(parent, []).append(pid)
    seen, stack = [], list(roots)
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.append(p)
        stack.extend(children.get(p, []))
    return seen


def vmrss_kb(status_text: str) -> int:
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # a zombie or kernel thread has no VmRSS line


def render_tables(res: Dict[str, Any]) -> str:
    o, b = res["ours"], res["baseline"]
    rows = [("training time", "train_s", "s", 1), ("model size", "model_mb", "MB", 1),
            ("start-up until first REST answer", "startup_s", "s", 1),
            ("resident memory (Rasa + actions)", "rss_mb", "MB", 0),
            ("latency p50, single user", "p50_ms", "ms", 0), ("latency p95, single user", "p95_ms", "ms", 0),
            ("latency p99, single user", "p99_ms", "ms", 0),
            (f"throughput, {res['settings']['users']} concurrent conversations", "throughput_rps", "msg/s", 1),
            (f"latency p95, {res['settings']['users']} concurrent conversations", "p95_concurrent_ms", "ms", 0),
            ("CPU time per message under concurrency (Rasa + actions)", "cpu_ms_per_msg", "ms", 1),
            ("FAQ accuracy, outside set (answerable = full)", "faq_accuracy", "%", 1)]
    L = ["# Benchmark: ours vs Rasa's default configuration", "",
         f"Generated by `make bench` (evaluation/bench.py) on {res['date']}"
         + (" — **BENCH_QUICK tiny run: not the real figures**" if res["settings"]["quick"] else "") + ".",
         f"Same data/, domain.yml, action server and machine ({res['settings']['cpus']} CPUs); only the config "
         "differs: ours = config.yml, baseline = bench/baseline_config.yml (Rasa 3.6 default, as `rasa init` "
         "gives it). Single-user latency: "
         f"{res['settings']['sequential']} sequential messages; concurrency: {res['settings']['users']} "
         f"conversations x {res['settings']['turns']} turns over REST (aiohttp), "
         f"{res['settings'].get('repeats', 1)} rounds with new conversations, each figure the rounds' median "
         "(every round in bench.json, concurrent_rounds). The machine is shared, so "
         "timings are noisy. Ours is started as `make run` starts it (scripts/run_rasa.py), the baseline "
         "with plain `python -m rasa`.", "",
         *[f"Model reuse: the {v} model was trained earlier ({res[v].get('trained_at')}) on identical "
           f"inputs (config, domain.yml, data/: hash {res[v].get('training_inputs')}) and reused; its "
           "training time is from that run." for v in ("ours", "baseline") if res[v].get("model_reused")],
         *([f"**The baseline was trained {b['epochs']} epoch(s) instead of Rasa's default 100** "
            "(BENCH_BASELINE_EPOCHS): the same networks do the same work per message, so its start-up, "
            "memory, latency and throughput stand for Rasa's default; its training time and FAQ accuracy do "
            "not, and are not judged."] if b.get("epochs") else []),
         "",
         "| measure | ours | baseline | ours / baseline |", "|---|---|---|---|"]
    for name, key, unit, digits in rows:
        a, bb = o.get(key), b.get(key)
        if key == "faq_accuracy":
            fa = "n/a" if a is None else f"{100 * a:.{digits}f}%"
            fb = "n/a" if bb is None else f"{100 * bb:.{digits}f}%"
            ratio = "n/a" if a is None or bb is None else f"{100 * (a - bb):+.1f} pts"
        else:
            fa = "n/a" if a is None else f"{a:.{digits}f} {unit}"
            fb = "n/a" if bb is None else f"{bb:.{digits}f} {unit}"
            ratio = "n/a" if a is None or not bb else f"{a / bb:.2f}x"
        if b.get("epochs") and key in SHORT_TRAINING_SKEWS:
            fb, ratio = f"{fb} ({b['epochs']} epoch(s))", "not comparable"
        L.append(f"| {name} | {fa} | {fb} | {ratio} |")
    errs = [f"{v}: {res[v].get('errors', 0)} failed requests" for v in ("ours", "baseline") if res[v].get("errors")]
    if errs:
        L += ["", "**Errors:** " + "; ".join(errs) + " (left out of the latencies)."]
    L += ["", "## Targets", "", "| target | measured | result |", "|---|---|---|"]
    for r in res["ratios"]:
        v = r["value"]
        if r["pass"] is None and b.get("epochs"):
            L.append(f"| {r['target']} | not judged (baseline trained short) | - |")
            continue
        shown = "n/a" if v is None else (f"{v:.2f}x" if r["kind"] == "ratio" else f"{100 * v:+.1f} pts")
        L.append(f"| {r['target']} | {shown} | **{'PASS' if r['pass'] else 'FAIL'}** |")
    return "\n".join(L) + "\n"


DEFAULT_BELOW = """
## What each change bought

_The lead fills this in: which change in config.yml (and elsewhere) bought which part of the difference
above. bench.py keeps this section when it rewrites the file._
"""


def merge_md(tables: str, existing: Optional[str]) -> str:
    """New tables above the marker; the existing text below the marker kept (a default section if none)."""
    below = DEFAULT_BELOW
    if existing and MARKER in existing:
        below = existing.split(MARKER, 1)[1]
    return tables.rstrip("\n") + "\n\n" + MARKER + "\n" + below.lstrip("\n")


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _proc_stats() -> Dict[int, str]:
    stats = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stats[int(d.name)] = (d / "stat").read_text()
            except OSError:
                pass
    return stats


def cpu_seconds(stat_text: str) -> float:
    """User + system CPU seconds of one process, from the text of its /proc/PID/stat."""
    rest = stat_text[stat_text.rfind(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def process_tree_cpu_s(root_pids: Sequence[int]) -> float:
    """CPU seconds used so far by the processes and everything below them (living ones)."""
    stats = _proc_stats()
    return sum(cpu_seconds(stats[pid]) for pid in descendants(root_pids, parse_ppid_map(stats)) if pid in stats)


def process_tree_rss_mb(root_pids: Sequence[int]) -> float:
    stats = _proc_stats()
    total = 0
    for pid in descendants(root_pids, parse_ppid_map(stats)):
        try:
            total += vmrss_kb(Path(f"/proc/{pid}/status").read_text())
        except OSError:
            pass
    return total / 1024.0


def training_inputs_hash(config: Path) -> str:
    """What a model is trained from: the config, the domain and every file under data/."""
    digest = hashlib.sha256()
    for path in [config, ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]:
        digest.update(shown_path(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def train(name: str, config: Path, work: Path, reuse: bool) -> Tuple[str, Dict[str, Any]]:
    """Train (or, with reuse, take the earlier model trained on the same inputs). Returns the model
    path and its record: train_s, inputs (hash), trained_at, reused."""
    out = work / "models"
    model = out / f"{name}.tar.gz"
    record = work / f"train_{name}.json"
    inputs = training_inputs_hash(config)
    if reuse and model.is_file() and record.is_file():
        earlier = json.loads(record.read_text())
        if earlier.get("inputs") == inputs:
            log(f"{name}: reusing {model} (trained earlier on the same inputs in {earlier['train_s']:.0f}s)")
            return str(model), {**earlier, "reused": True}
        log(f"{name}: not reusing {model}: its training inputs differ from today's; training again")
    cache = Path(tempfile.mkdtemp(prefix=f"cache-{name}-", dir=work))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2",
           "RASA_CACHE_DIRECTORY": str(cache)}  # fresh cache: a real training from scratch
    cmd = [PYTHON, *RASA_COMMANDS[name], "train", "--config", str(config), "--domain", "domain.yml", "--data", "data",
           "--out", str(out), "--fixed-model-name", name]
    log_path = work / f"train_{name}.log"
    log(f"{name}: training with {shown_path(config)} (log {log_path}) ...")
    t0 = time.monotonic()
    with open(log_path, "wb") as f:
        proc = subprocess.run(cmd, cwd=str(ROOT), env=env, stdout=f, stderr=subprocess.STDOUT)
    train_s = time.monotonic() - t0
    if proc.returncode != 0 or not model.is_file():
        tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"training {name} failed (exit {proc.returncode}), log {log_path}:\n{tail}")
    trained = {"train_s": train_s, "inputs": inputs, "trained_at": time.strftime("%Y-%m-%d %H:%M")}
    record.write_text(json.dumps(trained))
    log(f"{name}: trained in {train_s:.0f}s, {model.stat().st_size / 2**20:.1f} MB")
    return str(model), {**trained, "reused": False}


async def _concurrent(url: str, convs: List[List[str]]) -> Tuple[List[float], int, float]:
    import aiohttp

    lat: List[float] = []
    errors = [0]
    timeout = aiohttp.ClientTimeout(total=180)

    async def conversation(session: "aiohttp.ClientSession", turns: List[str]) -> None:
        sender = f"bench-conc-{uuid.uuid4().hex[:10]}"
        for text in turns:
            t0 = time.perf_counter()
            try:
                async with session.post(f"{url}/webhooks/rest/webhook",
                                        json={"sender": sender, "message": text}) as resp:
                    await resp.read()
                    ok = resp.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                ok = False
            if ok:
                lat.append(time.perf_counter() - t0)
            else:
                errors[0] += 1

    connector = aiohttp.TCPConnector(limit=len(convs) + 5)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        t0 = time.perf_counter()
        await asyncio.gather(*(conversation(session, c) for c in convs))
        wall = time.perf_counter() - t0
    return lat, errors[0], wall


def measure_serving(name: str, model: str, work: Path, settings: Dict[str, Any], dev_texts: List[str],
                    faq_rows: List[Dict[str, str]]) -> Dict[str, Any]:
    from evaluation.servers import BotStack, contract

    rnd = random.Random(42)
    res: Dict[str, Any] = {}
    bot = BotStack(model=model, workdir=str(work / f"run_{name}"), rasa_command=RASA_COMMANDS[name],
                   endpoints=endpoints_for(name, work))
    Path(bot.workdir).mkdir(parents=True, exist_ok=True)
    for stale in Path(bot.workdir).glob("tracker.db*"):  # every run starts from an empty tracker store,
        stale.unlink()                                   # so runs kept in BENCH_WORKDIR compare fairly
    log(f"{name}: starting Rasa + action server ...")
    t0 = time.monotonic()
    bot.start()
    try:
        first = bot.send(f"bench-first-{uuid.uuid4().hex[:8]}", "hello")
        res["startup_s"] = round(time.monotonic() - t0, 2)
        res["servers_ready_s"] = round(bot.startup_s or 0.0, 2)
        res["first_reply_answer_id"] = contract(first).get("answer_id")
        log(f"{name}: first REST answer after {res['startup_s']:.1f}s")

        # warm-up: a few conversations through the FAQ action and the conversation responses
        for i, text in enumerate(rnd.sample(dev_texts, min(settings["warmup"], len(dev_texts)))):
            bot.send(f"bench-warm-{i // 5}-{uuid.uuid4().hex[:6]}", text)
        res["rss_mb"] = round(process_tree_rss_mb([p.pid for p in bot.procs]), 1)
        for proc_name, proc in zip(list(bot.logs), bot.procs):  # spawned in the order of bot.logs
            res[f"rss_{proc_name}_mb"] = round(process_tree_rss_mb([proc.pid]), 1)
        log(f"{name}: RSS after warm-up {res['rss_mb']:.0f} MB")

        # single user, sequential; a new conversation every 10 messages
        lat, errors = [], 0
        seq = [rnd.choice(dev_texts) for _ in range(settings["sequential"])]
        sender = ""
        for i, text in enumerate(seq):
            if i % 10 == 0:
                sender = f"bench-seq-{uuid.uuid4().hex[:10]}"
            t1 = time.perf_counter()
            try:
                bot.send(sender, text, timeout=120)
                lat.append(time.perf_counter() - t1)
            except Exception:  # noqa: BLE001 - counted, not fatal
                errors += 1
            if (i + 1) % 50 == 0:
                log(f"{name}: sequential {i + 1}/{len(seq)}")
        res.update(latency_summary(lat))
        res["sequential_errors"] = errors
        log(f"{name}: single user p50 {res['p50_ms']} ms, p95 {res['p95_ms']} ms, p99 {res['p99_ms']} ms")

        # concurrent conversations: `repeats` rounds, each with new conversations; the figures are the
        # rounds' medians (one round of ours lasts about 8 s, so one burst of load from elsewhere on a
        # shared machine could decide it alone); every round is kept in concurrent_rounds
        rounds = []
        for r in range(settings["repeats"]):
            convs = [[rnd.choice(dev_texts) for _ in range(settings["turns"])] for _ in range(settings["users"])]
            log(f"{name}: {settings['users']} concurrent conversations x {settings['turns']} turns "
                f"(round {r + 1}/{settings['repeats']}) ...")
            rounds.append(concurrent_round(bot, convs))
            log(f"{name}: throughput {rounds[-1]['throughput_rps']} msg/s, p95 {rounds[-1]['p95_concurrent_ms']} ms, "
                f"{rounds[-1]['concurrent_errors']} errors; CPU per message " + ", ".join(
                    f"{n} {rounds[-1][f'cpu_{n}_ms_per_msg']} ms" for n in bot.logs))
        res.update(median_of_rounds(rounds))
        res["concurrent_rounds"] = rounds
        res["rss_after_load_mb"] = round(process_tree_rss_mb([p.pid for p in bot.procs]), 1)
        cerr = res["concurrent_errors"]

        # FAQ accuracy on the outside set's answerable=full rows
        results = ask_rows(bot, [r["text"] for r in faq_rows], prefix=f"bench-faq-{name}", workers=4,
                           label=f"{name} FAQ rows")
        correct = sum(res_["answer_id"] == r["answer_id"] for r, res_ in zip(faq_rows, results))
        res["faq_accuracy"] = rate(correct, len(faq_rows))
        res["faq_rows"] = len(faq_rows)
        res["faq_errors"] = sum(r["answer_id"] == "(error)" for r in results)
        res["errors"] = errors + cerr + res["faq_errors"]
        log(f"{name}: FAQ accuracy {correct}/{len(faq_rows)}")
    finally:
        bot.stop()
    return res


def concurrent_round(bot: Any, convs: List[List[str]]) -> Dict[str, Any]:
    """One round of concurrent conversations: throughput, latencies, errors and CPU per message."""
    out: Dict[str, Any] = {}
    cpu_before = {n: process_tree_cpu_s([p.pid]) for n, p in zip(list(bot.logs), bot.procs)}
    clat, cerr, wall = asyncio.run(_concurrent(bot.url, convs))
    # CPU time per message: the cost of a message, and much steadier than throughput on a busy machine
    for proc_name, proc in zip(list(bot.logs), bot.procs):
        used = process_tree_cpu_s([proc.pid]) - cpu_before[proc_name]
        out[f"cpu_{proc_name}_ms_per_msg"] = round(1000 * used / len(clat), 2) if clat else None
    out["cpu_ms_per_msg"] = round(sum(out[f"cpu_{n}_ms_per_msg"] or 0 for n in bot.logs), 2) if clat else None
    out["throughput_rps"] = round(len(clat) / wall, 2) if wall > 0 and clat else None
    out["p95_concurrent_ms"] = round(percentile([1000 * x for x in clat], 95), 1) if clat else None
    out["p50_concurrent_ms"] = round(percentile([1000 * x for x in clat], 50), 1) if clat else None
    out["concurrent_errors"] = cerr
    out["concurrent_wall_s"] = round(wall, 1)
    return out


def median_of_rounds(rounds: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Each figure's median over the rounds (rounds without it are left out); errors are summed."""
    out: Dict[str, Any] = {}
    for key in {k for r in rounds for k in r}:
        if key == "concurrent_errors":
            out[key] = sum(r.get(key) or 0 for r in rounds)
            continue
        values = sorted(r[key] for r in rounds if r.get(key) is not None)
        if not values:
            out[key] = None
        elif len(values) % 2:
            out[key] = values[len(values) // 2]
        else:
            out[key] = round((values[len(values) // 2 - 1] + values[len(values) // 2]) / 2, 2)
    return out


def selected_variants(only: str) -> List[str]:
    """BENCH_ONLY: a comma-separated list of variant names, or empty for all of them."""
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        raise SystemExit(f"error: BENCH_ONLY names unknown variants {unknown}; known: {list(VARIANTS)}")
    return [n for n in VARIANTS if not names or n in names]


def main() -> int:
    quick = os.environ.get("BENCH_QUICK") == "1"
    variants = selected_variants(os.environ.get("BENCH_ONLY", ""))
    settings = {
        "quick": quick,
        "sequential": int(os.environ.get("BENCH_SEQ", 30 if quick else 200)),
        "users": int(os.environ.get("BENCH_USERS", 5 if quick else 20)),
        "turns": int(os.environ.get("BENCH_TURNS", 4 if quick else 20)),
        "repeats": max(1, int(os.environ.get("BENCH_REPEATS", 1 if quick else 3))),
        "warmup": 10 if quick else 30,
        "faq_limit": 20 if quick else None,
        "cpus": os.cpu_count(),
    }
    if not BASELINE_CONFIG.is_file():
        sys.exit(f"error: {BASELINE_CONFIG} is missing")
    faq_rows = [r for r in read_tsv(require_eval_file("faq_outside.tsv")) if r["answerable"] == "full"]
    if settings["faq_limit"]:
        faq_rows = random.Random(3).sample(faq_rows, min(settings["faq_limit"], len(faq_rows)))
    dev_texts = [r["text"] for r in read_tsv(DEV_SET)]
    keep = os.environ.get("BENCH_WORKDIR")
    work = Path(keep or tempfile.mkdtemp(prefix="bench-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    reuse_setting = os.environ.get("BENCH_REUSE_MODELS", "")
    reuse = {n for n in VARIANTS if keep and (reuse_setting == "1" or n in reuse_setting.split(","))}
    train_only = os.environ.get("BENCH_TRAIN_ONLY", "")
    log(f"settings {settings}; work dir {work}")

    configs = dict(VARIANTS)
    baseline_epochs = int(os.environ.get("BENCH_BASELINE_EPOCHS") or 0)
    if baseline_epochs:
        configs["baseline"] = work / f"baseline_config_epochs{baseline_epochs}.yml"
        configs["baseline"].write_text(baseline_with_epochs(BASELINE_CONFIG.read_text(), baseline_epochs))

    t_all = time.monotonic()
    out: Dict[str, Any] = {}
    models = {}
    for name, config in configs.items():
        if (train_only and name not in train_only.split(",")) or name not in variants:
            continue
        model, trained = train(name, config, work, name in reuse)
        models[name] = model
        out[name] = {"train_s": round(trained["train_s"], 1),
                     "model_mb": round(Path(model).stat().st_size / 2**20, 2),
                     "config": shown_path(config), "model_reused": trained["reused"],
                     "training_inputs": trained["inputs"], "trained_at": trained.get("trained_at")}
        if name == "baseline" and baseline_epochs:
            out[name]["epochs"] = baseline_epochs
    if train_only:
        log(f"BENCH_TRAIN_ONLY={train_only}: trained, not serving")
        return 0
    for name in variants:
        out[name].update(measure_serving(name, models[name], work, settings, dev_texts, faq_rows))
    for name in variants:  # the required keys first, in a fixed order
        out[name] = {**{k: out[name].get(k) for k in KEYS}, **out[name]}
    reports = Path(os.environ.get("BENCH_OUT") or REPORTS)
    if len(variants) < len(VARIANTS):
        partial = {**{n: out[n] for n in variants}, "settings": settings,
                   "date": time.strftime("%Y-%m-%d %H:%M"), "seconds": round(time.monotonic() - t_all, 1)}
        write_json(reports / "bench_partial.json", partial)
        for n in variants:
            print(f"{n}: " + ", ".join(f"{k} {out[n].get(k)}" for k in KEYS))
        print(f"wrote {reports / 'bench_partial.json'} (BENCH_ONLY={','.join(variants)}: no comparison; "
              f"bench.json and bench.md unchanged)")
        return 0

    res = {"ours": out["ours"], "baseline": out["baseline"],
           "ratios": compare(out["ours"], out["baseline"]),
           "settings": settings, "date": time.strftime("%Y-%m-%d %H:%M"),
           "seconds": round(time.monotonic() - t_all, 1)}
    write_json(reports / "bench.json", res)
    md_path = reports / "bench.md"
    tables = render_tables(res)
    md_path.write_text(merge_md(tables, md_path.read_text() if md_path.is_file() else None), encoding="utf-8")
    print(tables)
    print(f"wrote {reports / 'bench.json'} and {md_path} ({res['seconds']:.0f}s; work dir {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
