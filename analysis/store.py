"""The DuckDB store: schema, migrations, batch writes, and short-lived connections.

The only module that imports DuckDB.

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

import contextlib
import datetime as dt
import json
import os
import re
import socket
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import polars as pl
import pyarrow as pa

from analysis import series, settings
from analysis.records import DEFAULT_KINDS, Article, Extraction, Figure, InputError, Statement

try:
    import fcntl  # POSIX: the writers' turnstile (see _turnstile)
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from analysis.aliases import Rules
    from analysis.identity import Resolution

SCHEMA_VERSION = 5
DUCKDB_VERSION = duckdb.__version__
Connection = duckdb.DuckDBPyConnection  # for modules that drive a connection they were given

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    """CREATE SEQUENCE IF NOT EXISTS run_seq START 1""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id INTEGER PRIMARY KEY DEFAULT nextval('run_seq'),
        command VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL DEFAULT 'running',
        extractor_version VARCHAR NOT NULL,
        spacy_model VARCHAR,
        settings JSON,
        inputs JSON,
        articles_new INTEGER DEFAULT 0,
        articles_updated INTEGER DEFAULT 0,
        articles_unchanged INTEGER DEFAULT 0,
        statements INTEGER DEFAULT 0,
        figures INTEGER DEFAULT 0,
        errors INTEGER DEFAULT 0,
        skipped JSON
    )""",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        outlet VARCHAR,
        published DATE,
        url VARCHAR,
        category VARCHAR,
        meta JSON,
        word_count INTEGER NOT NULL,
        source VARCHAR,
        source_line INTEGER,
        -- no FK: DuckDB turns an UPDATE of a foreign-key column into delete + insert,
        -- which fails while the article's rows are being replaced
        run_id INTEGER,
        extractor_version VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS speakers (
        speaker_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_aliases (
        speaker_id VARCHAR NOT NULL REFERENCES speakers (speaker_id),
        alias VARCHAR NOT NULL,
        PRIMARY KEY (speaker_id, alias)
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_roles (
        speaker_id VARCHAR NOT NULL REFERENCES speakers (speaker_id),
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        role VARCHAR NOT NULL,
        PRIMARY KEY (speaker_id, article_id, role)
    )""",
    """CREATE TABLE IF NOT EXISTS statements (
        statement_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        ordinal INTEGER NOT NULL,
        section VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        fragments JSON,
        text VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        cue VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_mention VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_id VARCHAR REFERENCES speakers (speaker_id),
        speaker_name VARCHAR,
        speaker_role VARCHAR,
        speaker_how VARCHAR,  -- the rule or model that found the name (schema 4)
        speaker_confidence DOUBLE,  -- the model's probability, where a model chose
        antecedent_start INTEGER,  -- the earlier mention the name came through
        antecedent_end INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS figures (
        figure_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        ordinal INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        surface VARCHAR NOT NULL,
        value DOUBLE,
        unit VARCHAR,
        type VARCHAR NOT NULL,
        approx BOOLEAN NOT NULL,
        counts VARCHAR,
        counts_start INTEGER,
        counts_end INTEGER,
        -- no FK: DuckDB cannot delete a referenced row and its referrers in one transaction
        statement_id VARCHAR,
        speaker_id VARCHAR REFERENCES speakers (speaker_id),
        speaker_name VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS topics (
        topic VARCHAR PRIMARY KEY,
        label VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS article_topics (
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        topic VARCHAR NOT NULL REFERENCES topics (topic),
        score DOUBLE NOT NULL,
        PRIMARY KEY (article_id, topic)
    )""",
    """CREATE TABLE IF NOT EXISTS statement_topics (
        statement_id VARCHAR NOT NULL,  -- no FK, as in figures
        topic VARCHAR NOT NULL REFERENCES topics (topic),
        score DOUBLE NOT NULL,
        PRIMARY KEY (statement_id, topic)
    )""",
    """CREATE SEQUENCE IF NOT EXISTS error_seq START 1""",
    """CREATE TABLE IF NOT EXISTS ingest_errors (
        error_id INTEGER PRIMARY KEY DEFAULT nextval('error_seq'),
        run_id INTEGER REFERENCES runs (run_id),
        source VARCHAR NOT NULL,
        line INTEGER,
        reason VARCHAR NOT NULL,
        detail VARCHAR,
        recorded_at TIMESTAMP NOT NULL
    )""",
    # --- schema 2: near-duplicate articles (analysis/dedup.py) and discovered topics
    # (analysis/topic_model.py). Separate tables, not columns on `articles`: DuckDB cannot
    # ALTER a table other tables reference, and these rows are rewritten on their own.
    """CREATE TABLE IF NOT EXISTS article_stories (
        article_id VARCHAR PRIMARY KEY,  -- no FK, as in figures
        story_id VARCHAR NOT NULL,  -- the story's first copy ingested (the article itself if none)
        duplicate_of VARCHAR,  -- the earlier copy it matched best; NULL for a story's first copy
        similarity DOUBLE,  -- Jaccard similarity of word 5-shingles with duplicate_of
        shingles INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS story_bands (
        -- MinHash LSH: one row per band of an article's signature
        band SMALLINT NOT NULL,
        bucket BIGINT NOT NULL,
        article_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS discovered_topics (
        topic VARCHAR PRIMARY KEY,
        label VARCHAR NOT NULL,  -- its top terms
        terms JSON NOT NULL,  -- [[term, weight], ...], heaviest first
        method VARCHAR NOT NULL,
        articles INTEGER NOT NULL,  -- articles whose leading topic it is
        created_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS article_discovered_topics (
        article_id VARCHAR NOT NULL,  -- no FK, as in figures
        topic VARCHAR NOT NULL,
        score DOUBLE NOT NULL,  -- the topic's share of the article's topic weight
        PRIMARY KEY (article_id, topic)
    )""",
    """CREATE INDEX IF NOT EXISTS statements_article ON statements (article_id)""",
    """CREATE INDEX IF NOT EXISTS figures_article ON figures (article_id)""",
    # --- schema 3: speakers across the corpus (analysis/identity.py, analysis/aliases.py).
    # The speakers of each article as extraction resolved them; `speakers`, `speaker_aliases`,
    # `speaker_roles` and the speaker columns of statements and figures are derived from these
    # rows and the hand rules, so hand rules survive re-ingest and re-extraction.
    """CREATE TABLE IF NOT EXISTS article_speakers (
        article_id VARCHAR NOT NULL,  -- no FK, as in figures
        name VARCHAR NOT NULL,  -- as resolved within the article
        kind VARCHAR NOT NULL,
        aliases VARCHAR[] NOT NULL,  -- the forms seen in the article
        roles VARCHAR[] NOT NULL,  -- the titles and roles seen with them there
        statements INTEGER[] NOT NULL,  -- ordinals of their statements in the article
        speaker_id VARCHAR,  -- the corpus speaker they were placed in
        how VARCHAR,  -- the rule that placed them: name, cleaned, initials, surname, ...
        note VARCHAR,  -- the hand rule's line, or the candidates of an ambiguous name
        evidence VARCHAR[],  -- the text's evidence of gender: "honorific Mrs.", "pronoun she"
        PRIMARY KEY (article_id, name)
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_rules (
        -- the hand rules last applied (a reporter's speaker rules file), re-applied after
        -- every ingest and re-extraction unless QUOTEDESK_ALIASES names a file
        rule_no INTEGER PRIMARY KEY,
        action VARCHAR NOT NULL,  -- merge, split, keep_apart, rename
        file VARCHAR NOT NULL,
        line INTEGER NOT NULL,
        rule JSON NOT NULL,
        description VARCHAR NOT NULL,
        speaker_id VARCHAR,  -- the one speaker it made or renamed, if one
        speaker_ids VARCHAR[] NOT NULL,  -- every speaker it touched
        matched INTEGER NOT NULL,  -- article speakers it applied to at the last apply
        applied_at TIMESTAMP NOT NULL
    )""",
    # --- schema 5: reporters' corrections (analysis/corrections.py). `corrections` is the
    # audit trail, only ever appended to; the other two are derived from it and the current
    # statements and figures each time the corrections are applied again.
    """CREATE SEQUENCE IF NOT EXISTS correction_seq START 1""",
    """CREATE TABLE IF NOT EXISTS corrections (
        uid VARCHAR PRIMARY KEY,  -- stable across export and import
        seq INTEGER NOT NULL DEFAULT nextval('correction_seq'),  -- order of arrival here
        target VARCHAR NOT NULL,  -- statement, figure
        article_id VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,  -- the target's offsets when it was corrected
        end_char INTEGER NOT NULL,
        target_text VARCHAR NOT NULL,  -- its text (a figure's surface) then
        action VARCHAR NOT NULL,
        old_value VARCHAR,  -- the value shown before
        new_value VARCHAR,
        who VARCHAR NOT NULL,
        made_at TIMESTAMP NOT NULL,
        note VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS correction_state (
        uid VARCHAR PRIMARY KEY,  -- no FK, as in figures
        status VARCHAR NOT NULL,  -- applied, superseded, orphaned
        target_id VARCHAR,  -- the statement or figure it applies to now
        checked_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS corrected_rows (
        target_id VARCHAR PRIMARY KEY,
        target VARCHAR NOT NULL,
        corrected BOOLEAN NOT NULL,  -- a correction other than verify applies to it
        verified BOOLEAN NOT NULL
    )""",
)

# version → statements that migrate a store from that version to the next.
# 1 → 2 only adds tables (and any index added to SCHEMA since). Every SCHEMA statement is
# CREATE ... IF NOT EXISTS, so replaying SCHEMA adds what is new and leaves every existing
# table and row alone. A v1 store's articles are linked to their stories afterwards, by the
# next ingest or `quotedesk migrate` (analysis.dedup.link_pending); until then each counts as
# its own story.
# 2 → 3 likewise only adds tables (speaker overrides and whatever else SCHEMA gained since):
# replaying SCHEMA is the whole migration, so a helper adding a table appends a CREATE ... IF NOT
# EXISTS statement to SCHEMA and both paths (v1 → v2 → v3, v2 → v3) pick it up.
# 3 → 4 adds columns: how each statement's speaker was resolved (issue 15) and the text's
# evidence of each article speaker's gender. Rows written before keep NULL there until they
# are re-extracted (`quotedesk reextract`). DuckDB adds a column to these tables in place:
# nothing references them.
SCHEMA_4 = (
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_how VARCHAR",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_confidence DOUBLE",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS antecedent_start INTEGER",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS antecedent_end INTEGER",
    "ALTER TABLE article_speakers ADD COLUMN IF NOT EXISTS evidence VARCHAR[]",
)
# 4 → 5 only adds tables (the corrections): replaying SCHEMA again.
MIGRATIONS: dict[int, tuple[str, ...]] = {1: SCHEMA, 2: SCHEMA, 3: SCHEMA_4, 4: SCHEMA}

_CHILD_TABLES = (
    "statement_topics",
    "figures",
    "statements",
    "article_topics",
    "speaker_roles",
    "article_speakers",
    "article_discovered_topics",
)
# Rows that depend on the text alone, not on the extractor: re-extraction keeps them.
_TEXT_TABLES = ("article_discovered_topics",)


def _many(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    if rows:  # DuckDB refuses executemany with no rows
        con.executemany(sql, rows)


def statement_id(article_id: str, ordinal: int) -> str:
    """The id of an article's ``ordinal``-th statement."""
    return f"{article_id}:s{ordinal}"


STATEMENT_ID_SQL = "{article_id} || ':s' || {ordinal}"  # statement_id() in SQL


class StoreError(RuntimeError):
    """A store that cannot be opened or used, with a message a person can act on."""


class CorruptStore(StoreError):
    """The store's file is damaged: blocks on disk no longer match their checksums."""


CORRUPT_ADVICE = (
    "restore it from a backup, or rebuild it by ingesting the articles again into a new file; "
    "nothing was written to it"
)

# DuckDB's single-file layout (storage v1.0.0+, as DuckDB 1.5 writes it): three 4 KiB headers,
# then blocks of ``block_size`` bytes, each starting with a 64-bit checksum of the rest of the
# block (duckdb/src/common/checksum.cpp: 5381 XOR each 64-bit word times 0xbf58476d1ce4e5b9).
_FILE_HEADERS = 3 * 4096
_CHECKSUM_PRIME = 0xBF58476D1CE4E5B9


def check_integrity(path: str | Path) -> None:
    """Refuse a damaged store before anything writes to it.

    DuckDB checks a block's checksum when it reads the block, so a damaged block is found
    only by the query that reaches it, and a damaged metadata block can crash the process
    (seen with DuckDB 1.5: a segmentation fault on a scan). This reads every block the
    tables and their metadata use straight from the file and checks its checksum, without
    DuckDB reading the blocks: ~40 ms on the 22 MB sample, about a second per GB.
    Index blocks are not listed by DuckDB and are not checked here; DuckDB checks them when
    it loads them. Raises :class:`CorruptStore` naming the damaged table.
    """
    path = Path(path)
    if not path.is_file():
        return
    deadline = time.monotonic() + settings.get_float("lock_timeout")
    with _turnstile(path, deadline, write=False):
        con = _connect(path, read_only=True, deadline=deadline)  # CorruptStore if it cannot
    try:
        block_size = int(con.sql("SELECT block_size FROM pragma_database_size()").fetchone()[0])  # type: ignore[index]
        meta_blocks = {int(b): "metadata" for (b,) in con.sql(
            "SELECT block_id FROM pragma_metadata_info()").fetchall()}  # fmt: skip
        bad = _bad_blocks(path, meta_blocks, block_size)
        if not bad:
            bad = _bad_blocks(path, _table_blocks(con), block_size)
    except duckdb.Error as exc:
        raise CorruptStore(f"{path} is damaged ({_short_error(exc)}); {CORRUPT_ADVICE}") from None
    finally:
        con.close()
    if bad:
        where = ", ".join(sorted(set(bad.values()))[:3])
        raise CorruptStore(
            f"{path} is damaged: {len(bad)} block(s) fail their checksum ({where}); "
            + CORRUPT_ADVICE
        )


def _table_blocks(con: duckdb.DuckDBPyConnection) -> dict[int, str]:
    blocks: dict[int, str] = {}
    tables = con.sql(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT temporary"
    ).fetchall()
    for schema, table in tables:
        name = f"{schema}.{table}" if schema != "main" else table
        rows = con.execute(
            "SELECT block_id, additional_block_ids FROM pragma_storage_info(?) WHERE persistent",
            [f'"{schema}"."{table}"'],
        ).fetchall()
        for block, extra in rows:
            for b in (block, *(extra or ())):
                if b is not None and b >= 0:
                    blocks.setdefault(int(b), name)
    return blocks


def _bad_blocks(path: Path, blocks: dict[int, str], block_size: int) -> dict[int, str]:
    """The blocks of ``blocks`` whose stored checksum does not match their bytes."""
    import numpy as np  # only the check needs it

    bad: dict[int, str] = {}
    with path.open("rb") as f:
        for block in sorted(blocks):
            f.seek(_FILE_HEADERS + block * block_size)
            data = f.read(block_size)
            if len(data) < block_size:
                bad[block] = blocks[block]
                continue
            stored = int.from_bytes(data[:8], "little")
            words = np.frombuffer(data, dtype="<u8", offset=8)
            with np.errstate(over="ignore"):
                mixed = words * np.uint64(_CHECKSUM_PRIME)
            folded = np.bitwise_xor.reduce(mixed, axis=0)  # type: ignore[call-overload]
            if int(folded) ^ 5381 != stored:
                bad[block] = blocks[block]
    return bad


def _short_error(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160]


# ---------------------------------------------------------------------- connections
def _connect(path: Path, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:  # the file lock is held by another process
            if "Corrupt database file" in str(exc):
                detail = str(exc).splitlines()[0][:160]
                raise CorruptStore(f"{path} is damaged ({detail}); {CORRUPT_ADVICE}") from None
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise StoreError(f"cannot open {path}: {exc}") from exc
            time.sleep(delay)
            # Short waits: a writer holds the turnstile, so the readers it waits for are
            # finishing one query each, and no new one starts.
            delay = min(delay * 2, 0.1)


# The turnstile: DuckDB's own file lock lets a process in whenever the file is free, so a
# busy dashboard (a reader opening the file for every query) could keep a writer out for
# minutes (measured: ingest 2.5x slower under a polling reader). A writer therefore holds an
# exclusive flock on ``<db>.lock`` from before it opens the database until it has closed it;
# a reader passes through that lock (shared, released at once) before it opens the database.
# New readers wait for the batch being written, the writer waits only for the queries already
# running. The kernel drops the lock when a process dies, so a killed ingest leaves nothing
# stale. Readers never create the lock file (a read-only folder still works, unordered).
_TURNSTILES_HELD: set[Path] = set()  # lock files this process holds as a writer


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _flock(fd: int, mode: int, path: Path, deadline: float) -> None:
    delay = 0.002
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise StoreError(f"cannot open {path}: another process writes to it") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


@contextmanager
def _turnstile(path: Path, deadline: float, write: bool) -> Iterator[None]:
    """As a writer, hold the turnstile for the block; as a reader, wait until it is free."""
    lock = _lock_path(path.resolve())
    if fcntl is None or lock in _TURNSTILES_HELD:  # Windows, or this process is the writer
        yield
        return
    try:
        flags = os.O_RDWR | os.O_CREAT if write else os.O_RDONLY
        fd = os.open(lock, flags, 0o644)
    except OSError:  # no writer has been here yet, or a read-only folder
        yield
        return
    try:
        _flock(fd, fcntl.LOCK_EX if write else fcntl.LOCK_SH, path, deadline)
        if not write:
            os.close(fd)  # through the turnstile: do not hold it while reading
            fd = -1
        else:
            _TURNSTILES_HELD.add(lock)
        yield
    finally:
        if fd >= 0:
            _TURNSTILES_HELD.discard(lock)
            os.close(fd)  # releases the lock


@contextmanager
def reader(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection; waits while a writer holds the file."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"no quotedesk database at {path} (run `quotedesk ingest` first)")
    held = _SESSION.get()  # inside session(): one connection for every query of the block
    if held is not None and str(path.resolve()) in held:
        yield held[str(path.resolve())]
        return
    deadline = time.monotonic() + settings.get_float("lock_timeout")
    with _turnstile(path, deadline, write=False):
        con = _connect(path, read_only=True, deadline=deadline)
    try:
        _check_version(con, path)
    except BaseException:
        con.close()
        raise
    if held is not None:  # session() closes it
        held[str(path.resolve())] = con
        yield con
        return
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writer(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write connection on a store created or migrated to the current schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + settings.get_float("lock_timeout")
    with _turnstile(path, deadline, write=True):
        con = _connect(path, read_only=False, deadline=deadline)
        try:
            _ensure_schema(con, path)
            yield con
        finally:
            con.close()


_FTS_CALLS = re.compile(r"match_bm25|\.tokenize\(|\bstem\(")


def query(
    path: str | Path, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
) -> pl.DataFrame:
    """Run one read-only query with bound parameters and return a Polars frame."""
    with reader(path) as con:
        if _FTS_CALLS.search(sql):  # loading the extension costs ~50-80 ms: only if used
            _load_fts(con)
        if SERIES_KEY_FUNCTION in sql:  # stale facts computed on the fly
            register_functions(con)
        try:
            return con.sql(sql, params=params).pl() if params else con.sql(sql).pl()
        except duckdb.IOException as exc:
            if "Corrupt database file" in str(exc):
                detail = str(exc).splitlines()[0][:160]
                raise CorruptStore(f"{path} is damaged ({detail}); {CORRUPT_ADVICE}") from None
            raise
        except duckdb.CatalogException as exc:
            if "fts_main_statements" in str(exc):
                raise StoreError(
                    f"{path} has no search index yet; run `quotedesk ingest` again to build it"
                ) from exc
            raise


# -------------------------------------------------------------------- schema, versions
def _meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The store's meta table ({} for a file without one). Read directly: asking the
    catalog first cost ~4 ms more on every read-only open, and every dashboard query opens."""
    try:
        return dict(con.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.CatalogException:
        return {}


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    meta = _meta(con)
    if not meta:
        raise StoreError(f"{path} is not a quotedesk database (no meta table)")
    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this quotedesk ({SCHEMA_VERSION}); "
            "upgrade quotedesk"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}; run `quotedesk migrate --db {path}` "
            f"to bring it to {SCHEMA_VERSION}"
        )


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    meta = _meta(con)
    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        _check_version(con, path)
    if not meta:
        tables = con.sql("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            raise StoreError(f"{path} is a DuckDB file but not a quotedesk database")
        con.execute("BEGIN")
        for stmt in SCHEMA:
            con.execute(stmt)
        _write_meta(con, SCHEMA_VERSION, created=True)
        con.execute("COMMIT")
        return
    while version < SCHEMA_VERSION:
        con.execute("BEGIN")
        for stmt in MIGRATIONS[version]:
            con.execute(stmt)
        version += 1
        _write_meta(con, version, created=False)
        con.execute("COMMIT")


def _write_meta(con: duckdb.DuckDBPyConnection, version: int, created: bool) -> None:
    storage = con.sql("SELECT tags FROM duckdb_databases() WHERE NOT internal LIMIT 1").fetchone()
    storage_version = (storage[0] or {}).get("storage_version", "") if storage else ""
    rows = {
        "schema_version": str(version),
        "duckdb_version": DUCKDB_VERSION,
        "storage_version": storage_version,
        "updated_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    if created:
        rows["created_at"] = rows["updated_at"]
    for key, value in rows.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def info(path: str | Path) -> dict[str, str]:
    """The store's meta table: schema, DuckDB and storage versions, dates."""
    with reader(path) as con:
        return _meta(con)


def _load_fts(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("LOAD fts")
    except duckdb.Error:
        from duckdb_extensions import import_extension  # installs from the local wheel

        import_extension("fts", con=con)
        con.execute("LOAD fts")


# -------------------------------------------------------------------------------- runs
def start_run(
    con: duckdb.DuckDBPyConnection,
    command: str,
    extractor_version: str,
    model: str,
    inputs: list[str],
) -> int:
    mark_interrupted(con)
    conf: dict[str, Any] = {s.name: settings.get(s.name) for s in settings.SETTINGS}
    conf["process"] = {"pid": os.getpid(), "host": socket.gethostname()}  # see mark_interrupted
    row = con.execute(
        """INSERT INTO runs (command, started_at, extractor_version, spacy_model, settings, inputs)
           VALUES (?, now(), ?, ?, ?, ?) RETURNING run_id""",
        [command, extractor_version, model, json.dumps(conf), json.dumps(inputs)],
    ).fetchone()
    assert row is not None
    return int(row[0])


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Mark runs left 'running' by a process that is gone (killed, crashed, power cut) as
    'interrupted', with the counts of what they did store. Returns their run ids.

    A run's process is known by the pid and host its ``settings`` record. A run started on
    another host, or whose pid is alive, stays 'running': it may still be writing between
    batches. ``finished_at`` stays NULL, since when it died is not known.
    """
    rows = con.sql(
        """SELECT run_id, json_extract(settings, '$.process.pid')::INTEGER,
                  json_extract_string(settings, '$.process.host')
           FROM runs WHERE status = 'running'"""
    ).fetchall()
    host = socket.gethostname()
    gone = [r for r, pid, on in rows if on == host and pid is not None and not _alive(pid)]
    for run_id in gone:
        con.execute(
            """UPDATE runs SET status = 'interrupted',
                 articles_new = (SELECT count(*) FROM articles WHERE run_id = $run),
                 statements = (SELECT count(*) FROM statements s JOIN articles a
                               USING (article_id) WHERE a.run_id = $run),
                 figures = (SELECT count(*) FROM figures f JOIN articles a
                            USING (article_id) WHERE a.run_id = $run),
                 errors = (SELECT count(*) FROM ingest_errors WHERE run_id = $run)
               WHERE run_id = $run""",
            {"run": run_id},
        )
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


@dataclass(slots=True)
class RunCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    statements: int = 0
    figures: int = 0
    errors: int = 0


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    counts: RunCounts,
    skipped: dict[str, int],
    status: str,
) -> None:
    con.execute(
        """UPDATE runs SET finished_at = now(), status = ?, articles_new = ?, articles_updated = ?,
           articles_unchanged = ?, statements = ?, figures = ?, errors = ?, skipped = ?
           WHERE run_id = ?""",
        [
            status,
            counts.new,
            counts.updated,
            counts.unchanged,
            counts.statements,
            counts.figures,
            counts.errors,
            json.dumps(skipped),
            run_id,
        ],
    )


def record_errors(
    con: duckdb.DuckDBPyConnection, run_id: int, errors: Sequence[InputError]
) -> None:
    if errors:
        _many(
            con,
            """INSERT INTO ingest_errors (run_id, source, line, reason, detail, recorded_at)
               VALUES (?, ?, ?, ?, ?, now())""",
            [[run_id, e.source, e.line, e.reason, e.detail[:2000]] for e in errors],
        )


# ---------------------------------------------------------------------------- articles
def known_hashes(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """Stored content hash of each of ``ids`` that is already in the store."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, content_hash FROM articles WHERE article_id IN (SELECT unnest(?))",
        [list(ids)],
    ).fetchall()
    return dict(rows)


# Letters NFKD does not take apart: without these "Jarosław" would key as "jarosaw".
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip


def speaker_key(name: str) -> str:
    """A stable id for a speaker name: accents, case, dots, apostrophes and spacing do not
    matter ("O'Malley" and "O’Malley" are both ``omalley``)."""
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    folded = re.sub(r"['\u2019`]", "", folded.encode("ascii", "ignore").decode())
    folded = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return folded or "unknown"


def write_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    items: Sequence[tuple[Article, str, Extraction]],
    extractor_version: str,
    reextract: bool = False,
) -> tuple[int, int, int]:
    """Store a batch of (article, content hash, extraction) in one transaction.

    A changed article replaces its old version and every row extracted from it. Rows go in
    as one Arrow table per table and batch (row-by-row inserts are ~50x slower in DuckDB).
    ``reextract``: the text is unchanged, so its story links, discovered topics and
    ``ingested_at`` are kept. An article stored with the same content hash since the caller
    looked (another ingest of the same file got there first) is left as it is. Returns
    (new, updated, unchanged) article counts.
    """
    con.execute("BEGIN")
    try:
        existing = known_hashes(con, [a.id for a, _, _ in items])
        if not reextract:
            same = {a.id for a, chash, _ in items if existing.get(a.id) == chash}
            items = [item for item in items if item[0].id not in same]
            existing = {k: v for k, v in existing.items() if k not in same}
        rows = _BatchRows()
        for article, chash, extraction in items:
            rows.add(run_id, article, chash, extraction, extractor_version)
        _ensure_topics(con)
        if existing:
            _delete_children(con, list(existing), keep=_TEXT_TABLES if reextract else ())
            if not reextract:
                unlink_stories(con, list(existing))
        updated = [r for r in rows.articles if r["article_id"] in existing]
        if reextract:
            updated = [{k: v for k, v in r.items() if k != "ingested_at"} for r in updated]
        fresh = [r for r in rows.articles if r["article_id"] not in existing]
        _update_articles(con, updated)
        _insert(con, "articles", fresh)
        _insert(con, "speakers", list(rows.speakers.values()), ignore=True)
        _insert(con, "speaker_aliases", _dicts(("speaker_id", "alias"), rows.aliases), ignore=True)
        _insert(con, "speaker_roles", _dicts(("speaker_id", "article_id", "role"), rows.roles))
        _insert(con, "statements", rows.statements)
        _insert(con, "figures", rows.figures)
        _insert(con, "article_topics", rows.article_topics)
        _insert(con, "statement_topics", rows.statement_topics)
        _insert_article_speakers(con, rows.article_speakers)
        con.execute("COMMIT")
    except BaseException:
        _rollback(con)
        raise
    unchanged = 0 if reextract else len(same)
    return len(fresh), len(updated), unchanged


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the error that made us: a failed write may have ended the
    transaction already (DuckDB invalidates it on some errors) or left the disk full."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _dicts(keys: tuple[str, ...], values: Iterable[tuple[str, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(keys, v, strict=True)) for v in sorted(values)]


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], ignore: bool = False
) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist(rows)
    cols = ", ".join(data.column_names)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    con.register("_batch", data)
    try:
        con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch")
    finally:
        con.unregister("_batch")


def _delete_children(
    con: duckdb.DuckDBPyConnection, article_ids: list[str], keep: Sequence[str] = ()
) -> None:
    con.execute(
        """DELETE FROM statement_topics WHERE statement_id IN
           (SELECT statement_id FROM statements WHERE list_contains(?, article_id))""",
        [article_ids],
    )
    for table in _CHILD_TABLES[1:]:
        if table not in keep:
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)", [article_ids])


def _update_articles(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    # UPDATE, not DELETE + INSERT: DuckDB refuses to delete a row still referenced by a
    # foreign key earlier in the same transaction.
    if not rows:
        return
    data = pa.Table.from_pylist(rows)
    sets = ", ".join(f"{c} = b.{c}" for c in data.column_names if c != "article_id")
    con.register("_batch", data)
    try:
        con.execute(
            f"UPDATE articles SET {sets} FROM _batch b WHERE articles.article_id = b.article_id"
        )
    finally:
        con.unregister("_batch")


def _ensure_topics(con: duckdb.DuckDBPyConnection) -> None:
    from analysis.extract.topics import load_taxonomy  # data only; spaCy is not imported

    labels = load_taxonomy().labels
    _many(con, "INSERT OR IGNORE INTO topics VALUES (?, ?)", [[k, v] for k, v in labels.items()])


class _BatchRows:
    """Rows for every table, gathered from a batch of extractions."""

    def __init__(self) -> None:
        self.articles: list[dict[str, Any]] = []
        self.speakers: dict[str, dict[str, Any]] = {}
        self.aliases: set[tuple[str, str]] = set()
        self.roles: set[tuple[str, str, str]] = set()
        self.statements: list[dict[str, Any]] = []
        self.figures: list[dict[str, Any]] = []
        self.article_topics: list[dict[str, Any]] = []
        self.statement_topics: list[dict[str, Any]] = []
        self.article_speakers: list[dict[str, Any]] = []

    def add(self, run_id: int, a: Article, chash: str, ex: Extraction, version: str) -> None:
        self.articles.append(_article_row(run_id, a, chash, version))
        ids = self._speakers(a, ex)
        self.article_speakers += _article_speaker_rows(a.id, ex)
        # a statement's id is its article's and its ordinal: a search page builds the ids of
        # its matches from the facts' integers that way (queries._search)
        st_ids = [statement_id(a.id, i) for i in range(len(ex.statements))]
        self.statements += [
            _statement_row(a.id, i, st_ids[i], s, ids.get(s.speaker or ""))
            for i, s in enumerate(ex.statements)
        ]
        self.figures += [
            _figure_row(a.id, i, f, st_ids, ids.get(f.speaker or ""))
            for i, f in enumerate(ex.figures)
        ]
        self.article_topics += [
            {"article_id": a.id, "topic": t.topic, "score": t.score} for t in ex.topics
        ]
        seen: set[tuple[str, str]] = set()
        for i, topics in enumerate(ex.statement_topics):
            for t in topics:
                if (st_ids[i], t.topic) not in seen:
                    seen.add((st_ids[i], t.topic))
                    self.statement_topics.append(
                        {"statement_id": st_ids[i], "topic": t.topic, "score": t.score}
                    )

    def _speakers(self, a: Article, ex: Extraction) -> dict[str, str]:
        kinds = {p.name: p.kind for p in ex.people}
        ids = {n: speaker_key(n) for n in {s.speaker for s in ex.statements if s.speaker}}
        for name, sid in ids.items():
            self.speakers.setdefault(
                sid, {"speaker_id": sid, "name": name, "kind": kinds.get(name, "other")}
            )
            self.aliases.add((sid, name))
        for p in ex.people:
            if p.name in ids:
                self.aliases.update((ids[p.name], alias) for alias in p.aliases)
                self.roles.update((ids[p.name], a.id, r) for r in p.roles)
        for s in ex.statements:
            if s.speaker and s.speaker_mention and _is_name_like(s.speaker_mention):
                self.aliases.add((ids[s.speaker], s.speaker_mention))
            if s.speaker and s.speaker_role:
                self.roles.add((ids[s.speaker], a.id, s.speaker_role))
        return ids


def _article_speaker_rows(article_id: str, ex: Extraction) -> list[dict[str, Any]]:
    """One ``article_speakers`` row per speaker of the article's statements."""
    people = {p.name: p for p in ex.people}
    rows: dict[str, dict[str, Any]] = {}
    for i, s in enumerate(ex.statements):
        if not s.speaker:
            continue
        p = people.get(s.speaker)
        row = rows.setdefault(
            s.speaker,
            {
                "article_id": article_id,
                "name": s.speaker,
                "kind": p.kind if p else (s.speaker_type or "other"),
                "aliases": list(p.aliases) if p else [],
                "roles": list(p.roles) if p else [],
                "evidence": list(p.evidence) if p else [],
                "statements": [],
            },
        )
        row["statements"].append(i)
        mention = s.speaker_mention
        if mention and _is_name_like(mention) and mention not in row["aliases"]:
            row["aliases"].append(mention)
        if s.speaker_role and s.speaker_role not in row["roles"]:
            row["roles"].append(s.speaker_role)
    return list(rows.values())


_ARTICLE_SPEAKERS = pa.schema(
    [
        ("article_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("roles", pa.list_(pa.string())),
        ("evidence", pa.list_(pa.string())),
        ("statements", pa.list_(pa.int32())),
    ]
)


_SPEAKER_RULES = pa.schema(
    [
        ("rule_no", pa.int32()),
        ("action", pa.string()),
        ("file", pa.string()),
        ("line", pa.int32()),
        ("rule", pa.string()),
        ("description", pa.string()),
        ("speaker_id", pa.string()),
        ("speaker_ids", pa.list_(pa.string())),
        ("matched", pa.int32()),
        ("applied_at", pa.timestamp("us")),
    ]
)


def _insert_article_speakers(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    _insert_typed(con, "article_speakers", rows, _ARTICLE_SPEAKERS)


def _insert_typed(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], schema: pa.Schema
) -> None:
    # an explicit schema: an all-empty list column would otherwise arrive typed as null
    if rows:
        con.register("_typed_batch", pa.Table.from_pylist(rows, schema=schema))
        try:
            cols = ", ".join(schema.names)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _typed_batch")
        finally:
            con.unregister("_typed_batch")


def _is_name_like(mention: str) -> bool:
    """ "President Marrow", "the Norlandic leader" are aliases; "he", "the minister" are not."""
    words = [w for w in mention.split() if w.lower() not in ("the", "a", "an", "his", "her")]
    return (
        bool(words)
        and any(w[:1].isupper() for w in words)
        and words[0].lower() not in ("he", "she", "they", "we", "i", "it")
    )


def _article_row(run_id: int, a: Article, chash: str, version: str) -> dict[str, Any]:
    return {
        "article_id": a.id,
        "content_hash": chash,
        "title": a.title,
        "text": a.text,
        "outlet": a.outlet,
        "published": a.published,
        "url": a.url,
        "category": a.category,
        "meta": json.dumps(a.meta, default=str),
        "word_count": len(a.text.split()),
        "source": a.source,
        "source_line": a.line,
        "run_id": run_id,
        "extractor_version": version,
        "ingested_at": dt.datetime.now(),
    }


def _statement_row(
    article_id: str, i: int, sid: str, s: Statement, speaker_id: str | None
) -> dict[str, Any]:
    return {
        "statement_id": sid,
        "article_id": article_id,
        "ordinal": i,
        "section": s.section,
        "start_char": s.start,
        "end_char": s.end,
        "fragments": json.dumps(s.fragments) if s.fragments else None,
        "text": s.text,
        "kind": s.kind,
        "cue": s.cue,
        "cue_start": s.cue_start,
        "cue_end": s.cue_end,
        "speaker_mention": s.speaker_mention,
        "speaker_start": s.speaker_start,
        "speaker_end": s.speaker_end,
        "speaker_id": speaker_id,
        "speaker_name": s.speaker,
        "speaker_role": s.speaker_role,
        "speaker_how": s.speaker_how,
        "speaker_confidence": s.speaker_confidence,
        "antecedent_start": s.antecedent_start,
        "antecedent_end": s.antecedent_end,
    }


def _figure_row(
    article_id: str, i: int, f: Figure, st_ids: list[str], speaker_id: str | None
) -> dict[str, Any]:
    return {
        "figure_id": f"{article_id}:f{i}",
        "article_id": article_id,
        "ordinal": i,
        "start_char": f.start,
        "end_char": f.end,
        "surface": f.surface,
        "value": f.value,
        "unit": f.unit,
        "type": f.type,
        "approx": f.approx,
        "counts": f.counts,
        "counts_start": f.counts_start,
        "counts_end": f.counts_end,
        "statement_id": st_ids[f.statement_index] if f.statement_index is not None else None,
        "speaker_id": speaker_id,
        "speaker_name": f.speaker,
    }


# ------------------------------------------------------------------- after an ingest run
# Speakers across the corpus: the logic lives in analysis/identity.py (rules in
# analysis/aliases.py); these are its reads and writes.
def backfill_article_speakers(con: duckdb.DuckDBPyConnection) -> int:
    """Article speakers for articles stored before schema 3 (or written by hand), from their
    statements: the name they carry, its kind, the mentions and roles seen. Returns rows."""
    con.execute("BEGIN")
    try:
        row = con.execute(
            """INSERT INTO article_speakers (article_id, name, kind, aliases, roles, statements)
               SELECT s.article_id, s.speaker_name, coalesce(any_value(sp.kind), 'other'),
                      coalesce(list(DISTINCT s.speaker_mention)
                               FILTER (WHERE s.speaker_mention IS NOT NULL), []),
                      coalesce(list(DISTINCT r.role) FILTER (WHERE r.role IS NOT NULL), [])
                        || coalesce(list(DISTINCT s.speaker_role)
                                    FILTER (WHERE s.speaker_role IS NOT NULL), []),
                      list(DISTINCT s.ordinal ORDER BY s.ordinal)
               FROM statements s LEFT JOIN speakers sp USING (speaker_id)
               LEFT JOIN speaker_roles r ON r.speaker_id = s.speaker_id
                                        AND r.article_id = s.article_id
               WHERE s.speaker_name IS NOT NULL AND s.article_id NOT IN
                     (SELECT article_id FROM article_speakers)
               GROUP BY s.article_id, s.speaker_name"""
        ).fetchone()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(row[0]) if row else 0


def article_speakers(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every article speaker with its article's outlet, as ``identity.ArticleSpeaker`` fields."""
    table = con.sql(
        """SELECT s.article_id, a.outlet, s.name, s.kind, s.aliases, s.roles,
                  len(s.statements)::INTEGER AS statements
           FROM article_speakers s LEFT JOIN articles a USING (article_id)
           ORDER BY s.article_id, s.name"""
    ).to_arrow_table()  # ~2x faster than fetchall() for rows holding lists
    return list(table.to_pylist())


def stored_speaker_rules(con: duckdb.DuckDBPyConnection) -> Rules:
    """The hand rules applied last (table ``speaker_rules``), to apply again."""
    from analysis.aliases import rules_from_rows

    rows = con.sql("SELECT file, rule FROM speaker_rules ORDER BY rule_no").fetchall()
    return rules_from_rows(rows[0][0] if rows else "", [r[1] for r in rows])


def write_speakers(con: duckdb.DuckDBPyConnection, res: Resolution, rules: Rules) -> int:
    """Store a corpus speaker resolution in one transaction: the speakers, the placement of
    every article speaker, the speaker of every statement and figure, aliases, roles and the
    rules applied. Returns statements whose speaker changed."""
    from analysis.identity import rule_rows

    placed = pa.Table.from_pylist(
        [
            {"article_id": a.article_id, "name": a.name, "speaker_id": a.speaker_id,
             "how": a.how, "note": a.note}
            for a in res.locals
        ],
        schema=pa.schema([(c, pa.string()) for c in ("article_id", "name", "speaker_id",
                                                     "how", "note")]),
    )  # fmt: skip
    speakers = [{"speaker_id": k, **v} for k, v in sorted(res.speakers.items())]
    con.execute("BEGIN")
    try:
        _insert(con, "speakers", speakers, ignore=True)
        _upsert_speaker_names(con, speakers)
        con.register("_placed", placed)
        con.execute(
            """UPDATE article_speakers SET speaker_id = p.speaker_id, how = p.how, note = p.note
               FROM _placed p
               WHERE article_speakers.article_id = p.article_id
                 AND article_speakers.name = p.name
                 AND (article_speakers.speaker_id IS DISTINCT FROM p.speaker_id
                      OR article_speakers.how IS DISTINCT FROM p.how
                      OR article_speakers.note IS DISTINCT FROM p.note)"""
        )
        con.unregister("_placed")
        moved = _repoint_statements(con)
        _sync(con, "speaker_aliases", ("speaker_id", "alias"), res.aliases)
        _sync(con, "speaker_roles", ("speaker_id", "article_id", "role"), res.roles)
        con.execute("DELETE FROM speaker_rules")
        now = dt.datetime.now()
        rule_table = [{**r, "applied_at": now} for r in rule_rows(res, rules)]
        _insert_typed(con, "speaker_rules", rule_table, _SPEAKER_RULES)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return moved


def _sync(
    con: duckdb.DuckDBPyConnection,
    table: str,
    cols: tuple[str, ...],
    rows: Iterable[tuple[str, ...]],
) -> None:
    """Make ``table`` hold exactly ``rows``, writing only the difference: deleting every row
    of a table that other tables reference takes DuckDB seconds per 10,000 rows."""
    rows = list(rows)
    want = pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(cols)})
    same = " AND ".join(f"w.{c} = t.{c}" for c in cols)
    names = ", ".join(cols)
    con.register("_want", want)
    try:
        con.execute(f"DELETE FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM _want w WHERE {same})")
        con.execute(
            f"INSERT INTO {table} ({names}) "
            f"SELECT {names} FROM _want EXCEPT SELECT {names} FROM {table}"
        )
    finally:
        con.unregister("_want")


def _upsert_speaker_names(con: duckdb.DuckDBPyConnection, speakers: list[dict[str, Any]]) -> None:
    if not speakers:
        return
    con.register("_names", pa.Table.from_pylist(speakers))
    try:
        con.execute(
            """UPDATE speakers SET name = n.name, kind = n.kind FROM _names n
               WHERE speakers.speaker_id = n.speaker_id
                 AND (speakers.name <> n.name OR speakers.kind <> n.kind)"""
        )
    finally:
        con.unregister("_names")


def _repoint_statements(con: duckdb.DuckDBPyConnection) -> int:
    """Point each statement (and the figures it cites) at its article speaker's corpus speaker;
    only rows that change are written."""
    row = con.execute(
        """UPDATE statements SET speaker_id = m.speaker_id, speaker_name = m.sname
           FROM (SELECT a.article_id, unnest(a.statements) AS ordinal, a.speaker_id,
                        sp.name AS sname
                 FROM article_speakers a JOIN speakers sp USING (speaker_id)) m
           WHERE statements.article_id = m.article_id AND statements.ordinal = m.ordinal
             AND (statements.speaker_id IS DISTINCT FROM m.speaker_id
                  OR statements.speaker_name IS DISTINCT FROM m.sname)"""
    ).fetchone()
    con.execute(
        """UPDATE figures SET speaker_id = s.speaker_id, speaker_name = s.speaker_name
           FROM statements s
           WHERE figures.statement_id = s.statement_id AND s.speaker_id IS NOT NULL
             AND (figures.speaker_id IS DISTINCT FROM s.speaker_id
                  OR figures.speaker_name IS DISTINCT FROM s.speaker_name)"""
    )
    return int(row[0]) if row else 0


def drop_orphans(con: duckdb.DuckDBPyConnection) -> None:
    """Remove speakers no statement or figure points at (after merges and re-ingests)."""
    con.execute("BEGIN")
    orphan = """SELECT speaker_id FROM speakers
                WHERE speaker_id NOT IN
                    (SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL)
                AND speaker_id NOT IN
                    (SELECT speaker_id FROM figures WHERE speaker_id IS NOT NULL)"""
    con.execute(f"CREATE TEMP TABLE orphan AS {orphan}")
    con.execute("DELETE FROM speaker_aliases WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("DELETE FROM speaker_roles WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("COMMIT")
    con.execute("BEGIN")
    con.execute("DELETE FROM speakers WHERE speaker_id IN (SELECT * FROM orphan)")
    con.execute("COMMIT")
    con.execute("DROP TABLE orphan")


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


# ------------------------------------------------------------ near-duplicate stories
# The logic lives in analysis/dedup.py; these are its reads and writes.
def pending_stories(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Articles not linked to a story yet, in the order they were ingested."""
    rows = con.sql(
        """SELECT a.article_id FROM articles a ANTI JOIN article_stories k USING (article_id)
           ORDER BY a.ingested_at, a.article_id"""
    ).fetchall()
    return [r[0] for r in rows]


def article_texts(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """Article id → text, for the ids that are in the store."""
    if not ids:
        return {}
    rows = con.execute(
        "SELECT article_id, text FROM articles WHERE list_contains(?, article_id)", [list(ids)]
    ).fetchall()
    return dict(rows)


def band_matches(
    con: duckdb.DuckDBPyConnection, probes: Sequence[tuple[int, int, str]]
) -> list[tuple[str, str, str]]:
    """Stored articles sharing a band bucket with a probe ``(band, bucket, probe id)``.

    Returns (probe id, stored article id, its story id), each pair once.
    """
    if not probes:
        return []
    data = pa.table(
        {
            "band": pa.array([p[0] for p in probes], pa.int16()),
            "bucket": pa.array([p[1] for p in probes], pa.int64()),
            "probe": pa.array([p[2] for p in probes], pa.string()),
        }
    )
    con.register("_probes", data)
    try:
        rows = con.sql(
            """SELECT DISTINCT p.probe, b.article_id, k.story_id
               FROM _probes p JOIN story_bands b USING (band, bucket)
               JOIN article_stories k ON k.article_id = b.article_id
               ORDER BY p.probe, b.article_id"""
        ).fetchall()
    finally:
        con.unregister("_probes")
    return [(r[0], r[1], r[2]) for r in rows]


def write_stories(
    con: duckdb.DuckDBPyConnection,
    links: Sequence[dict[str, Any]],
    bands: Sequence[tuple[int, int, str]],
) -> None:
    """Insert story links (``article_stories`` rows) and their LSH bands in one transaction."""
    con.execute("BEGIN")
    try:
        _insert(con, "article_stories", list(links))
        _insert(
            con, "story_bands", [{"band": b, "bucket": k, "article_id": i} for b, k, i in bands]
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def unlink_stories(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Forget the story links of changed articles and of every copy in their stories, so
    that the next linking pass matches them again on their new text. Runs inside the caller's
    transaction (``write_batch``)."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _unlink AS SELECT article_id FROM article_stories
           WHERE list_contains(?, article_id) OR list_contains(?, story_id)""",
        [article_ids, article_ids],
    )
    con.execute("DELETE FROM story_bands WHERE article_id IN (SELECT article_id FROM _unlink)")
    con.execute("DELETE FROM article_stories WHERE article_id IN (SELECT article_id FROM _unlink)")
    con.execute("DROP TABLE _unlink")


# ------------------------------------------------------------------ discovered topics
def article_batches(
    path: str | Path, size: int = 1000, stories_only: bool = False
) -> Iterator[list[tuple[str, str, str]]]:
    """(article id, title, text) of every article, or of each story's first copy, in batches.

    Each batch is read on a connection of its own, so a writer can get in between while the
    caller works on a batch (fitting or applying a topic model takes a while).
    """
    ids = query(
        path,
        """SELECT a.article_id FROM articles a LEFT JOIN article_stories k USING (article_id)
           WHERE NOT ? OR coalesce(k.story_id, a.article_id) = a.article_id
           ORDER BY a.article_id""",
        [stories_only],
    )["article_id"].to_list()
    for start in range(0, len(ids), size):
        with reader(path) as con:
            rows = con.execute(
                """SELECT article_id, title, text FROM articles
                   WHERE list_contains(?, article_id) ORDER BY article_id""",
                [ids[start : start + size]],
            ).fetchall()
        yield [(r[0], r[1], r[2]) for r in rows]


def replace_discovered_topics(
    con: duckdb.DuckDBPyConnection,
    topics: Sequence[dict[str, Any]],
    assignments: Sequence[dict[str, Any]],
) -> None:
    """Replace every discovered topic and article assignment in one transaction."""
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM article_discovered_topics")
        con.execute("DELETE FROM discovered_topics")
        _insert(con, "discovered_topics", list(topics))
        _insert(con, "article_discovered_topics", list(assignments))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


# --------------------------------------------------------------------------- export
def tables(path: str | Path) -> list[str]:
    """The store's own tables (not the search index's), by name."""
    with reader(path) as con:
        rows = con.sql(
            """SELECT table_name FROM duckdb_tables()
               WHERE database_name = current_database() AND schema_name = 'main'
               ORDER BY table_name"""
        ).fetchall()
    return [r[0] for r in rows]


def export_parquet(path: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Write every table to ``out_dir/<table>.parquet``; returns rows per table.

    DuckDB writes each file as it reads the table, so memory stays flat on a large store.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = tables(path)
    counts: dict[str, int] = {}
    with reader(path) as con:
        for name in names:
            rel = con.table(name)
            rel.write_parquet(str(out / f"{name}.parquet"))
            row = con.sql(f'SELECT count(*) FROM "{name}"').fetchone()
            counts[name] = int(row[0]) if row else 0
    return counts


def query_to_parquet(
    path: str | Path, sql: str, params: Sequence[Any] | None, out: str | Path
) -> None:
    """Write one read-only query's result to a Parquet file, streaming (bound parameters)."""
    with reader(path) as con:
        _load_fts(con)
        rel = con.sql(sql, params=params) if params else con.sql(sql)
        rel.write_parquet(str(out))


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

# The series a figure belongs to ("signed contracts", "contracts signed", "contracts" →
# "contract"): analysis.series.series_key, the one definition, called from SQL as a function
# registered on each connection that computes the facts (register_functions).
SERIES_KEY_FUNCTION = "quotedesk_series_key"
COUNTS_KEY = f"{SERIES_KEY_FUNCTION}(fi.counts)"


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Make :func:`analysis.series.series_key` callable in SQL on ``con`` (once per
    connection)."""
    with contextlib.suppress(duckdb.NotImplementedException):  # already registered
        con.create_function(
            SERIES_KEY_FUNCTION, series.series_key, ["VARCHAR"], "VARCHAR", side_effects=False
        )


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


# ------------------------------------------------------------- one reader per page run
# Opening a store costs 20-50 ms (more on a big one). A dashboard page makes several queries
# in a row, so inside session() they share one read-only connection, opened at the first
# query and closed when the block ends: a writer waits for the page, not for the dashboard.
_SESSION: ContextVar[dict[str, duckdb.DuckDBPyConnection] | None] = ContextVar(
    "quotedesk_reader_session", default=None
)


@contextmanager
def session() -> Iterator[None]:
    """Within the block, the readers of a file (:func:`reader`, :func:`query`) share one
    read-only connection, closed at the end of the block. Inside another session, the
    outer one's connections serve (and it closes them)."""
    if _SESSION.get() is not None:
        yield
        return
    held: dict[str, duckdb.DuckDBPyConnection] = {}
    token = _SESSION.set(held)
    try:
        yield
    finally:
        _SESSION.reset(token)
        for con in held.values():
            con.close()
