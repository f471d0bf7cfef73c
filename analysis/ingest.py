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
        for batch in _batches(source, batch_size):
            _ingest_batch(batch, db, report, extract or extractor)
            if bar is not None:
                bar.update(len(batch))
            if on_batch is not None:
                on_batch(report)
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
