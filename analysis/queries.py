"""Named aggregations over the store, each returning a Polars frame.

The dashboard and the notebooks call these same functions, so they tell the same numbers.
Every filter value is a bound parameter, never formatted into SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import polars as pl

from analysis import store

Freq = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class Filters:
    """What a reporter narrows a view to. Empty means no restriction.

    ``distinct`` (the default) counts one copy per story: near-duplicate articles (one wire
    story carried by several outlets, linked at ingest by :mod:`analysis.dedup`) count once,
    through their earliest-published copy that passes the date and outlet filters (so with an
    outlet filter on, that outlet's copy is the one counted). ``distinct=False`` counts every
    copy. ``topics`` holds taxonomy topic ids and/or discovered topic ids
    (:mod:`analysis.topic_model`).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()  # speaker ids
    kinds: tuple[str, ...] = ()
    distinct: bool = True

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

    def _article_where(self, alias: str) -> tuple[list[str], list[Any]]:
        """The date and outlet conditions, on articles aliased ``alias``."""
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
        return conds, params


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
    fwhere, fparams = f.where(with_statement=False)
    # One query, not three: each query opens the file, which costs ~20 ms at a million rows.
    row = _q(
        db,
        f"""SELECT (SELECT count(*) FROM articles a WHERE {fwhere}) AS articles,
                   st.statements, st.speakers, st.outlets,
                   (SELECT count(*) FROM figures fi JOIN articles a USING (article_id)
                    WHERE {fwhere}) AS figures
            FROM (SELECT count(*) AS statements, count(DISTINCT s.speaker_id) AS speakers,
                         count(DISTINCT a.outlet) AS outlets
                  {_FROM} WHERE {where}) st""",
        [*fparams, *fparams, *params],
    ).row(0, named=True)
    return {k: int(v) for k, v in row.items()}


def statements_over_time(
    db: str | Path, f: Filters = NO_FILTERS, freq: Freq = "week", by: str | None = "topic"
) -> pl.DataFrame:
    """Statements per period, optionally split by ``topic``, ``discovered`` (topic), ``outlet``
    or ``speaker``.

    Columns: period (date), group, statements.

    >>> statements_over_time("news.duckdb", freq="month", by="outlet")  # doctest: +SKIP
    """
    where, params = f.where()
    group = {
        "topic": "st.topic",
        "discovered": "adt.topic",
        "outlet": "a.outlet",
        "speaker": "s.speaker_name",
        None: "'all'",
    }[by]
    join = {
        "topic": "JOIN statement_topics st USING (statement_id)",
        "discovered": "JOIN article_discovered_topics adt ON adt.article_id = a.article_id",
    }.get(by or "", "")
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
    # The top ``limit`` first, by a plain count; the distinct counts and the most common role,
    # which cost most, only for them (3x faster at a million statements).
    return _q(
        db,
        f"""WITH base AS (
                SELECT s.speaker_id, s.speaker_name, s.speaker_role, s.article_id, a.outlet,
                       a.published
                {_FROM} WHERE s.speaker_id IS NOT NULL AND {where}),
            top AS (
                SELECT speaker_id, any_value(speaker_name) AS speaker, count(*) AS n
                FROM base GROUP BY speaker_id ORDER BY n DESC, speaker LIMIT ?)
            SELECT b.speaker_id, any_value(b.speaker_name) AS speaker,
                   any_value(sp.kind) AS kind,
                   count(*) AS statements, count(DISTINCT b.article_id) AS articles,
                   count(DISTINCT b.outlet) AS outlets,
                   min(b.published) AS first_seen, max(b.published) AS last_seen,
                   mode(b.speaker_role) AS role
            FROM base b JOIN top USING (speaker_id) JOIN speakers sp USING (speaker_id)
            GROUP BY b.speaker_id ORDER BY statements DESC, speaker""",
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


# BM25 scores of the statements matching a search (bound as the first parameter), as a
# table ``hits`` (statement_id, score). It is the formula of the fts extension's
# ``match_bm25`` macro (k = 1.2, b = 0.75, any term may match), read straight from the index
# tables: the macro scores every statement to find the few that match, which at a million
# statements takes a third longer. tests/test_dashboard.py checks both give the same scores.
_BM25 = """WITH tokens AS (
        SELECT DISTINCT stem(unnest(fts_main_statements.tokenize(?)), 'english') AS t),
    tf AS (
        SELECT terms.docid, terms.termid, count(*) AS tf
        FROM fts_main_statements.terms terms
        JOIN fts_main_statements.dict dict USING (termid) JOIN tokens ON dict.term = tokens.t
        GROUP BY terms.docid, terms.termid),
    hits AS (
        SELECT docs.name AS statement_id,
               sum(log((n.num_docs - dict.df + 0.5) / (dict.df + 0.5) + 1)
                   * (tf.tf * (1.2 + 1))
                   / (tf.tf + 1.2 * (1 - 0.75 + 0.75 * docs.len / n.avgdl))) AS score
        FROM tf JOIN fts_main_statements.docs docs USING (docid)
        JOIN fts_main_statements.dict dict USING (termid), fts_main_statements.stats n
        GROUP BY docs.name)"""


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
            f"""{_BM25}
                SELECT {cols}, h.score FROM hits h JOIN statements s USING (statement_id)
                JOIN articles a USING (article_id)
                WHERE {where}
                ORDER BY h.score DESC, a.published DESC, s.statement_id LIMIT ?""",
            [search, *params, limit],
        )
    # The newest ``limit`` ids first, then their text: sorting a million rows with their text
    # costs more than joining 500 rows back.
    return _q(
        db,
        f"""WITH pick AS (
                SELECT s.statement_id, a.published, s.article_id, s.ordinal {_FROM}
                WHERE {where}
                ORDER BY a.published DESC NULLS LAST, s.article_id, s.ordinal LIMIT ?)
            SELECT {cols} FROM pick JOIN statements s USING (statement_id)
            JOIN articles a ON a.article_id = s.article_id
            ORDER BY pick.published DESC NULLS LAST, pick.article_id, pick.ordinal""",
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
    key = counts_key(counts)
    where, params = f.where(with_statement=False)
    return _q(
        db,
        f"""SELECT a.published, fi.value, fi.surface, fi.unit, fi.approx, fi.counts, a.outlet,
                  a.title, a.article_id, fi.start_char, fi.end_char, s.text AS statement
           FROM figures fi JOIN articles a USING (article_id)
           LEFT JOIN statements s ON s.statement_id = fi.statement_id
           WHERE fi.speaker_id = ? AND {COUNTS_KEY} = ?
             AND coalesce(fi.unit, '') = coalesce(?, fi.unit, '') AND {where}
           ORDER BY a.published, fi.article_id, fi.ordinal""",
        [speaker_id, key, unit, *params],
    )


def figure_series(
    db: str | Path, min_points: int = 2, f: Filters = NO_FILTERS, limit: int | None = 500
) -> pl.DataFrame:
    """(speaker, counted thing) pairs cited at least ``min_points`` times with values that differ.

    ``counts`` is the head word that groups the series; ``label`` its most common wording.
    ``f`` narrows the articles (dates, outlets, one copy per story by default). The longest
    ``limit`` series come back (None: all); a picker has no use for 20,000 of them.
    """
    where, params = f.where(with_statement=False)
    return _q(
        db,
        f"""SELECT fi.speaker_id, any_value(fi.speaker_name) AS speaker, {COUNTS_KEY} AS counts,
                  mode(fi.counts) AS label, any_value(fi.unit) AS unit,
                  count(*) AS points, count(DISTINCT fi.value) AS distinct_values,
                  min(a.published) AS first, max(a.published) AS last
           FROM figures fi JOIN articles a USING (article_id)
           WHERE fi.speaker_id IS NOT NULL AND fi.counts IS NOT NULL
             AND {COUNTS_KEY} NOT IN {GENERIC_HEADS!r}  -- "people" alone is no series
             AND {where}
           GROUP BY fi.speaker_id, {COUNTS_KEY}, coalesce(fi.unit, '')
           HAVING count(*) >= ? AND count(DISTINCT fi.value) > 1
           ORDER BY points DESC, speaker, counts
           LIMIT ?""",
        [*params, min_points, limit],
    )


def speaker_choices(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Speakers with at least one statement: id, name, statements (for pickers)."""
    where, params = f.where()
    return _q(
        db,
        f"""SELECT s.speaker_id, any_value(s.speaker_name) AS speaker, count(*) AS statements
            {_FROM} WHERE s.speaker_id IS NOT NULL AND {where}
            GROUP BY s.speaker_id ORDER BY statements DESC, speaker""",
        params,
    )


def topic_choices(db: str | Path, f: Filters = NO_FILTERS) -> pl.DataFrame:
    """Topics in use: id, label, statements."""
    where, params = f.where()
    return _q(
        db,
        f"""SELECT t.topic, t.label, count(st.statement_id) AS statements
            FROM topics t JOIN statement_topics st USING (topic)
            JOIN statements s USING (statement_id) JOIN articles a USING (article_id)
            WHERE {where}
            GROUP BY ALL ORDER BY statements DESC""",
        params,
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


# ------------------------------------------------------------ topics and co-quotation
_FREQS: tuple[Freq, ...] = ("day", "week", "month", "year")


def _topic_scope(f: Filters) -> tuple[str, list[Any]]:
    """A condition on ``st.topic`` (a statement's topic row): the chosen topics, else all.

    With a topic filter on, a statement on economy *and* health is counted under economy
    only, not under the other topics it also carries.
    """
    if not f.topics:
        return "TRUE", []
    return "list_contains(?, st.topic)", [list(f.topics)]


def topic_speakers(db: str | Path, f: Filters = NO_FILTERS, speakers: int = 20) -> pl.DataFrame:
    """Topic × speaker: statements of each of the ``speakers`` most quoted people per topic.

    Columns: topic, label, speaker_id, speaker, statements, total (the speaker's statements
    under the filters, on any topic) and share (statements / total: how much of what the
    speaker said was on that topic). A statement on two topics counts once in each.
    """
    where, params = f.where()
    scope, scope_params = _topic_scope(f)
    # Counted before the names and labels are joined: at a million statements, joining
    # strings to every row costs more than the counting.
    return _q(
        db,
        f"""WITH base AS (
                SELECT s.statement_id, s.speaker_id
                {_FROM} WHERE s.speaker_id IS NOT NULL AND {where}),
            top AS (
                SELECT speaker_id, count(*) AS total FROM base
                GROUP BY speaker_id ORDER BY total DESC, speaker_id LIMIT ?),
            per AS (
                SELECT b.speaker_id, st.topic, count(*) AS statements
                FROM base b JOIN top USING (speaker_id)
                JOIN statement_topics st USING (statement_id)
                WHERE {scope} GROUP BY ALL)
            SELECT per.topic, t.label, top.speaker_id, sp.name AS speaker, per.statements,
                   top.total, per.statements / top.total AS share
            FROM per JOIN top USING (speaker_id) JOIN topics t USING (topic)
            JOIN speakers sp USING (speaker_id)
            ORDER BY top.total DESC, speaker, per.statements DESC, per.topic""",
        [*params, speakers, *scope_params],
    )


def topic_outlets(db: str | Path, f: Filters = NO_FILTERS, outlets: int = 25) -> pl.DataFrame:
    """Topic × outlet: statements per topic in each of the ``outlets`` largest outlets.

    Columns: topic, label, outlet, statements, total (the outlet's statements under the
    filters) and share (statements / total), which compares outlets of different sizes.
    """
    where, params = f.where()
    scope, scope_params = _topic_scope(f)
    return _q(
        db,
        f"""WITH base AS (
                SELECT s.statement_id, coalesce(a.outlet, '(unknown)') AS outlet
                {_FROM} WHERE {where}),
            top AS (
                SELECT outlet, count(*) AS total FROM base
                GROUP BY outlet ORDER BY total DESC, outlet LIMIT ?),
            per AS (
                SELECT b.outlet, st.topic, count(*) AS statements
                FROM base b JOIN statement_topics st USING (statement_id)
                WHERE {scope} GROUP BY ALL)
            SELECT per.topic, t.label, top.outlet, per.statements, top.total,
                   per.statements / top.total AS share
            FROM per JOIN top USING (outlet) JOIN topics t USING (topic)
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
    where, params = replace(f, topics=()).where()
    scope, scope_params = _topic_scope(f)
    return _q(
        db,
        f"""WITH base AS (
                SELECT s.statement_id, date_trunc('{freq}', a.published)::DATE AS period
                {_FROM} WHERE a.published IS NOT NULL AND {where}),
            tot AS (SELECT period, count(*) AS total FROM base GROUP BY period),
            per AS (
                SELECT b.period, st.topic, count(*) AS statements
                FROM base b JOIN statement_topics st USING (statement_id)
                WHERE {scope} GROUP BY ALL)
            SELECT per.period, per.topic, t.label, per.statements, tot.total,
                   per.statements / tot.total AS share
            FROM per JOIN tot USING (period) JOIN topics t USING (topic)
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
    where, params = replace(f, speakers=()).where()
    return _q(
        db,
        f"""WITH mine AS (
                SELECT DISTINCT s.article_id {_FROM} WHERE s.speaker_id = ? AND {where})
            SELECT c.speaker_id, sp.name AS speaker, c.articles, c.statements
            FROM (SELECT o.speaker_id, count(DISTINCT o.article_id) AS articles,
                         count(*) AS statements
                  FROM statements o JOIN mine USING (article_id)
                  WHERE o.speaker_id IS NOT NULL AND o.speaker_id <> ?
                  GROUP BY o.speaker_id) c
            JOIN speakers sp USING (speaker_id)
            ORDER BY c.articles DESC, c.statements DESC, speaker LIMIT ?""",
        [speaker_id, *params, speaker_id, limit],
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
