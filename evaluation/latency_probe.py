"""Quick single-user latency probe: the shipped bot with the SQLite tracker store vs an in-memory one.

Used to measure each speed change recorded in reports/bench.md ("What each change bought"); `make bench`
is the full side-by-side benchmark.

    PYTHONPATH=. .venv/bin/python -m evaluation.latency_probe [--messages 150]
"""
from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from evaluation.servers import ROOT, BotStack


def in_memory_endpoints() -> str:
    """endpoints.yml without its tracker_store section (Rasa then keeps trackers in memory)."""
    text = (ROOT / "endpoints.yml").read_text()
    kept = text.split("tracker_store:")[0]
    path = Path(tempfile.mkdtemp(prefix="probe-")) / "endpoints.yml"
    path.write_text(kept)
    return str(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=150)
    args = ap.parse_args()
    with (ROOT / "tests/data/faq_dev.tsv").open(newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh, delimiter="\t")][: args.messages]
    for label, endpoints in (("sqlite", str(ROOT / "endpoints.yml")), ("memory", in_memory_endpoints())):
        with BotStack(endpoints=endpoints) as bot:
            for t in texts[:10]:
                bot.send("warm-up", t)
            lat = []
            for i, t in enumerate(texts):
                start = time.perf_counter()
                bot.send(f"user-{i % 10}", t)
                lat.append((time.perf_counter() - start) * 1000)
        lat.sort()
        print(f"{label}: p50 {lat[len(lat) // 2]:.1f} ms, p95 {lat[int(len(lat) * 0.95)]:.1f} ms "
              f"over {len(lat)} messages")


if __name__ == "__main__":
    main()
