"""The corpus-speaker pass that runs after every ingest: seconds per pass by store size.

    .venv/bin/python tests/bench/speakers_apply.py [--statements 100000 1000000] [--repeat 3]
    .venv/bin/python tests/bench/speakers_apply.py --db news.duckdb

Builds synthetic stores (``analysis.dev.synth``, in a temporary folder) of each size, or takes the
given database (on a copy), places every article speaker once (the first pass also fills
``article_speakers`` for a store written without them), then times ``runs.apply_speakers`` K times
and prints one line per store: article speakers, corpus speakers, median and max seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import runs, store


def _synth(folder: Path, n: int) -> Path:
    db = folder / f"synth-{n}.duckdb"
    cmd = [sys.executable, "-m", "analysis.dev.synth", "--db", str(db), "--statements", str(n)]
    subprocess.run([*cmd, "--no-index", "--force"], check=True, capture_output=True)
    return db


def _bench(db: Path, repeat: int) -> str:
    with store.writer(db) as con:
        first = runs.apply_speakers(con)
    times = []
    for _ in range(repeat):
        with store.writer(db) as con:
            started = time.perf_counter()
            runs.apply_speakers(con)
            times.append(time.perf_counter() - started)
    statements = store.query(db, "SELECT count(*) FROM statements").item()
    return (
        f"{db.name}: {statements:,} statements, {first.article_speakers:,} article speakers → "
        f"{first.speakers:,} corpus speakers; pass: median {statistics.median(times):.2f}s, "
        f"max {max(times):.2f}s over {repeat}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, nargs="*", default=[100_000])
    ap.add_argument("--db", type=Path, default=None, help="time this store instead (a copy)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db is not None:
            copy = Path(tmp) / args.db.name
            shutil.copy(args.db, copy)
            print(_bench(copy, args.repeat), flush=True)
            return
        for n in args.statements:
            print(_bench(_synth(Path(tmp), n), args.repeat), flush=True)


if __name__ == "__main__":
    main()
