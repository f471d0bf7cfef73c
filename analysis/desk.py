"""The notebook entry point: open a store, ask it named questions, get Polars frames back.

    from analysis.desk import Desk

    desk = Desk.open("news.duckdb")
    desk.speakers(limit=10)
    desk.statements(speaker="Tomas Okafor", topic="economy", start="2025-01-01", search="deficit")
    desk.timeline(freq="month", by="outlet")
    desk.figure_history("Radek Sorn", "signed contracts")
    desk.changes(start="2025-03-01")  # numbers revised or contradicted
    desk.export(desk.figures(counts="contracts"), "contracts.csv")

Each method calls the function of the same name in :mod:`analysis.queries`, which the
dashboard calls too, so a notebook and the dashboard tell the same numbers. Filters are keyword
arguments (``speaker``, ``topic``, ``outlet``, ``category``, ``kind``, ``start``, ``end``,
``distinct``) or a :class:`~analysis.queries.Filters`. A speaker can be named by id, full
name or a known alias. Counts take one copy per story unless ``distinct=False`` (see
:mod:`analysis.dedup`).

A ``Desk`` holds no database connection. DuckDB lets one process write a file, and any process
holding it open, even read-only, blocks that writer; so every query opens the file read-only and
closes it, and ``quotedesk ingest`` can run while a notebook is open.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, TypedDict, Unpack

import polars as pl

from analysis import corrections as corr  # Desk.corrections() is the audit trail
from analysis import export, queries, runs, store
from analysis.queries import NO_FILTERS, Filters, Freq, SpeakerProfile
from analysis.records import REJECTED_KIND, STATEMENT_KINDS

Values = str | Sequence[str]
Lazy = Literal["statements", "figures", "articles"]


class FilterArgs(TypedDict, total=False):
    """Keyword filters every query method accepts."""

    speaker: Values  # ids, names or aliases
    topic: Values  # taxonomy or discovered topic ids or labels, any case
    outlet: Values
    category: Values  # the outlet's own category of the article (AllSides), any case
    # direct, indirect, mixed (the default), position, belief, headline; "all" for every kind
    kind: Values
    start: dt.date | str  # ISO date, inclusive
    end: dt.date | str
    distinct: bool  # one copy per story (default) or every copy
    sure_names: bool  # only names written where they speak or resolved with confidence >= 0.95
    verified_only: bool  # statements a reporter marked verified
    corrected: bool  # statements a reporter corrected


_LAZY_SQL: dict[str, tuple[str, bool]] = {
    # name → (query over `a` and the filter's other aliases, whether statement filters apply)
    "statements": (
        """SELECT s.*, a.published, a.outlet, a.title, a.url,
                  coalesce(k.story_id, a.article_id) AS story_id
           FROM statements s JOIN articles a USING (article_id)
           LEFT JOIN article_stories k ON k.article_id = a.article_id""",
        True,
    ),
    "figures": (
        """SELECT fi.*, a.published, a.outlet, a.title, a.url,
                  coalesce(k.story_id, a.article_id) AS story_id
           FROM figures fi JOIN articles a USING (article_id)
           LEFT JOIN article_stories k ON k.article_id = a.article_id""",
        False,
    ),
    "articles": (
        """SELECT a.*, coalesce(k.story_id, a.article_id) AS story_id, k.duplicate_of
           FROM articles a LEFT JOIN article_stories k ON k.article_id = a.article_id""",
        False,
    ),
}
_SNAPSHOTS: Path | None = None  # per process; removed at exit


class Desk:
    """A quotedesk store, and the named questions a reporter asks of it."""

    def __init__(self, path: str | Path, read_only: bool = True, cache_dir: Path | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self._cache_dir = cache_dir

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        read_only: bool = True,
        cache_dir: str | Path | None = None,
    ) -> Desk:
        """Open the store at ``path`` (default: ``$QUOTEDESK_DB``, else the sample database,
        built from data/sample/ if it is missing).

        Read-only (the default), a missing, foreign or older store raises
        :class:`~analysis.store.StoreError` with what to do. ``read_only=False`` creates the
        store if needed, migrates an older one and links its articles to their stories.
        ``cache_dir`` keeps the Parquet snapshots of :meth:`lazy` (default: a temporary
        folder removed when Python exits).

        >>> desk = Desk.open("data/sample.duckdb")  # doctest: +SKIP
        """
        if path is None:  # $QUOTEDESK_DB, else the sample (built on first use)
            from analysis import sample

            path = sample.default_store()
        desk = cls(path, read_only, Path(cache_dir) if cache_dir else None)
        if read_only:
            store.info(desk.path)
        else:
            runs.migrate(desk.path)
        return desk

    def __repr__(self) -> str:
        return f"Desk({str(self.path)!r}, read_only={self.read_only})"

    # ------------------------------------------------------------------ filters
    def filters(self, f: Filters | None = None, **kw: Unpack[FilterArgs]) -> Filters:
        """A :class:`Filters` from keyword arguments (added to ``f``), names resolved to ids.

        >>> desk.filters(speaker="Okafor", start="2025-06-01")  # doctest: +SKIP
        Filters(start=datetime.date(2025, 6, 1), ..., speakers=('tomas-okafor',), ...)
        """
        f = f or NO_FILTERS
        changes: dict[str, Any] = {}
        if "speaker" in kw:
            changes["speakers"] = queries.resolve_speakers(self.path, _tuple(kw["speaker"]))
        if "topic" in kw:  # an id or a label ("health", "Health"); unknown ones refused
            changes["topics"] = queries.resolve_topics(self.path, _tuple(kw["topic"]))
        if "category" in kw:  # any case; unknown ones refused with the valid ones
            changes["categories"] = queries.resolve_categories(self.path, _tuple(kw["category"]))
        for key, field in (("outlet", "outlets"), ("kind", "kinds")):
            if key in kw:
                changes[field] = _tuple(kw[key])  # type: ignore[literal-required]
        if "kind" in kw:
            changes["kinds"] = _kinds(changes["kinds"])
        for key in ("start", "end"):
            if key in kw:
                changes[key] = _date(kw[key])  # type: ignore[literal-required]
        for key in ("distinct", "sure_names", "verified_only", "corrected"):
            if key in kw:
                changes[key] = bool(kw[key])  # type: ignore[literal-required]
        return replace(f, **changes)

    # ------------------------------------------------------------------ queries
    def info(self) -> dict[str, str]:
        """Schema, DuckDB and storage versions and dates (the ``meta`` table)."""
        return store.info(self.path)

    def overview(self, f: Filters | None = None, **kw: Unpack[FilterArgs]) -> dict[str, int]:
        """Headline counts: articles, statements, speakers, outlets, figures."""
        return queries.overview(self.path, self.filters(f, **kw))

    def speakers(
        self, f: Filters | None = None, *, limit: int = 100, **kw: Unpack[FilterArgs]
    ) -> pl.DataFrame:
        """Speakers with statements, articles, outlets, roles, first and last seen."""
        return queries.speakers(self.path, self.filters(f, **kw), limit=limit)

    def speaker(self, name: str) -> SpeakerProfile | None:
        """One speaker's name, every alias and every role seen."""
        (speaker_id,) = queries.resolve_speakers(self.path, name)
        return queries.speaker_profile(self.path, speaker_id)

    def speaker_index(self, search: str | None = None, limit: int = 50) -> pl.DataFrame:
        """Corpus speakers, most quoted first, with the names articles gave them (``names``)
        and whether a hand rule placed them (``by_hand``); ``search`` matches any alias."""
        return queries.speaker_index(self.path, search, limit)

    def speaker_detail(self, name: str) -> queries.SpeakerDetail:
        """One speaker: aliases, roles over time, the article names joined into them and how,
        and the hand rules that touched them."""
        return queries.speaker_detail(self.path, name)

    def ambiguous_speakers(self, limit: int = 50) -> pl.DataFrame:
        """Names left apart because they could be several people, with the candidates."""
        return queries.ambiguous(self.path, limit)

    def statements(
        self,
        f: Filters | None = None,
        *,
        search: str = "",
        limit: int = 500,
        offset: int = 0,
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """Statements with their article and offsets, newest first; with ``search``, best match
        first, with the number of ``matches`` in all (page on with ``offset``)."""
        return queries.statements(
            self.path, self.filters(f, **kw), search=search, limit=limit, offset=offset
        )

    def figures(
        self,
        f: Filters | None = None,
        *,
        counts: str = "",
        limit: int = 1000,
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """Figures with what they count (``counts``: a substring of it), who cited them, where."""
        return queries.figures(self.path, self.filters(f, **kw), counts=counts, limit=limit)

    def figure_series(
        self, f: Filters | None = None, *, min_points: int = 2, **kw: Unpack[FilterArgs]
    ) -> pl.DataFrame:
        """(speaker, counted thing) series cited at least ``min_points`` times."""
        return queries.figure_series(self.path, min_points, self.filters(f, **kw))

    def figure_history(
        self,
        name: str,
        counts: str,
        *,
        unit: str | None = None,
        f: Filters | None = None,
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """One speaker citing one counted thing over time ("signed contracts")."""
        (speaker_id,) = queries.resolve_speakers(self.path, name)
        return queries.figure_history(self.path, speaker_id, counts, unit, self.filters(f, **kw))

    def changes(self, f: Filters | None = None, **kw: Unpack[FilterArgs]) -> pl.DataFrame:
        """Numbers revised by their source, or contradicted by another speaker or outlet in
        the same week: one row per pair, with both sentences (``before_*``, ``after_*``).

        >>> desk.changes(start="2025-03-01", outlet="Meridian Post")  # doctest: +SKIP
        """
        return queries.figure_changes(self.path, self.filters(f, **kw))

    def topics(self, f: Filters | None = None, **kw: Unpack[FilterArgs]) -> pl.DataFrame:
        """Taxonomy and discovered topics with their statement and article counts."""
        return queries.topics(self.path, self.filters(f, **kw))

    def discovered_topics(self) -> pl.DataFrame:
        """The discovered topics with their top terms (a list of terms, heaviest first)."""
        df = queries.discovered_topics(self.path)
        terms = [[t for t, _ in json.loads(raw)] for raw in df["terms"]]
        return df.with_columns(pl.Series("terms", terms, dtype=pl.List(pl.String)))

    def timeline(
        self,
        f: Filters | None = None,
        *,
        freq: Freq = "week",
        by: Literal["topic", "discovered", "outlet", "speaker"] | None = "topic",
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """Statements per day, week, month or year, split by topic, outlet or speaker."""
        return queries.statements_over_time(self.path, self.filters(f, **kw), freq=freq, by=by)

    def outlets(self, f: Filters | None = None, **kw: Unpack[FilterArgs]) -> pl.DataFrame:
        """Statements, articles and speakers per outlet."""
        return queries.outlets(self.path, self.filters(f, **kw))

    def co_quotation(
        self,
        f: Filters | None = None,
        *,
        min_articles: int = 1,
        limit: int = 100,
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """Pairs of speakers quoted in the same articles (``speaker=``: who is quoted with them)."""
        return queries.co_quotation(self.path, self.filters(f, **kw), min_articles, limit)

    def outlet_comparison(
        self, names: Values, f: Filters | None = None, **kw: Unpack[FilterArgs]
    ) -> pl.DataFrame:
        """Per outlet and named speaker: their statements, the share of all their statements,
        and their share of the outlet's statements."""
        ids = queries.resolve_speakers(self.path, _tuple(names))
        return queries.outlet_comparison(self.path, ids, self.filters(f, **kw))

    def stories(
        self,
        f: Filters | None = None,
        *,
        min_copies: int = 2,
        limit: int = 100,
        **kw: Unpack[FilterArgs],
    ) -> pl.DataFrame:
        """Stories carried by several articles: the near-duplicates linked at ingest."""
        return queries.stories(self.path, self.filters(f, **kw), min_copies, limit)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its text and metadata."""
        return queries.article(self.path, article_id)

    def article_statements(self, article_id: str) -> pl.DataFrame:
        return queries.article_statements(self.path, article_id)

    def article_figures(self, article_id: str) -> pl.DataFrame:
        return queries.article_figures(self.path, article_id)

    # ------------------------------------------------------------------ lazy
    def lazy(
        self, what: Lazy = "statements", f: Filters | None = None, **kw: Unpack[FilterArgs]
    ) -> pl.LazyFrame:
        """Every statement, figure or article under the filters, as a Polars ``LazyFrame``.

        For a store too large for memory: ``desk.lazy("statements").group_by("outlet")
        .len().collect(engine="streaming")``. Rows carry their article's date, outlet, title,
        URL and ``story_id``.

        How: DuckDB writes the filtered rows to a Parquet snapshot (streaming, so its memory
        stays flat) and Polars scans that file lazily, with projection and predicate pushdown
        and its streaming engine. Why a snapshot rather than a live DuckDB relation streamed
        into Polars: a LazyFrame may be collected much later, several times, or never; a live
        relation would hold the database open for as long as it lives, which blocks every
        ingest (one writer, and any open handle blocks it), and Polars could not push its
        filters down into it. A snapshot is read with the file closed, is consistent while an
        ingest goes on, and is reused until the store changes (keyed by the query and the
        file's modification time).
        """
        if what not in _LAZY_SQL:
            raise ValueError(f"lazy() reads one of {sorted(_LAZY_SQL)}, not {what!r}")
        sql, with_statement = _LAZY_SQL[what]
        filt = self.filters(f, **kw)
        where, params = filt.where(with_statement=with_statement)
        if what == "figures" and filt.speakers:
            where += " AND list_contains(?, fi.speaker_id)"
            params.append(list(filt.speakers))
        query = f"{sql} WHERE {where}"
        key = hashlib.sha1(
            json.dumps(
                [query, params, str(self.path.resolve()), _stamp(self.path)], default=str
            ).encode()
        ).hexdigest()[:20]
        out = self._snapshots() / f"{what}-{key}.parquet"
        if not out.exists():
            tmp = out.with_suffix(".partial")
            store.query_to_parquet(self.path, query, params, tmp)
            tmp.replace(out)
        return pl.scan_parquet(out)

    def _snapshots(self) -> Path:
        global _SNAPSHOTS
        if self._cache_dir is not None:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            return self._cache_dir
        if _SNAPSHOTS is None:
            _SNAPSHOTS = Path(tempfile.mkdtemp(prefix="quotedesk-snapshots-"))
            atexit.register(shutil.rmtree, _SNAPSHOTS, ignore_errors=True)
        return _SNAPSHOTS

    # ------------------------------------------------------------------ export
    def export(self, frame: pl.DataFrame | pl.LazyFrame, path: str | Path) -> Path:
        """Write a query result to ``path`` (``.csv`` or ``.parquet``)."""
        return export.write_frame(frame, path)

    def export_store(self, out_dir: str | Path) -> dict[str, int]:
        """Every table to ``out_dir/<table>.parquet``; returns rows per table."""
        return export.export_store(self.path, out_dir)

    # ------------------------------------------------------------------ writes
    def ingest(self, paths: Sequence[str | Path]) -> str:
        """Read articles into the store (needs ``read_only=False``); returns the summary line."""
        from analysis.ingest import ingest  # loads spaCy: only when asked

        self._writable()
        return ingest(list(paths), self.path, progress=False).summary()

    def apply_speaker_rules(self, path: str | Path) -> str:
        """Apply a speaker rules file (merge, split, keep_apart, rename; needs
        ``read_only=False``); the rules are stored and applied again after every ingest."""

        self._writable()
        return runs.apply_speaker_rules(self.path, path).summary()

    def discover_topics(self, k: int | None = None, method: Literal["nmf", "lda"] = "nmf") -> str:
        """Fit discovered topics over the store (needs ``read_only=False``); returns a summary."""
        from analysis import topic_model  # scikit-learn: only when asked

        self._writable()
        return topic_model.discover_topics(self.path, k or topic_model.DEFAULT_K, method).summary()

    # ------------------------------------------------------------------ corrections
    # Each records one correction (analysis/corrections.py) and re-applies them all; ``who``
    # defaults to the ``reporter`` setting ($QUOTEDESK_REPORTER). Needs read_only=False.
    def correct_speaker(
        self, statement_id: str, name: str | None, who: str | None = None, note: str | None = None
    ) -> str:
        """Set the statement's speaker (a corpus speaker's name or alias, or a new name);
        ``None`` or "" clears it. Returns the correction's uid."""
        action = "set_speaker" if name and name.strip() else "clear_speaker"
        value = name.strip() if name and name.strip() else None
        return self._correct(corr.on_statement(
            self.path, statement_id, action, value, who, note))  # fmt: skip

    def mark_not_statement(
        self, statement_id: str, hide: bool = True, who: str | None = None, note: str | None = None
    ) -> str:
        """Mark a row "not a statement" (hidden from every view); ``hide=False`` shows it again."""
        value = "true" if hide else "false"
        return self._correct(corr.on_statement(
            self.path, statement_id, "not_a_statement", value, who, note))  # fmt: skip

    def set_kind(
        self, statement_id: str, kind: str, who: str | None = None, note: str | None = None
    ) -> str:
        """Fix a statement's kind (direct, indirect, mixed, belief, position, headline)."""
        return self._correct(corr.on_statement(
            self.path, statement_id, "set_kind", kind, who, note))  # fmt: skip

    def add_statement(
        self, article_id: str, start: int | None = None, end: int | None = None,
        speaker: str | None = None, who: str | None = None, kind: str = "direct",
        note: str | None = None, text: str = "",
    ) -> str:  # fmt: skip
        """Add a statement the extractor missed: the span ``start``-``end`` of the article's
        text, or the words ``text`` pasted from it (they must occur once)."""
        return self._correct(corr.added(
            self.path, article_id, start, end, speaker, who, kind, note, text))  # fmt: skip

    def set_figure_counts(
        self, figure_id: str, counts: str, who: str | None = None, note: str | None = None
    ) -> str:
        """Fix what a figure counts ("crew members")."""
        return self._correct(corr.on_figure(
            self.path, figure_id, "set_counts", counts.strip(), who, note))  # fmt: skip

    def set_figure_value(
        self, figure_id: str, value: float, who: str | None = None, note: str | None = None
    ) -> str:
        """Fix a figure's value."""
        return self._correct(corr.on_figure(
            self.path, figure_id, "set_value", repr(float(value)), who, note))  # fmt: skip

    def verify(
        self, target_id: str, verified: bool = True, who: str | None = None,
        note: str | None = None,
    ) -> str:  # fmt: skip
        """Mark a statement (``article:sN``) or figure (``article:fN``) verified (or not)."""
        on = corr.on_figure if _is_figure(target_id) else corr.on_statement
        value = "true" if verified else "false"
        return self._correct(on(self.path, target_id, "verify", value, who, note))

    def corrections(self, orphaned: bool = False, who: str | None = None) -> pl.DataFrame:
        """The audit trail: every correction, newest first, with its status now."""
        return corr.audit(self.path, orphaned=orphaned, who=who)

    def export_corrections(self, path: str | Path) -> int:
        """Every correction to a JSONL file a colleague can import; returns how many."""
        return corr.export_jsonl(self.path, path)

    def import_corrections(self, path: str | Path) -> int:
        """Add the corrections of a JSONL file not yet here (re-importing adds nothing);
        returns how many were new."""
        self._writable()
        return corr.import_jsonl(self.path, path)[1]

    def _correct(self, correction: corr.Correction) -> str:
        self._writable()
        corr.record(self.path, [correction])
        return correction.uid

    def _writable(self) -> None:
        if self.read_only:
            raise store.StoreError(
                f"{self.path} is open read-only; use Desk.open({str(self.path)!r}, read_only=False)"
            )


def _tuple(values: Values) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


def _kinds(values: tuple[str, ...]) -> tuple[str, ...]:
    """Statement kinds checked against the known ones; ``"all"`` (or nothing) is every kind."""
    if not values or values == ("all",):
        return ()
    unknown = [v for v in values if v not in (*STATEMENT_KINDS, REJECTED_KIND)]
    if unknown:
        raise ValueError(
            f"unknown statement kind {unknown[0]!r}: use one of {', '.join(STATEMENT_KINDS)} "
            "or 'all'"
        )
    return values


def _is_figure(target_id: str) -> bool:
    return target_id.rsplit(":", 1)[-1].startswith("f")


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _stamp(path: Path) -> int:
    """Changes whenever the database file or its write-ahead log changes."""
    total = 0
    for p in (path, Path(f"{path}.wal")):
        if p.exists():
            total += p.stat().st_mtime_ns
    return total
