"""Near-duplicate stories' reads and writes (the logic lives in analysis/dedup.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from analysis.store.rows import _insert


# ------------------------------------------------------------ near-duplicate stories
# The logic lives in analysis/dedup.py; these are its reads and writes.
def pending_stories(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles not linked to a story yet, in the order they were ingested."""
    rows = con.sql(
        """SELECT a.article_id FROM articles a ANTI JOIN article_stories k USING (article_id)
           ORDER BY a.ingested_at, a.article_id"""
    ).fetchall()
    return [r[0] for r in rows]


def article_texts(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """Article id → text, for the ids that are in the store."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, text FROM articles WHERE list_contains(?, article_id)", [list(ids)]
    ).fetchall()
    return dict(rows)


def band_matches(
    con: duckdb.DuckDBPyConnection, probes: Sequence[tuple[int, int, str]]
) -> list[tuple[str, str, str]]:
    """Stored articles sharing a band bucket with a probe ``(band, bucket, probe id)``.

    Returns (probe id, stored article id, its story id), each pair once.
    """
    if not probes:
        return []
    data = pa.table(
        {
            "band": pa.array([p[0] for p in probes], pa.int16()),
            "bucket": pa.array([p[1] for p in probes], pa.int64()),
            "probe": pa.array([p[2] for p in probes], pa.string()),
        }
    )
    con.register("_probes", data)
    try:
        rows = con.sql(
            """SELECT DISTINCT p.probe, b.article_id, k.story_id
               FROM _probes p JOIN story_bands b USING (band, bucket)
               JOIN article_stories k ON k.article_id = b.article_id
               ORDER BY p.probe, b.article_id"""
        ).fetchall()
    finally:
        con.unregister("_probes")
    return [(r[0], r[1], r[2]) for r in rows]


def write_stories(
    con: duckdb.DuckDBPyConnection,
    links: Sequence[dict[str, Any]],
    bands: Sequence[tuple[int, int, str]],
) -> None:
    """Insert story links (``article_stories`` rows) and their LSH bands in one transaction."""
    con.execute("BEGIN")
    try:
        _insert(con, "article_stories", list(links))
        _insert(
            con, "story_bands", [{"band": b, "bucket": k, "article_id": i} for b, k, i in bands]
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def unlink_stories(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Forget the story links of changed articles and of every copy in their stories, so
    that the next linking pass matches them again on their new text. Runs inside the caller's
    transaction (``write_batch``)."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _unlink AS SELECT article_id FROM article_stories
           WHERE list_contains(?, article_id) OR list_contains(?, story_id)""",
        [article_ids, article_ids],
    )
    con.execute("DELETE FROM story_bands WHERE article_id IN (SELECT article_id FROM _unlink)")
    con.execute("DELETE FROM article_stories WHERE article_id IN (SELECT article_id FROM _unlink)")
    con.execute("DROP TABLE _unlink")
