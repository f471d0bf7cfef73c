"""The dashboard's facts: narrow, integer-keyed copies of the tables, kept fresh."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import duckdb

from analysis.records import DEFAULT_KINDS
from analysis.store.connect import SERIES_KEY_FUNCTION, reader, register_functions
from analysis.store.schema import _meta
from analysis.store.search import _has_search_index, ensure_search_index

# ------------------------------------------------------------------- dashboard facts
# Owned by the dashboard's queries (analysis/queries.py). At ten million statements every
# dashboard query joined `statements` to `articles` on string ids and grouped on strings, and
# took seconds. The facts are narrow, integer-keyed copies of the columns those queries filter
# and count on, in schema `facts` (so `quotedesk export` leaves them out), rebuilt in one
# transaction by refresh_facts() after each ingest. Each write path that changes the data need
# not know about them: a query checks the signature recorded at the last refresh against the
# tables (cheap counts and hashes, once per change of the file) and, if they differ, computes
# the facts on the fly from the tables as CTEs: slower, never wrong.
FACTS_VERSION = "9"  # bump when FACTS changes, so old facts count as stale

# A name a reporter can rely on without reading the article: written in the mention itself
# (a name, a document, a headline), or reached through a pronoun or an earlier quote with a
# confidence of at least 0.95 (on PolNeAR train, out of fold: 2% of those were wrong, against
# 6% of all pronouns the model resolved). No name at all counts as sure: nothing is claimed.
SURE_HOWS = ("name", "document named in the mention", "headline")
SURE_CONFIDENCE = 0.95
SURE_NAME = (
    "({s}.speaker_id IS NULL OR coalesce({s}.speaker_how IN " + repr(SURE_HOWS) + ", FALSE) "
    "OR coalesce({s}.speaker_confidence >= " + str(SURE_CONFIDENCE) + ", FALSE))"
)


# The series a figure belongs to: analysis.series.series_key, called from SQL (see
# register_functions in connect.py).
COUNTS_KEY = f"{SERIES_KEY_FUNCTION}(fi.counts)"


# name → SELECT, in dependency order. The *_no columns number rows in the order the
# dashboard sorts them: article_no by date (oldest first, so a story's first copy has the
# smallest one), statement_no and figure_no newest first, speaker_no by name.
FACTS: dict[str, str] = {
    # story: set only for articles whose story has several copies (see Filters.distinct);
    # title and url: a search's page of matches shows them without reading `articles` by key
    "articles": """
        SELECT row_number() OVER (ORDER BY a.published NULLS LAST, a.article_id)::INTEGER
                 AS article_no,
               a.article_id, a.published, a.outlet, m.story_id AS story, a.title, a.url,
               a.category
        FROM articles a LEFT JOIN (
            SELECT article_id, story_id FROM article_stories WHERE story_id IN (
                SELECT story_id FROM article_stories WHERE duplicate_of IS NOT NULL)) m
          USING (article_id)
        ORDER BY article_no""",
    # statements: one copy per story, the default kinds, no other filter (the pickers' order)
    "speakers": f"""
        WITH rep AS (
            SELECT article_id FROM facts.articles WHERE story IS NULL
            UNION ALL
            SELECT arg_min(article_id, article_no) FROM facts.articles
            WHERE story IS NOT NULL GROUP BY story),
        n AS (
            SELECT s.speaker_id, count(*) AS statements
            FROM statements s JOIN rep USING (article_id)
            WHERE s.speaker_id IS NOT NULL AND s.kind IN {DEFAULT_KINDS!r}
            GROUP BY s.speaker_id)
        SELECT row_number() OVER (ORDER BY sp.name, sp.speaker_id)::INTEGER AS speaker_no,
               sp.speaker_id, sp.name, sp.kind, coalesce(n.statements, 0) AS statements
        FROM speakers sp LEFT JOIN n USING (speaker_id)
        ORDER BY speaker_no""",
    # sure: the name was written where the statement is, or resolved with high confidence
    "statements": f"""
        SELECT row_number() OVER (
                 ORDER BY fa.published DESC NULLS LAST, s.article_id, s.ordinal)::INTEGER
                 AS statement_no,
               s.statement_id, fa.article_no, s.ordinal, p.speaker_no, fa.published, fa.outlet,
               fa.story, s.kind, s.speaker_role AS role, {SURE_NAME.format(s="s")} AS sure
        FROM statements s JOIN facts.articles fa USING (article_id)
        LEFT JOIN facts.speakers p USING (speaker_id)
        ORDER BY statement_no""",
    # The search index's postings, one row per (term, statement) with the term's count and
    # the statement's length in the index, sorted by term: a search reads the few blocks
    # holding its terms (zone maps) instead of every term of every statement, and reaches its
    # statements by number, not by the index's string names. It follows the index, which each
    # writer rebuilds before the facts; the signature fingerprints the index, so postings
    # from another build of it count as stale.
    "postings": """
        SELECT t.termid, f.statement_no, count(*)::INTEGER AS tf, any_value(d.len)::INTEGER AS len
        FROM fts_main_statements.terms t JOIN fts_main_statements.docs d USING (docid)
        JOIN facts.statements f ON f.statement_id = d.name
        GROUP BY t.termid, f.statement_no ORDER BY t.termid, f.statement_no""",
    "statement_topics": """
        SELECT f.statement_no, t.topic
        FROM statement_topics t JOIN facts.statements f USING (statement_id)
        ORDER BY f.statement_no""",
    # curated topics of the article, and discovered ones (which also count for its statements)
    "article_topics": """
        SELECT fa.article_no, x.topic, FALSE AS discovered
        FROM article_topics x JOIN facts.articles fa USING (article_id)
        UNION ALL
        SELECT fa.article_no, x.topic, TRUE
        FROM article_discovered_topics x JOIN facts.articles fa USING (article_id)""",
    # statements of the default kinds per (day, outlet, topic) counting one copy per story,
    # with no other filter,
    # and per (day, outlet) with topic NULL: the Topics page's views before any filter is set
    # (at ten million statements they joined every statement to its topics on each visit)
    "topic_days": f"""
        WITH rep AS (
            SELECT f.statement_no, f.published::DATE AS day, f.outlet FROM facts.statements f
            WHERE f.kind IN {DEFAULT_KINDS!r} AND (f.story IS NULL OR f.article_no IN (
                SELECT min(x.article_no) FROM facts.articles x WHERE x.story IS NOT NULL
                GROUP BY x.story)))
        SELECT r.day, r.outlet, t.topic, count(*) AS statements
        FROM rep r JOIN facts.statement_topics t USING (statement_no) GROUP BY ALL
        UNION ALL
        SELECT r.day, r.outlet, NULL, count(*) FROM rep r GROUP BY ALL""",
    # with what a series' history shows of each figure, so the history reads no `figures`
    # (a join on string ids read all of them: ~140 ms of its ~270 at a million statements)
    "figures": f"""
        SELECT row_number() OVER (
                 ORDER BY fa.published DESC NULLS LAST, fi.article_id, fi.ordinal)::INTEGER
                 AS figure_no,
               fi.figure_id, fa.article_no, p.speaker_no, fa.published, fa.outlet, fa.story,
               fi.counts, {COUNTS_KEY} AS counts_key, fi.unit, fi.value,
               fi.surface, fi.approx, fi.ordinal, fi.start_char, fi.end_char, fi.statement_id
        FROM figures fi JOIN facts.articles fa USING (article_id)
        LEFT JOIN facts.speakers p USING (speaker_id)
        ORDER BY figure_no""",
}

# Changes whenever a write changes what FACTS read: rows added or removed (counts), articles
# written again by a later run (an ingest of changed articles, a re-extraction, a load: the
# newest run that wrote an article), speakers merged, split or renamed (their hash), copies
# linked into stories, topics discovered again, corrections made or matched again (a
# correction rewrites a statement's kind or speaker in place). Not every run: a migrate or a
# speakers apply that changed nothing must not rebuild the facts.
_SIGNATURE = """SELECT concat_ws('|', ?,
    (SELECT count(*) FROM articles), (SELECT count(*) FROM statements),
    (SELECT count(*) FROM figures), (SELECT count(*) FROM statement_topics),
    (SELECT count(*) FROM article_topics), (SELECT count(*) FROM article_discovered_topics),
    (SELECT count(*) FROM article_stories),
    (SELECT coalesce(sum(hash(article_id, story_id)), 0) FROM article_stories
     WHERE duplicate_of IS NOT NULL),
    (SELECT coalesce(sum(hash(speaker_id, name, kind)), 0) FROM speakers),
    (SELECT coalesce(max(run_id), 0) FROM articles),
    (SELECT coalesce(max(created_at)::VARCHAR, '') FROM discovered_topics),
    (SELECT count(*) FROM fts_main_statements.docs),
    (SELECT coalesce(sum(hash(docid, name)), 0) FROM fts_main_statements.docs),
    (SELECT count(*) FROM corrections),
    (SELECT coalesce(sum(hash(uid, status, target_id)), 0) FROM correction_state))"""
_FACT_REF = re.compile(r"\bfacts\.(\w+)")
_FRESH: dict[tuple[str, tuple[int, ...]], tuple[bool, str]] = {}  # see _facts_state


def facts_signature(con: duckdb.DuckDBPyConnection) -> str:
    """A fingerprint of the data the facts are computed from ("" for a store with no search
    index yet, whose facts cannot be built)."""
    if not _has_search_index(con):
        return ""
    row = con.execute(_SIGNATURE, [FACTS_VERSION]).fetchone()
    return str(row[0]) if row else ""


def refresh_facts(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Rebuild the dashboard facts if the data changed since the last refresh (or ``force``);
    returns whether they were rebuilt. One transaction: readers see old or new facts."""
    ensure_search_index(con)  # the facts read it (a store written before it had one)
    signature = facts_signature(con)
    if not force and _meta(con).get("facts_signature") == signature:
        return False
    # ingest prints its own progress; in Jupyter without ipywidgets DuckDB refuses the setting
    with contextlib.suppress(duckdb.Error):
        con.execute("SET enable_progress_bar = false")
    schema = _qualified(_catalog(con))
    register_functions(con)
    con.execute("BEGIN")
    try:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for name, sql in FACTS.items():
            con.execute(f"CREATE OR REPLACE TABLE {schema}.{name} AS {_in(schema, sql)}")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('facts_signature', ?)", [signature])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    row = con.sql("SELECT current_database()").fetchone()
    return str(row[0]) if row else ""


def _qualified(catalog: str) -> str:
    """The facts schema with its catalog: a store named facts.duckdb has a catalog "facts",
    which a bare ``facts.x`` could mean as well."""
    return '"{}".facts'.format(catalog.replace('"', '""'))


def _in(schema: str, sql: str) -> str:
    """``facts.<name>`` → ``<schema>.<name>``."""
    return _FACT_REF.sub(lambda m: f"{schema}.{m.group(1)}", sql)


def _file_stamp(path: Path) -> tuple[int, ...]:
    stamp: list[int] = []
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            st = p.stat()
            stamp += [st.st_mtime_ns, st.st_size]
        except OSError:
            stamp += [0, 0]
    return tuple(stamp)


def _facts_state(path: str | Path) -> tuple[bool, str]:
    """(whether the facts match the tables, the facts schema), checked once per change of
    the file."""
    p = Path(path).resolve()
    key = (str(p), _file_stamp(p))
    if key not in _FRESH:
        with reader(p) as con:
            stored = con.sql("SELECT value FROM meta WHERE key = 'facts_signature'").fetchone()
            signature = facts_signature(con)
            fresh = bool(signature) and stored is not None and stored[0] == signature
            _FRESH[key] = (fresh, _qualified(_catalog(con)))
        if len(_FRESH) > 64:  # old stamps of files that changed since
            _FRESH.pop(next(iter(_FRESH)))
    return _FRESH[key]


def facts_fresh(path: str | Path) -> bool:
    """Whether the store's facts match its tables (checked once per change of the file)."""
    return _facts_state(path)[0]


def with_facts(path: str | Path, sql: str) -> str:
    """``sql``, which reads ``facts.<name>`` tables, ready to run on the store at ``path``:
    on the facts when they are fresh, else with each fact table it needs computed from the
    store's tables in a CTE (slower, the same rows)."""
    fresh, schema = _facts_state(path)
    if fresh:
        return _in(schema, sql)
    wanted = set(_FACT_REF.findall(sql))
    for name in reversed(FACTS):  # the facts a wanted one is computed from are wanted too
        if name in wanted:
            wanted.update(_FACT_REF.findall(FACTS[name]))
    ctes = ", ".join(
        f"facts_{name} AS MATERIALIZED ({_as_ctes(fact_sql)})"
        for name, fact_sql in FACTS.items()
        if name in wanted
    )
    body = _as_ctes(sql).lstrip()
    if body[:4].upper() == "WITH":
        return f"WITH {ctes}, {body[4:]}"
    return f"WITH {ctes} {body}"


def _as_ctes(sql: str) -> str:
    """``facts.<name>`` → ``facts_<name>``: the CTE standing in for a stale fact table."""
    return _FACT_REF.sub(r"facts_\1", sql)
