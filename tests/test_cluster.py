"""Scale-out for real: the Ray job on a local two-CPU Ray cluster started here, its Parquet
partitions loaded with ``quotedesk load``, and the store compared row for row with the one
``quotedesk ingest`` builds in a single process from the same partitioned input."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray

from analysis import settings
from analysis.ingest import IngestReport, ingest
from analysis.records import Article, InputError
from analysis.scaleout import cluster, partitions
from analysis.scaleout.load import load

SAMPLE = settings.PROJECT_ROOT / "data" / "sample" / "articles.jsonl"
ARTICLES = 24  # of the fictional sample: every statement kind, speakers across articles
BAD = '{"id": "empty", "text": ""}\n{"id": "broken", "text": \n'
# columns that differ between any two runs, whoever makes them
RUN_COLUMNS = {"run_id", "ingested_at", "recorded_at", "error_id"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A partitioned corpus: sample articles over a JSONL and a gzipped JSONL file, and a file
    whose two records cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:ARTICLES]
    (folder / "part-0.jsonl").write_text("".join(lines[: ARTICLES // 2]), encoding="utf-8")
    with gzip.open(folder / "part-1.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(lines[ARTICLES // 2 :]))
    (folder / "part-2-bad.jsonl").write_text(BAD, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=256 * 1024 * 1024,
    )
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def runs(corpus: Path, local_ray: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("stores")
    job = cluster.run_job([str(corpus)], str(tmp / "run"), actors=2)
    single = ingest([corpus], tmp / "single.duckdb", progress=False)
    loaded = load(tmp / "run", tmp / "loaded.duckdb", progress=False)
    return {"tmp": tmp, "job": job, "single": single, "loaded": loaded}


def _rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` without the run-specific columns, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        cols = [c for c in con.table(table).columns if c not in RUN_COLUMNS]
        rows = con.sql(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
    return sorted(rows, key=repr)


def _tables(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.sql(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"
        ).fetchall()
    return [t for (t,) in found if t not in ("runs", "meta")]


def test_the_job_extracts_every_article_and_reports_the_bad_records(runs: dict[str, Any]) -> None:
    job, single = runs["job"], runs["single"]
    assert (job.articles, job.errors) == (ARTICLES, 2)
    assert job.statements == single.counts.statements > 0
    assert job.figures == single.counts.figures > 0


def test_loaded_store_equals_single_process_ingest_row_for_row(runs: dict[str, Any]) -> None:
    single, loaded = runs["tmp"] / "single.duckdb", runs["tmp"] / "loaded.duckdb"
    assert _tables(single) == _tables(loaded)
    compared = 0
    for table in _tables(single):
        assert _rows(loaded, table) == _rows(single, table), table
        compared += len(_rows(single, table))
    assert compared > 1000  # articles, statements, figures, speakers, topics, stories ...
    reasons = sorted(r[2] for r in _rows(loaded, "ingest_errors"))
    assert reasons == ["invalid-json", "missing-text"]


def test_loading_the_same_partitions_again_changes_nothing(runs: dict[str, Any]) -> None:
    db = runs["tmp"] / "loaded.duckdb"
    before = {t: _rows(db, t) for t in _tables(db) if t != "ingest_errors"}
    again: IngestReport = load(runs["tmp"] / "run", db, progress=False)
    c = again.counts
    assert (c.new, c.updated, c.unchanged, c.statements) == (0, 0, ARTICLES, 0)
    assert {t: _rows(db, t) for t in before} == before


def test_flat_partitions_hold_the_stored_statements_and_figures(runs: dict[str, Any]) -> None:
    out, db = runs["tmp"] / "run", runs["tmp"] / "loaded.duckdb"
    for table, cols in (
        ("statements", "start, end, text, kind"),
        ("figures", "start, end, surface"),
    ):
        files = partitions.partition_files(out, table)
        flat = pa.concat_tables([pq.read_table(f) for f in files])
        mine = sorted(
            zip(
                *(flat[c].to_pylist() for c in ["article_id", "ordinal", *cols.split(", ")]),
                strict=True,
            )
        )
        stored_cols = cols.replace("start", "start_char").replace("end", "end_char")
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.sql(f"SELECT article_id, ordinal, {stored_cols} FROM {table}").fetchall()
        assert mine == sorted(stored), table


def test_a_parquet_partition_reads_as_the_same_articles_as_jsonl() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:3]
    from_jsonl = cluster.read_file_bytes("".join(lines).encode(), "s3://news/part-0.jsonl")
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([json.loads(line) for line in lines]), buf)
    from_parquet = cluster.read_file_bytes(buf.getvalue(), "s3://news/part-0.parquet")
    assert all(isinstance(a, Article) for a in from_jsonl)
    assert [a.source for a in from_parquet] == ["s3://news/part-0.parquet"] * 3
    assert [a.line for a in from_parquet] == [1, 2, 3]
    same = ("id", "text", "title", "outlet", "published", "url", "category", "meta")
    for a, b in zip(from_jsonl, from_parquet, strict=True):
        assert [getattr(a, f) for f in same] == [getattr(b, f) for f in same]


def test_an_unreadable_partition_is_an_error_naming_its_path_and_line() -> None:
    (first, second) = cluster.read_file_bytes(BAD.encode(), "gs://news/bad.jsonl")
    assert isinstance(first, InputError) and isinstance(second, InputError)
    assert (first.source, first.line, first.reason) == ("gs://news/bad.jsonl", 1, "missing-text")
    assert (second.line, second.reason) == (2, "invalid-json")


def test_extractions_survive_the_parquet_round_trip(nlp: Any) -> None:
    from analysis import articles
    from analysis.extract.run import extract_articles

    arts = [a for a in articles.read([SAMPLE]) if isinstance(a, Article)][:6]
    items = [(a, articles.content_hash(a), ex) for a, ex in extract_articles(arts, nlp=nlp)]
    assert sum(len(ex.statements) for _, _, ex in items) > 5
    table = partitions.articles_table(items, "v", "model")
    buf = io.BytesIO()
    pq.write_table(table, buf)
    back = partitions.records_from_rows(pq.read_table(io.BytesIO(buf.getvalue())).to_pylist())
    assert back == items
