"""Export: the store's own tables to Parquet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.store.connect import _load_fts, reader


# --------------------------------------------------------------------------- export
def tables(path: str | Path) -> list[str]:
    """The store's own tables (not the search index's), by name."""
    with reader(path) as con:
        rows = con.sql(
            """SELECT table_name FROM duckdb_tables()
               WHERE database_name = current_database() AND schema_name = 'main'
               ORDER BY table_name"""
        ).fetchall()
    return [r[0] for r in rows]


def export_parquet(path: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Write every table to ``out_dir/<table>.parquet``; returns rows per table.

    DuckDB writes each file as it reads the table, so memory stays flat on a large store.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = tables(path)
    counts: dict[str, int] = {}
    with reader(path) as con:
        for name in names:
            rel = con.table(name)
            rel.write_parquet(str(out / f"{name}.parquet"))
            row = con.sql(f'SELECT count(*) FROM "{name}"').fetchone()
            counts[name] = int(row[0]) if row else 0
    return counts


def query_to_parquet(
    path: str | Path, sql: str, params: Sequence[Any] | None, out: str | Path
) -> None:
    """Write one read-only query's result to a Parquet file, streaming (bound parameters)."""
    with reader(path) as con:
        _load_fts(con)
        rel = con.sql(sql, params=params) if params else con.sql(sql)
        rel.write_parquet(str(out))
