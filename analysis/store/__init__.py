"""The DuckDB store: schema, migrations, batch writes, and short-lived connections.

The only package that imports DuckDB. Cut by job, in the order a write meets them:

- ``errors``: StoreError, CorruptStore
- ``schema``: tables, migrations, the meta table
- ``connect``: the writers' turnstile, readers, one-off queries, page sessions
- ``integrity``: block checksums, checked before a write
- ``runlog``: the ``runs`` table
- ``write``: batch writes of articles and their records (``rows``: the low-level inserts)
- ``speakers``, ``stories``, ``topics``: the corpus-level steps' reads and writes
- ``search``: the full-text index
- ``export``: Parquet
- ``facts``: the dashboard's facts

``from analysis import store; store.X`` reaches every public name; the package imports
nothing above it in the flow (tests/test_imports.py).

Why DuckDB 1.5.x and not 2.0: full-text statement search needs the ``fts`` extension, which
2.0 cannot load without the internet, while 1.5.5 loads it from the ``duckdb-extension-fts``
wheel. A file written by 2.0 cannot be read by 1.5, so the version is pinned and recorded in
the ``meta`` table with the storage version.

Concurrency: DuckDB lets one process write, and a process holding the file (even read-only)
blocks a writer. So nobody holds it for long: ingest opens the file, writes one batch in one
transaction and closes it before parsing the next batch; readers (the dashboard, notebooks)
open read-only per query and retry while a batch is being written.
"""

from __future__ import annotations

from analysis.store.connect import (
    SERIES_KEY_FUNCTION,
    info,
    query,
    reader,
    register_functions,
    session,
    writer,
)
from analysis.store.errors import CORRUPT_ADVICE, CorruptStore, StoreError
from analysis.store.export import export_parquet, query_to_parquet, tables
from analysis.store.facts import (
    _SIGNATURE,
    COUNTS_KEY,
    FACTS,
    FACTS_VERSION,
    SURE_CONFIDENCE,
    SURE_HOWS,
    SURE_NAME,
    facts_fresh,
    facts_signature,
    refresh_facts,
    with_facts,
)
from analysis.store.integrity import check_integrity
from analysis.store.rows import _insert, _rollback
from analysis.store.runlog import RunCounts, finish_run, mark_interrupted, record_errors, start_run
from analysis.store.schema import (
    DUCKDB_VERSION,
    MIGRATIONS,
    SCHEMA,
    SCHEMA_4,
    SCHEMA_VERSION,
    STATEMENT_ID_SQL,
    Connection,
    statement_id,
)
from analysis.store.search import ensure_search_index, rebuild_search_index, search_terms
from analysis.store.speakers import (
    article_speakers,
    backfill_article_speakers,
    drop_orphans,
    stored_speaker_rules,
    write_speakers,
)
from analysis.store.stories import (
    article_texts,
    band_matches,
    pending_stories,
    unlink_stories,
    write_stories,
)
from analysis.store.topics import article_batches, replace_discovered_topics
from analysis.store.write import known_hashes, speaker_key, write_batch

__all__ = [
    "CORRUPT_ADVICE",
    "COUNTS_KEY",
    "DUCKDB_VERSION",
    "FACTS",
    "FACTS_VERSION",
    "MIGRATIONS",
    "SCHEMA",
    "SCHEMA_4",
    "SCHEMA_VERSION",
    "SERIES_KEY_FUNCTION",
    "STATEMENT_ID_SQL",
    "SURE_CONFIDENCE",
    "SURE_HOWS",
    "SURE_NAME",
    "_SIGNATURE",
    "Connection",
    "CorruptStore",
    "RunCounts",
    "StoreError",
    "_insert",
    "_rollback",
    "article_batches",
    "article_speakers",
    "article_texts",
    "backfill_article_speakers",
    "band_matches",
    "check_integrity",
    "drop_orphans",
    "ensure_search_index",
    "export_parquet",
    "facts_fresh",
    "facts_signature",
    "finish_run",
    "info",
    "known_hashes",
    "mark_interrupted",
    "pending_stories",
    "query",
    "query_to_parquet",
    "reader",
    "rebuild_search_index",
    "record_errors",
    "refresh_facts",
    "register_functions",
    "replace_discovered_topics",
    "search_terms",
    "session",
    "speaker_key",
    "start_run",
    "statement_id",
    "stored_speaker_rules",
    "tables",
    "unlink_stories",
    "with_facts",
    "write_batch",
    "write_speakers",
    "write_stories",
    "writer",
]
