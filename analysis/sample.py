"""The embedded fictional sample database, built on demand.

A fresh clone has the sample corpus (``data/sample/``) but not its database, which is built from
it. Whoever asks first for the default store (a notebook, the dashboard, ``quotedesk sample``)
builds it, so nothing has to run before anything else:

    from analysis import sample

    db = sample.default_store()  # $QUOTEDESK_DB, else data/sample.duckdb (built if missing)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import settings

if TYPE_CHECKING:
    from analysis.ingest import IngestReport

SAMPLE_DIR = settings.PROJECT_ROOT / "data" / "sample"
SAMPLE_TOPICS = 6  # discovered topics in 79 articles: more split one issue into several


def sample_path() -> Path:
    """Where the sample database lives: ``$QUOTEDESK_SAMPLE_DB``, else data/sample.duckdb."""
    return Path(settings.get("sample_db"))


def is_stale(db: Path, source: Path = SAMPLE_DIR) -> bool:
    """Missing, or older than the sample corpus it is built from."""
    corpus = source / "articles.jsonl"
    return not db.is_file() or corpus.stat().st_mtime > db.stat().st_mtime


def build(db: str | Path, source: Path = SAMPLE_DIR) -> IngestReport:
    """Ingest the sample corpus into ``db`` and discover its topics, replacing it.

    Built beside it under a name of this process and moved into place only when whole, so a
    failed build never leaves a half-built sample that a later run would take for a good one,
    and two processes building at once (two notebooks) do not write into one file.
    """
    from analysis.ingest import ingest  # loads spaCy: only when a build is needed
    from analysis.topic_model import discover_topics

    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    part = db.with_name(f"{db.name}.building-{os.getpid()}")
    leftovers = (part, Path(f"{part}.wal"), part.with_name(part.name + ".lock"))
    for p in leftovers:
        p.unlink(missing_ok=True)
    try:
        report = ingest([source / "articles.jsonl", source / "extra"], part, progress=False)
        if not report.ok:
            raise RuntimeError("the sample has input errors: " + report.summary())
        # discovered topics too, so the Topics page and notebook 03 show both kinds
        discover_topics(part, k=SAMPLE_TOPICS)
        os.replace(part, db)
        Path(f"{db}.wal").unlink(missing_ok=True)
    finally:
        for p in leftovers:
            p.unlink(missing_ok=True)
    return report


def ensure(db: str | Path | None = None) -> Path:
    """The sample database at ``db`` (default: :func:`sample_path`), built if it is missing or
    older than the corpus, and brought to the current schema if an older quotedesk built it."""
    from analysis import runs, store

    path = Path(db) if db is not None else sample_path()
    if is_stale(path):
        build(path)
        return path
    try:
        fresh = store.facts_fresh(path)
    except store.StoreError:  # an older schema: migrate says what it did
        fresh = False
    if not fresh:
        runs.migrate(path)
    return path


def default_store() -> Path:
    """The store to use when none is named: ``$QUOTEDESK_DB`` as it is, else the sample
    database, built first if needed."""
    if os.environ.get("QUOTEDESK_DB"):
        return Path(settings.get("db"))
    return ensure()
