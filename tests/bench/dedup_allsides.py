"""Near-duplicate detection on the AllSides 5k corpus: time, memory, copies found.

    .venv/bin/python tests/bench/dedup_allsides.py [--copies 200]

Stores the 5,000 articles (without extraction, which dedup does not need) in a temporary
store, batch by batch as ingest does, linking each batch with ``dedup.link_pending``; then adds
``--copies`` lightly edited copies of random articles under another outlet, in a second run,
and reports how many were linked to their original. Prints one line per measure.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from analysis import articles, dedup, queries, settings, store
from analysis.records import Article, Extraction

BATCH = 64


def _edit(a: Article, rng: random.Random, i: int) -> Article:
    """A second outlet's copy: no dateline paragraph, a word changed in a few paragraphs."""
    paras = a.text.split("\n\n")
    for j in rng.sample(range(len(paras)), k=min(3, len(paras))):
        words = paras[j].split()
        if words:
            words[rng.randrange(len(words))] = "reportedly"
        paras[j] = " ".join(words)
    return replace(a, id=f"copy-{i}-{a.id}", outlet="Copy Desk", text="\n\n".join(paras))


def _store(db: Path, batch: list[Article], run_id: int) -> float:
    items = [(a, articles.content_hash(a), Extraction(a.id, (), (), (), (), ())) for a in batch]
    with store.writer(db) as con:
        store.write_batch(con, run_id, items, "bench")
        started = time.perf_counter()
        dedup.link_pending(con)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=200)
    args = ap.parse_args()
    src = settings.shared_dir() / "corpus" / "allsides" / "articles-5k.jsonl.gz"
    corpus = [a for a in articles.read([src]) if isinstance(a, Article)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dedup.duckdb"
        with store.writer(db) as con:
            run_id = store.start_run(con, "bench", "bench", "", [str(src)])
        linking = sum(
            _store(db, corpus[i : i + BATCH], run_id) for i in range(0, len(corpus), BATCH)
        )
        found = queries.stories(db, queries.Filters(distinct=False), min_copies=2, limit=10_000)
        print(
            f"articles: {len(corpus)}; linking time: {linking:.1f}s "
            f"({len(corpus) / linking:.0f} articles/s)"
        )
        print(
            f"stories with copies in the corpus itself: {found.height} "
            f"({int(found['copies'].sum()) if found.height else 0} articles)"
        )
        for row in found.head(10).iter_rows(named=True):
            print(
                f"  {row['copies']} copies, similarity ≥ {row['min_similarity']}: "
                f"{row['title'][:60]!r} {row['outlets']}"
            )
        rng = random.Random(7)
        picked = rng.sample(corpus, args.copies)
        copies = [_edit(a, rng, i) for i, a in enumerate(picked)]
        seconds = sum(
            _store(db, copies[i : i + BATCH], run_id) for i in range(0, len(copies), BATCH)
        )
        links = store.query(
            db, "SELECT article_id, story_id FROM article_stories WHERE article_id LIKE 'copy-%'"
        )
        right = sum(sid == aid.split("-", 2)[2] for aid, sid in links.iter_rows())
        print(
            f"edited copies added later: {len(copies)}; linked to their original: {right} "
            f"({seconds:.1f}s)"
        )
        print(f"peak memory of this process, corpus included: {_peak_mb():.0f} MB")
        # as after a migration from schema 1: every article pending, linked in a fresh process
        with store.writer(db) as con:
            con.execute("DELETE FROM story_bands")
            con.execute("DELETE FROM article_stories")
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--relink", str(db)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"relinking all {out}; {time.perf_counter() - started:.1f}s")


def _peak_mb() -> float:
    """Peak resident memory (VmHWM). Not ru_maxrss: Linux carries that across exec."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def relink(db: str) -> None:
    linked, copies = dedup.link_store(db)
    print(f"{linked} articles ({copies} copies) in a fresh process: peak {_peak_mb():.0f} MB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--relink"]:
        relink(sys.argv[2])
    else:
        main()
