"""The ``runs`` table: one row per command that writes, and the errors it recorded."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from analysis import settings
from analysis.records import InputError
from analysis.store.rows import _many


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
