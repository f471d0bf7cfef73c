"""Named aggregations over the store, each returning a Polars frame.

The dashboard and the notebooks call these same functions, so they tell the same numbers.
Every filter value is a bound parameter, never formatted into SQL.

The dashboard's queries (from :func:`overview` to :func:`find_speakers`) read the store's
*facts* (``facts.*``, see :data:`analysis.store.FACTS`): integer-keyed copies of the columns
they filter and count on, rebuilt after each ingest, which keep every page under two seconds at
ten million statements. When the facts are older than the tables, :func:`analysis.store.
with_facts` computes them on the fly, so the numbers are the same either way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import polars as pl

from analysis import identity, series, store
from analysis.records import DEFAULT_KINDS, REJECTED_KIND
from analysis.series import GENERIC_HEADS
from analysis.store import COUNTS_KEY

__all__ = [
    "COUNTS_KEY",
    "GENERIC_HEADS",
    "LEADERBOARD_KINDS",
    "NO_FILTERS",
    "SPEAKER_KINDS",
    "SPEAKER_OPTIONS",
    "Filters",
    "Freq",
    "SpeakerProfile",
]

Freq = Literal["day", "week", "month", "quarter", "year"]


@dataclass(frozen=True, slots=True)
class Filters:
    """What a reporter narrows a view to. Empty means no restriction.

    ``distinct`` (the default) counts one copy per story: near-duplicate articles (one wire
    story carried by several outlets, linked at ingest by :mod:`analysis.dedup`) count once,
    through their earliest-published copy that passes the date and outlet filters (so with an
    outlet filter on, that outlet's copy is the one counted). ``distinct=False`` counts every
    copy. ``topics`` holds taxonomy topic ids and/or discovered topic ids
    (:mod:`analysis.topic_model`). ``kinds`` defaults to the statement kinds measured as
    real statements (:data:`~analysis.records.DEFAULT_KINDS`); ``kinds=()`` shows every kind
    but the rows a reporter marked "not a statement" (``kinds=("rejected",)`` shows those).
    ``verified_only`` and ``corrected`` keep the statements a reporter marked verified or
    corrected (:mod:`analysis.corrections`).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()  # speaker ids
    kinds: tuple[str, ...] = DEFAULT_KINDS  # () for every kind, stances and beliefs too
    # only names written where the statement is or resolved with high confidence
    sure_names: bool = False
    distinct: bool = True
    categories: tuple[str, ...] = ()  # the outlet's own category of the article (AllSides)
    verified_only: bool = False
    corrected: bool = False

    def where(self, with_statement: bool = True) -> tuple[str, list[Any]]:
        """SQL conditions on ``a`` (articles) and ``s`` (statements), and their parameters."""
        conds, params = self._article_where("a")
        if self.topics and with_statement:
            conds.append(
                "(s.statement_id IN (SELECT statement_id FROM statement_topics "
                "WHERE list_contains(?, topic)) OR a.article_id IN (SELECT article_id FROM "
                "article_discovered_topics WHERE list_contains(?, topic)))"
            )
            params += [list(self.topics), list(self.topics)]
        elif self.topics:
            conds.append(
                "a.article_id IN (SELECT article_id FROM article_topics "
                "WHERE list_contains(?, topic) UNION ALL SELECT article_id FROM "
                "article_discovered_topics WHERE list_contains(?, topic))"
            )
            params += [list(self.topics), list(self.topics)]
        if self.speakers and with_statement:
            conds.append("list_contains(?, s.speaker_id)")
            params.append(list(self.speakers))
        if self.kinds and with_statement:
            conds.append("list_contains(?, s.kind)")
            params.append(list(self.kinds))
        if self.sure_names and with_statement:
            conds.append(store.SURE_NAME.format(s="s"))
        if with_statement:
            conds += self._marks("s")
        if self.distinct:
            # one representative per story: the earliest-published copy passing the filters
            rep, rep_params = self._article_where("a2")
            conds.append(
                "a.article_id IN (SELECT first(a2.article_id ORDER BY a2.published NULLS LAST, "
                "a2.article_id) FROM articles a2 LEFT JOIN article_stories k2 "
                f"ON k2.article_id = a2.article_id WHERE {' AND '.join(rep)} "
                "GROUP BY coalesce(k2.story_id, a2.article_id))"
            )
            params += rep_params
        return " AND ".join(conds), params

    def _article_where(self, alias: str, facts: bool = False) -> tuple[list[str], list[Any]]:
        """The date, outlet and category conditions, on articles aliased ``alias`` (a row of
        a ``facts`` table with ``facts``)."""
        conds: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.start:
            conds.append(f"{alias}.published >= ?")
            params.append(self.start)
        if self.end:
            conds.append(f"{alias}.published <= ?")
            params.append(self.end)
        if self.outlets:
            conds.append(f"list_contains(?, {alias}.outlet)")
            params.append(list(self.outlets))
        if self.categories:
            conds.append(
                f"{alias}.article_no IN (SELECT article_no FROM facts.articles "
                "WHERE list_contains(?, category))"
                if facts
                else f"list_contains(?, {alias}.category)"
            )
            params.append(list(self.categories))
        return conds, params

    def _marks(self, alias: str) -> list[str]:
        """Rows marked not a statement (when every kind is asked for), the verified and
        corrected filters: on ``alias``, a statement row or a row of facts.statements."""
        conds = [] if self.kinds else [f"{alias}.kind <> '{REJECTED_KIND}'"]
        for on, column in ((self.verified_only, "verified"), (self.corrected, "corrected")):
            if on:
                conds.append(f"{alias}.statement_id IN (SELECT target_id FROM corrected_rows "
                             f"WHERE {column})")  # fmt: skip
        return conds

    def on_facts(self, alias: str = "f", with_statement: bool = True) -> tuple[str, list[Any]]:
        """The same conditions as :meth:`where`, on a row ``alias`` of ``facts.statements``
        (or, with ``with_statement=False``, of ``facts.articles`` or ``facts.figures``)."""
        conds, params = self._article_where(alias, facts=True)
        if self.topics:
            if with_statement:  # the statement's own topics, or its article's discovered ones
                conds.append(
                    f"({alias}.statement_no IN (SELECT statement_no FROM "
                    "facts.statement_topics WHERE list_contains(?, topic)) OR "
                    f"{alias}.article_no IN (SELECT article_no FROM facts.article_topics "
                    "WHERE discovered AND list_contains(?, topic)))"
                )
                params += [list(self.topics), list(self.topics)]
            else:
                conds.append(
                    f"{alias}.article_no IN (SELECT article_no FROM facts.article_topics "
                    "WHERE list_contains(?, topic))"
                )
                params.append(list(self.topics))
        if self.speakers and with_statement:
            conds.append(f"{alias}.speaker_no IN {_SPEAKER_NOS}")
            params.append(list(self.speakers))
        if self.kinds and with_statement:
            conds.append(f"list_contains(?, {alias}.kind)")
            params.append(list(self.kinds))
        if self.sure_names and with_statement:
            conds.append(f"{alias}.sure")
        if with_statement:
            conds += self._marks(alias)
        if self.distinct:
            # A story's copies are numbered oldest first, so its earliest-published copy
            # passing the date and outlet filters is the one with the smallest article_no.
            rep, rep_params = self._article_where("x", facts=True)
            conds.append(
                f"({alias}.story IS NULL OR {alias}.article_no IN (SELECT min(x.article_no) "
                f"FROM facts.articles x WHERE x.story IS NOT NULL AND {' AND '.join(rep)} "
                "GROUP BY x.story))"
            )
            params += rep_params
        return " AND ".join(conds), params


NO_FILTERS = Filters()
SPEAKER_OPTIONS = 200  # the most quoted speakers a dashboard picker lists; a search finds others
SEARCH_PAGE = 100  # statements a dashboard search shows at a time, best first
# speaker ids (a bound list) → their numbers in the facts
_SPEAKER_NOS = "(SELECT speaker_no FROM facts.speakers WHERE list_contains(?, speaker_id))"


def counts_key(counts: str) -> str:
    """The series key of a counted thing (:func:`analysis.series.series_key`, which the
    facts' ``counts_key`` column holds)."""
    return series.series_key(counts) or ""


_FROM = "FROM statements s JOIN articles a USING (article_id)"


def _q(db: str | Path, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    return store.query(db, sql, params or None)


def _qf(db: str | Path, sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    """A query on the facts (fresh ones, or computed from the tables if they are stale)."""
    return store.query(db, store.with_facts(db, sql), params or None)


def overview(db: str | Path, f: Filters = NO_FILTERS) -> dict[str, int]:
    """Headline counts: articles, statements, speakers, figures, outlets, and how many of
    those statements a reporter marked verified.

    >>> overview("data/sample.duckdb")["articles"]  # doctest: +SKIP
    76
    """
    where, params = f.on_facts()
    awhere, aparams = f.on_facts("x", with_statement=False)
    # One query, not three: each query opens the file, which costs ~20 ms at a million rows.
    row = _qf(
        db,
        f"""SELECT (SELECT count(*) FROM facts.articles x WHERE {awhere}) AS articles,
                   st.statements, st.speakers, st.outlets,
                   (SELECT count(*) FROM facts.figures x WHERE {awhere}) AS figures, st.verified
            FROM (SELECT count(*) AS statements, count(DISTINCT f.speaker_no) AS speakers,
                         count(DISTINCT f.outlet) AS outlets,
                         count(*) FILTER (WHERE f.statement_id IN
                           (SELECT target_id FROM corrected_rows WHERE verified)) AS verified
                  FROM facts.statements f WHERE {where}) st""",
        [*aparams, *aparams, *params],
    ).row(0, named=True)
    return {k: int(v) for k, v in row.items()}


def statements_over_time(
    db: str | Path, f: Filters = NO_FILTERS, freq: Freq = "week", by: str | None = "topic"
) -> pl.DataFrame:
    """Statements per period, optionally split by ``topic``, ``discovered`` (topic), ``outlet``
    or ``speaker``. Split by topic under a topic filter, only the chosen topics are counted,
    not the other topics their statements carry too.

    Columns: period (date), group, statements.

    >>> statements_over_time("news.duckdb", freq="month", by="outlet")  # doctest: +SKIP
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {_FREQS}, not {freq!r}")
    if by == "topic" and f.topics:
        return _over_time_in_topics(db, f, freq)
    if f == NO_FILTERS and by in ("topic", "outlet", None):  # the Overview as first opened
        return _over_time_from_days(db, freq, by)
    where, params = f.on_facts()
    # counted by a key (a speaker's number, not their name), then the key is named
    key, join, name = {
        "topic": ("t.topic", "JOIN facts.statement_topics t USING (statement_no)", "k"),
        "discovered": (
            "t.topic",
            "JOIN facts.article_topics t ON t.article_no = f.article_no AND t.discovered",
            "k",
        ),
        "outlet": ("f.outlet", "", "k"),
        "speaker": ("f.speaker_no", "", "(SELECT name FROM facts.speakers WHERE speaker_no = k)"),
        None: ("'all'", "", "k"),
    }[by]
    return _qf(
        db,
        f"""SELECT period, coalesce({name}, '(unknown)') AS "group",
                   sum(n)::BIGINT AS statements
            FROM (SELECT date_trunc('{freq}', f.published)::DATE AS period, {key} AS k,
                         count(*) AS n
                  FROM facts.statements f {join}
                  WHERE f.published IS NOT NULL AND {where} GROUP BY ALL)
            GROUP BY ALL ORDER BY period, "group\"""",
        params,
    )


def _over_time_from_days(db: str | Path, freq: Freq, by: str | None) -> pl.DataFrame:
    """Statements per period by topic, outlet or in all, with no filter, from the counts per
    (day, outlet, topic) kept in the facts (one copy per story, as unfiltered views count):
    at ten million statements the general path groups every statement, ~1.5 s."""
    key, rows = {
        "topic": ("topic", "topic IS NOT NULL"),
        "outlet": ("coalesce(outlet, '(unknown)')", "topic IS NULL"),
        None: ("'all'", "topic IS NULL"),
    }[by]
    return _qf(
        db,
        f"""SELECT date_trunc('{freq}', day)::DATE AS period, {key} AS "group",
                   sum(statements)::BIGINT AS statements
            FROM facts.topic_days WHERE day IS NOT NULL AND {rows}
            GROUP BY ALL ORDER BY period, "group\"""",
    )


def _over_time_in_topics(db: str | Path, f: Filters, freq: Freq) -> pl.DataFrame:
    """Per period, the statements of each of the chosen topics: the chosen topics' rows of
    the unfiltered split by topic. Joining the chosen topics' statements once, instead of
    filtering every statement on its topics and then joining all of them, halves the time
    at ten million statements."""
    where, params = replace(f, topics=()).on_facts()
    return _qf(
        db,
        f"""SELECT date_trunc('{freq}', f.published)::DATE AS period, t.topic AS "group",
                   count(*)::BIGINT AS statements
            FROM facts.statement_topics t JOIN facts.statements f USING (statement_no)
            WHERE list_contains(?, t.topic) AND f.published IS NOT NULL AND {where}
            GROUP BY ALL ORDER BY period, "group\"""",
        [list(f.topics), *params],
    )


SPEAKER_KINDS = ("person", "org", "group", "document", "other")
LEADERBOARD_KINDS = ("person", "org")  # groups ("Democrats") and documents ranked apart


def top_speakers(
    db: str | Path,
    f: Filters = NO_FILTERS,
    limit: int = 20,
    speaker_kinds: tuple[str, ...] = LEADERBOARD_KINDS,
) -> pl.DataFrame:
    """Most quoted speakers: statements, articles, outlets quoting them, first and last seen,
    and the role they were most often given. Ties go by name. ``speaker_kinds`` (people and
    organisations by default; ``()`` for all) are the kinds of speaker ranked."""
    where, params = f.on_facts()
    if speaker_kinds:
        where += " AND f.speaker_no IN (SELECT speaker_no FROM facts.speakers WHERE kind IN ?)"
        params = [*params, list(speaker_kinds)]
    # The top ``limit`` first, by a plain count; the distinct counts and the most common role,
    # which cost most, only for them. speaker_no follows the names, so it breaks ties by name.
    return _qf(
        db,
        f"""WITH base AS (
                SELECT f.speaker_no, f.article_no, f.outlet, f.published, f.role
                FROM facts.statements f WHERE f.speaker_no IS NOT NULL AND {where}),
            top AS (
                SELECT speaker_no, count(*) AS n FROM base
                GROUP BY speaker_no ORDER BY n DESC, speaker_no LIMIT ?),
            agg AS (
                SELECT b.speaker_no, count(*) AS statements,
                       count(DISTINCT b.article_no) AS articles,
                       count(DISTINCT b.outlet) AS outlets,
                       min(b.published) AS first_seen, max(b.published) AS last_seen,
                       mode(b.role) AS role
                FROM base b SEMI JOIN top USING (speaker_no) GROUP BY b.speaker_no)
            SELECT p.speaker_id, p.name AS speaker, p.kind, agg.statements, agg.articles,
                   agg.outlets, agg.first_seen, agg.last_seen, agg.role
            FROM agg JOIN facts.speakers p USING (speaker_no)
            ORDER BY agg.statements DESC, agg.speaker_no""",
        [*params, limit],
    )


def outlets(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Statements, articles and speakers per outlet."""
    where, params = f.on_facts()
    return _qf(
        db,
        f"""SELECT coalesce(f.outlet, '(unknown)') AS outlet, count(*) AS statements,
                   count(DISTINCT f.article_no) AS articles,
                   count(DISTINCT f.speaker_no) AS speakers
            FROM facts.statements f WHERE {where} GROUP BY ALL ORDER BY statements DESC, outlet""",
        params,
    )


# BM25 scores of the statements matching a search, as a table ``hits`` (statement_no,
# score); the first parameter is the search's index terms (store.search_terms). It is the
# formula of the fts extension's ``match_bm25`` macro (k = 1.2, b = 0.75, any term may
# match), computed from the index's dictionary and statistics and the facts' postings sorted
# by term, so a search reads the blocks of its terms only: at a million statements the macro
# scores every statement, and even a join on the index's own (unsorted) term table reads all
# of them. tests/test_dashboard.py checks both give the same scores.
_BM25 = """WITH terms AS (
        SELECT dict.termid, log((n.num_docs - dict.df + 0.5) / (dict.df + 0.5) + 1) AS idf
        FROM fts_main_statements.dict dict, fts_main_statements.stats n
        WHERE list_contains(?, dict.term)),
    hits AS (
        SELECT p.statement_no,
               sum(t.idf * (p.tf * (1.2 + 1))
                   / (p.tf + 1.2 * (1 - 0.75 + 0.75 * p.len / n.avgdl))) AS score
        FROM facts.postings p JOIN terms t USING (termid), fts_main_statements.stats n
        GROUP BY p.statement_no)"""
# The columns of a statement row, on the few rows picked (statements s, articles a).
_STATEMENT_COLUMNS = """s.statement_id, a.published, a.outlet, s.speaker_name AS speaker,
    s.speaker_role, s.kind, s.text, s.cue, a.title, a.article_id, s.section, s.start_char,
    s.end_char, a.url"""


_TEXT_COLUMNS = """s.statement_id, s.speaker_name AS speaker, s.speaker_role, s.kind, s.text,
    s.cue, s.section, s.start_char, s.end_char"""
_SEARCH_ORDER = [
    *("statement_id", "published", "outlet", "speaker", "speaker_role", "kind", "text", "cue"),
    *("title", "article_id", "section", "start_char", "end_char", "url", "score", "matches"),
]


def statements(
    db: str | Path, f: Filters = NO_FILTERS, search: str = "", limit: int = 500, offset: int = 0
) -> pl.DataFrame:
    """Statements with their article, newest first: rows ``offset`` to ``offset + limit``.

    With ``search``, the statements whose text or speaker has any of its words, best match
    first (BM25, the ``score`` column; ties newest first), and a ``matches`` column: how many
    statements match under the filters in all, the same on every row.

    Each row carries article id and offsets, so it leads back to its sentence.
    """
    where, params = f.on_facts()
    if search.strip():
        return _search(db, search, where, params, limit, offset)
    # The ``limit`` rows are picked on the facts; only they are joined to their text, which
    # costs less than carrying the text of every matching statement through the sort.
    return _qf(
        db,
        f"""WITH pick AS (
                SELECT f.statement_id, f.statement_no FROM facts.statements f
                WHERE {where} ORDER BY f.statement_no LIMIT ? OFFSET ?)
            SELECT {_STATEMENT_COLUMNS}
            FROM pick JOIN statements s USING (statement_id)
            JOIN articles a ON a.article_id = s.article_id
            ORDER BY pick.statement_no""",
        [*params, limit, offset],
    )


def _search(
    db: str | Path, search: str, where: str, params: list[Any], limit: int, offset: int
) -> pl.DataFrame:
    """Rank the matches on the facts (with their articles), then read the page's text by key.

    A page of matches lies anywhere in the table: a join would read every statement's id to
    find them (a second at ten million), while the primary-key index finds each directly."""
    with store.session():  # the steps share one connection
        pick = _qf(
            db,
            f"""{_BM25},
                ranked AS (
                    SELECT h.statement_no, h.score, f.article_no, f.ordinal,
                           count(*) OVER () AS matches
                    FROM hits h JOIN facts.statements f USING (statement_no)
                    WHERE {where}
                    ORDER BY h.score DESC, h.statement_no LIMIT ? OFFSET ?)
                SELECT {_PICKED_ID} AS statement_id, r.statement_no, r.score, r.matches,
                       fa.article_id, fa.published, fa.outlet, fa.title, fa.url
                FROM ranked r JOIN facts.articles fa ON fa.article_no = r.article_no""",
            [store.search_terms(search), *params, limit, offset],
        )
        ids = pick["statement_id"].to_list()
        text = _q(db, f"SELECT {_TEXT_COLUMNS} FROM statements s WHERE {_any_of(ids)}", ids)
    out = pick.join(text, on="statement_id")
    return out.sort(["score", "statement_no"], descending=[True, False]).select(_SEARCH_ORDER)


# the picked statements' ids from integers the ranking already read: joining back to
# facts.statements for its string ids read all of them (~70 ms of CPU at a million)
_PICKED_ID = store.STATEMENT_ID_SQL.format(article_id="fa.article_id", ordinal="r.ordinal")


def _any_of(ids: list[str]) -> str:
    """The statement has one of ``ids``, each bound on its own: a list of constants is what
    DuckDB looks up in the primary-key index."""
    return f"s.statement_id IN ({', '.join('?' * len(ids))})" if ids else "FALSE"


def figures(
    db: str | Path,
    f: Filters = NO_FILTERS,
    counts: str = "",
    limit: int | None = 1000,
    offset: int = 0,
) -> pl.DataFrame:
    """Figures with what they count, who cited them and where, newest first; ``counts``
    filters by substring of what is counted. ``limit`` rows (None: all) from ``offset``;
    ``matches`` is how many figures match in all."""
    where, params = f.on_facts("x", with_statement=False)
    conds = [where]
    if f.speakers:
        conds.append(f"x.speaker_no IN {_SPEAKER_NOS}")
        params.append(list(f.speakers))
    if counts:
        conds.append("contains(lower(x.counts), lower(?))")  # literal: % and _ are characters
        params.append(counts)
    return _qf(
        db,
        f"""WITH pick AS (
                SELECT x.figure_id, x.figure_no, count(*) OVER () AS matches
                FROM facts.figures x
                WHERE {" AND ".join(conds)} ORDER BY x.figure_no LIMIT ? OFFSET ?)
            SELECT fi.figure_id, a.published, a.outlet, fi.speaker_name AS speaker, fi.surface,
                   fi.value, fi.unit, fi.type, fi.approx, fi.counts, a.title, a.article_id,
                   fi.start_char, fi.end_char, fi.statement_id, pick.matches
            FROM pick JOIN figures fi USING (figure_id) JOIN articles a USING (article_id)
            ORDER BY pick.figure_no""",
        [*params, limit, offset],
    )


def figure_history(
    db: str | Path,
    speaker_id: str,
    counts: str,
    unit: str | None = None,
    f: Filters = NO_FILTERS,
) -> pl.DataFrame:
    """One speaker citing one counted thing over time (270,000 → 300,000 contracts).

    ``counts`` is matched on its head word ("signed contracts" → every "... contracts").
    ``f`` narrows the articles (dates, outlets, one copy per story by default).

    >>> figure_history("news.duckdb", "radek-sorn", "signed contracts")  # doctest: +SKIP
    """
    where, params = f.on_facts("x", with_statement=False)
    # Everything but the sentence comes from the facts; the sentences are the one read of
    # `statements` (its ids, filtered on the picked ones, then their text).
    return _qf(
        db,
        f"""WITH pick AS (
                SELECT x.* FROM facts.figures x
                WHERE x.speaker_no = (SELECT speaker_no FROM facts.speakers
                                      WHERE speaker_id = ?)
                  AND x.counts_key = ? AND coalesce(x.unit, '') = coalesce(?, x.unit, '')
                  AND {where})
            SELECT fa.published, p.value, p.surface, p.unit, p.approx, p.counts, fa.outlet,
                   fa.title, fa.article_id, p.start_char, p.end_char, s.text AS statement
            FROM pick p JOIN facts.articles fa USING (article_no)
            LEFT JOIN statements s ON s.statement_id = p.statement_id
            ORDER BY fa.published, fa.article_id, p.ordinal""",
        [speaker_id, counts_key(counts), unit, *params],
    )


def figure_series(
    db: str | Path, min_points: int = 2, f: Filters = NO_FILTERS, limit: int | None = 500
) -> pl.DataFrame:
    """(speaker, counted thing, unit) series cited at least ``min_points`` times with values
    that differ, the longest real history first: the most distinct days, then articles,
    then citations (a series of one day's numbers is no history).

    ``counts`` is the series key (:func:`analysis.series.series_key`); ``label`` its most
    common wording; ``cited_with`` the other things the speaker counted in the same
    statements ("volunteers" beside "signed contracts"). ``f`` narrows the articles (dates,
    outlets, topics, one copy per story by default) and the speakers. The first ``limit``
    series come back (None: all); a picker has no use for 20,000 of them.
    """
    where, params = f.on_facts("x", with_statement=False)
    if f.speakers:
        where += f" AND x.speaker_no IN {_SPEAKER_NOS}"
        params.append(list(f.speakers))
    return _qf(
        db,
        f"""WITH kept AS (
                SELECT x.* FROM facts.figures x
                WHERE x.speaker_no IS NOT NULL AND x.counts IS NOT NULL
                  AND x.counts_key NOT IN {GENERIC_HEADS!r}  -- "people" alone is no series
                  AND {where}),
            series AS (
                SELECT x.speaker_no, x.counts_key AS counts, mode(x.counts) AS label,
                       any_value(x.unit) AS unit, count(*) AS points,
                       count(DISTINCT x.published::DATE) AS days,
                       count(DISTINCT x.article_no) AS articles,
                       count(DISTINCT x.value) AS distinct_values,
                       min(x.published) AS first, max(x.published) AS last
                FROM kept x
                GROUP BY x.speaker_no, x.counts_key, coalesce(x.unit, '')
                HAVING count(*) >= ? AND count(DISTINCT x.value) > 1),
            beside AS (  -- other things counted in the same statements
                SELECT x.speaker_no, x.counts_key, coalesce(x.unit, '') AS unit_key,
                       list(DISTINCT y.counts ORDER BY y.counts)[:5] AS cited_with
                FROM kept x JOIN kept y ON y.statement_id = x.statement_id
                  AND y.counts_key <> x.counts_key
                GROUP BY ALL)
            SELECT p.speaker_id, p.name AS speaker, s.counts, s.label, s.unit, s.points,
                   s.days, s.articles, s.distinct_values, s.first, s.last,
                   coalesce(b.cited_with, []) AS cited_with
            FROM series s JOIN facts.speakers p USING (speaker_no)
            LEFT JOIN beside b ON b.speaker_no = s.speaker_no AND b.counts_key = s.counts
              AND b.unit_key = coalesce(s.unit, '')
            ORDER BY s.days DESC, s.articles DESC, s.points DESC, s.speaker_no, s.counts
            LIMIT ?""",
        [*params, min_points, limit],
    )


def figure_changes(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Numbers that changed or conflict: one source revising its number for a series, or
    two sources giving different numbers for it in the same week (rules and tolerance in
    :func:`analysis.series.changes`), newest first, one row per pair with both sentences.

    ``f`` narrows the articles (dates, outlets, topics, one copy per story by default); with
    speakers, the pairs where either side is one of them.

    >>> figure_changes("news.duckdb", Filters(start=dt.date(2025, 3, 1)))  # doctest: +SKIP
    """
    where, params = f.on_facts("x", with_statement=False)
    cites = _qf(
        db,
        f"""WITH kept AS (
                SELECT x.* FROM facts.figures x
                WHERE x.counts IS NOT NULL AND x.value IS NOT NULL
                  AND x.counts_key NOT IN {GENERIC_HEADS!r} AND {where}),
            multi AS (  -- series cited in more than one article
                SELECT counts_key, coalesce(unit, '') AS u FROM kept
                GROUP BY ALL HAVING count(DISTINCT article_no) > 1)
            SELECT k.counts_key, k.unit, k.article_no, k.ordinal, k.value, k.surface, k.approx,
                   k.counts, p.speaker_id, p.name AS speaker, fa.outlet, fa.published,
                   fa.article_id, fa.title, k.statement_id,
                   coalesce(s.text, '…' || trim(substring(a.text, greatest(1, k.start_char - 140),
                            k.end_char - k.start_char + 280)) || '…') AS sentence,
                   k.start_char, k.end_char
            FROM kept k JOIN multi m
              ON m.counts_key = k.counts_key AND m.u = coalesce(k.unit, '')
            JOIN facts.articles fa USING (article_no)
            JOIN articles a ON a.article_id = fa.article_id
            LEFT JOIN facts.speakers p USING (speaker_no)
            LEFT JOIN statements s ON s.statement_id = k.statement_id""",
        params,
    )
    out = series.changes(cites)
    if f.speakers:
        chosen = list(f.speakers)
        out = out.filter(
            pl.col("before_speaker_id").is_in(chosen) | pl.col("after_speaker_id").is_in(chosen)
        )
    return out


def speaker_choices(
    db: str | Path, f: Filters = NO_FILTERS, limit: int | None = None
) -> pl.DataFrame:
    """Speakers with at least one statement: id, name, statements; the most quoted first
    (ties by name), the first ``limit`` of them (None: all)."""
    if f == NO_FILTERS:  # the pickers' list: counted once, at the last refresh
        return _qf(
            db,
            """SELECT speaker_id, name AS speaker, statements FROM facts.speakers
               WHERE statements > 0 ORDER BY statements DESC, speaker_no LIMIT ?""",
            [limit],
        )
    where, params = f.on_facts()
    return _qf(
        db,
        f"""SELECT p.speaker_id, p.name AS speaker, c.statements
            FROM (SELECT f.speaker_no, count(*) AS statements FROM facts.statements f
                  WHERE f.speaker_no IS NOT NULL AND {where} GROUP BY f.speaker_no) c
            JOIN facts.speakers p USING (speaker_no)
            ORDER BY c.statements DESC, c.speaker_no LIMIT ?""",
        [*params, limit],
    )


def find_speakers(
    db: str | Path,
    ids: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    search: str = "",
    limit: int = 50,
) -> pl.DataFrame:
    """Speakers by id, by exact name, or whose name or an alias contains ``search`` (at most
    ``limit`` of those, the most quoted first): id, name, statements. For pickers that list
    only the most quoted speakers, to keep a chosen one or a shared link's one among them."""
    pattern = search.strip() or None  # a literal substring (no LIKE wildcards)
    return _qf(
        db,
        """WITH found AS (
               SELECT speaker_no FROM facts.speakers
               WHERE list_contains(?::VARCHAR[], speaker_id) OR list_contains(?::VARCHAR[], name)
               UNION
               (SELECT speaker_no FROM facts.speakers
                WHERE ? IS NOT NULL AND statements > 0 AND (
                    contains(lower(name), lower(?)) OR speaker_id IN (
                    SELECT speaker_id FROM speaker_aliases WHERE contains(lower(alias), lower(?))))
                ORDER BY statements DESC, speaker_no LIMIT ?))
           SELECT p.speaker_id, p.name AS speaker, p.statements
           FROM facts.speakers p SEMI JOIN found USING (speaker_no)
           ORDER BY p.statements DESC, p.speaker_no""",
        [list(ids), list(names), pattern, pattern, pattern, limit],
    )


def topic_choices(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Topics in use: id, label, statements (carrying the topic), the most used first."""
    where, params = f.on_facts()
    counts = f"""SELECT x.topic, count(*) AS statements
                 FROM facts.statement_topics x JOIN facts.statements f USING (statement_no)
                 WHERE {where} GROUP BY x.topic"""
    if f == NO_FILTERS:  # every page's topic picker: from the counts per day (10M: ~1.4 s)
        counts = """SELECT topic, sum(statements)::BIGINT AS statements
                    FROM facts.topic_days WHERE topic IS NOT NULL GROUP BY topic"""
        params = []
    return _qf(
        db,
        f"""SELECT t.topic, t.label, c.statements
            FROM ({counts}) c
            JOIN topics t USING (topic)
            ORDER BY c.statements DESC, t.topic""",
        params,
    )


def outlet_choices(db: str | Path) -> list[str]:
    df = _q(db, "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")
    return df["outlet"].to_list()


def category_choices(db: str | Path) -> list[str]:
    """The outlets' own categories of the stored articles (AllSides ``category``), if any."""
    df = _q(db, "SELECT DISTINCT category FROM articles WHERE category IS NOT NULL ORDER BY 1")
    return df["category"].to_list()


def resolve_categories(db: str | Path, values: str | tuple[str, ...]) -> tuple[str, ...]:
    """Stored categories for ``values`` in any case; ``ValueError`` naming the valid ones for
    one that matches none (it would otherwise count nothing, silently)."""
    known = category_choices(db)
    by_key = {c.strip().lower(): c for c in known}
    wanted = [values] if isinstance(values, str) else list(values)
    out: list[str] = []
    for value in wanted:
        if value.strip().lower() not in by_key:
            valid = ", ".join(known) or "none (no article has a category)"
            raise ValueError(f"no category {value!r}; valid categories: {valid}")
        out.append(by_key[value.strip().lower()])
    return tuple(out)


def date_range(db: str | Path) -> tuple[dt.date | None, dt.date | None]:
    row = _q(db, "SELECT min(published) AS lo, max(published) AS hi FROM articles").row(0)
    return row[0], row[1]


def article(db: str | Path, article_id: str) -> dict[str, Any] | None:
    """One article with its metadata, or None."""
    df = _q(db, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    return df.row(0, named=True) if df.height else None


def article_statements(db: str | Path, article_id: str, hidden: bool = False) -> pl.DataFrame:
    """An article's statements in order, with how each speaker was found (``found``:
    "he → Vladimir Putin, via 'the Russian leader', paragraph 4 (pronoun model, 0.93)") and
    whether a reporter corrected or verified it; ``hidden``: also the rows marked not a
    statement."""
    df = _q(
        db,
        """SELECT s.statement_id, s.section, s.start_char, s.end_char, s.fragments, s.kind,
                  s.text, s.cue, s.cue_start, s.cue_end, s.speaker_mention, s.speaker_start,
                  s.speaker_end, s.speaker_name AS speaker, s.speaker_role, s.speaker_how,
                  s.speaker_confidence, s.antecedent_start, s.antecedent_end,
                  a.text[s.antecedent_start + 1 : s.antecedent_end] AS antecedent,
                  1 + (s.antecedent_start - length(replace(a.text[1 : s.antecedent_start],
                       chr(10) || chr(10), ''))) // 2 AS antecedent_paragraph,
                  coalesce(c.corrected, FALSE) AS corrected,
                  coalesce(c.verified, FALSE) AS verified
           FROM statements s JOIN articles a USING (article_id)
           LEFT JOIN corrected_rows c ON c.target_id = s.statement_id
           WHERE s.article_id = ? AND (? OR s.kind <> ?) ORDER BY s.ordinal""",
        [article_id, hidden, REJECTED_KIND],
    )
    found = [provenance(r) for r in df.iter_rows(named=True)]
    return df.drop("antecedent", "antecedent_paragraph").with_columns(
        pl.Series("found", found, pl.String)
    )


def provenance(row: dict[str, Any]) -> str | None:
    """How a statement's speaker was found, as a reporter reads it: the mention, the name
    shown, the earlier words it was resolved through (``antecedent``) and their paragraph
    (``antecedent_paragraph``), and the rule or model (with its confidence)."""
    mention, name, how = row["speaker_mention"], row["speaker"], row["speaker_how"]
    if not mention and not how:
        return None
    found = f"{mention or '(no mention)'} → {name or 'unresolved'}"
    if row.get("antecedent"):
        found += f", via “{row['antecedent']}”, paragraph {row['antecedent_paragraph']}"
    if how:
        conf = row.get("speaker_confidence")
        found += f" ({how}{f', {conf:.2f}' if conf is not None else ''})"
    return found


def article_figures(db: str | Path, article_id: str) -> pl.DataFrame:
    return _q(
        db,
        """SELECT figure_id, start_char, end_char, surface, value, unit, type, approx, counts,
                  speaker_name AS speaker, coalesce(c.corrected, FALSE) AS corrected,
                  coalesce(c.verified, FALSE) AS verified
           FROM figures LEFT JOIN corrected_rows c ON c.target_id = figure_id
           WHERE article_id = ? ORDER BY ordinal""",
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
    """A speaker's name, every alias seen and every role seen (one query)."""
    df = _q(
        db,
        """SELECT sp.name,
                  (SELECT list(alias ORDER BY alias) FROM speaker_aliases
                   WHERE speaker_id = sp.speaker_id) AS aliases,
                  (SELECT list(role ORDER BY n DESC, role) FROM (
                       SELECT role, count(*) AS n FROM speaker_roles
                       WHERE speaker_id = sp.speaker_id GROUP BY role)) AS roles
           FROM speakers sp WHERE sp.speaker_id = ?""",
        [speaker_id],
    )
    if not df.height:
        return None
    row = df.row(0, named=True)
    return SpeakerProfile(speaker_id, row["name"], row["aliases"] or [], row["roles"] or [])


# ------------------------------------------------------------ topics and co-quotation
_FREQS: tuple[Freq, ...] = ("day", "week", "month", "quarter", "year")


def _topic_scope(f: Filters) -> tuple[str, list[Any]]:
    """A condition on ``t.topic`` (a statement's topic row): the chosen topics, else all.

    With a topic filter on, a statement on economy *and* health is counted under economy
    only, not under the other topics it also carries.
    """
    if not f.topics:
        return "TRUE", []
    return "list_contains(?, t.topic)", [list(f.topics)]


def topic_speakers(db: str | Path, f: Filters = NO_FILTERS, speakers: int = 20) -> pl.DataFrame:
    """Topic × speaker: statements of each of the ``speakers`` most quoted people per topic.

    Columns: topic, label, speaker_id, speaker, statements, total (the speaker's statements
    under the filters, on any topic) and share (statements / total: how much of what the
    speaker said was on that topic). A statement on two topics counts once in each. The
    speakers are those of :func:`top_speakers` (ties by name).
    """
    where, params = f.on_facts()
    scope, scope_params = _topic_scope(f)
    return _qf(
        db,
        f"""WITH base AS (
                SELECT f.statement_no, f.speaker_no
                FROM facts.statements f WHERE f.speaker_no IS NOT NULL AND {where}),
            top AS (
                SELECT speaker_no, count(*) AS total FROM base
                GROUP BY speaker_no ORDER BY total DESC, speaker_no LIMIT ?),
            per AS (
                SELECT b.speaker_no, t.topic, count(*) AS statements
                FROM base b SEMI JOIN top USING (speaker_no)
                JOIN facts.statement_topics t USING (statement_no)
                WHERE {scope} GROUP BY ALL)
            SELECT per.topic, tp.label, p.speaker_id, p.name AS speaker, per.statements,
                   top.total, per.statements / top.total AS share
            FROM per JOIN top USING (speaker_no) JOIN topics tp USING (topic)
            JOIN facts.speakers p USING (speaker_no)
            ORDER BY top.total DESC, top.speaker_no, per.statements DESC, per.topic""",
        [*params, speakers, *scope_params],
    )


def topic_outlets(db: str | Path, f: Filters = NO_FILTERS, outlets: int = 25) -> pl.DataFrame:
    """Topic × outlet: statements per topic in each of the ``outlets`` largest outlets.

    Columns: topic, label, outlet, statements, total (the outlet's statements under the
    filters) and share (statements / total), which compares outlets of different sizes.
    """
    if f == NO_FILTERS:  # the page as first opened: from the pre-aggregated counts
        return _qf(
            db,
            """WITH c AS (
                    SELECT coalesce(outlet, '(unknown)') AS outlet, topic,
                           sum(statements)::BIGINT AS n
                    FROM facts.topic_days GROUP BY ALL),
                top AS (
                    SELECT outlet, n AS total FROM c WHERE topic IS NULL
                    ORDER BY total DESC, outlet LIMIT ?),
                per AS (SELECT outlet, topic, n AS statements FROM c WHERE topic IS NOT NULL)
                SELECT per.topic, tp.label, top.outlet, per.statements, top.total,
                       per.statements / top.total AS share
                FROM per JOIN top USING (outlet) JOIN topics tp USING (topic)
                ORDER BY top.total DESC, top.outlet, per.statements DESC, per.topic""",
            [outlets],
        )
    where, params = f.on_facts()
    scope, scope_params = _topic_scope(f)
    return _qf(
        db,
        f"""WITH base AS (
                SELECT f.statement_no, coalesce(f.outlet, '(unknown)') AS outlet
                FROM facts.statements f WHERE {where}),
            top AS (
                SELECT outlet, count(*) AS total FROM base
                GROUP BY outlet ORDER BY total DESC, outlet LIMIT ?),
            per AS (
                SELECT b.outlet, t.topic, count(*) AS statements
                FROM base b JOIN facts.statement_topics t USING (statement_no)
                WHERE {scope} GROUP BY ALL)
            SELECT per.topic, tp.label, top.outlet, per.statements, top.total,
                   per.statements / top.total AS share
            FROM per JOIN top USING (outlet) JOIN topics tp USING (topic)
            ORDER BY top.total DESC, top.outlet, per.statements DESC, per.topic""",
        [*params, outlets, *scope_params],
    )


def topic_share_over_time(
    db: str | Path, f: Filters = NO_FILTERS, freq: Freq = "month"
) -> pl.DataFrame:
    """Each topic's share of the statements of each period.

    Columns: period (date), topic, label, statements, total (every dated statement of the
    period under the other filters) and share (statements / total). The topic filter picks
    the topics drawn but not the denominator, so a chosen topic's share is still a share of
    everything said. Shares add up to more than 1 when statements carry several topics.
    """
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {_FREQS}, not {freq!r}")
    if f == NO_FILTERS:  # the page as first opened: from the pre-aggregated counts
        return _qf(
            db,
            f"""WITH c AS (
                    SELECT date_trunc('{freq}', day)::DATE AS period, topic,
                           sum(statements)::BIGINT AS n
                    FROM facts.topic_days WHERE day IS NOT NULL GROUP BY ALL),
                tot AS (SELECT period, n AS total FROM c WHERE topic IS NULL)
                SELECT c.period, c.topic, tp.label, c.n AS statements, tot.total,
                       c.n / tot.total AS share
                FROM c JOIN tot USING (period) JOIN topics tp USING (topic)
                ORDER BY c.period, c.topic""",
        )
    where, params = replace(f, topics=()).on_facts()
    scope, scope_params = _topic_scope(f)
    return _qf(
        db,
        f"""WITH base AS (
                SELECT f.statement_no, date_trunc('{freq}', f.published)::DATE AS period
                FROM facts.statements f WHERE f.published IS NOT NULL AND {where}),
            tot AS (SELECT period, count(*) AS total FROM base GROUP BY period),
            per AS (
                SELECT b.period, t.topic, count(*) AS statements
                FROM base b JOIN facts.statement_topics t USING (statement_no)
                WHERE {scope} GROUP BY ALL)
            SELECT per.period, per.topic, tp.label, per.statements, tot.total,
                   per.statements / tot.total AS share
            FROM per JOIN tot USING (period) JOIN topics tp USING (topic)
            ORDER BY per.period, per.topic""",
        [*params, *scope_params],
    )


def co_speakers(
    db: str | Path, speaker_id: str, f: Filters = NO_FILTERS, limit: int = 20
) -> pl.DataFrame:
    """People quoted alongside a speaker: others with statements in the same articles.

    The speaker's articles are those where they have a statement under the filters (the
    speaker filter itself is ignored). Columns: speaker_id, speaker, articles (articles
    shared with the speaker), statements (theirs in those articles), most shared first.
    """
    where, params = replace(f, speakers=()).on_facts()
    theirs, their_params = ("", []) if not f.kinds else ("AND list_contains(?, o.kind)", [f.kinds])
    return _qf(
        db,
        f"""WITH me AS (SELECT speaker_no FROM facts.speakers WHERE speaker_id = ?),
            mine AS (
                SELECT DISTINCT f.article_no FROM facts.statements f
                WHERE f.speaker_no = (SELECT speaker_no FROM me) AND {where}),
            c AS (
                SELECT o.speaker_no, count(DISTINCT o.article_no) AS articles,
                       count(*) AS statements
                FROM facts.statements o JOIN mine USING (article_no)
                WHERE o.speaker_no IS NOT NULL AND o.speaker_no <> (SELECT speaker_no FROM me)
                  {theirs}
                GROUP BY o.speaker_no)
            SELECT p.speaker_id, p.name AS speaker, c.articles, c.statements
            FROM c JOIN facts.speakers p USING (speaker_no)
            ORDER BY c.articles DESC, c.statements DESC, c.speaker_no LIMIT ?""",
        [speaker_id, *params, *their_params, limit],
    )


# ------------------------------------------------ the notebook API (analysis.desk) adds these
def speakers(db: str | Path, f: Filters = NO_FILTERS, limit: int = 100) -> pl.DataFrame:
    """Speakers with their statements, articles, outlets, roles, first and last seen.

    Columns: speaker_id, speaker, kind, statements, articles, outlets (how many), first_seen,
    last_seen, roles (every role seen with them in those articles, most frequent first) and
    outlet_names (the outlets quoting them, most statements first). Most quoted first.

    >>> speakers("data/sample.duckdb", limit=3)  # doctest: +SKIP
    """
    where, params = f.where()
    return _q(
        db,
        f"""WITH st AS (
                SELECT s.speaker_id, s.speaker_name, a.article_id, a.outlet, a.published
                {_FROM} WHERE s.speaker_id IS NOT NULL AND {where}),
            agg AS (
                SELECT speaker_id, any_value(speaker_name) AS speaker, count(*) AS statements,
                       count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets,
                       min(published) AS first_seen, max(published) AS last_seen
                FROM st GROUP BY speaker_id),
            outl AS (
                SELECT speaker_id, list(outlet ORDER BY n DESC, outlet) AS outlet_names
                FROM (SELECT speaker_id, outlet, count(*) AS n FROM st
                      WHERE outlet IS NOT NULL GROUP BY ALL)
                GROUP BY speaker_id),
            rol AS (
                SELECT speaker_id, list(role ORDER BY n DESC, role) AS roles
                FROM (SELECT r.speaker_id, r.role, count(*) AS n FROM speaker_roles r
                      JOIN (SELECT DISTINCT speaker_id, article_id FROM st) USING
                          (speaker_id, article_id)
                      GROUP BY ALL)
                GROUP BY speaker_id)
            SELECT agg.speaker_id, agg.speaker, sp.kind, agg.statements, agg.articles,
                   agg.outlets, agg.first_seen, agg.last_seen,
                   coalesce(rol.roles, []::VARCHAR[]) AS roles,
                   coalesce(outl.outlet_names, []::VARCHAR[]) AS outlet_names
            FROM agg JOIN speakers sp USING (speaker_id)
            LEFT JOIN rol USING (speaker_id) LEFT JOIN outl USING (speaker_id)
            ORDER BY agg.statements DESC, agg.speaker LIMIT ?""",
        [*params, limit],
    )


def co_quotation(
    db: str | Path, f: Filters = NO_FILTERS, min_articles: int = 1, limit: int = 100
) -> pl.DataFrame:
    """Who is quoted in the same articles as whom: pairs of speakers and the articles they share.

    Without a speaker filter every pair appears once (speaker_id < other_id); with one, the
    chosen speakers are on the left and everyone quoted alongside them on the right (compare
    :func:`co_speakers`, one speaker's list). Under ``distinct`` (the default) an article
    and its copies count once. Columns: speaker_id, speaker, other_id, other, articles,
    first, last (publication dates of the first and last shared article).

    >>> co_quotation("data/sample.duckdb", Filters(speakers=("ilse-marrow",)))  # doctest: +SKIP
    """
    where, params = replace(f, speakers=()).where()
    if f.speakers:
        side, side_params = "list_contains(?, x.speaker_id)", [list(f.speakers)]
    else:
        side, side_params = "x.speaker_id < y.speaker_id", []
    return _q(
        db,
        f"""WITH sa AS (
                SELECT s.article_id, s.speaker_id, any_value(s.speaker_name) AS name,
                       any_value(a.published) AS published
                {_FROM} WHERE s.speaker_id IS NOT NULL AND {where}
                GROUP BY s.article_id, s.speaker_id)
            SELECT x.speaker_id, any_value(x.name) AS speaker, y.speaker_id AS other_id,
                   any_value(y.name) AS other, count(*) AS articles,
                   min(x.published) AS first, max(x.published) AS last
            FROM sa x JOIN sa y ON x.article_id = y.article_id AND x.speaker_id <> y.speaker_id
            WHERE {side}
            GROUP BY x.speaker_id, y.speaker_id HAVING count(*) >= ?
            ORDER BY articles DESC, speaker, other LIMIT ?""",
        [*params, *side_params, min_articles, limit],
    )


def outlet_comparison(
    db: str | Path, speaker_ids: str | tuple[str, ...], f: Filters = NO_FILTERS
) -> pl.DataFrame:
    """How each outlet quotes one or more speakers.

    Columns: speaker_id, speaker, outlet, statements (the speaker's, in that outlet), share
    (of all the speaker's statements, so it sums to 1 per speaker), outlet_statements (every
    statement the outlet carried) and outlet_share (the speaker's part of them: how much of
    its quoting an outlet gives to the speaker). Under ``distinct`` (the default) a wire
    story carried by several outlets is credited to its earliest copy; pass
    ``Filters(distinct=False)`` to credit every outlet that carried it.

    >>> outlet_comparison("data/sample.duckdb", "tomas-okafor")  # doctest: +SKIP
    """
    ids = [speaker_ids] if isinstance(speaker_ids, str) else list(speaker_ids)
    where, params = replace(f, speakers=()).where()
    return _q(
        db,
        f"""WITH base AS (
                SELECT coalesce(a.outlet, '(unknown)') AS outlet, s.speaker_id,
                       s.speaker_name {_FROM} WHERE {where}),
            tot AS (SELECT outlet, count(*) AS outlet_statements FROM base GROUP BY outlet),
            mine AS (SELECT speaker_id, any_value(speaker_name) AS speaker, outlet,
                            count(*) AS statements
                     FROM base WHERE list_contains(?, speaker_id) GROUP BY speaker_id, outlet)
            SELECT m.speaker_id, m.speaker, m.outlet, m.statements,
                   m.statements / sum(m.statements) OVER (PARTITION BY m.speaker_id) AS share,
                   t.outlet_statements, m.statements / t.outlet_statements AS outlet_share
            FROM mine m JOIN tot t USING (outlet)
            ORDER BY m.speaker_id, m.statements DESC, m.outlet""",
        [*params, ids],
    )


def topics(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Every topic in use, curated (``level`` = taxonomy) and discovered, with its counts.

    Columns: level, topic, label, statements (carrying the topic; a discovered topic is
    carried by its articles' statements) and articles (under the article filters).
    A statement or article can carry several topics.

    >>> topics("data/sample.duckdb").head(3)  # doctest: +SKIP
    """
    w1, p1 = f.where()
    w2, p2 = f.where(with_statement=False)
    return _q(
        db,
        f"""WITH ts AS (
                SELECT st.topic, count(*) AS n FROM statement_topics st
                JOIN statements s USING (statement_id) JOIN articles a USING (article_id)
                WHERE {w1} GROUP BY st.topic),
            ta AS (
                SELECT x.topic, count(*) AS n FROM article_topics x
                JOIN articles a USING (article_id) WHERE {w2} GROUP BY x.topic),
            ds AS (
                SELECT x.topic, count(*) AS n FROM article_discovered_topics x
                JOIN articles a ON a.article_id = x.article_id
                JOIN statements s ON s.article_id = x.article_id
                WHERE {w1} GROUP BY x.topic),
            da AS (
                SELECT x.topic, count(*) AS n FROM article_discovered_topics x
                JOIN articles a ON a.article_id = x.article_id WHERE {w2} GROUP BY x.topic)
            SELECT * FROM (
                SELECT 'taxonomy' AS level, t.topic, t.label, coalesce(ts.n, 0) AS statements,
                       coalesce(ta.n, 0) AS articles
                FROM topics t LEFT JOIN ts USING (topic) LEFT JOIN ta USING (topic)
                UNION ALL
                SELECT 'discovered', d.topic, d.label, coalesce(ds.n, 0), coalesce(da.n, 0)
                FROM discovered_topics d LEFT JOIN ds USING (topic) LEFT JOIN da USING (topic))
            WHERE statements > 0 OR articles > 0
            ORDER BY level DESC, statements DESC, articles DESC, topic""",
        [*p1, *p2, *p1, *p2],
    )


def discovered_topics(db: str | Path) -> pl.DataFrame:
    """Topics discovered from the corpus (:mod:`analysis.topic_model`), with their top terms.

    Columns: topic, label, terms (JSON ``[[term, weight], ...]``), method, articles (whose
    leading topic it is), created_at.
    """
    return _q(
        db,
        """SELECT topic, label, terms, method, articles, created_at
           FROM discovered_topics ORDER BY topic""",
    )


def stories(
    db: str | Path, f: Filters = NO_FILTERS, min_copies: int = 2, limit: int = 100
) -> pl.DataFrame:
    """Stories carried by several articles (near-duplicates linked at ingest), most copies first.

    Columns: story_id, title, copies, outlets and article_ids (in publication order),
    first_published, last_published, min_similarity (the lowest Jaccard similarity of a copy to
    the copy it matched). ``f``'s date and outlet filters pick the copies.

    >>> stories("news.duckdb")  # doctest: +SKIP
    """
    where, params = replace(f, distinct=False).where(with_statement=False)
    order = "ORDER BY a.published NULLS LAST, a.article_id"
    return _q(
        db,
        f"""SELECT coalesce(k.story_id, a.article_id) AS story_id,
                   first(a.title {order}) AS title, count(*) AS copies,
                   list(coalesce(a.outlet, '(unknown)') {order}) AS outlets,
                   list(a.article_id {order}) AS article_ids,
                   min(a.published) AS first_published, max(a.published) AS last_published,
                   min(k.similarity) AS min_similarity
            FROM articles a LEFT JOIN article_stories k USING (article_id)
            WHERE {where}
            GROUP BY coalesce(k.story_id, a.article_id) HAVING count(*) >= ?
            ORDER BY copies DESC, first_published NULLS LAST, story_id LIMIT ?""",
        [*params, min_copies, limit],
    )


def resolve_speakers(db: str | Path, names: str | tuple[str, ...]) -> tuple[str, ...]:
    """Speaker ids for names, ids or aliases ("Okafor", "Tomas Okafor", "tomas-okafor").

    Raises ``ValueError`` for a name that matches no speaker, or several (two Bergs).
    """
    wanted = [names] if isinstance(names, str) else list(names)
    ids: list[str] = []
    for name in wanted:
        found = _q(
            db,
            """SELECT speaker_id, 0 AS rank FROM speakers WHERE speaker_id = ?
               UNION SELECT speaker_id, 1 FROM speaker_aliases WHERE lower(alias) = lower(?)
               ORDER BY rank, speaker_id""",
            [store.speaker_key(name), name.strip()],
        )
        exact = found.filter(pl.col("rank") == 0)["speaker_id"].to_list()
        matches = exact or sorted(set(found["speaker_id"].to_list()))
        if len(matches) != 1:
            why = "no speaker" if not matches else f"several speakers ({', '.join(matches)})"
            raise ValueError(f"{why} called {name!r} in {db}")
        ids.append(matches[0])
    return tuple(ids)


def resolve_topics(db: str | Path, values: str | tuple[str, ...]) -> tuple[str, ...]:
    """Topic ids for ids or labels, any case ("health", "Health", "HEALTH"), taxonomy or
    discovered.

    Raises ``ValueError`` naming the valid values for one that matches no topic: a misspelt
    topic would otherwise count nothing, silently.
    """
    wanted = [values] if isinstance(values, str) else list(values)
    known = _q(
        db,
        """SELECT topic, label FROM topics
           UNION ALL SELECT topic, label FROM discovered_topics ORDER BY topic""",
    )
    by_key: dict[str, str] = {}
    for topic, label in known.iter_rows():
        by_key.setdefault(str(label).strip().lower(), topic)
    for topic in known["topic"]:  # an id wins over another topic's label
        by_key[str(topic).lower()] = topic
    ids: list[str] = []
    for value in wanted:
        topic = by_key.get(value.strip().lower())
        if topic is None:
            valid = ", ".join(f"{t} ({lab})" for t, lab in known.iter_rows())
            raise ValueError(f"no topic {value!r}; valid topics (id or label): {valid}")
        ids.append(topic)
    return tuple(ids)


# --------------------------------------------------------------- corpus speakers, reports
def speaker_index(db: str | Path, search: str | None = None, limit: int = 50) -> pl.DataFrame:
    """Corpus speakers, most quoted first: statements, articles, the article names joined into
    each (``names``), and ``by_hand`` (a hand rule placed or renamed them).

    ``search`` matches the name, the id or any alias (case-insensitive substring).
    """
    return store.query(
        db,
        """WITH j AS (
             SELECT speaker_id, list(DISTINCT name ORDER BY name) AS names,
                    bool_or(how IN ('merge', 'split')) AS placed_by_hand,
                    sum(len(statements))::BIGINT AS statements,
                    count(DISTINCT article_id) AS articles
             FROM article_speakers GROUP BY speaker_id)
           SELECT sp.speaker_id, sp.name, sp.kind, j.statements, j.articles, j.names,
                  j.placed_by_hand OR EXISTS (
                      SELECT 1 FROM speaker_rules r WHERE r.action = 'rename'
                      AND r.speaker_id = sp.speaker_id) AS by_hand
           FROM speakers sp JOIN j USING (speaker_id)
           WHERE ? IS NULL OR contains(lower(sp.name), lower(?))
              OR contains(sp.speaker_id, lower(?))
              OR sp.speaker_id IN (SELECT speaker_id FROM speaker_aliases
                                   WHERE contains(lower(alias), lower(?)))
           ORDER BY j.statements DESC, sp.name LIMIT ?""",
        [search, search, search, search, limit],
    )


def ambiguous(db: str | Path, limit: int = 50) -> pl.DataFrame:
    """Names left apart because they could be several people: the name, its statements and
    articles, and the candidates (``note``). Candidates for a hand merge or split."""
    return store.query(
        db,
        """SELECT speaker_id, any_value(name) AS name, sum(len(statements))::BIGINT AS statements,
                  count(*) AS articles, any_value(note) AS note
           FROM article_speakers WHERE how = 'ambiguous'
           GROUP BY speaker_id ORDER BY statements DESC, speaker_id LIMIT ?""",
        [limit],
    )


def suggestions(db: str | Path, limit: int = 50) -> list[str]:
    """Rules a reporter may want, as TOML to paste into the rules file: speakers whose names
    differ only by middle initials ("Donald J. Trump", "Donald Trump"), never joined
    automatically because "George Bush" may be either president."""
    sp = store.query(
        db,
        """SELECT s.speaker_id, s.name, count(*) AS statements FROM speakers s
           JOIN statements st USING (speaker_id) WHERE s.kind = 'person'
           GROUP BY ALL ORDER BY statements DESC""",
    )
    return identity.merge_suggestions(list(sp.iter_rows()), limit)


@dataclass(frozen=True, slots=True)
class SpeakerDetail:
    """Everything the store knows about one corpus speaker."""

    speaker_id: str
    name: str
    kind: str
    aliases: list[str]
    roles: pl.DataFrame  # role, first_seen, last_seen, articles: roles over time
    members: pl.DataFrame  # name as resolved in articles, how joined, note, articles, statements
    rules: list[str]  # descriptions of the hand rules that touched them


def speaker_detail(db: str | Path, name: str) -> SpeakerDetail:
    """One speaker by id, name or alias (ValueError when none or several match)."""
    sid = _one_speaker(db, name)
    row = store.query(db, "SELECT name, kind FROM speakers WHERE speaker_id = ?", [sid]).row(0)
    al = store.query(
        db, "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [sid]
    )["alias"].to_list()
    roles = store.query(
        db,
        """SELECT r.role, min(a.published) AS first_seen, max(a.published) AS last_seen,
                  count(*) AS articles
           FROM speaker_roles r JOIN articles a USING (article_id)
           WHERE r.speaker_id = ? GROUP BY r.role ORDER BY first_seen NULLS LAST, r.role""",
        [sid],
    )
    members = store.query(
        db,
        """SELECT name, how, any_value(note) AS note, count(*) AS articles,
                  sum(len(statements))::BIGINT AS statements
           FROM article_speakers WHERE speaker_id = ?
           GROUP BY name, how ORDER BY statements DESC, name""",
        [sid],
    )
    rules = store.query(
        db,
        """SELECT DISTINCT r.file, r.line, r.description FROM speaker_rules r
           WHERE r.speaker_id = ? OR list_contains(r.speaker_ids, ?) ORDER BY r.line""",
        [sid, sid],
    )
    described = [f"{f}:{ln}: {d}" for f, ln, d in rules.iter_rows()]
    return SpeakerDetail(sid, row[0], row[1], al, roles, members, described)


def _one_speaker(db: str | Path, name: str) -> str:
    typed, key = identity.speaker_ids_for(name)
    found = store.query(
        db,
        """SELECT speaker_id FROM speakers WHERE speaker_id IN (?, ?)
           UNION SELECT speaker_id FROM speaker_aliases WHERE lower(alias) = lower(?)""",
        [typed, key, name.strip()],
    )["speaker_id"].to_list()
    exact = [s for s in found if s in (typed, key)]
    matches = sorted(set(exact or found))
    if len(matches) != 1:
        why = "no speaker" if not matches else f"several speakers ({', '.join(matches)})"
        raise ValueError(f"{why} called {name!r} in {db}")
    return matches[0]
