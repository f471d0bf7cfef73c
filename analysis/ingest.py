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
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from analysis import articles as reader
from analysis import dedup, identity, settings, store
from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import EXTRACTOR_VERSION, Extractor
from analysis.records import Article, Extraction, InputError

# Parses and extracts a batch of articles (``Extractor``; ``analysis.load`` passes one that
# looks up extractions made on a cluster).
Extract = Callable[[list[Article]], Iterable[tuple[Article, Extraction]]]
# Records read ahead to look up their stored content hashes at once (see _changed_only).
LOOKUP = 2_000


@dataclass(slots=True)
class IngestReport:
    run_id: int
    counts: store.RunCounts
    errors: list[InputError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    words: int = 0
    copies: int = 0  # articles linked as copies of an earlier story (analysis/dedup.py)

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


def _batches(
    items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError]]:
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
    batch_size = batch_size or settings.get_int("batch_size")
    n_process = n_process or settings.get_int("n_process")
    model = nlp_loader.model_name()
    with store.writer(db) as con:
        # the speaker rules are read first, so a malformed rules file stops before any work
        rules, rules_from = identity.rules_for(con)
        run_id = store.start_run(con, command, EXTRACTOR_VERSION, model, [str(p) for p in paths])
    report = IngestReport(run_id, store.RunCounts())
    bar = _progress_bar(progress)
    status = "failed"
    # one Extractor for every batch: with several processes, its workers start once
    extractor = Extractor(n_process)
    try:
        source = reader.read(paths) if records is None else records
        for chunk in _batches(source, max(batch_size, LOOKUP)):
            todo = _changed_only(chunk, db, report)
            ahead = _ReadAhead([r for r in todo if isinstance(r, Article)], extract or extractor)
            for batch in _batches(todo, batch_size):
                _ingest_batch(batch, db, report, ahead)
                if on_batch is not None:
                    on_batch(report)
            if bar is not None:
                bar.update(len(chunk))
        status = "ok" if report.ok else "ok-with-errors"
    finally:
        extractor.close(cancel=status == "failed")
        if bar is not None:
            bar.close()
        report.elapsed = time.perf_counter() - started
        with store.writer(db) as con:
            if status != "failed":
                identity.apply(con, rules, rules_from)  # corpus speakers, hand rules
                store.rebuild_search_index(con)
                store.refresh_facts(con)  # the dashboard's facts (queries.py)
            store.finish_run(con, run_id, report.counts, dict(report.skipped), status)
    return report


def _changed_only(
    chunk: list[Article | InputError], db: str | Path, report: IngestReport
) -> list[Article | InputError]:
    """The chunk's input errors and the articles not stored with the same content yet (for an id
    seen twice in the chunk, the last copy), in input order; the others are counted unchanged.

    One hash lookup per chunk of ``LOOKUP`` records, so a re-ingest where few articles changed
    writes a few full batches instead of opening the store twice for every batch of input.
    """
    latest: dict[str, Article] = {}
    for rec in chunk:
        if isinstance(rec, Article):
            latest[rec.id] = rec  # the last copy of an id wins
    with store.reader(db) as con:
        stored = store.known_hashes(con, list(latest))
    keep = {i for i, a in latest.items() if stored.get(i) != reader.content_hash(a)}
    report.counts.unchanged += len(latest) - len(keep)
    return [
        rec
        for rec in chunk
        if isinstance(rec, InputError) or (rec.id in keep and latest[rec.id] is rec)
    ]


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
    batch: list[Article | InputError], db: str | Path, report: IngestReport, extract: Extract
) -> None:
    errors = [r for r in batch if isinstance(r, InputError)]
    latest: dict[str, Article] = {}
    for rec in batch:
        if isinstance(rec, Article):
            latest[rec.id] = rec  # the last copy of an id within a batch wins
    hashes = {a.id: reader.content_hash(a) for a in latest.values()}
    with store.reader(db) as con:
        stored = store.known_hashes(con, list(latest))
    todo = [a for a in latest.values() if stored.get(a.id) != hashes[a.id]]
    report.counts.unchanged += len(latest) - len(todo)
    items = []
    for article, extraction in extract(todo):
        items.append((article, hashes[article.id], extraction))
        report.counts.statements += len(extraction.statements)
        report.counts.figures += len(extraction.figures)
        report.skipped.update(extraction.skipped)
        report.words += len(article.text.split())
    with store.writer(db) as con:
        new, updated = store.write_batch(con, report.run_id, items, EXTRACTOR_VERSION)
        store.record_errors(con, report.run_id, errors)
        report.copies += dedup.link_pending(con)
        store.ensure_search_index(con)  # a new store: searchable while the rest is ingested
    report.counts.new += new
    report.counts.updated += updated
    report.counts.errors += len(errors)
    report.errors.extend(errors)


def _progress_bar(progress: bool | None) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", desc="ingest", file=sys.stderr, dynamic_ncols=True)
