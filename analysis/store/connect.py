"""Connections: the writers' turnstile, short read-only readers, one-off queries, and
one reader per page run (session)."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from analysis import series, settings
from analysis.store.errors import CORRUPT_ADVICE, CorruptStore, StoreError
from analysis.store.schema import _check_version, _ensure_schema, _meta

try:
    import fcntl  # POSIX: the writers' turnstile (see _turnstile)
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


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


# The series a figure belongs to ("signed contracts", "contracts signed", "contracts" →
# "contract"): analysis.series.series_key, the one definition, called from SQL as a function
# registered on each connection that computes the facts (register_functions).
SERIES_KEY_FUNCTION = "quotedesk_series_key"


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Make :func:`analysis.series.series_key` callable in SQL on ``con`` (once per
    connection)."""
    with contextlib.suppress(duckdb.NotImplementedException):  # already registered
        con.create_function(
            SERIES_KEY_FUNCTION, series.series_key, ["VARCHAR"], "VARCHAR", side_effects=False
        )


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
