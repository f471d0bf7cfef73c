"""Export: any query result to CSV or Parquet, and the whole store to Parquet, one file per table.

For people who work in other tools (R, Excel, Datasette, Observable): the files carry the same
article ids and character offsets as the store, so every row still leads back to its sentence.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import store

FORMATS = (".csv", ".parquet")
# OWASP's CSV injection rule: a cell a spreadsheet would read as a formula (=, +, -, @, or a
# tab or carriage return before one) is written with a leading apostrophe, so Excel, LibreOffice
# and Google Sheets show it as text. Article text is written by strangers: a quote that begins
# "=HYPERLINK(...)" must not run when a reporter opens the export.
FORMULA_START = r"^[=+\-@\t\r]"


def spreadsheet_safe(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Every text cell that starts like a formula, prefixed with ``'`` (numbers are untouched:
    a negative number is a number, not a formula)."""
    schema = frame.collect_schema()
    texts = [name for name, dtype in schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_START))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in texts
    )


def write_frame(frame: pl.DataFrame | pl.LazyFrame, path: str | Path) -> Path:
    """Write a query result to ``path``; the suffix (``.csv`` or ``.parquet``) picks the format.

    A ``LazyFrame`` is streamed to the file without being collected in memory. In CSV, list
    columns (a speaker's roles, a story's outlets) become ``"; "``-separated text, as CSV has
    no lists, and text that a spreadsheet would run as a formula is neutralised
    (:func:`spreadsheet_safe`); Parquet keeps values exactly as stored.

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
        spreadsheet_safe(lazy).sink_csv(path)
    else:
        lazy.sink_parquet(path)
    return path


def export_store(db: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Every table of the store to ``out_dir/<table>.parquet``; returns rows per table.

    >>> export_store("news.duckdb", "news-parquet")["statements"]  # doctest: +SKIP
    2258
    """
    return store.export_parquet(db, out_dir)
