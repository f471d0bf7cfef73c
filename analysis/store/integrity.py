"""Refuse a damaged store file before anything writes to it (block checksums)."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from analysis import settings
from analysis.store.connect import _connect, _turnstile
from analysis.store.errors import CORRUPT_ADVICE, CorruptStore, _short_error

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
