"""Ingest: input files → articles → extraction → the DuckDB store, in short batches.

Each batch is read, checked against the stored content hashes (unchanged articles are not
parsed again), parsed with one ``nlp.pipe`` call, and written in one transaction on a
connection opened for that batch only, so readers get the file between batches and a crash
loses at most the batch in flight. On the same connection, the batch's articles are then linked
to earlier copies of the same story (``analysis.dedup``), in this run or an earlier one.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from analysis import articles as reader
from analysis import runs, settings, store
from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import EXTRACTOR_VERSION
from analysis.extract.run import Extractor
from analysis.records import Article, Extraction, InputError

# Parses and extracts a batch of articles (``Extractor``; ``analysis.scaleout.load`` passes one that
# looks up extractions made on a cluster).
Extract = Callable[[list[Article]], Iterable[tuple[Article, Extraction]]]
# Records read ahead to look up their stored content hashes at once (see _changed_only).
LOOKUP = 5_000
T = TypeVar("T")


@dataclass(slots=True)
class IngestReport:
    """What an ingest did: the run's counts and errors, the words read and the time taken."""

    run: runs.WriteRun
    elapsed: float = 0.0
    words: int = 0

    @property
    def run_id(self) -> int:
        return self.run.run_id

    @property
    def counts(self) -> store.RunCounts:
        return self.run.counts

    @property
    def errors(self) -> list[InputError]:
        return self.run.errors

    @property
    def skipped(self) -> Counter[str]:
        return self.run.skipped

    @property
    def copies(self) -> int:
        return self.run.copies

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        c = self.counts
        rate = (c.new + c.updated) / self.elapsed if self.elapsed else 0.0
        return (
            f"articles: {c.new} new, {c.updated} updated, {c.unchanged} unchanged; "
            f"statements: {c.statements}; figures: {c.figures}; errors: {c.errors}; "
            f"copies of earlier stories: {self.copies}; "
            f"elapsed: {self.elapsed:.1f}s ({rate:.1f} articles/s)"
        )


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    batch_size: int | None = None,
    n_process: int | None = None,
    progress: bool | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
    records: Iterable[Article | InputError] | None = None,
    extract: Extract | None = None,
    command: str = "ingest",
) -> IngestReport:
    """Read ``paths`` into the store at ``db``; returns counts, errors and timing.

    ``records`` and ``extract``, when given, replace reading ``paths`` and extracting with
    spaCy (``quotedesk load`` passes what a cluster extracted; ``paths`` are then only named in
    the run's record).
    """
    started = time.perf_counter()
    exact = batch_size is not None  # asked for: exactly that many articles a transaction
    batch_size = batch_size or settings.get_int("batch_size")
    n_process = n_process or settings.get_int("n_process")
    inputs = [str(p) for p in paths]
    with runs.write_run(db, command, inputs, EXTRACTOR_VERSION, nlp_loader.model_name()) as run:
        report = IngestReport(run)
        bar = _progress_bar(progress)
        # one Extractor for every batch: with several processes, its workers start once
        extractor = Extractor(n_process)
        done = False
        try:
            source = reader.read(paths) if records is None else records
            for chunk in _batches(unique_ids(source), max(batch_size, LOOKUP)):
                todo = _changed_only(chunk, db, run)
                ahead = _ReadAhead(
                    [r for r in todo if isinstance(r, Article)], extract or extractor
                )
                for batch in _write_batches(todo, batch_size, 0 if exact else WRITE_CHARS):
                    _ingest_batch(batch, run, report, ahead)
                    if on_batch is not None:
                        on_batch(report)
                if bar is not None:
                    bar.update(len(chunk))
            done = True
        finally:
            extractor.close(cancel=not done)
            if bar is not None:
                bar.close()
            report.elapsed = time.perf_counter() - started
    report.elapsed = time.perf_counter() - started
    return report


def unique_ids(records: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
    """The records with every article id seen once: a later record with an id already read in
    this run is a ``duplicate-id`` error naming the first (``1`` and ``"1"`` are one id).
    Which of two records with one id is the article cannot be known; the first is kept."""
    first: dict[str, tuple[str, int | None]] = {}
    for rec in records:
        if isinstance(rec, Article):
            seen = first.get(rec.id)
            if seen is not None:
                where = f"{seen[0]}:{seen[1]}" if seen[1] is not None else seen[0]
                detail = f"id {rec.id!r} was already read at {where}; this record is not stored"
                yield InputError(rec.source, rec.line, "duplicate-id", detail)
                continue
            first[rec.id] = (rec.source, rec.line)
        yield rec


def _changed_only(
    chunk: list[Article | InputError], db: str | Path, run: runs.WriteRun
) -> list[Article | InputError]:
    """The chunk's input errors and the articles not stored with the same content yet, in
    input order; the others are counted unchanged.

    One hash lookup per chunk of ``LOOKUP`` records, so a re-ingest where few articles changed
    writes a few full batches instead of opening the store twice for every batch of input.
    (``store.write_batch`` looks again inside its transaction, for a concurrent ingest.)
    """
    ids = [rec.id for rec in chunk if isinstance(rec, Article)]
    with store.reader(db) as con:
        stored = store.known_hashes(con, ids)
    keep = [
        rec
        for rec in chunk
        if isinstance(rec, InputError) or stored.get(rec.id) != reader.content_hash(rec)
    ]
    run.counts.unchanged += sum(isinstance(r, Article) for r in chunk) - sum(
        isinstance(r, Article) for r in keep
    )
    return keep


# A write transaction has a fixed cost however small (open, lock, commit, link copies), so
# tiny records are written many to a transaction: unless a batch size was asked for, a batch
# closes at ``batch_size`` articles only once it holds WRITE_CHARS characters of text (~3,000
# words; or at MAX_BATCH articles). News articles reach it long before ``batch_size``;
# one-line records do not.
WRITE_CHARS = 20_000
MAX_BATCH = 5_000


def _write_batches(
    records: list[Article | InputError], batch_size: int, min_chars: int
) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    n = chars = 0
    for rec in records:
        batch.append(rec)
        if isinstance(rec, Article):
            n += 1
            chars += len(rec.text)
        if n >= MAX_BATCH or (n >= batch_size and chars >= min_chars):
            yield batch
            batch, n, chars = [], 0, 0
    if batch:
        yield batch


class _ReadAhead:
    """The extractions of a chunk's articles, asked for batch by batch from one lazy stream, so
    worker processes parse the next batch while this process writes the current one."""

    def __init__(self, articles: list[Article], extract: Extract) -> None:
        self._results = iter(extract(articles))

    def __call__(self, todo: list[Article]) -> list[tuple[Article, Extraction]]:
        out = []
        for article in todo:
            for done, extraction in self._results:  # passes over any the batch no longer needs
                if done is article:
                    out.append((done, extraction))
                    break
            else:
                raise RuntimeError(f"article {article.id} was not extracted")
        return out


def _ingest_batch(
    batch: list[Article | InputError], run: runs.WriteRun, report: IngestReport, extract: Extract
) -> None:
    errors = [r for r in batch if isinstance(r, InputError)]
    items = []
    for article, extraction in extract([r for r in batch if isinstance(r, Article)]):
        if extraction.error is not None:  # one article the extractor failed on
            detail = extraction.error
            errors.append(InputError(article.source, article.line, "extraction-failed", detail))
            continue
        items.append((article, reader.content_hash(article), extraction))
        report.words += len(article.text.split())
    run.write(items, errors, EXTRACTOR_VERSION)


def _progress_bar(progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True)
