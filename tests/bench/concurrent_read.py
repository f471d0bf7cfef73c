"""Readers during ingest: how long readers wait, and how much they slow the ingest.

    .venv/bin/python tests/bench/concurrent_read.py [--limit 300] [--batch-size 64]

Ingests AllSides sample-300 (or its first ``--limit`` articles) twice, in this process, into
two copies of one seeded store: once alone, and once while another process polls the
dashboard's and the notebook API's queries without pause (``tests/robustness.py poll``: the
worst case, a dashboard whose every rerun misses the cache). Prints one line per measure:

* reader latency and the part of it spent waiting for the file, idle and during ingest
  (p50 / p95 / max, ms), errors, and counts that went down (there must be none);
* the ingest's time alone and with the reader, and the time its writer connections waited for
  the file (turnstile + DuckDB lock) and held it;
* what the alternative, a snapshot copy readers would read, costs per published batch: the
  store's size and the time to copy it.

The store's functions are timed by wrapping them; the real functions run. To measure another
version of ``analysis`` (the mechanism before this one), put its checkout first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for robustness.py

import robustness

from analysis import settings, store
from analysis.ingest import ingest

SEED = {
    "id": "seed-1",
    "outlet": "Seed Gazette",
    "published": "2020-01-02",
    "title": "Bridge to reopen",
    "text": 'Mayor Lena Dahl said the bridge would reopen on Friday. "We are ready," the '
    "president said after 2,000 people signed a petition.",
}


class WriterClock:
    """Times every ``store.writer`` block: the wait to get the file, and how long it is held."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.holds: list[float] = []
        self._original = store.writer

    @contextmanager
    def _timed(self, path: str | Path) -> Iterator[Any]:
        t0 = time.monotonic()
        with self._original(path) as con:
            t1 = time.monotonic()
            self.waits.append(t1 - t0)
            try:
                yield con
            finally:
                self.holds.append(time.monotonic() - t1)

    def __enter__(self) -> WriterClock:
        store.writer = self._timed  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        store.writer = self._original  # type: ignore[assignment]


def _corpus(limit: int, folder: Path) -> Path:
    src = settings.shared_dir() / "corpus" / "allsides" / "sample-300.jsonl"
    out = folder / "corpus.jsonl"
    with src.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
        g.writelines(itertools.islice(f, limit))
    return out


def _timed_ingest(corpus: Path, db: Path, batch_size: int) -> tuple[float, WriterClock]:
    with WriterClock() as clock:
        t0 = time.monotonic()
        ingest([corpus], db, batch_size=batch_size, progress=False)
        return time.monotonic() - t0, clock


def _ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    q = robustness.percentile
    return f"p50 {q(values, 0.5):.0f} / p95 {q(values, 0.95):.0f} / max {max(values):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles of sample-300")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qd-concurrent-") as tmp:
        work = Path(tmp)
        corpus = _corpus(args.limit, work)
        seed_src = work / "seed.jsonl"
        seed_src.write_text(json.dumps(SEED) + "\n", encoding="utf-8")
        seeded = work / "seed.duckdb"
        ingest([seed_src], seeded, progress=False)  # also loads spaCy before anything is timed

        alone_db = work / "alone.duckdb"
        shutil.copyfile(seeded, alone_db)
        alone, alone_clock = _timed_ingest(corpus, alone_db, args.batch_size)

        read_db = work / "read.duckdb"
        shutil.copyfile(seeded, read_db)
        with robustness.poller(read_db, work) as finish:
            time.sleep(5)  # idle answers first, for the baseline
            t0 = time.time()
            read, read_clock = _timed_ingest(corpus, read_db, args.batch_size)
            t1 = time.time()
            time.sleep(2)
            seen = finish()
        idle, during = seen.between(0, t0), seen.between(t0, t1)
        shrunk = seen.shrinking("overview_all", ("articles", "statements", "figures"))

        size = read_db.stat().st_size
        copies = []
        for _ in range(3):
            c0 = time.monotonic()
            shutil.copyfile(read_db, work / "snapshot.tmp")
            with (work / "snapshot.tmp").open("rb+") as f:
                os.fsync(f.fileno())
            os.replace(work / "snapshot.tmp", work / "snapshot.duckdb")
            copies.append(time.monotonic() - c0)
        articles = robustness.stored_articles(read_db)

    load = os.getloadavg()
    print(f"corpus: {args.limit} articles, batches of {args.batch_size}; load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"reader idle: {len(idle.records)} answers, latency {_ms(idle.latencies())}")
    print(
        f"reader during ingest: {len(during.records)} answers, latency {_ms(during.latencies())}; "
        f"waiting for the file {_ms(during.waits())}"
    )
    print(f"reader errors: {len(seen.errors)}; counts that went down: {len(shrunk)}")
    print(f"ingest alone: {alone:.1f} s; with the reader: {read:.1f} s (x{read / alone:.2f})")
    for name, clock in (("alone", alone_clock), ("with the reader", read_clock)):
        print(
            f"writer waits for the file, {name}: total {sum(clock.waits):.2f} s over "
            f"{len(clock.waits)} opens, max {max(clock.waits) * 1000:.0f} ms; holds it "
            f"{_ms([h * 1000 for h in clock.holds])}"
        )
    print(
        f"snapshot alternative: store of {articles} articles is {size / 1e6:.1f} MB; "
        f"copying it takes {statistics.median(copies) * 1000:.0f} ms (median of 3), "
        f"once per published batch"
    )


if __name__ == "__main__":
    main()
