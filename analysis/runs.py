"""One write run: every command that changes a store goes through :func:`write_run`.

A run owns, in one place, what every write needs:
- before anything is written: the store's integrity check (a damaged file is refused, never
  written into) and the speaker rules (a malformed rules file stops the run before any work);
- the run's record in ``runs`` (started, then finished with its counts and status, or left
  for ``store.mark_interrupted`` if the process dies);
- short write transactions (:meth:`WriteRun.write` for extracted articles,
  :meth:`WriteRun.transaction` for anything else), each on a connection opened for it only, so
  the dashboard reads between them;
- the cleanup after the last write: corpus speakers with the hand rules, links between copies
  of a story, reporters' corrections (applied again), the search index and the dashboard's
  facts, all in one place, so no command can leave a stale piece behind.

``ingest``, ``load``, ``reextract``, ``speakers apply``, ``topics discover``, ``corrections``
and ``migrate`` are each a ``with write_run(...)`` block.
"""

from __future__ import annotations

import errno
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analysis import aliases, corrections, dedup, identity, store
from analysis.records import Article, Extraction, InputError

# What a full disk looks like: DuckDB's message for a failed write, or the OSError's errno.
_DISK_FULL = ("no space left", "disk full", "file too large", "could not write", "quota")
_DISK_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


# ------------------------------------------------------------------- corpus speakers
# The one place the corpus speakers are written: identity.resolve (pure) over the article
# speakers the store holds, stored with store.write_speakers. Part of every run's cleanup.
@dataclass(slots=True)
class ApplyReport:
    """What one pass over the store did."""

    article_speakers: int
    speakers: int
    statements_moved: int
    how: Counter[str]
    rules: identity.Rules
    matched: dict[int, int]
    rules_source: str  # "file", "stored" or "none"

    def unmatched(self) -> list[aliases.Rule]:
        return [r for r in self.rules.rules if not self.matched.get(r.line)]

    def summary(self) -> str:
        h = self.how
        auto = ("surname+text", "surname", "surname+role", "surname, most quoted")
        text = (
            f"{self.article_speakers} article speakers → {self.speakers} corpus speakers; "
            f"joined automatically: {sum(h[k] for k in auto)} ("
            + ", ".join(f"{k} {h[k]}" for k in auto)
            + f"); ambiguous, left apart: "
            f"{h['ambiguous']}; by hand: {h['merge'] + h['split']}; "
            f"rules: {len(self.rules.rules)} ({self.rules_source}); "
            f"statements moved: {self.statements_moved}"
        )
        for r in self.unmatched():
            text += f"\nwarning: {self.rules.source}:{r.line}: {r.describe()} matched no speaker"
        return text


def rules_for(con: store.Connection, path: str | Path | None = None) -> tuple[identity.Rules, str]:
    """The rules to apply: the given file, else the configured file (QUOTEDESK_ALIASES), else
    the ones stored with the database by the last apply. Returns (rules, where from)."""
    path = path or aliases.configured_path()
    if path is not None:
        return aliases.load(path), "file"
    stored = aliases.rules_from_rows(*store.stored_speaker_rules(con))
    return (stored, "stored") if stored.rules else (aliases.NO_RULES, "none")


def apply_speakers(
    con: store.Connection, rules: identity.Rules | None = None, rules_source: str = "file"
) -> ApplyReport:
    """Recompute every corpus speaker on a write connection and store the result (in one
    transaction, then unused speakers are dropped). ``rules=None`` uses :func:`rules_for`.

    Rules that came from the database (``rules_source`` "stored" or "none") are read again
    here: a ``quotedesk speakers apply`` made while an ingest ran must not be undone by the
    rules that ingest read when it started.
    """
    if rules is None or rules_source in ("stored", "none"):
        rules, rules_source = rules_for(con)
    store.backfill_article_speakers(con)
    locals = [identity.ArticleSpeaker(**row) for row in store.article_speakers(con)]
    one_word = {
        a.article_id for a in locals if len(identity.clean_name(a.name, a.kind).split()) == 1
    }
    res = identity.resolve(locals, rules, store.article_texts(con, sorted(one_word)))
    moved = store.write_speakers(con, res, identity.rule_rows(res, rules))
    store.drop_orphans(con)
    return ApplyReport(
        article_speakers=len(locals),
        speakers=len(res.speakers),
        statements_moved=moved,
        how=res.counts(),
        rules=rules,
        matched=res.matched,
        rules_source=rules_source,
    )


@dataclass(slots=True)
class WriteRun:
    """A run in progress: its id, counts and errors, and the store it writes to."""

    db: Path
    run_id: int
    command: str
    rules: identity.Rules
    rules_from: str
    counts: store.RunCounts = field(default_factory=store.RunCounts)
    errors: list[InputError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    copies: int = 0  # articles linked as copies of an earlier story (analysis/dedup.py)
    speakers: ApplyReport | None = None  # the corpus speakers, after the run
    facts_rebuilt: bool = False  # the cleanup rebuilt the dashboard's facts (data changed)
    reapplied: corrections.ApplyReport | None = None  # the reporters' corrections, after it

    @contextmanager
    def transaction(self) -> Iterator[store.Connection]:
        """A write connection for one short piece of work (the caller commits it)."""
        try:
            with store.writer(self.db) as con:
                yield con
        except (duckdb.Error, OSError) as exc:
            full = disk_error(exc, self.db)
            if full is None:
                raise
            raise full from None

    def write(
        self,
        items: Sequence[tuple[Article, str, Extraction]],
        errors: Sequence[InputError] = (),
        version: str = "",
        reextract: bool = False,
    ) -> None:
        """Store extracted articles and the input errors met beside them, in one transaction.

        An article that fails to be written (a value DuckDB refuses) is retried alone, and if
        it fails again becomes that record's ``write-failed`` error, never the run's; a full
        disk stops the run with a clear message (what was committed before stays)."""
        errors = list(errors)
        try:
            self._write(items, errors, version, reextract)
        except duckdb.Error:  # not a full disk (transaction() raises that as StoreError)
            for item in items:  # write them one by one, to find the record that fails
                try:
                    self._write([item], [], version, reextract)
                except duckdb.Error as one:
                    a = item[0]
                    detail = f"{type(one).__name__}: {str(one).splitlines()[0][:300]}"
                    errors.append(InputError(a.source, a.line, "write-failed", detail))
            self._write([], errors, version, reextract)

    def _write(
        self,
        items: Sequence[tuple[Article, str, Extraction]],
        errors: list[InputError],
        version: str,
        reextract: bool,
    ) -> None:
        with self.transaction() as con:
            new, updated, same = store.write_batch(con, self.run_id, items, version, reextract)
            store.record_errors(con, self.run_id, errors)
            if not reextract:
                self.copies += dedup.link_pending(con)
                store.ensure_search_index(con)  # a new store: searchable during the run
        self.counts.new += new
        self.counts.updated += updated
        self.counts.unchanged += same
        self.counts.errors += len(errors)
        self.errors.extend(errors)
        for _, _, ex in items:
            self.counts.statements += len(ex.statements)
            self.counts.figures += len(ex.figures)
            self.skipped.update(ex.skipped)

    def record(self, errors: Sequence[InputError]) -> None:
        """Record input errors that come with no article to write."""
        if errors:
            self._write([], list(errors), "", False)

    @property
    def status(self) -> str:
        return "ok" if not self.errors else "ok-with-errors"


def disk_error(exc: BaseException, db: str | Path) -> store.StoreError | None:
    """A clear error for a write that failed because the disk is full, else None."""
    text = str(exc).lower()
    full = isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS
    if not full and not any(k in text for k in _DISK_FULL):
        return None
    detail = str(exc).splitlines()[0][:200].removeprefix("FATAL Error: ")
    return store.StoreError(
        f"could not write to {db}: the disk is full or the file too large ({detail}); "
        "everything stored before is intact: free some space and run the same command again"
    )


@contextmanager
def write_run(
    db: str | Path,
    command: str,
    inputs: Sequence[str] = (),
    extractor_version: str = "",
    model: str = "",
    rules_path: str | Path | None = None,
) -> Iterator[WriteRun]:
    """Start a run on ``db``, yield it, and finish it: the cleanup, then its record.

    The cleanup (speakers, story links, search index, facts) runs only when the block
    finished; a run that failed is recorded as 'failed' with what it stored. If even that
    record cannot be written (a full disk), the run stays 'running' until the next run marks
    it 'interrupted'; the error that stopped the run is the one raised.
    """
    db = Path(db)
    store.check_integrity(db)  # a damaged store is refused before anything is written
    try:
        with store.writer(db) as con:
            rules, rules_from = rules_for(con, rules_path)
            run_id = store.start_run(con, command, extractor_version, model, list(inputs))
    except (duckdb.Error, OSError) as exc:
        raise disk_error(exc, db) or exc from None
    run = WriteRun(db, run_id, command, rules, rules_from)
    ok = False
    try:
        yield run
        ok = True
    finally:
        _finish(run, ok)


def _finish(run: WriteRun, ok: bool) -> None:
    try:
        with run.transaction() as con:
            if ok:
                run.speakers = apply_speakers(con, run.rules, run.rules_from)
                run.copies += dedup.link_pending(con)
                # after the speakers (a corrected speaker wins) and before the search index
                # (which indexes speaker names)
                run.reapplied = corrections.apply(con)
                store.rebuild_search_index(con)
                run.facts_rebuilt = store.refresh_facts(con)
            status = run.status if ok else "failed"
            store.finish_run(con, run.run_id, run.counts, dict(run.skipped), status)
    except (duckdb.Error, OSError, store.StoreError):
        if ok:
            raise
        # the run already failed, and its error is the one to report; the record stays
        # 'running' and the next run marks it 'interrupted'


# ----------------------------------------------------------------- runs with no articles
def apply_speaker_rules(db: str | Path, path: str | Path | None = None) -> ApplyReport:
    """``quotedesk speakers apply``: check the rules file (before anything is written),
    recompute the corpus speakers with it and store it, so later runs apply it again."""
    with write_run(db, "speakers apply", [str(path)] if path else [], rules_path=path) as run:
        pass  # the run's cleanup applies the rules
    assert run.speakers is not None
    return run.speakers


@dataclass(frozen=True, slots=True)
class MigrateReport:
    schema_version: str
    linked: int  # articles linked to their stories
    copies: int  # ... of which copies of an earlier story
    speakers: ApplyReport | None
    facts_rebuilt: bool


def migrate(db: str | Path) -> MigrateReport:
    """``quotedesk migrate``: bring the store to the current schema (opening it for writing
    does), link its articles to their stories, and refresh what every run refreshes."""
    with write_run(db, "migrate") as run, run.transaction() as con:
        linked = len(store.pending_stories(con))
        run.copies += dedup.link_pending(con)
    version = store.info(db)["schema_version"]
    return MigrateReport(version, linked, run.copies, run.speakers, run.facts_rebuilt)
