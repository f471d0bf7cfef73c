"""Re-extraction: run the current extractor again over the articles already in the store.

No input file is read: each article is rebuilt from its stored row (text, title, outlet, date,
source file and line), parsed again, and written back through the same write path as ingest
(``store.write_batch``), which replaces the article's statements, figures, topics and
speakers in one transaction per batch. A crash therefore leaves every article either as it was
or fully re-extracted, and a rerun carries on with the articles still made by an older
extractor. The text is unchanged, so story links, discovered topics and ``ingested_at`` are
kept. Afterwards the corpus speakers are recomputed with the hand rules
(``analysis.identity``), so merges a reporter made by hand hold.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis import runs, settings, store
from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import EXTRACTOR_VERSION
from analysis.extract.run import extract_articles
from analysis.records import Article, InputError


@dataclass(slots=True)
class ReextractReport:
    run: runs.WriteRun
    todo: int  # articles to re-extract when the run started
    elapsed: float = 0.0

    @property
    def run_id(self) -> int:
        return self.run.run_id

    @property
    def counts(self) -> store.RunCounts:
        return self.run.counts

    @property
    def skipped(self) -> Counter[str]:
        return self.run.skipped

    @property
    def speakers(self) -> runs.ApplyReport | None:
        return self.run.speakers

    def summary(self) -> str:
        c = self.counts
        rate = c.updated / self.elapsed if self.elapsed else 0.0
        text = (
            f"articles: {c.updated} re-extracted with extractor {EXTRACTOR_VERSION}, "
            f"{c.unchanged} already current; statements: {c.statements}; figures: {c.figures}; "
            f"elapsed: {self.elapsed:.1f}s ({rate:.1f} articles/s)"
        )
        if c.errors:
            text += f"; errors: {c.errors} (table ingest_errors)"
        if self.speakers is not None:
            text += "\nspeakers: " + self.speakers.summary()
        return text


def pending(db: str | Path, force: bool = False) -> tuple[list[str], int]:
    """Ids of the articles to re-extract (made by another extractor version, or all with
    ``force``), and how many are already current."""
    rows = store.query(
        db,
        """SELECT article_id, extractor_version = ? AS current FROM articles
           ORDER BY ingested_at, article_id""",
        [EXTRACTOR_VERSION],
    )
    todo = rows.filter(~rows["current"] | force)["article_id"].to_list()
    return todo, rows.height - len(todo)


def reextract(
    db: str | Path,
    force: bool = False,
    aliases: str | Path | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
    progress: bool | None = None,
    on_batch: Callable[[ReextractReport], None] | None = None,
) -> ReextractReport:
    """Re-extract the stored articles at ``db`` that an older extractor made (all with
    ``force``), batch by batch, then recompute the corpus speakers with the hand rules
    (``aliases``, else the configured file, else the rules stored with the database)."""
    started = time.perf_counter()
    batch_size = batch_size or settings.get_int("batch_size")
    n_process = n_process or settings.get_int("n_process")
    model = nlp_loader.model_name()
    with runs.write_run(
        db, "reextract", ["(stored articles)"], EXTRACTOR_VERSION, model, rules_path=aliases
    ) as run:  # migrates an older store first; a bad rules file stops here
        todo, current = pending(db, force)
        run.counts.unchanged = current
        report = ReextractReport(run, len(todo))
        bar = _progress_bar(progress, len(todo))
        try:
            for ids in _batches(todo, batch_size):
                _reextract_batch(db, ids, run, n_process)
                if bar is not None:
                    bar.update(len(ids))
                if on_batch is not None:
                    on_batch(report)
        finally:
            if bar is not None:
                bar.close()
    report.elapsed = time.perf_counter() - started
    return report


def _reextract_batch(db: str | Path, ids: list[str], run: runs.WriteRun, n: int) -> None:
    stored = dict((a.id, (a, h)) for a, h in stored_articles(db, ids))
    items, errors = [], []
    for article, extraction in extract_articles((a for a, _ in stored.values()), n_process=n):
        if extraction.error is not None:  # the old rows stay; the error says why
            errors.append(InputError(article.source, article.line, "extraction-failed",
                                     f"article {article.id}: {extraction.error}"))  # fmt: skip
            continue
        items.append((article, stored[article.id][1], extraction))
    run.write(items, errors, EXTRACTOR_VERSION, reextract=True)


def stored_articles(db: str | Path, ids: list[str]) -> list[tuple[Article, str]]:
    """The stored articles ``ids`` as read from their input, with their content hashes."""
    rows = store.query(
        db,
        """SELECT article_id, text, title, outlet, published, url, category, meta, source,
                  source_line, content_hash
           FROM articles WHERE list_contains(?, article_id) ORDER BY article_id""",
        [ids],
    )
    return [(_article(r), r["content_hash"]) for r in rows.iter_rows(named=True)]


def _article(r: dict[str, Any]) -> Article:
    meta = json.loads(r["meta"]) if r["meta"] else {}
    published = r["published"]
    if isinstance(published, dt.datetime):
        published = published.date()
    return Article(
        id=r["article_id"],
        text=r["text"],
        title=r["title"],
        outlet=r["outlet"],
        published=published,
        url=r["url"],
        category=r["category"],
        meta=meta if isinstance(meta, dict) else {},
        source=r["source"] or "",
        line=r["source_line"],
    )


def _progress_bar(progress: bool | None, total: int) -> Any:
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", desc="reextract", file=sys.stderr)


def _batches(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
