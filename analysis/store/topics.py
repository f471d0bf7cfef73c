"""Discovered topics' reads and writes (the logic lives in analysis/topic_model.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from analysis.store.connect import query, reader
from analysis.store.rows import _insert


# ------------------------------------------------------------------ discovered topics
def article_batches(
    path: str | Path, size: int = 1000, stories_only: bool = False
) -> Iterator[list[tuple[str, str, str]]]:
    """(article id, title, text) of every article, or of each story's first copy, in batches.

    Each batch is read on a connection of its own, so a writer can get in between while the
    caller works on a batch (fitting or applying a topic model takes a while).
    """
    ids = query(
        path,
        """SELECT a.article_id FROM articles a LEFT JOIN article_stories k USING (article_id)
           WHERE NOT ? OR coalesce(k.story_id, a.article_id) = a.article_id
           ORDER BY a.article_id""",
        [stories_only],
    )["article_id"].to_list()
    for start in range(0, len(ids), size):
        with reader(path) as con:
            rows = con.execute(
                """SELECT article_id, title, text FROM articles
                   WHERE list_contains(?, article_id) ORDER BY article_id""",
                [ids[start : start + size]],
            ).fetchall()
        yield [(r[0], r[1], r[2]) for r in rows]


def replace_discovered_topics(
    con: duckdb.DuckDBPyConnection,
    topics: Sequence[dict[str, Any]],
    assignments: Sequence[dict[str, Any]],
) -> None:
    """Replace every discovered topic and article assignment in one transaction."""
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM article_discovered_topics")
        con.execute("DELETE FROM discovered_topics")
        _insert(con, "discovered_topics", list(topics))
        _insert(con, "article_discovered_topics", list(assignments))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
