"""A laptop dies mid-ingest: SIGKILL at random points loses no article half-way.

What "fully stored" means, checkably: an article's fingerprint (its content hash and, for each
table of rows extracted from it, the count and a hash of the rows' text and offsets;
``robustness.article_fingerprints``) equals the one a clean ingest of the same input gives.
After every kill the store opens, every article in it is fully stored (the others are
absent), and a re-run completes the corpus with exactly the clean ingest's rows. Killed runs
stay 'running' until the next run finds their process gone and marks them 'interrupted'.
"""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path
from typing import Any

import pytest
import robustness

from analysis import queries, store
from analysis.ingest import ingest

pytestmark = pytest.mark.slow

ARTICLES = 60  # the first articles of AllSides sample-300: more than five kills can get through
# (about seven articles a kill here), so every kill lands in unfinished work on a faster machine too
BATCH = 3
KILLS = 5
SEED = 20261129


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    src = shared / "corpus" / "allsides" / "sample-300.jsonl"
    out = tmp_path_factory.mktemp("crash") / "corpus.jsonl"
    with src.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
        g.writelines(itertools.islice(f, ARTICLES))
    return out


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same corpus ingested once, with nothing killed: what every article must look like."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    assert ingest([corpus], db, batch_size=BATCH, progress=False).ok
    return db


def _speakers(db: Path) -> set[tuple[Any, ...]]:
    return set(store.query(db, "SELECT speaker_id, name, kind FROM speakers").iter_rows())


def test_sigkill_at_random_points_loses_no_article_half_way(
    corpus: Path, clean: Path, tmp_path: Path
) -> None:
    reference = robustness.article_fingerprints(clean)
    assert len(reference) == ARTICLES

    def check(db: Path) -> dict[str, Any]:
        found = robustness.article_fingerprints(db)  # the store opens (the log is replayed)
        return {
            "stored": len(found),
            "partial": sorted(a for a, rows in found.items() if rows != reference.get(a)),
        }

    db = tmp_path / "crash.duckdb"
    kills = robustness.kill_runs([corpus], db, ARTICLES, KILLS, SEED, BATCH, after_kill=check)
    killed = [k for k in kills if not k.finished]
    assert len(killed) == KILLS, kills  # every kill landed in unfinished work
    # this seed kills twice while a committed batch is only in the write-ahead log
    assert [k.mode for k in kills] == ["log", "log", "time", "time", "time"]
    assert all(k.wal_bytes > 0 for k in kills if k.mode == "log"), kills
    assert all(k.checked["partial"] == [] for k in kills), kills
    # each run marked the run killed before it; the last one killed stays 'running'
    expected = ["ok" if k.finished else "interrupted" for k in kills]
    expected[-1] = "ok" if kills[-1].finished else "running"
    assert queries.runs(db).sort("run_id")["status"].to_list() == expected

    done = subprocess.run(
        robustness.ingest_cmd([corpus], db, BATCH), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # complete, no duplicates, and the corpus-wide speakers are the clean ingest's too
    everything = robustness.article_fingerprints(clean, derived=True)
    assert robustness.article_fingerprints(db, derived=True) == everything
    assert _speakers(db) == _speakers(clean)
    assert queries.overview(db, queries.Filters(distinct=False)) == queries.overview(
        clean, queries.Filters(distinct=False)
    )
    assert queries.statements(db, search="president").height > 0  # the index was rebuilt

    runs = queries.runs(db).sort("run_id")
    assert runs["status"].to_list() == [
        *expected[:-1],
        expected[-1].replace("running", "interrupted"),
        "ok",
    ]
    # each interrupted run is credited with what it stored, the last run with the rest
    assert sum(runs["articles_new"]) == ARTICLES
    interrupted = runs.filter(status="interrupted")
    assert interrupted.height == len(killed)
    assert interrupted["finished_at"].null_count() == len(killed)


@pytest.mark.parametrize("where", ["after-commit", "in-transaction"])
def test_the_write_ahead_log_is_replayed_after_sigkill(tmp_path: Path, where: str) -> None:
    db, wal_bytes = robustness.kill_in_writer(tmp_path, where)
    assert wal_bytes > 0  # the killed process left its log

    found = robustness.article_fingerprints(db)  # read-only: the log replayed in memory
    assert sorted(found) == ["first"]  # committed kept; the open transaction rolled back
    assert found["first"]["statements"] >= 2 and found["first"]["figures"] >= 1
    assert queries.runs(db)["status"].to_list() == ["running"]
    with store.writer(db) as con:  # the next writer checkpoints the log into the file
        assert store.mark_interrupted(con) == [1]
    wal = Path(f"{db}.wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert robustness.article_fingerprints(db) == found
    assert queries.runs(db)["status"].to_list() == ["interrupted"]


def test_a_live_run_is_not_marked_interrupted(tmp_path: Path) -> None:
    """Two ingests can share a store (batches interleave); the second must not mark the first
    interrupted while its process lives."""
    db = tmp_path / "live.duckdb"
    with store.writer(db) as con:
        mine = store.start_run(con, "ingest", "v", "m", [])
        assert store.mark_interrupted(con) == []  # this process is alive
    assert queries.runs(db).filter(run_id=mine)["status"].to_list() == ["running"]
