"""Extraction on a Ray cluster: ``quotedesk cluster-extract``, for corpora one machine is too
slow for. Needs the ``cluster`` extra: ``pip install 'quotedesk[cluster]'``.

The job is a Ray Data pipeline (Ray, not a home-made scheduler: it brings scheduling, retries,
object spilling and object-store I/O):

1. ``read_binary_files``: every input file (JSONL, CSV, TXT, HTML, gzipped or not, or Parquet),
   from a local folder or an object store (``s3://``, ``gs://``, ``abfs://``), one row per file;
   a partitioned corpus is a folder of such files;
2. ``map_batches(_read_files)``: each file is read by ``analysis.articles``, the reader
   ``quotedesk ingest`` uses, so ids, line numbers and input errors are the same;
3. ``map_batches(_ExtractActor, compute=ActorPoolStrategy(size=N))``: a pool of N actors, each
   loading the spaCy pipeline once, extract the articles (``analysis.extract.pipeline``);
4. the result is written as Parquet partitions (``analysis.scaleout.partitions``): ``articles/``
   (self-contained rows that ``quotedesk load`` merges into a store), ``statements/``,
   ``figures/`` and ``errors/``.

Ray keeps the input order (``preserve_order``), so loading the output gives the store a
single-process ingest of the same input gives; ``tests/test_cluster.py`` checks it row for row
on a local two-CPU cluster.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from analysis.records import Article, InputError
from analysis.scaleout import partitions

# Articles per actor call: ~16 news articles are a few seconds of parsing, short enough to
# spread evenly over the actors and long enough that Ray's per-batch overhead does not show.
BATCH_ARTICLES = 16
_SOURCE_SCHEMA = pa.schema([("record", pa.binary()), ("error", pa.binary())])


@dataclass(slots=True)
class JobReport:
    articles: int
    statements: int
    figures: int
    errors: int
    seconds: float
    out: str

    def summary(self) -> str:
        return (
            f"articles: {self.articles}; statements: {self.statements}; figures: {self.figures}; "
            f"errors: {self.errors}; {self.seconds:.1f}s → {self.out}/"
            "{articles,statements,figures,errors}/*.parquet"
        )


# --------------------------------------------------------------------- reading inputs
def _read_files(batch: pa.Table) -> pa.Table:
    """Articles and input errors of whole input files (a batch of ``read_binary_files`` rows),
    each pickled into one row so that any metadata survives Ray's blocks unchanged."""
    import pickle

    rows: list[dict[str, bytes | None]] = []
    for data, path in zip(batch["bytes"].to_pylist(), batch["path"].to_pylist(), strict=True):
        for rec in read_file_bytes(data, path):
            blob = pickle.dumps(rec)
            article = isinstance(rec, Article)
            rows.append({"record": blob if article else None, "error": None if article else blob})
    return pa.Table.from_pylist(rows, schema=_SOURCE_SCHEMA)


def read_file_bytes(data: bytes, path: str) -> list[Article | InputError]:
    """The records of one input file given as bytes, read by ``analysis.articles`` as
    ``quotedesk ingest`` reads a local file; ``source`` names ``path``. A Parquet file's rows
    are articles, numbered from 1 like lines."""
    from analysis import articles

    name = PurePosixPath(path).name
    if name.lower().endswith(".gz") and not data.startswith(b"\x1f\x8b"):
        name = name[:-3]  # Ray already decompressed it (it reads .gz files as gzip streams)
    with tempfile.TemporaryDirectory(prefix="quotedesk-read-") as tmp:
        local = Path(tmp) / name
        if name.lower().endswith(".parquet"):
            local = Path(tmp) / (name + ".jsonl")
            local.write_text(_parquet_as_jsonl(data), encoding="utf-8")
        else:
            local.write_bytes(data)
        return [_renamed(rec, str(local), path) for rec in articles.read([local])]


def _parquet_as_jsonl(data: bytes) -> str:
    import io
    import json

    import pyarrow.parquet as pq

    rows = pq.read_table(io.BytesIO(data)).to_pylist()
    return "".join(json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in rows)


def _renamed(rec: Article | InputError, local: str, path: str) -> Article | InputError:
    if rec.source == local:
        return replace(rec, source=path)
    return rec


# ----------------------------------------------------------------------- extraction
class _ExtractActor:
    """One Ray actor: loads the spaCy pipeline once, then extracts batch after batch."""

    def __init__(self, model: str) -> None:
        from analysis.extract import nlp as nlp_loader

        self.model = model
        self.nlp = nlp_loader.load(model)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pickle

        from analysis import articles
        from analysis.extract.pipeline import EXTRACTOR_VERSION, extract_texts

        # input errors ride along in the same rows (a filter ahead of the actors would need a
        # CPU of its own, and on a small cluster the actors hold them all)
        arts = [pickle.loads(b) for b in batch["record"].to_pylist() if b is not None]
        found = extract_texts(self.nlp, [(a.text, a.title, a.id) for a in arts])
        items = [(a, articles.content_hash(a), ex) for a, ex in zip(arts, found, strict=True)]
        return partitions.articles_table(items, EXTRACTOR_VERSION, self.model)


def _errors(batch: pa.Table) -> pa.Table:
    import pickle

    blobs = batch["error"].to_pylist()
    return partitions.errors_table([pickle.loads(b) for b in blobs if b is not None])


def _statements(batch: pa.Table) -> pa.Table:
    return partitions.statements_table(batch)


def _figures(batch: pa.Table) -> pa.Table:
    return partitions.figures_table(batch)


# ------------------------------------------------------------------------------ job
def run_job(
    inputs: Sequence[str],
    out: str,
    actors: int = 2,
    batch_size: int = BATCH_ARTICLES,
    address: str | None = None,
) -> JobReport:
    """Extract every article under ``inputs`` on Ray into Parquet partitions under ``out``.

    Connects to the cluster at ``address`` (``"auto"``: the one this machine belongs to;
    ``None``: the one ``ray.init`` already connected to, else a new local one).
    """
    ray = _ray()
    from analysis.extract import nlp as nlp_loader

    if partitions.partition_files(out, "articles"):
        raise RuntimeError(f"{out}/articles already holds partitions: choose a new --out")
    started = time.perf_counter()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    files = ray.data.read_binary_files(list(inputs), include_paths=True)
    # read once, then split into articles and input errors
    records = files.map_batches(_read_files, batch_format="pyarrow", batch_size=1).materialize()
    extracted = records.map_batches(
        _ExtractActor,
        fn_constructor_kwargs={"model": nlp_loader.model_name()},
        compute=ray.data.ActorPoolStrategy(size=actors),
        batch_size=batch_size,
        batch_format="pyarrow",
        num_cpus=1,
    ).materialize()
    tables = {
        "articles": extracted,
        "statements": extracted.map_batches(_statements, batch_format="pyarrow"),
        "figures": extracted.map_batches(_figures, batch_format="pyarrow"),
        "errors": records.map_batches(_errors, batch_format="pyarrow"),
    }
    counts = {name: _write(ds, f"{out.rstrip('/')}/{name}") for name, ds in tables.items()}
    return JobReport(
        counts["articles"],
        counts["statements"],
        counts["figures"],
        counts["errors"],
        time.perf_counter() - started,
        out,
    )


def _write(ds: Any, path: str) -> int:
    """Write ``ds`` as Parquet files under ``path``; returns its rows. Ray writes no file for
    an empty dataset, and neither do we (``quotedesk load`` reads a missing table as empty)."""
    rows = int(ds.count())
    if rows:
        ds.write_parquet(path)
    return rows


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RuntimeError("the scale-out job needs Ray: pip install 'quotedesk[cluster]'") from exc
    return ray
