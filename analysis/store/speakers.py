"""Corpus speakers' reads and writes (the logic lives in analysis/identity.py, the rules
in analysis/aliases.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from analysis.store.rows import _insert, _insert_typed

if TYPE_CHECKING:
    from analysis.identity import Resolution


# ------------------------------------------------------------------- after an ingest run
# Speakers across the corpus: the logic lives in analysis/identity.py (rules in
# analysis/aliases.py); these are its reads and writes.
def backfill_article_speakers(con: duckdb.DuckDBPyConnection) -> int:
    """Article speakers for articles stored before schema 3 (or written by hand), from their
    statements: the name they carry, its kind, the mentions and roles seen. Returns rows."""
    con.execute("BEGIN")
    try:
        row = con.execute(
            """INSERT INTO article_speakers (article_id, name, kind, aliases, roles, statements)
               SELECT s.article_id, s.speaker_name, coalesce(any_value(sp.kind), 'other'),
                      coalesce(list(DISTINCT s.speaker_mention)
                               FILTER (WHERE s.speaker_mention IS NOT NULL), []),
                      coalesce(list(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), [])
                        || coalesce(list(DISTINCT s.speaker_role)
                                    FILTER (WHERE s.speaker_role IS NOT NULL), []),
                      list(DISTINCT s.ordinal ORDER BY s.ordinal)
               FROM statements s LEFT JOIN speakers sp USING (speaker_id)
               LEFT JOIN speaker_roles r ON r.speaker_id = s.speaker_id
                                        AND r.article_id = s.article_id
               WHERE s.speaker_name IS NOT NULL AND s.article_id NOT IN
                     (SELECT article_id FROM article_speakers)
               GROUP BY s.article_id, s.speaker_name"""
        ).fetchone()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(row[0]) if row else 0


def article_speakers(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every article speaker with its article's outlet, as ``identity.ArticleSpeaker`` fields."""
    table = con.sql(
        """SELECT s.article_id, a.outlet, s.name, s.kind, s.aliases, s.roles,
                  len(s.statements)::INTEGER AS statements
           FROM article_speakers s LEFT JOIN articles a USING (article_id)
           ORDER BY s.article_id, s.name"""
    ).to_arrow_table()  # ~2x faster than fetchall() for rows holding lists
    return list(table.to_pylist())


def stored_speaker_rules(con: duckdb.DuckDBPyConnection) -> tuple[str, list[str]]:
    """The hand rules applied last (table ``speaker_rules``), to apply again: the file they
    came from and each rule as stored (``aliases.rules_from_rows`` reads them back)."""
    rows = con.sql("SELECT file, rule FROM speaker_rules ORDER BY rule_no").fetchall()
    return (rows[0][0] if rows else "", [r[1] for r in rows])


def write_speakers(
    con: duckdb.DuckDBPyConnection, res: Resolution, rule_rows: Sequence[dict[str, Any]]
) -> int:
    """Store a corpus speaker resolution in one transaction: the speakers, the placement of
    every article speaker, the speaker of every statement and figure, aliases, roles and the
    rules applied (``rule_rows``: ``identity.rule_rows``). Returns statements whose speaker
    changed."""

    placed = pa.Table.from_pylist(
        [
            {"article_id": a.article_id, "name": a.name, "speaker_id": a.speaker_id,
             "how": a.how, "note": a.note}
            for a in res.locals
        ],
        schema=pa.schema([(c, pa.string()) for c in ("article_id", "name", "speaker_id",
                                                     "how", "note")]),
    )  # fmt: skip
    speakers = [{"speaker_id": k, **v} for k, v in sorted(res.speakers.items())]
    con.execute("BEGIN")
    try:
        _insert(con, "speakers", speakers, ignore=True)
        _upsert_speaker_names(con, speakers)
        con.register("_placed", placed)
        con.execute(
            """UPDATE article_speakers SET speaker_id = p.speaker_id, how = p.how, note = p.note
               FROM _placed p
               WHERE article_speakers.article_id = p.article_id
                 AND article_speakers.name = p.name
                 AND (article_speakers.speaker_id IS DISTINCT FROM p.speaker_id
                      OR article_speakers.how IS DISTINCT FROM p.how
                      OR article_speakers.note IS DISTINCT FROM p.note)"""
        )
        con.unregister("_placed")
        moved = _repoint_statements(con)
        _sync(con, "speaker_aliases", ("speaker_id", "alias"), res.aliases)
        _sync(con, "speaker_roles", ("speaker_id", "article_id", "role"), res.roles)
        con.execute("DELETE FROM speaker_rules")
        now = dt.datetime.now()
        rule_table = [{**r, "applied_at": now} for r in rule_rows]
        _insert_typed(con, "speaker_rules", rule_table, _SPEAKER_RULES)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return moved


def _sync(
    con: duckdb.DuckDBPyConnection,
    table: str,
    cols: tuple[str, ...],
    rows: Iterable[tuple[str, ...]],
) -> None:
    """Make ``table`` hold exactly ``rows``, writing only the difference: deleting every row
    of a table that other tables reference takes DuckDB seconds per 10,000 rows."""
    rows = list(rows)
    want = pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(cols)})
    same = " AND ".join(f"w.{c} = t.{c}" for c in cols)
    names = ", ".join(cols)
    con.register("_want", want)
    try:
        con.execute(f"DELETE FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM _want w WHERE {same})")
        con.execute(
            f"INSERT INTO {table} ({names}) "
            f"SELECT {names} FROM _want EXCEPT SELECT {names} FROM {table}"
        )
    finally:
        con.unregister("_want")


def _upsert_speaker_names(con: duckdb.DuckDBPyConnection, speakers: list[dict[str, Any]]) -> None:
    if not speakers:
        return
    con.register("_names", pa.Table.from_pylist(speakers))
    try:
        con.execute(
            """UPDATE speakers SET name = n.name, kind = n.kind FROM _names n
               WHERE speakers.speaker_id = n.speaker_id
                 AND (speakers.name <> n.name OR speakers.kind <> n.kind)"""
        )
    finally:
        con.unregister("_names")


def _repoint_statements(con: duckdb.DuckDBPyConnection) -> int:
    """Point each statement (and the figures it cites) at its article speaker's corpus speaker;
    only rows that change are written."""
    row = con.execute(
        """UPDATE statements SET speaker_id = m.speaker_id, speaker_name = m.sname
           FROM (SELECT a.article_id, unnest(a.statements) AS ordinal, a.speaker_id,
                        sp.name AS sname
                 FROM article_speakers a JOIN speakers sp USING (speaker_id)) m
           WHERE statements.article_id = m.article_id AND statements.ordinal = m.ordinal
             AND (statements.speaker_id IS DISTINCT FROM m.speaker_id
                  OR statements.speaker_name IS DISTINCT FROM m.sname)"""
    ).fetchone()
    con.execute(
        """UPDATE figures SET speaker_id = s.speaker_id, speaker_name = s.speaker_name
           FROM statements s
           WHERE figures.statement_id = s.statement_id AND s.speaker_id IS NOT NULL
             AND (figures.speaker_id IS DISTINCT FROM s.speaker_id
                  OR figures.speaker_name IS DISTINCT FROM s.speaker_name)"""
    )
    return int(row[0]) if row else 0


def drop_orphans(con: duckdb.DuckDBPyConnection) -> None:
    """Remove speakers no statement or figure points at (after merges and re-ingests)."""
    con.execute("BEGIN")
    orphan = """SELECT speaker_id FROM speakers
                WHERE speaker_id NOT IN
                    (SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL)
                AND speaker_id NOT IN
                    (SELECT speaker_id FROM figures WHERE speaker_id IS NOT NULL)"""
    con.execute(f"CREATE TEMP TABLE orphan AS {orphan}")
    con.execute("DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("DELETE FROM speaker_roles WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("COMMIT")
    con.execute("BEGIN")
    con.execute("DELETE FROM speakers WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("COMMIT")
    con.execute("DROP TABLE orphan")


_SPEAKER_RULES = pa.schema(
    [
        ("rule_no", pa.int32()),
        ("action", pa.string()),
        ("file", pa.string()),
        ("line", pa.int32()),
        ("rule", pa.string()),
        ("description", pa.string()),
        ("speaker_id", pa.string()),
        ("speaker_ids", pa.list_(pa.string())),
        ("matched", pa.int32()),
        ("applied_at", pa.timestamp("us")),
    ]
)
