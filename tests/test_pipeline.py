"""End to end on real parts: input files → spaCy → a DuckDB file on disk → queries."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from analysis import queries, store
from analysis.ingest import ingest

# fmt: off
GOOD = {"id": "a1", "title": "Port strike ends", "outlet": "Harbour Times",
        "published": "2025-03-04",
        "text": 'Union leader Maria Santos said the strike was over. "We won," Santos said.'}
# fmt: on


@pytest.fixture(scope="module")
def wikinews_db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    db = tmp_path_factory.mktemp("wiki") / "wiki.duckdb"
    report = ingest([shared / "corpus" / "wikinews" / "articles.jsonl"], db, progress=False)
    assert report.ok, report.errors
    return db


def test_wikinews_counts(wikinews_db: Path) -> None:
    counts = queries.overview(wikinews_db)
    assert counts["articles"] == 294
    # measured on 2026-11-25: 2,258 statements and 1,751 figures; allow for model jitter.
    # 2026-11-29: 4,742 statements with the learned cue model (issue 3), which adds
    # positions and beliefs PolNeAR counts ("X called for ...", "we see ...")
    assert 3500 < queries.overview(wikinews_db, queries.Filters(kinds=()))["statements"] < 6500
    # 2026-12-05: the default views show direct, indirect and mixed statements only (2,112;
    # stances and beliefs, half of them interview talk, are a filter away)
    assert 1700 < counts["statements"] < 2600
    assert 1000 < counts["figures"] < 3000
    assert counts["speakers"] > 200


def test_every_stored_offset_reproduces_its_text(wikinews_db: Path) -> None:
    with store.reader(wikinews_db) as con:
        bad_st = con.sql(
            """SELECT s.statement_id, s.text, s.fragments, a.text AS body
               FROM statements s JOIN articles a USING (article_id) WHERE s.section = 'text'"""
        ).fetchall()
        for sid, text, fragments, body in bad_st:
            frags = json.loads(fragments) if fragments else None
            pieces = [body[a:b] for a, b in frags] if frags else None
            assert text == (" … ".join(pieces) if pieces else text), sid
        rows = con.sql(
            """SELECT count(*) FILTER (WHERE substr(a.text, s.start_char + 1,
                         s.end_char - s.start_char) <> s.text AND s.fragments IS NULL),
                      count(*) FILTER (WHERE s.speaker_start IS NOT NULL AND substr(a.text,
                         s.speaker_start + 1, s.speaker_end - s.speaker_start)
                         <> s.speaker_mention),
                      count(*) FILTER (WHERE s.cue_start IS NOT NULL AND substr(a.text,
                         s.cue_start + 1, s.cue_end - s.cue_start) <> s.cue)
               FROM statements s JOIN articles a USING (article_id) WHERE s.section = 'text'"""
        ).fetchone()
        assert rows == (0, 0, 0)
        bad_fig = con.sql(
            """SELECT count(*) FROM figures f JOIN articles a USING (article_id)
               WHERE substr(a.text, f.start_char + 1, f.end_char - f.start_char) <> f.surface"""
        ).fetchone()
        assert bad_fig == (0,)


def test_search_finds_a_known_statement(wikinews_db: Path) -> None:
    # Nancy Pelosi's pledge in the first Wikinews article of 2019
    found = queries.statements(wikinews_db, search="transparent bipartisan unifying")
    assert found.height >= 1
    assert "transparent, bipartisan and unifying" in found["text"][0]
    assert found["speaker"][0] == "Nancy Pelosi"


def test_reingest_is_idempotent(wikinews_db: Path, shared: Path) -> None:
    before = queries.overview(wikinews_db)
    report = ingest(
        [shared / "corpus" / "wikinews" / "articles.jsonl"], wikinews_db, progress=False
    )
    assert (report.counts.new, report.counts.updated, report.counts.unchanged) == (0, 0, 294)
    assert queries.overview(wikinews_db) == before


def _write(path: Path, rows: list[dict | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_changed_article_replaces_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest([_write(tmp_path / "v1.jsonl", [GOOD])], db, progress=False)
    v2 = {**GOOD, "text": "Union leader Maria Santos warned that the strike could resume in May."}
    report = ingest([_write(tmp_path / "v2.jsonl", [v2])], db, progress=False)
    assert report.counts.updated == 1
    st = queries.statements(db)
    assert st["text"].to_list() == ["that the strike could resume in May"]
    assert queries.overview(db)["articles"] == 1


def test_bad_records_are_recorded_and_good_ones_kept(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    src = _write(
        tmp_path / "mixed.jsonl",
        [GOOD, "{not json", {"id": "no-text", "title": "x"}, {**GOOD, "id": "a2"}],
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_bytes(b'{"id": "u", "text": "caf\xe9 bad bytes"}\n')
    report = ingest([src, tmp_path / "empty.txt", tmp_path / "bad.jsonl"], db, progress=False)
    assert not report.ok
    assert queries.overview(db)["articles"] == 2
    errors = queries.ingest_errors(db)
    got = sorted(zip(errors["source"], errors["line"], errors["reason"], strict=True))
    assert got == sorted(
        [
            (str(src), 2, "invalid-json"),
            (str(src), 3, "missing-text"),
            (str(tmp_path / "empty.txt"), None, "empty-file"),
            (str(tmp_path / "bad.jsonl"), 1, "undecodable"),
        ]
    )


def test_nothing_stored_is_lost_when_a_later_run_has_errors(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest([_write(tmp_path / "a.jsonl", [GOOD])], db, progress=False)
    before = queries.overview(db)
    assert before["statements"] >= 1
    report = ingest([_write(tmp_path / "b.jsonl", ["garbage", "{]"])], db, progress=False)
    assert report.counts.errors == 2
    assert queries.overview(db) == before


def test_reader_can_open_between_batches(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    rows = [{**GOOD, "id": f"a{i}"} for i in range(6)]
    seen: list[int] = []

    def peek(_: object) -> None:  # runs between batches, while ingest is under way
        seen.append(queries.overview(db)["articles"])

    ingest([_write(tmp_path / "many.jsonl", rows)], db, batch_size=2, progress=False, on_batch=peek)
    assert seen == [2, 4, 6]


def test_store_records_versions_and_refuses_foreign_files(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest([_write(tmp_path / "a.jsonl", [GOOD])], db, progress=False)
    meta = store.info(db)
    assert meta["schema_version"] == str(store.SCHEMA_VERSION)
    assert meta["duckdb_version"] == duckdb.__version__
    assert meta["storage_version"]
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE x (i INT)").close()
    with pytest.raises(store.StoreError, match="not a quotedesk database"):
        store.info(other)
    with pytest.raises(store.StoreError, match="no quotedesk database"):
        store.info(tmp_path / "missing.duckdb")


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    ingest([_write(tmp_path / "a.jsonl", [GOOD])], db, progress=False)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(store.StoreError, match="newer than this quotedesk"):
        store.info(db)


def test_speakers_link_across_articles_but_namesakes_stay_apart(tmp_path: Path) -> None:
    rows = [
        {"id": "b1", "text": "Judge Anna Berg said the hearing would resume on Monday."},
        {"id": "b2", "text": "Striker Lars Berg said the team was ready for the final."},
        {"id": "b3", "text": "Finance Minister Tomas Okafor said the deficit had narrowed."},
        {"id": "b4", "text": "Okafor said that taxes would not rise this year."},
        {"id": "b5", "text": "Berg said that the verdict would come in the spring."},
    ]
    db = tmp_path / "t.duckdb"
    ingest([_write(tmp_path / "s.jsonl", rows)], db, progress=False)
    top = queries.top_speakers(db)
    by_name = dict(zip(top["speaker"], top["statements"], strict=True))
    assert by_name["Tomas Okafor"] == 2  # "Okafor" in b4 is the one Okafor known
    assert by_name["Anna Berg"] == 1 and by_name["Lars Berg"] == 1
    assert by_name["Berg"] == 1  # two Bergs: refuse to guess
