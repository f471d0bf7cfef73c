"""Cached wrappers over :mod:`analysis.queries`: the only way pages reach the data.

Why no connection in ``st.cache_resource`` (as STYLE.md point 8 would suggest): DuckDB lets one
process write a file, and a process keeping the file open, even read-only, blocks that writer.
A dashboard left running would then stop every ``quotedesk ingest`` into the same database. So
the queries of one page run share a read-only connection (:func:`session`, opened by the
router) that is closed when the page is drawn, and only the *results* are cached, with
``st.cache_data`` and a short ttl. The file's modification time is part of every cache key, so
a finished ingest shows up at the next rerun rather than after the ttl.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from analysis import queries, settings, store
from analysis.queries import Filters, Freq, SpeakerProfile

__all__ = ["CorruptStore", "Filters", "SpeakerProfile", "StoreError", "db_path", "session"]

TTL = 60  # seconds a cached result may be reused
LEADERBOARD_KINDS = queries.LEADERBOARD_KINDS
session = store.session  # one connection for the queries of a page run (app.py)
SPEAKER_OPTIONS = queries.SPEAKER_OPTIONS  # the most quoted speakers a picker lists
SEARCH_PAGE = queries.SEARCH_PAGE  # matches per page of a statement search
StoreError = store.StoreError
CorruptStore = store.CorruptStore
_LOG = logging.getLogger("quotedesk.dashboard")
_PATHS = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\s\\/:;,()'\"]+[\\/])+([^\s\\/:;,()'\"]+)")


def public_message(exc: BaseException) -> str:
    """The error's message for the page: file paths cut to the file's name."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return _PATHS.sub(lambda m: m.group(1), text)[:400]


def log_exception(exc: BaseException) -> None:
    """The traceback, for the server's log only."""
    _LOG.error("dashboard page failed", exc_info=exc)


def db_path() -> str:
    """The database the dashboard reads: ``$QUOTEDESK_DB``, else the settings default."""
    return os.environ.get("QUOTEDESK_DB") or settings.get("db")


def _stamp(db: str) -> int:
    """Changes whenever the database file or its write-ahead log changes."""
    total = 0
    for p in (Path(db), Path(f"{db}.wal")):
        try:
            total += p.stat().st_mtime_ns
        except OSError:
            continue
    return total


@st.cache_data(ttl=TTL, show_spinner=False)
def _run(name: str, db: str, version: int, *args: Any, **kwargs: Any) -> Any:
    """Run ``queries.<name>(db, *args, **kwargs)``; ``version`` only keys the cache."""
    if name == "info":
        store.check_integrity(db)  # a damaged block can crash a query: look before reading
        return store.info(db)
    return getattr(queries, name)(db, *args, **kwargs)


def _cached(name: str, *args: Any, **kwargs: Any) -> Any:
    db = db_path()
    return _run(name, db, _stamp(db), *args, **kwargs)


def check() -> dict[str, str]:
    """The store's meta table; raises :class:`StoreError` for a missing or foreign file."""
    return _cached("info")


def overview(f: Filters) -> dict[str, int]:
    return _cached("overview", f)


def statements_over_time(f: Filters, freq: Freq = "week", by: str | None = "topic") -> pl.DataFrame:
    """Statements per period by group; topic ids are shown as their labels.

    A statement can carry several topics. With a topic filter on, only the chosen topics are
    drawn, not the other topics their statements also carry.
    """
    df: pl.DataFrame = _cached("statements_over_time", f, freq=freq, by=by)
    if by != "topic" or df.is_empty():
        return df
    if f.topics:
        df = df.filter(pl.col("group").is_in(f.topics))
    return df.with_columns(pl.col("group").replace(topic_choices()))


def top_speakers(
    f: Filters, limit: int = 20, speaker_kinds: tuple[str, ...] = queries.LEADERBOARD_KINDS
) -> pl.DataFrame:
    return _cached("top_speakers", f, limit=limit, speaker_kinds=speaker_kinds)


def outlets(f: Filters) -> pl.DataFrame:
    return _cached("outlets", f)


def statements(f: Filters, search: str = "", limit: int = 500, offset: int = 0) -> pl.DataFrame:
    return _cached("statements", f, search=search, limit=limit, offset=offset)


def figures(
    f: Filters, counts: str = "", limit: int | None = 1000, offset: int = 0
) -> pl.DataFrame:
    return _cached("figures", f, counts=counts, limit=limit, offset=offset)


def figure_changes(f: Filters) -> pl.DataFrame:
    return _cached("figure_changes", f)


def figure_series(f: Filters, limit: int | None = 500) -> pl.DataFrame:
    """The longest ``limit`` series of figures (None: all) under the filters."""
    return _cached("figure_series", f=f, limit=limit)


def figure_history(
    speaker_id: str, counts: str, unit: str | None = None, f: Filters | None = None
) -> pl.DataFrame:
    """One series of :func:`figure_series`: its head word *and* exactly its unit (the query
    takes any unit for None, so "5 %" and "5 people" would otherwise share one line)."""
    df: pl.DataFrame = _cached("figure_history", speaker_id, counts, unit, f or Filters())
    return df.filter(pl.col("unit").eq_missing(pl.lit(unit, dtype=pl.String)))


def speaker_options(
    keep: Iterable[str] = (), names: Iterable[str] = (), search: str = ""
) -> dict[str, str]:
    """Speaker id → name, for a picker: the speakers matching ``search`` (name or alias, at
    most 50), the :data:`SPEAKER_OPTIONS` most quoted, and the speakers in ``keep`` (ids
    already picked) or named in ``names`` (a shared link holds names). A store can have
    tens of thousands of speakers, too many to send to a browser as options."""
    top = _most_quoted().head(SPEAKER_OPTIONS)
    choices = dict(top.select("speaker_id", "speaker").iter_rows())
    ids = tuple(k for k in keep if k not in choices)
    shown = set(choices.values())
    missing = tuple(n for n in names if n not in shown)
    if not ids and not missing and not search.strip():
        return choices
    df: pl.DataFrame = _cached("find_speakers", ids, missing, search.strip())
    found = dict(df.select("speaker_id", "speaker").iter_rows())
    # what the reporter searched for comes first, where the picker's list opens
    return found | choices if search.strip() else choices | found


def more_speakers() -> bool:
    """Whether the store has more speakers than a picker lists at first."""
    return _most_quoted().height > SPEAKER_OPTIONS


def _most_quoted() -> pl.DataFrame:
    """One more than the pickers list, so that :func:`more_speakers` can tell."""
    df: pl.DataFrame = _cached("speaker_choices", limit=SPEAKER_OPTIONS + 1)
    return df


def topic_choices() -> dict[str, str]:
    """Topic id → label, most used first."""
    df: pl.DataFrame = _cached("topic_choices")
    return dict(df.select("topic", "label").iter_rows())


def outlet_choices() -> list[str]:
    return _cached("outlet_choices")


def category_choices() -> list[str]:
    return _cached("category_choices")


def date_range() -> tuple[dt.date | None, dt.date | None]:
    return _cached("date_range")


def article(article_id: str) -> dict[str, Any] | None:
    return _cached("article", article_id)


def article_statements(article_id: str) -> pl.DataFrame:
    return _cached("article_statements", article_id)


def corrections_audit() -> pl.DataFrame:
    """Every correction with its status now (analysis.corrections.audit)."""
    db = db_path()
    return _audit(db, _stamp(db))


@st.cache_data(ttl=TTL, show_spinner=False)
def _audit(db: str, version: int) -> pl.DataFrame:
    from analysis import corrections

    return corrections.audit(db)


def article_figures(article_id: str) -> pl.DataFrame:
    return _cached("article_figures", article_id)


def speaker_profile(speaker_id: str) -> SpeakerProfile | None:
    return _cached("speaker_profile", speaker_id)


def topic_speakers(f: Filters, speakers: int = 20) -> pl.DataFrame:
    return _cached("topic_speakers", f, speakers=speakers)


def topic_outlets(f: Filters, outlets: int = 25) -> pl.DataFrame:
    return _cached("topic_outlets", f, outlets=outlets)


def topic_share_over_time(f: Filters, freq: Freq = "month") -> pl.DataFrame:
    return _cached("topic_share_over_time", f, freq=freq)


def co_speakers(speaker_id: str, f: Filters, limit: int = 15) -> pl.DataFrame:
    return _cached("co_speakers", speaker_id, f, limit=limit)


def only_speaker(f: Filters, speaker_id: str) -> Filters:
    """The same filters narrowed to one speaker (for a profile)."""
    return replace(f, speakers=(speaker_id,))
