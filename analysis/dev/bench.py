"""How fast the dashboard's queries are on a given store: ``quotedesk bench-queries``.

Runs every query the dashboard pages make (each function of :mod:`analysis.queries` that
``dashboard/data.py`` wraps) under the filters a reporter typically sets (none, one topic,
one outlet, a date range, one speaker, a text search), ``repeat`` times each, and reports the
median and 95th-percentile wall time per query and filter. Each call is timed as the dashboard
pays for it on a cache miss: opening a read-only connection, running the query, and building
the Polars frame. The filter values are read from the store itself (its most used topic, its
largest outlet, the middle third of its dates, its most quoted speaker and that speaker's
surname as the search), so the numbers are comparable across stores.

Build a large store to run it on with :mod:`analysis.dev.synth`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from analysis import queries, store
from analysis.queries import Filters


@dataclass(frozen=True, slots=True)
class Case:
    """One query under one kind of filter, as a page calls it."""

    query: str  # a function of analysis.queries (or "info", for store.info)
    filters: str  # which typical filter: none, topic, outlet, dates, speaker, search
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def run(self, db: str | Path) -> Any:
        fn: Callable[..., Any] = (
            store.info if self.query == "info" else getattr(queries, self.query)
        )
        return fn(db, *self.args, **self.kwargs)


def typical_filters(db: str | Path) -> dict[str, Filters]:
    """The filters a reporter sets, with values taken from the store."""
    lo, hi = queries.date_range(db)
    found: dict[str, Filters] = {"none": Filters()}
    topics = queries.topic_choices(db)
    if topics.height:
        found["topic"] = Filters(topics=(topics["topic"][0],))
    outlets = queries.outlets(db)
    if outlets.height:
        found["outlet"] = Filters(outlets=(outlets["outlet"][0],))
    if lo and hi:
        third = (hi - lo) / 3
        found["dates"] = Filters(start=lo + third, end=hi - third)
    speakers = queries.speaker_choices(db, limit=1)
    if speakers.height:
        found["speaker"] = Filters(speakers=(speakers["speaker_id"][0],))
    return found


# Queries a page runs under the sidebar filters, with the arguments the page passes.
FILTERED: dict[str, dict[str, Any]] = {
    "overview": {},
    "statements_over_time": {},  # Overview: per week by topic
    "top_speakers": {"limit": 50},
    "outlets": {},
    "statements": {"limit": 500},
    "figures": {},
    "topic_speakers": {},
    "topic_outlets": {},
    "topic_share_over_time": {},
    "figure_series": {},  # Figures: the tracker's series
    "figure_changes": {},  # Changes: revisions and conflicts
}


def cases(db: str | Path) -> list[Case]:
    """Every dashboard query, under each typical filter where the page applies filters."""
    typical = typical_filters(db)
    out: list[Case] = [Case("info", "none")]
    for name, kwargs in FILTERED.items():
        out += [Case(name, label, (), {"f": f, **kwargs}) for label, f in typical.items()]
    speakers = queries.speaker_choices(db, limit=1)
    if speakers.height:
        who, name = speakers.row(0)[:2]
        search = str(name).split()[-1]
        page = {"search": search, "limit": queries.SEARCH_PAGE}  # the Statements page's first
        out.append(Case("statements", "search", (Filters(),), page))
        # the sidebar's speaker search, and a shared link naming a speaker
        out.append(Case("find_speakers", "search", (), {"search": search[:4]}))
        out.append(Case("find_speakers", "speaker", (), {"names": (str(name),)}))
        mine = Filters(speakers=(who,))
        out += [
            Case("statements_over_time", "speaker", (mine,), {"freq": "month"}),
            Case("speaker_profile", "speaker", (who,)),
            Case("co_speakers", "speaker", (who, Filters())),
            Case("co_speakers", "speaker+topic", (who, typical.get("topic", Filters()))),
            Case("topic_speakers", "speaker", (mine,), {"speakers": 1}),
        ]
    out.append(Case("speaker_choices", "none", (), {"limit": queries.SPEAKER_OPTIONS + 1}))
    out += [Case(n, "none") for n in ("topic_choices", "outlet_choices", "category_choices")]
    out.append(Case("date_range", "none"))
    series = queries.figure_series(db)
    if series.height:
        row = series.row(0, named=True)
        out.append(Case("figure_history", "series", (row["speaker_id"], row["counts"])))
    newest = queries.statements(db, limit=1)
    if newest.height:
        article_id = newest["article_id"][0]
        out += [
            Case(name, "article", (article_id,))
            for name in ("article", "article_statements", "article_figures")
        ]
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method: a value that was measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def run(db: str | Path, repeat: int = 10, warmup: int = 1) -> pl.DataFrame:
    """Time every case ``repeat`` times (after ``warmup`` untimed runs).

    Columns: query, filters, rows (rows returned), p50_ms, p95_ms, max_ms and cpu_p50_ms
    (the median CPU time of the process, every DuckDB thread included: on a machine shared
    with other work, wall times stretch while CPU times hold); slowest first.
    """
    if not Path(db).is_file():
        raise store.StoreError(f"no quotedesk database at {db}")
    rows = []
    for case in cases(db):
        for _ in range(warmup):
            case.run(db)
        times, cpu = [], []
        result: Any = None
        for _ in range(max(1, repeat)):
            t, c = time.perf_counter(), time.process_time()
            result = case.run(db)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        rows.append(
            {
                "query": case.query,
                "filters": case.filters,
                "rows": _rows(result),
                "p50_ms": percentile(times, 0.5),
                "p95_ms": percentile(times, 0.95),
                "max_ms": max(times),
                "cpu_p50_ms": percentile(cpu, 0.5),
            }
        )
    return pl.DataFrame(rows).sort("p95_ms", descending=True)


def table(df: pl.DataFrame) -> str:
    """The result of :func:`run` as a Markdown table."""
    lines = [
        "| query | filters | rows | p50 ms | p95 ms | CPU p50 ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in df.iter_rows(named=True):
        lines.append(
            f"| {r['query']} | {r['filters']} | {r['rows']:,} | {r['p50_ms']:.0f} | "
            f"{r['p95_ms']:.0f} | {r['cpu_p50_ms']:.0f} |"
        )
    return "\n".join(lines)


def _rows(result: Any) -> int:
    if isinstance(result, pl.DataFrame):
        return result.height
    if isinstance(result, list):
        return len(result)
    return 0 if result is None else 1
