"""The dashboard's facts (``analysis.store.FACTS``): refreshed by the writers, recognised as
stale after any other write, and every dashboard query gives the same rows from fresh facts as
from the tables (the fallback), on a store with near-duplicate stories and discovered topics."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from analysis import queries, store
from analysis.dev import bench, synth
from analysis.queries import Filters


def _link_stories(con: store.Connection, every: int = 7) -> None:
    """Make every ``every``-th run of three consecutive articles copies of one story."""
    ids = [r[0] for r in con.sql("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
    links = []
    for g in range(0, len(ids) - 2, 3 * every):
        first = ids[g]
        links.append({"article_id": first, "story_id": first, "duplicate_of": None,
                      "similarity": None, "shingles": 50})  # fmt: skip
        links += [{"article_id": i, "story_id": first, "duplicate_of": first,
                   "similarity": 0.8, "shingles": 50} for i in ids[g + 1 : g + 3]]  # fmt: skip
    store.write_stories(con, links, [])


def _discover(con: store.Connection) -> None:
    ids = [r[0] for r in con.sql("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
    now = dt.datetime.now()
    topics = [{"topic": f"d{i}", "label": f"words {i}", "terms": "[]", "method": "nmf",
               "articles": 1, "created_at": now} for i in (1, 2)]  # fmt: skip
    assigned = [{"article_id": a, "topic": f"d{1 + n % 2}", "score": 0.5}
                for n, a in enumerate(ids) if n % 5 == 0]  # fmt: skip
    store.replace_discovered_topics(con, topics, assigned)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic store with stories and discovered topics, and fresh facts."""
    db = tmp_path_factory.mktemp("facts") / "facts.duckdb"
    synth.build(db, 3_000)
    assert store.facts_fresh(db)  # synth refreshes them, as ingest does
    with store.writer(db) as con:
        _link_stories(con)
        _discover(con)
    assert not store.facts_fresh(db)  # neither write refreshed them
    with store.writer(db) as con:
        assert store.refresh_facts(con)
        assert not store.refresh_facts(con)  # nothing changed since
    assert store.facts_fresh(db)
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built, copy)
    return copy


def _run_all(db: Path) -> list[tuple[str, str, Any]]:
    """Every query the dashboard makes (the benchmark's cases), but the store's meta table."""
    return [(c.query, c.filters, c.run(db)) for c in bench.cases(db) if c.query != "info"]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, pl.DataFrame):
        return a.equals(b)
    return bool(a == b)


def test_every_dashboard_query_gives_the_same_rows_from_stale_facts(db: Path) -> None:
    fresh = _run_all(db)
    with store.writer(db) as con:  # the data stay; only the record of the refresh goes
        con.execute("UPDATE meta SET value = 'old' WHERE key = 'facts_signature'")
    assert not store.facts_fresh(db)
    stale = _run_all(db)
    assert len(fresh) == len(stale) > 40
    differ = [(q, f) for (q, f, a), (_, _, b) in zip(fresh, stale, strict=True) if not _same(a, b)]
    assert not differ


def test_one_copy_per_story_is_counted_from_the_facts(db: Path) -> None:
    every = queries.overview(db, Filters(distinct=False))
    distinct = queries.overview(db)
    linked = store.query(db, "SELECT count(*) FROM article_stories WHERE duplicate_of IS NOT NULL")
    assert distinct["articles"] == every["articles"] - linked.item() > 0
    where, params = Filters().where()
    raw = store.query(
        db, f"SELECT count(*) FROM statements s JOIN articles a USING (article_id) WHERE {where}",
        params,
    ).item()  # fmt: skip
    assert distinct["statements"] == raw < every["statements"]


def test_a_write_that_does_not_refresh_is_seen_at_once(db: Path) -> None:
    """Counts follow the tables even when a writer (here, a hand-made story link) does not
    refresh the facts: the queries notice and compute them from the tables."""
    before = queries.overview(db)["articles"]
    free = store.query(
        db,
        """SELECT article_id FROM articles ANTI JOIN article_stories USING (article_id)
           ORDER BY article_id LIMIT 2""",
    )["article_id"].to_list()
    links = [
        {"article_id": free[0], "story_id": free[0], "duplicate_of": None,
         "similarity": None, "shingles": 50},
        {"article_id": free[1], "story_id": free[0], "duplicate_of": free[0],
         "similarity": 0.9, "shingles": 50},
    ]  # fmt: skip
    with store.writer(db) as con:
        store.write_stories(con, links, [])
    assert not store.facts_fresh(db)
    assert queries.overview(db)["articles"] == before - 1
    with store.writer(db) as con:
        assert store.refresh_facts(con)
    assert queries.overview(db)["articles"] == before - 1


def test_facts_stay_out_of_the_export(db: Path) -> None:
    assert not [t for t in store.tables(db) if t.startswith("fact")]
    names = store.query(
        db, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'facts' ORDER BY 1"
    )["table_name"].to_list()
    assert names == sorted(store.FACTS)


def test_a_store_without_facts_is_answered_from_the_tables(tmp_path: Path) -> None:
    """A store written before the facts existed (here: one whose facts were dropped)."""
    db = tmp_path / "old.duckdb"
    synth.build(db, 500)
    expected = queries.overview(db)
    with store.writer(db) as con:
        con.execute("DROP SCHEMA facts CASCADE")
        con.execute("DELETE FROM meta WHERE key = 'facts_signature'")
    assert not store.facts_fresh(db)
    assert queries.overview(db) == expected
    assert queries.top_speakers(db, limit=3).height == 3


def test_migrate_brings_facts_from_an_older_quotedesk_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store whose facts an older quotedesk built (``./dev dashboard`` runs ``quotedesk
    migrate`` on the sample before it serves it): its queries would be computed on the fly."""
    from analysis.cli import main

    db = tmp_path / "older.duckdb"
    synth.build(db, 500)
    expected = queries.top_speakers(db, limit=5)
    with store.writer(db) as con:  # what a facts version bump does to the signature
        con.execute("UPDATE meta SET value = 'v3:older' WHERE key = 'facts_signature'")
    assert not store.facts_fresh(db)
    assert main(["migrate", "--db", str(db)]) == 0
    assert "dashboard facts: rebuilt" in capsys.readouterr().out
    assert store.facts_fresh(db)
    assert queries.top_speakers(db, limit=5).equals(expected)
    assert main(["migrate", "--db", str(db)]) == 0  # a second run changes nothing
    assert "dashboard facts: up to date" in capsys.readouterr().out


def _writer_in_another_process(db: Path) -> subprocess.CompletedProcess[str]:
    code = f"from analysis import store\nwith store.writer({str(db)!r}):\n    pass\n"
    env = {**os.environ, "QUOTEDESK_LOCK_TIMEOUT": "0.5"}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)


def test_one_session_one_connection(db: Path) -> None:
    """Inside store.session() the queries share one read-only connection, which keeps the file
    until the block ends (so a writer waits for the page, and only for it)."""
    with store.session():
        queries.overview(db)
        queries.outlets(db)
        blocked = _writer_in_another_process(db)
    assert blocked.returncode != 0 and "cannot open" in blocked.stderr
    assert _writer_in_another_process(db).returncode == 0  # free again


def test_unfiltered_topic_views_from_the_aggregate_match_the_general_path(db: Path) -> None:
    # every outlet chosen: the same rows as no filter (synthetic articles all have an outlet
    # and a date), through the general path instead of facts.topic_days
    assert store.query(db, "SELECT count(*) AS n FROM articles WHERE outlet IS NULL")["n"][0] == 0
    every = Filters(outlets=tuple(queries.outlet_choices(db)))
    for name in ("topic_outlets", "topic_share_over_time", "topic_choices"):
        fast, general = getattr(queries, name)(db), getattr(queries, name)(db, every)
        assert fast.height > 0
        assert _same(fast, general), name
    for by in ("topic", "outlet", None):
        for freq in ("day", "week", "month"):
            fast = queries.statements_over_time(db, freq=freq, by=by)
            general = queries.statements_over_time(db, every, freq=freq, by=by)
            assert fast.height > 0
            assert _same(fast, general), (by, freq)
