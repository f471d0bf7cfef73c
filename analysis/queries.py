"""Named aggregations over the store, each returning a Polars frame.

The dashboard and the notebooks call these same functions, so they tell the same numbers.
Every filter value is a bound parameter, never formatted into SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import polars as pl

from analysis import store

Freq = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class Filters:
    """What a reporter narrows a view to. Empty means no restriction."""

    start: dt.date | None = None
    end: dt.date | None = None
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()  # speaker ids
    kinds: tuple[str, ...] = ()

    def where(self, with_statement: bool = True) -> tuple[str, list[Any]]:
        """SQL conditions on ``a`` (articles) and ``s`` (statements), and their parameters."""
        conds: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.start:
            conds.append("a.published >= ?")
            params.append(self.start)
        if self.end:
            conds.append("a.published <= ?")
            params.append(self.end)
        if self.outlets:
            conds.append("list_contains(?, a.outlet)")
            params.append(list(self.outlets))
        if self.topics and with_statement:
            conds.append(
                "s.statement_id IN (SELECT statement_id FROM statement_topics "
                "WHERE list_contains(?, topic))"
            )
            params.append(list(self.topics))
        elif self.topics:
            conds.append(
                "a.article_id IN (SELECT article_id FROM article_topics "
                "WHERE list_contains(?, topic))"
            )
            params.append(list(self.topics))
        if self.speakers and with_statement:
            conds.append("list_contains(?, s.speaker_id)")
            params.append(list(self.speakers))
        if self.kinds and with_statement:
            conds.append("list_contains(?, s.kind)")
            params.append(list(self.kinds))
        return " AND ".join(conds), params


NO_FILTERS = Filters()
# What a figure counts, reduced to its head word so "signed contracts", "signed army
# contracts" and "contracts" form one series — except for heads too generic to mean one
# thing ("people" admitted, "people" who died), which keep their whole phrase.
GENERIC_HEADS = ("people", "persons", "men", "women", "children", "times", "others", "units")
_HEAD = "lower(regexp_extract(fi.counts, '([A-Za-z-]+)\\s*$', 1))"
COUNTS_KEY = f"CASE WHEN {_HEAD} IN {GENERIC_HEADS!r} THEN lower(trim(fi.counts)) ELSE {_HEAD} END"


def counts_key(counts: str) -> str:
    """The series key of a counted thing, as ``COUNTS_KEY`` computes it in SQL."""
    words = counts.strip().lower().split()
    if not words:
        return ""
    return " ".join(words) if words[-1] in GENERIC_HEADS else words[-1]


_FROM = "FROM statements s JOIN articles a USING (article_id)"


def _q(db: str | Path, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    return store.query(db, sql, params or None)


def overview(db: str | Path, f: Filters = NO_FILTERS) -> dict[str, int]:
    """Headline counts: articles, statements, speakers, figures, outlets.

    >>> overview("data/sample.duckdb")["articles"]  # doctest: +SKIP
    76
    """
    where, params = f.where()
    row = _q(
        db,
        f"""SELECT count(DISTINCT a.article_id) AS articles, count(*) AS statements,
                   count(DISTINCT s.speaker_id) AS speakers, count(DISTINCT a.outlet) AS outlets
            {_FROM} WHERE {where}""",
        params,
    ).row(0, named=True)
    fwhere, fparams = f.where(with_statement=False)
    figs = _q(
        db,
        f"SELECT count(*) AS n FROM figures fi JOIN articles a USING (article_id) WHERE {fwhere}",
        fparams,
    ).item()
    all_articles = _q(db, f"SELECT count(*) FROM articles a WHERE {fwhere}", fparams).item()
    return {**row, "articles": int(all_articles), "figures": int(figs)}


def statements_over_time(
    db: str | Path, f: Filters = NO_FILTERS, freq: Freq = "week", by: str | None = "topic"
) -> pl.DataFrame:
    """Statements per period, optionally split by ``topic``, ``outlet`` or ``speaker``.

    Columns: period (date), group, statements.
    """
    where, params = f.where()
    group = {
        "topic": "st.topic",
        "outlet": "a.outlet",
        "speaker": "s.speaker_name",
        None: "'all'",
    }[by]
    join = "JOIN statement_topics st USING (statement_id)" if by == "topic" else ""
    return _q(
        db,
        f"""SELECT date_trunc('{freq}', a.published)::DATE AS period,
                   coalesce({group}, '(unknown)') AS "group", count(*) AS statements
            {_FROM} {join}
            WHERE a.published IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period, "group\"""",
        params,
    )


def top_speakers(db: str | Path, f: Filters = NO_FILTERS, limit: int = 20) -> pl.DataFrame:
    """Most quoted speakers: statements, articles, outlets quoting them, first and last seen."""
    where, params = f.where()
    return _q(
        db,
        f"""SELECT s.speaker_id, any_value(s.speaker_name) AS speaker,
                   any_value(sp.kind) AS kind,
                   count(*) AS statements, count(DISTINCT a.article_id) AS articles,
                   count(DISTINCT a.outlet) AS outlets,
                   min(a.published) AS first_seen, max(a.published) AS last_seen,
                   mode(s.speaker_role) AS role
            {_FROM} JOIN speakers sp USING (speaker_id)
            WHERE s.speaker_id IS NOT NULL AND {where}
            GROUP BY s.speaker_id ORDER BY statements DESC, speaker LIMIT ?""",
        [*params, limit],
    )


def outlets(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Statements and articles per outlet."""
    where, params = f.where()
    return _q(
        db,
        f"""SELECT coalesce(a.outlet, '(unknown)') AS outlet, count(*) AS statements,
                   count(DISTINCT a.article_id) AS articles,
                   count(DISTINCT s.speaker_id) AS speakers
            {_FROM} WHERE {where} GROUP BY ALL ORDER BY statements DESC, outlet""",
        params,
    )


def statements(
    db: str | Path, f: Filters = NO_FILTERS, search: str = "", limit: int = 500
) -> pl.DataFrame:
    """Statements with their article, newest first; ``search`` ranks by BM25 relevance.

    Each row carries article id and offsets, so it leads back to its sentence.
    """
    where, params = f.where()
    cols = """s.statement_id, a.published, a.outlet, s.speaker_name AS speaker, s.speaker_role,
              s.kind, s.text, s.cue, a.title, a.article_id, s.section, s.start_char, s.end_char,
              a.url"""
    if search.strip():
        return _q(
            db,
            f"""SELECT {cols}, score FROM (
                    SELECT *, fts_main_statements.match_bm25(statement_id, ?) AS score
                    FROM statements) s
                JOIN articles a USING (article_id)
                WHERE score IS NOT NULL AND {where}
                ORDER BY score DESC, a.published DESC LIMIT ?""",
            [search, *params, limit],
        )
    return _q(
        db,
        f"""SELECT {cols} {_FROM} WHERE {where}
            ORDER BY a.published DESC NULLS LAST, s.article_id, s.ordinal LIMIT ?""",
        [*params, limit],
    )


def figures(
    db: str | Path, f: Filters = NO_FILTERS, counts: str = "", limit: int = 1000
) -> pl.DataFrame:
    """Figures with what they count, who cited them and where; ``counts`` filters by substring."""
    where, params = f.where(with_statement=False)
    conds = [where]
    if f.speakers:
        conds.append("list_contains(?, fi.speaker_id)")
        params.append(list(f.speakers))
    if counts:
        conds.append("fi.counts ILIKE ?")
        params.append(f"%{counts}%")
    return _q(
        db,
        f"""SELECT fi.figure_id, a.published, a.outlet, fi.speaker_name AS speaker, fi.surface,
                   fi.value, fi.unit, fi.type, fi.approx, fi.counts, a.title, a.article_id,
                   fi.start_char, fi.end_char, fi.statement_id
            FROM figures fi JOIN articles a USING (article_id)
            WHERE {" AND ".join(conds)}
            ORDER BY a.published DESC NULLS LAST, fi.article_id, fi.ordinal LIMIT ?""",
        [*params, limit],
    )


def figure_history(
    db: str | Path, speaker_id: str, counts: str, unit: str | None = None
) -> pl.DataFrame:
    """One speaker citing one counted thing over time (270,000 → 300,000 contracts).

    ``counts`` is matched on its head word ("signed contracts" → every "... contracts").
    """
    key = counts_key(counts)
    return _q(
        db,
        f"""SELECT a.published, fi.value, fi.surface, fi.unit, fi.approx, fi.counts, a.outlet,
                  a.title, a.article_id, fi.start_char, fi.end_char, s.text AS statement
           FROM figures fi JOIN articles a USING (article_id)
           LEFT JOIN statements s ON s.statement_id = fi.statement_id
           WHERE fi.speaker_id = ? AND {COUNTS_KEY} = ?
             AND coalesce(fi.unit, '') = coalesce(?, fi.unit, '')
           ORDER BY a.published, fi.article_id, fi.ordinal""",
        [speaker_id, key, unit],
    )


def figure_series(db: str | Path, min_points: int = 2) -> pl.DataFrame:
    """(speaker, counted thing) pairs cited at least ``min_points`` times with values that differ.

    ``counts`` is the head word that groups the series; ``label`` its most common wording.
    """
    return _q(
        db,
        f"""SELECT fi.speaker_id, any_value(fi.speaker_name) AS speaker, {COUNTS_KEY} AS counts,
                  mode(fi.counts) AS label, any_value(fi.unit) AS unit,
                  count(*) AS points, count(DISTINCT fi.value) AS distinct_values,
                  min(a.published) AS first, max(a.published) AS last
           FROM figures fi JOIN articles a USING (article_id)
           WHERE fi.speaker_id IS NOT NULL AND fi.counts IS NOT NULL
             AND {COUNTS_KEY} NOT IN {GENERIC_HEADS!r}  -- "people" alone is no series
           GROUP BY fi.speaker_id, {COUNTS_KEY}, coalesce(fi.unit, '')
           HAVING count(*) >= ? AND count(DISTINCT fi.value) > 1
           ORDER BY points DESC, speaker""",
        [min_points],
    )


def speaker_choices(db: str | Path) -> pl.DataFrame:
    """Speakers with at least one statement: id, name, statements (for pickers)."""
    return _q(
        db,
        """SELECT speaker_id, any_value(speaker_name) AS speaker, count(*) AS statements
           FROM statements WHERE speaker_id IS NOT NULL
           GROUP BY speaker_id ORDER BY statements DESC, speaker""",
    )


def topic_choices(db: str | Path) -> pl.DataFrame:
    """Topics in use: id, label, statements."""
    return _q(
        db,
        """SELECT t.topic, t.label, count(st.statement_id) AS statements
           FROM topics t JOIN statement_topics st USING (topic)
           GROUP BY ALL ORDER BY statements DESC""",
    )


def outlet_choices(db: str | Path) -> list[str]:
    df = _q(db, "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")
    return df["outlet"].to_list()


def date_range(db: str | Path) -> tuple[dt.date | None, dt.date | None]:
    row = _q(db, "SELECT min(published) AS lo, max(published) AS hi FROM articles").row(0)
    return row[0], row[1]


def article(db: str | Path, article_id: str) -> dict[str, Any] | None:
    """One article with its metadata, or None."""
    df = _q(db, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    return df.row(0, named=True) if df.height else None


def article_statements(db: str | Path, article_id: str) -> pl.DataFrame:
    return _q(
        db,
        """SELECT statement_id, section, start_char, end_char, fragments, kind, text, cue,
                  cue_start, cue_end, speaker_mention, speaker_start, speaker_end,
                  speaker_name AS speaker, speaker_role
           FROM statements WHERE article_id = ? ORDER BY ordinal""",
        [article_id],
    )


def article_figures(db: str | Path, article_id: str) -> pl.DataFrame:
    return _q(
        db,
        """SELECT figure_id, start_char, end_char, surface, value, unit, type, approx, counts,
                  speaker_name AS speaker
           FROM figures WHERE article_id = ? ORDER BY ordinal""",
        [article_id],
    )


def ingest_errors(db: str | Path, limit: int = 1000) -> pl.DataFrame:
    return _q(
        db,
        """SELECT run_id, source, line, reason, detail, recorded_at FROM ingest_errors
           ORDER BY error_id DESC LIMIT ?""",
        [limit],
    )


def runs(db: str | Path) -> pl.DataFrame:
    return _q(db, "SELECT * FROM runs ORDER BY run_id DESC")


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    speaker_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def speaker_profile(db: str | Path, speaker_id: str) -> SpeakerProfile | None:
    """A speaker's name, every alias seen and every role seen."""
    row = _q(db, "SELECT name FROM speakers WHERE speaker_id = ?", [speaker_id])
    if not row.height:
        return None
    aliases = _q(
        db, "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [speaker_id]
    )["alias"].to_list()
    roles = _q(
        db,
        """SELECT role, count(*) AS n FROM speaker_roles WHERE speaker_id = ?
           GROUP BY role ORDER BY n DESC, role""",
        [speaker_id],
    )["role"].to_list()
    return SpeakerProfile(speaker_id, row.item(0, 0), aliases, roles)
