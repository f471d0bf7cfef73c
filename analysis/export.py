"""Export: any query result to CSV or Parquet, and the whole store to Parquet, one file per table.

For people who work in other tools (R, Excel, Datasette, Observable): the files carry the same
article ids and character offsets as the store, so every row still leads back to its sentence.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import store

FORMATS = (".csv", ".parquet")


def write_frame(frame: pl.DataFrame | pl.LazyFrame, path: str | Path) -> Path:
    """Write a query result to ``path``; the suffix (``.csv`` or ``.parquet``) picks the format.

    A ``LazyFrame`` is streamed to the file without being collected in memory. In CSV, list
    columns (a speaker's roles, a story's outlets) become ``"; "``-separated text, as CSV has
    no lists; Parquet keeps them as lists.

    >>> write_frame(queries.top_speakers("news.duckdb"), "speakers.csv")  # doctest: +SKIP
    PosixPath('speakers.csv')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"export to .csv or .parquet, not {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    lazy = frame.lazy()
    if suffix == ".csv":
        schema = lazy.collect_schema()
        lists = [name for name, dtype in schema.items() if isinstance(dtype, pl.List)]
        lazy = lazy.with_columns(pl.col(c).cast(pl.List(pl.String)).list.join("; ") for c in lists)
        lazy.sink_csv(path)
    else:
        lazy.sink_parquet(path)
    return path


def export_store(db: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Every table of the store to ``out_dir/<table>.parquet``; returns rows per table.

    >>> export_store("news.duckdb", "news-parquet")["statements"]  # doctest: +SKIP
    2258
    """
    return store.export_parquet(db, out_dir)
