"""The BM25 full-text index over statement text and speaker names."""

from __future__ import annotations

import threading

import duckdb

from analysis.store.connect import _load_fts

_CREATE_FTS_INDEX = (
    "PRAGMA create_fts_index('statements', 'statement_id', 'text', 'speaker_name', "
    "stemmer = 'english', stopwords = 'english', overwrite = 1)"
)


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the BM25 full-text index over statement text and speaker names."""
    _load_fts(con)
    # One transaction: the pragma runs several statements (drop the old index, build the new
    # one), and a process killed between them would leave searches with no index at all.
    try:
        con.execute("BEGIN")
    except duckdb.TransactionException:  # the caller's transaction already holds it
        own = False
    else:
        own = True
    try:
        con.execute(_CREATE_FTS_INDEX)
    except BaseException:
        if own:
            con.execute("ROLLBACK")
        raise
    if own:
        con.execute("COMMIT")


def ensure_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Build the search index if the store has none yet (a new store, during its first
    ingest), so searches answer from the first batch on instead of failing until the end."""
    if not _has_search_index(con):
        rebuild_search_index(con)


def _has_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    exists = con.sql(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_statements'"
    ).fetchone()
    return bool(exists and exists[0])


# The words of a search become index terms through the index's own tokenizer and stemmer,
# which come with the fts extension. Loading it costs a reader ~50-80 ms, a third of a search
# at a million statements, so searches run them here instead: on a private in-memory database
# that builds an empty index with the same options (hence the same `tokenize` macro), loaded
# once per process. The store's reader then needs no extension: the search reads the index's
# tables and the facts' postings (see FACTS) as plain tables.
_TERMS: list[duckdb.DuckDBPyConnection] = []
_TERMS_LOCK = threading.Lock()


def search_terms(text: str) -> list[str]:
    """The index terms a search for ``text`` looks up: its words, tokenized and stemmed as the
    statements were when indexed (stopwords included: they are simply not in the index)."""
    with _TERMS_LOCK:
        if not _TERMS:
            con = duckdb.connect(":memory:")
            _load_fts(con)
            con.execute("CREATE TABLE statements (statement_id VARCHAR, text VARCHAR, "
                        "speaker_name VARCHAR)")  # fmt: skip
            con.execute(_CREATE_FTS_INDEX)
            _TERMS.append(con)
        rows = (
            _TERMS[0]
            .execute(
                "SELECT DISTINCT stem(unnest(fts_main_statements.tokenize(?)), 'english')",
                [text],
            )
            .fetchall()
        )
    return sorted(str(r[0]) for r in rows if r[0])
