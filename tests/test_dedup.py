"""Counting honestly: near-duplicate articles are linked at ingest, incrementally, and every
count can take one copy per story or all copies. Schema 1 stores migrate without losing rows.

Copies are made here from real AllSides articles (../shared), with light edits and other
outlets; nothing from ../shared is written into the repository.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import pytest

from analysis import dedup, queries, store
from analysis.cli import main
from analysis.ingest import ingest
from analysis.records import DEFAULT_KINDS

FIXTURES = Path(__file__).parent / "fixtures"
ALL = queries.Filters(distinct=False)
ONE = queries.Filters()  # distinct, the default


def _sample(shared: Path, n: int, skip: int = 0) -> list[dict]:
    src = shared / "corpus" / "allsides" / "sample-300.jsonl"
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["published"]][skip : skip + n]


def _copy(row: dict, outlet: str, days: int, tag: str) -> dict:
    """Another outlet's copy: dateline sentence dropped, a few words changed, a tagline added."""
    paras = row["text"].split("\n\n")
    paras[0] = paras[0].split(". ", 1)[-1]
    text = "\n\n".join(paras).replace(" the ", " a ", 4).replace(" said ", " told reporters ", 1)
    published = dt.date.fromisoformat(row["published"]) + dt.timedelta(days=days)
    return {
        **row,
        "id": f"{tag}-{row['id']}",
        "outlet": outlet,
        "published": published.isoformat(),
        "title": row["title"].upper(),
        "text": text + f"\n\nThis story was first published by {row['outlet']}.",
    }


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _statements(db: Path, ids: list[str]) -> int:
    """Statements of the kinds the views show by default, in these articles."""
    sql = "SELECT count(*) FROM statements WHERE list_contains(?, article_id) AND kind IN ?"
    return int(store.query(db, sql, [ids, list(DEFAULT_KINDS)]).item())


# ------------------------------------------------------------------------------ units
def test_shingles_and_jaccard() -> None:
    a = dedup.shingles("The port will reopen on Monday, the authority said.")
    b = dedup.shingles("The port will reopen on Tuesday, the authority said.")
    assert len(a) == 5 and len(a & b) == 1  # one changed word touches every 5-gram here
    assert dedup.jaccard(a, a) == 1.0
    assert dedup.jaccard(a, b) == pytest.approx(1 / 9)
    assert dedup.shingles("Short text") == frozenset({"short text"})
    assert dedup.jaccard(frozenset(), frozenset()) == 0.0


def test_band_keys_are_stable_across_versions() -> None:
    # Stored bands must match bands computed by a later run. If a datasketch upgrade changes
    # its hashing, this fails: re-band every store (delete story_bands and article_stories,
    # then `quotedesk migrate`) or keep the old version.
    text = (
        "Passenger trains between Ostravel and Arvenholm will run again from May 4, "
        "the railway company said."
    )
    keys = dedup.band_keys(dedup.shingles(text))
    assert len(keys) == dedup.BANDS
    assert keys[:2] == [(0, -1446603137941078979), (1, 5152916594438247143)]


# ----------------------------------------------------------------- copies across runs
@pytest.fixture(scope="module")
def copies_db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> dict:
    """Run 1: four originals, one with a copy in the same file. Run 2: copies of two of them
    by other outlets, and one unrelated article."""
    tmp = tmp_path_factory.mktemp("dedup")
    db = tmp / "copies.duckdb"
    a, b, c, d, unrelated = _sample(shared, 5, skip=1)
    same_run = _copy(d, "Same Run Wire", 1, "same")
    first = ingest([_write(tmp / "run1.jsonl", [a, b, c, d, same_run])], db, progress=False)
    later = [_copy(a, "Copy Desk", 2, "copy"), _copy(a, "Echo Post", 3, "echo")]
    later += [_copy(b, "Copy Desk", 1, "copy"), unrelated]
    second = ingest([_write(tmp / "run2.jsonl", later)], db, progress=False)
    return {
        "db": db,
        "tmp": tmp,
        "originals": [a, b, c, d],
        "unrelated": unrelated,
        "runs": (first, second),
    }


def test_copies_link_to_the_earlier_story_in_the_same_run_and_later_runs(copies_db: dict) -> None:
    a, b, _, d = copies_db["originals"]
    first, second = copies_db["runs"]
    assert (first.copies, second.copies) == (1, 3)
    assert "copies of earlier stories: 3" in second.summary()
    links = store.query(copies_db["db"], "SELECT * FROM article_stories ORDER BY article_id")
    story = dict(zip(links["article_id"], links["story_id"], strict=True))
    assert story[f"copy-{a['id']}"] == story[f"echo-{a['id']}"] == a["id"]
    assert story[f"copy-{b['id']}"] == b["id"]
    assert story[f"same-{d['id']}"] == d["id"]
    assert story[copies_db["unrelated"]["id"]] == copies_db["unrelated"]["id"]
    copies = links.filter(links["duplicate_of"].is_not_null())
    assert copies["similarity"].min() >= dedup.THRESHOLD
    originals = links.filter(links["duplicate_of"].is_null())
    assert originals.height == 5


def test_counts_choose_between_distinct_stories_and_all_copies(copies_db: dict) -> None:
    db = copies_db["db"]
    ids = [r["id"] for r in [*copies_db["originals"], copies_db["unrelated"]]]
    one, every = queries.overview(db, ONE), queries.overview(db, ALL)
    assert (one["articles"], every["articles"]) == (5, 9)
    assert one["statements"] == _statements(db, ids)  # the originals are the earliest copies
    assert every["statements"] > one["statements"]
    assert every["figures"] > one["figures"]
    assert queries.overview(db) == one  # distinct is the default
    # every query honours it: the most quoted speaker of the wire story counts once per story
    top_one = queries.top_speakers(db, ONE, limit=1).row(0, named=True)
    top_all = queries.top_speakers(db, ALL).filter(pl.col("speaker_id") == top_one["speaker_id"])
    assert top_all["statements"][0] >= top_one["statements"]
    assert queries.statements(db, ONE, limit=10_000).height == one["statements"]
    assert queries.statements(db, ALL, limit=10_000).height == every["statements"]


def test_an_outlet_filter_counts_that_outlets_copy(copies_db: dict) -> None:
    db = copies_db["db"]
    a, b, _, _ = copies_db["originals"]
    desk = queries.Filters(outlets=("Copy Desk",))
    assert queries.overview(db, desk)["articles"] == 2
    assert queries.overview(db, desk)["statements"] == _statements(
        db, [f"copy-{a['id']}", f"copy-{b['id']}"]
    )
    window = queries.Filters(start=dt.date.fromisoformat(a["published"]) + dt.timedelta(days=1))
    later = queries.statements(db, window, limit=10_000)
    assert f"copy-{a['id']}" in later["article_id"].to_list()  # the copy inside the window
    assert f"echo-{a['id']}" not in later["article_id"].to_list()  # but only one of them


def test_stories_lists_the_copies_in_publication_order(copies_db: dict) -> None:
    a = copies_db["originals"][0]
    found = queries.stories(copies_db["db"])
    assert found["copies"].to_list() == [3, 2, 2]
    top = found.row(0, named=True)
    assert top["story_id"] == a["id"]
    assert top["outlets"] == [a["outlet"], "Copy Desk", "Echo Post"]


def test_a_changed_original_is_linked_again_from_its_new_text(
    copies_db: dict, tmp_path: Path
) -> None:
    db = tmp_path / "changed.duckdb"
    shutil.copy(copies_db["db"], db)
    b = copies_db["originals"][1]
    other = copies_db["originals"][2]
    rewritten = {**b, "text": other["text"].replace(" the ", " this ", 3)}
    ingest([_write(tmp_path / "v2.jsonl", [rewritten])], db, progress=False)
    links = store.query(db, "SELECT article_id, story_id FROM article_stories")
    story = dict(zip(links["article_id"], links["story_id"], strict=True))
    assert story[f"copy-{b['id']}"] == f"copy-{b['id']}"  # its original is gone: a story of its own
    assert story[b["id"]] == other["id"]  # and the rewritten article is now a copy of another


def test_short_texts_are_never_linked(tmp_path: Path) -> None:
    rows = [
        {"id": f"s{i}", "outlet": f"O{i}", "text": "Mayor Lena Dahl said the bridge would reopen."}
        for i in range(3)
    ]
    db = tmp_path / "short.duckdb"
    report = ingest([_write(tmp_path / "s.jsonl", rows)], db, progress=False)
    assert report.copies == 0
    assert queries.overview(db)["articles"] == 3


# -------------------------------------------------------------------- schema 1 → 2
@pytest.fixture
def v1_db(tmp_path: Path) -> Path:
    """The schema-1 store built by tests/fixtures/make_v1_store.py with quotedesk 813ac5c."""
    db = tmp_path / "v1.duckdb"
    with gzip.open(FIXTURES / "v1.duckdb.gz") as src, db.open("wb") as out:
        shutil.copyfileobj(src, out)
    return db


def _table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [
            r[0]
            for r in con.sql(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
            ).fetchall()
        ]
        return {n: con.sql(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # type: ignore[index]
    finally:
        con.close()


def test_readers_refuse_a_schema_1_store_until_it_is_migrated(v1_db: Path) -> None:
    with pytest.raises(store.StoreError, match="quotedesk migrate"):
        store.info(v1_db)


def test_migration_keeps_every_row_and_links_the_copies(v1_db: Path, tmp_path: Path) -> None:
    before = _table_counts(v1_db)
    assert before["articles"] == 4 and before["statements"] == 15
    assert dedup.link_store(v1_db) == (4, 1)
    after = _table_counts(v1_db)
    changed = {t for t in before if t != "meta" and after[t] != before[t]}
    assert not changed, "the migration must keep every row"
    fresh = tmp_path / "fresh.duckdb"
    with store.writer(fresh):
        pass
    assert set(after) == set(_table_counts(fresh))
    assert store.info(v1_db)["schema_version"] == str(store.SCHEMA_VERSION) == "5"
    # schema 4's columns, on the old rows, empty until they are re-extracted
    cols = store.query(v1_db, "SELECT speaker_how, antecedent_start FROM statements")
    assert cols.height == before["statements"] and cols["speaker_how"].null_count() == cols.height
    ev = store.query(v1_db, "SELECT evidence FROM article_speakers")
    assert ev["evidence"].null_count() == ev.height
    links = store.query(v1_db, "SELECT article_id, story_id FROM article_stories")
    story = dict(zip(links["article_id"], links["story_id"], strict=True))
    assert story["ledger-okafor"] == "wire-okafor"
    assert queries.overview(v1_db)["articles"] == 3
    assert queries.overview(v1_db, ALL)["articles"] == 4
    # the v1 search index still answers
    assert queries.statements(v1_db, search="pensions")["text"].to_list()[0].startswith("that")


def test_a_migrated_store_keeps_ingesting_and_linking(v1_db: Path, tmp_path: Path) -> None:
    raw = duckdb.connect(str(v1_db), read_only=True)
    row = raw.sql("SELECT * FROM articles WHERE article_id = 'wire-okafor'").pl().row(0, named=True)
    raw.close()
    copy = {
        "id": "post-okafor",
        "outlet": "Meridian Post",
        "published": "2025-05-08",
        "title": row["title"],
        "text": row["text"].replace("told reporters", "said"),
    }
    # ingest migrates (writer), then links the v1 articles before the new one
    report = ingest([_write(tmp_path / "c.jsonl", [copy])], v1_db, progress=False)
    assert report.copies == 2  # ledger-okafor (from v1) and the new copy
    assert queries.stories(v1_db)["copies"].to_list() == [3]


def test_cli_migrate(v1_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--db", str(v1_db)]) == 0
    assert "schema 5; 4 articles linked to stories; copies: 1" in capsys.readouterr().out
    assert main(["migrate", "--db", str(v1_db)]) == 0  # a second time: nothing to do
    assert "0 articles linked" in capsys.readouterr().out


def test_filters_default_to_distinct() -> None:
    assert queries.Filters().distinct is True
    assert "article_stories" in queries.Filters().where()[0]
    assert "article_stories" not in replace(ONE, distinct=False).where()[0]
