"""Extractions as Parquet partitions, and back: the hand-off between a cluster and the store.

A scale-out job (``analysis.scaleout.cluster``) writes, under one output folder:

- ``articles/*.parquet``: one row per article: its fields, its content hash, the extractor
  version and model, and everything extracted from it as nested columns (``statements``,
  ``figures``, ``topics``, ``statement_topics``, ``people``, ``skipped``). Each row is
  self-contained, so ``quotedesk load`` merges a store batch by batch in bounded memory, through
  the same ``store.write_batch`` as ``quotedesk ingest``;
- ``statements/*.parquet`` and ``figures/*.parquet``: the same statements and figures, one row
  each with ``article_id`` and ``ordinal``, for reading directly with DuckDB, Polars or Spark;
- ``errors/*.parquet``: input records that could not be read (file, line, reason, detail).

The Arrow types are derived from the record dataclasses in ``analysis.records`` (a field added
there gets a column here, and an unsupported field type fails loudly), so a record survives
the round trip unchanged: ``records_from_table(articles_table(...))`` gives back equal
records, which ``tests/test_cluster.py`` checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.records import Article, Extraction, Figure, InputError, Statement

# Fields stored as JSON text: free-form dicts have no fixed Arrow type.
_JSON_FIELDS = {(Article, "meta"), (Extraction, "skipped")}


# ------------------------------------------------------------------ types from records
def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a record field's type hint (``X | None`` is a nullable ``X``)."""
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(args[0])
    if origin is typing.Literal or hint is str:
        return pa.string()
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return pa.list_(_arrow_type(args[0]))
    if origin is tuple and len(set(args)) == 1:  # (start, end) pairs
        return pa.list_(_arrow_type(args[0]))
    simple = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), dt.date: pa.date32()}
    if hint in simple:
        return simple[hint]
    if dataclasses.is_dataclass(hint):
        return pa.struct(_fields(hint))
    raise TypeError(f"no Arrow type for record field type {hint!r}")


def _fields(cls: Any, skip: tuple[str, ...] = ()) -> list[pa.Field]:
    hints = typing.get_type_hints(cls)
    return [
        pa.field(
            f.name, pa.string() if (cls, f.name) in _JSON_FIELDS else _arrow_type(hints[f.name])
        )
        for f in dataclasses.fields(cls)
        if f.name not in skip
    ]


@cache
def articles_schema() -> pa.Schema:
    """One row per article: Article fields (``id`` as ``article_id``), hash, versions, and
    the Extraction's fields as nested columns."""
    article = [
        pa.field("article_id", pa.string()) if f.name == "id" else f for f in _fields(Article)
    ]
    extra = [
        pa.field("content_hash", pa.string()),
        pa.field("extractor_version", pa.string()),
        pa.field("spacy_model", pa.string()),
    ]
    return pa.schema(article + extra + _fields(Extraction, skip=("article_id",)))


@cache
def statements_schema() -> pa.Schema:
    return pa.schema(_key_fields() + _fields(Statement))


@cache
def figures_schema() -> pa.Schema:
    return pa.schema(_key_fields() + _fields(Figure))


@cache
def errors_schema() -> pa.Schema:
    return pa.schema(_fields(InputError))


def _key_fields() -> list[pa.Field]:
    return [pa.field("article_id", pa.string()), pa.field("ordinal", pa.int64())]


# ------------------------------------------------------------------ records → tables
def _plain(value: Any) -> Any:
    """A record value as Arrow takes it: dataclasses to dicts, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _record_row(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    row = {}
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        if (type(obj), f.name) in _JSON_FIELDS:
            value = json.dumps(value, default=str, sort_keys=True)
        row[f.name] = _plain(value)
    return row


def articles_table(
    items: Sequence[tuple[Article, str, Extraction]], extractor_version: str, model: str
) -> pa.Table:
    """(article, content hash, extraction) triples as one ``articles`` partition."""
    rows = []
    for article, chash, ex in items:
        row = _record_row(article)
        row["article_id"] = row.pop("id")
        row |= {"content_hash": chash, "extractor_version": extractor_version, "spacy_model": model}
        rows.append(row | _record_row(ex, skip=("article_id",)))
    return pa.Table.from_pylist(rows, schema=articles_schema())


def errors_table(errors: Sequence[InputError]) -> pa.Table:
    return pa.Table.from_pylist([_record_row(e) for e in errors], schema=errors_schema())


def statements_table(articles: pa.Table) -> pa.Table:
    """The statements of an ``articles`` partition, one row each."""
    return _flatten(articles, "statements", statements_schema())


def figures_table(articles: pa.Table) -> pa.Table:
    """The figures of an ``articles`` partition, one row each."""
    return _flatten(articles, "figures", figures_schema())


def _flatten(articles: pa.Table, column: str, schema: pa.Schema) -> pa.Table:
    ids = articles.column("article_id").to_pylist()
    rows = [
        {"article_id": aid, "ordinal": i, **item}
        for aid, items in zip(ids, articles.column(column).to_pylist(), strict=True)
        for i, item in enumerate(items or ())
    ]
    return pa.Table.from_pylist(rows, schema=schema)


# ------------------------------------------------------------------ tables → records
def _build(cls: Any, row: dict[str, Any]) -> Any:
    """A record of type ``cls`` from its Arrow row, nested records and tuples included."""
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in row:
            continue
        value = row[f.name]
        if (cls, f.name) in _JSON_FIELDS:
            value = json.loads(value) if value is not None else {}
        values[f.name] = _typed(hints[f.name], value)
    return cls(**values)


def _typed(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _typed(args[0], value)
    if origin is tuple:
        inner = args[0]
        return tuple(_typed(inner, v) for v in value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value


def records_from_rows(rows: Sequence[dict[str, Any]]) -> list[tuple[Article, str, Extraction]]:
    """(article, content hash, extraction) from ``articles`` partition rows."""
    out = []
    for row in rows:
        article = _build(Article, {**row, "id": row["article_id"]})
        extraction = _build(Extraction, row)
        out.append((article, row["content_hash"], extraction))
    return out


def errors_from_rows(rows: Sequence[dict[str, Any]]) -> list[InputError]:
    return [_build(InputError, row) for row in rows]


# ------------------------------------------------------------------------- reading
def partition_files(root: str | Path, table: str) -> list[str]:
    """The Parquet files of one table under ``root``, in name order (the job's write order).

    ``root`` may be a local folder or an object-store URI (``s3://bucket/run``), which pyarrow
    opens with its own filesystems.
    """
    from pyarrow import fs

    filesystem, base = fs.FileSystem.from_uri(_uri(root))
    folder = f"{base.rstrip('/')}/{table}"
    info = filesystem.get_file_info(fs.FileSelector(folder, allow_not_found=True, recursive=True))
    files = sorted(i.path for i in info if i.is_file and i.path.endswith(".parquet"))
    scheme = _uri(root).split("://", 1)[0]
    return [f"{scheme}://{f}" if scheme != "file" else f for f in files]


def _uri(root: str | Path) -> str:
    text = str(root)
    return text if "://" in text else Path(text).resolve().as_uri()


def read_batches(root: str | Path, table: str, size: int) -> Iterator[list[dict[str, Any]]]:
    """Rows of one table under ``root``, ``size`` at a time, file by file, in order."""
    for path in partition_files(root, table):
        with pq.ParquetFile(_open(path)) as f:
            for batch in f.iter_batches(batch_size=size):
                yield batch.to_pylist()


def _open(path: str) -> Any:
    if "://" not in path:
        return path
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    return filesystem.open_input_file(inner)
