"""Low-level row writes shared by the store's writers."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa


def _many(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    if rows:  # DuckDB refuses executemany with no rows
        con.executemany(sql, rows)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the error that made us: a failed write may have ended the
    transaction already (DuckDB invalidates it on some errors) or left the disk full."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _dicts(keys: tuple[str, ...], values: Iterable[tuple[str, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(keys, v, strict=True)) for v in sorted(values)]


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], ignore: bool = False
) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist(rows)
    cols = ", ".join(data.column_names)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    con.register("_batch", data)
    try:
        con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch")
    finally:
        con.unregister("_batch")


def _insert_typed(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], schema: pa.Schema
) -> None:
    # an explicit schema: an all-empty list column would otherwise arrive typed as null
    if rows:
        con.register("_typed_batch", pa.Table.from_pylist(rows, schema=schema))
        try:
            cols = ", ".join(schema.names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _typed_batch")
        finally:
            con.unregister("_typed_batch")
