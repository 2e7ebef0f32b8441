"""Benchmark (not a test): the latency the CrisisDetector adds to each message.

The component is built as Rasa builds it (CrisisDetector.load with a ModelStorage, Resource and
ExecutionContext; the spaCy pipeline is made once), then process() runs on real rasa Message
objects carrying a classifier intent, for every text of tests/data/crisis_dev.tsv repeated N times
(shuffled, fixed seed), and the same for the FAQ questions of tests/data/faq_dev_naive.tsv. Prints
p50/p95/p99/mean/max per message for each mix, the one-off build time, and the time for a
20,000-character message.

Then, with a trained model (`--model`, default the newest in models/), the cost of the crisis windows
(components/crisis_windows.py): the whole NLU parse of every text of two mixes, long posts
(tests/data/crisis_dev_posts.tsv and crisis_dev_counselling.tsv) and FAQ questions, each parsed with the
window splitter on and off in turn (interleaved, so machine noise hits both alike). Prints p50/p95 of both,
the windows per message, and a 20,000-character message on and off. `--no-model` skips this part.

    flock /tmp/heavy.lock env PYTHONPATH=. .venv/bin/python -m evaluation.crisis_latency [--repeat 50]
"""
from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "crisis_dev.tsv"
# Two mixes: the short crisis dev set (crisis messages and hard negatives: the detector's worst case, every
# message has crisis-like words) and FAQ questions (tests/data/faq_dev_naive.tsv: most real traffic).
MIXES = {"crisis dev set (crisis messages and hard negatives)": DEV,
         "FAQ questions (faq_dev_naive.tsv)": ROOT / "tests" / "data" / "faq_dev_naive.tsv"}


def percentile(values, p):
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--model", default=None, help="model for the windows part (default: newest in models/)")
    ap.add_argument("--no-model", action="store_true", help="skip the windows part")
    ap.add_argument("--window-repeat", type=int, default=3)
    args = ap.parse_args()

    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from components.crisis_detector import CrisisDetector

    t0 = time.perf_counter()
    detector = CrisisDetector.load(CrisisDetector.get_default_config(),
                                   LocalModelStorage(Path(tempfile.mkdtemp())),
                                   Resource("run_components.crisis_detector.CrisisDetector"),
                                   ExecutionContext(GraphSchema({}), "bench"))
    build_ms = (time.perf_counter() - t0) * 1000

    def message(text):
        m = Message(data={TEXT: text})
        intent = {"name": "program_length", "confidence": 0.9}
        m.set(INTENT, intent, add_to_output=True)
        m.set(INTENT_RANKING_KEY, [intent, {"name": "crisis", "confidence": 0.05}], add_to_output=True)
        return m

    def measure(path):
        texts = [r["text"] for r in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t",
                                                   quoting=csv.QUOTE_NONE)]
        for t in texts:  # warm-up
            detector.process([message(t)])
        order = texts * args.repeat
        random.Random(13).shuffle(order)
        timings = []
        for t in order:
            m = message(t)
            s = time.perf_counter()
            detector.process([m])
            timings.append((time.perf_counter() - s) * 1000)
        return len(texts), timings

    filler = "My team missed the quarterly target again and I stayed late to fix the slides. "
    ending = " I want to kill myself."
    long_text = (filler * 300)[: 20000 - len(ending)] + ending
    long_ms = []
    for _ in range(5):
        m = message(long_text)
        s = time.perf_counter()
        detector.process([m])
        long_ms.append((time.perf_counter() - s) * 1000)
        assert m.get(INTENT)["name"] == "crisis"

    for name, path in MIXES.items():
        n, timings = measure(path)
        print(f"CrisisDetector added latency per message, {name}: {n} texts x {args.repeat} = {len(timings)} messages")
        print(f"  p50   {percentile(timings, 50):7.3f} ms")
        print(f"  p95   {percentile(timings, 95):7.3f} ms")
        print(f"  p99   {percentile(timings, 99):7.3f} ms")
        print(f"  mean  {statistics.fmean(timings):7.3f} ms")
        print(f"  max   {max(timings):7.3f} ms")
    print(f"  one-off build (spaCy blank en + lookup tables + patterns): {build_ms:.0f} ms")
    print(f"  20,000-character message: median {statistics.median(long_ms):.1f} ms over 5 runs")
    if not args.no_model:
        windows_cost(args.model, args.window_repeat, long_text)


def windows_cost(model, repeat: int, long_text: str) -> None:
    """Whole NLU parse time with the crisis windows on and off (see the module doc)."""
    import asyncio

    from components.crisis_windows import CrisisWindowSplitter, window_texts
    from evaluation.common import load_nlu_agent, loaded_component, read_tsv
    from evaluation.servers import latest_model

    agent = load_nlu_agent(model or latest_model())
    asyncio.run(agent.parse_message("warm up"))
    splitter = loaded_component(agent, CrisisWindowSplitter)
    if splitter is None:
        print("crisis windows: the model has no CrisisWindowSplitter; nothing to compare")
        return
    data = ROOT / "tests" / "data"
    mixes = {"long posts (crisis_dev_posts.tsv + crisis_dev_counselling.tsv)":
             [r["text"] for name in ("crisis_dev_posts.tsv", "crisis_dev_counselling.tsv")
              for r in read_tsv(data / name)],
             "FAQ questions (faq_dev_naive.tsv)": [r["text"] for r in read_tsv(data / "faq_dev_naive.tsv")]}

    async def parse_ms(text: str, on: bool) -> float:
        splitter.enabled = on
        s = time.perf_counter()
        await agent.parse_message(text)
        return (time.perf_counter() - s) * 1000

    async def run(texts):
        on, off = [], []
        order = texts * repeat
        random.Random(13).shuffle(order)
        for k, t in enumerate(order):
            first = k % 2 == 0  # alternate which runs first
            a = await parse_ms(t, first)
            b = await parse_ms(t, not first)
            (on if first else off).append(a)
            (off if first else on).append(b)
        return on, off

    for name, texts in mixes.items():
        counts = [len(window_texts(t, splitter.size, splitter.min_sentences, splitter.max_windows)) for t in texts]
        on, off = asyncio.run(run(texts))
        print(f"Crisis windows, whole NLU parse per message, {name}: {len(texts)} texts x {repeat}; windows per "
              f"message: mean {statistics.fmean(counts):.1f}, max {max(counts)}, "
              f"{sum(c > 0 for c in counts)} of {len(texts)} messages have any")
        for label, xs in (("windows on ", on), ("windows off", off)):
            print(f"  {label}: p50 {percentile(xs, 50):7.2f} ms  p95 {percentile(xs, 95):7.2f} ms  "
                  f"mean {statistics.fmean(xs):7.2f} ms")
    on, off = asyncio.run(run([long_text]))
    print(f"  20,000-character message ({len(window_texts(long_text, splitter.size, splitter.min_sentences, splitter.max_windows))} windows): "
          f"median on {statistics.median(on):.0f} ms, off {statistics.median(off):.0f} ms")
    splitter.enabled = True


if __name__ == "__main__":
    main()
