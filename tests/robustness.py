"""Fault harnesses shared by the robustness tests and ``tests/bench/robustness_report.py``.

* :func:`poll` (also ``python tests/robustness.py poll DB --stop FILE --out JSON``) asks the
  dashboard's and the notebook API's questions of a store over and over, in its own process,
  and records each answer's latency, counts and errors, while ``quotedesk ingest`` writes.
* :func:`kill_runs` starts real ``quotedesk ingest`` processes and SIGKILLs them at seeded
  random points; :func:`article_fingerprints` is what "an article is fully stored" means.
* :func:`bad_corpus` writes a folder of every class of bad input beside good records, with
  what must become of each.

Nothing here stubs anything: the store is a real DuckDB file, the ingest a real subprocess.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUOTEDESK = [sys.executable, "-m", "analysis.cli"]


# ------------------------------------------------------------------ concurrent readers
def _questions(db: Path) -> list[tuple[str, Callable[[], Any]]]:
    """(name, call) for the dashboard's queries (``dashboard/data.py`` calls these functions
    of :mod:`analysis.queries`) and the notebook API (:class:`analysis.desk.Desk`)."""
    from analysis import queries
    from analysis.desk import Desk
    from analysis.queries import Filters

    every = Filters(distinct=False)
    desk = Desk(db)  # holds no connection: each call opens the file read-only
    return [
        ("overview", lambda: queries.overview(db)),
        ("overview_all", lambda: queries.overview(db, every)),
        ("top_speakers", lambda: queries.top_speakers(db).height),
        ("statements", lambda: queries.statements(db).height),
        ("search", lambda: queries.statements(db, search="said the president").height),
        ("over_time", lambda: queries.statements_over_time(db).height),
        ("outlets", lambda: queries.outlets(db).height),
        ("figures", lambda: queries.figures(db).height),
        ("desk_overview", lambda: desk.overview(distinct=False)),
        ("desk_speakers", lambda: desk.speakers(limit=10).height),
    ]


def _time_waits(waits: list[float]) -> None:
    """Record how long each ``store.reader`` took to get its connection (the wait for the
    lock plus opening the file): instrumentation of the real function, which still runs."""
    from analysis import store

    original = store.reader

    @contextmanager
    def timed(path: str | Path) -> Iterator[Any]:
        t0 = time.monotonic()
        with original(path) as con:
            waits.append(time.monotonic() - t0)
            yield con

    store.reader = timed  # type: ignore[assignment]


def poll(db: Path, stop: Path, out: Path, pause: float = 0.05) -> None:
    """Ask every question in turn until ``stop`` exists; write one JSON record per answer:
    its name, when it was asked, its latency and the part of it spent waiting to open the
    file (ms), its value (counts) or its error."""
    calls = _questions(db)
    waits: list[float] = []
    _time_waits(waits)
    records: list[dict[str, Any]] = []
    while not stop.exists():
        for name, call in calls:
            waits.clear()
            t0 = time.monotonic()
            try:
                value, error = call(), None
            except Exception as exc:  # recorded, not raised: the test reads every error
                value, error = None, f"{type(exc).__name__}: {exc}"
            records.append(
                {
                    "name": name,
                    "at": time.time(),  # wall clock: comparable with other processes
                    "ms": (time.monotonic() - t0) * 1000,
                    "wait_ms": sum(waits) * 1000,
                    "value": value,
                    "error": error,
                }
            )
        time.sleep(pause)
    out.write_text(json.dumps(records, default=str))


@dataclass
class PollResult:
    records: list[dict[str, Any]]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r["error"]]

    def counts(self, name: str) -> list[dict[str, int]]:
        return [r["value"] for r in self.records if r["name"] == name and not r["error"]]

    def between(self, start: float, end: float) -> PollResult:
        """The answers asked between two wall-clock times (``time.time()``)."""
        return PollResult([r for r in self.records if start <= r["at"] <= end])

    def latencies(self) -> list[float]:
        return [r["ms"] for r in self.records]

    def waits(self) -> list[float]:
        return [r["wait_ms"] for r in self.records]

    def shrinking(self, name: str, keys: tuple[str, ...]) -> list[tuple[dict[str, int], ...]]:
        """Consecutive answers of ``name`` where any of ``keys`` went down."""
        seen = self.counts(name)
        return [(a, b) for a, b in itertools.pairwise(seen) if any(b[k] < a[k] for k in keys)]


@contextmanager
def poller(db: Path, workdir: Path) -> Iterator[Callable[[], PollResult]]:
    """A reader process polling ``db`` for the duration of the block.

    Yields a function that stops the poller and returns what it saw.
    """
    stop, out = workdir / "poll.stop", workdir / "poll.json"
    stop.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__)),
            "poll",
            str(db),
            "--stop",
            str(stop),
            "--out",
            str(out),
        ],
        cwd=ROOT,
    )
    result: list[PollResult] = []

    def finish() -> PollResult:
        if not result:
            stop.touch()
            proc.wait(timeout=120)
            assert proc.returncode == 0, "the poller crashed"
            result.append(PollResult(json.loads(out.read_text())))
        return result[0]

    try:
        yield finish
    finally:
        if proc.poll() is None:
            stop.touch()
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# ---------------------------------------------------------------------------- crashes
@dataclass
class KillRun:
    target: int  # killed once this many articles were stored ...
    delay: float  # ... plus this many seconds (mode "time")
    stored_before: int
    stored_after: int
    finished: bool  # the run ended on its own before its kill point
    wal_bytes: int  # the write-ahead log the killed process left (replayed at the next open)
    mode: str  # "time": a random delay after the target; "log": while a batch is in the log
    checked: dict[str, Any] = field(default_factory=dict)  # what ``after_kill`` found


def ingest_cmd(paths: list[Path], db: Path, batch_size: int) -> list[str]:
    return [
        *QUOTEDESK,
        "ingest",
        *map(str, paths),
        "--db",
        str(db),
        "--batch-size",
        str(batch_size),
    ]


def stored_articles(db: Path) -> int:
    """Articles in the store now (0 if there is no store yet); waits while a batch is written."""
    from analysis import store

    if not db.is_file():
        return 0
    with store.reader(db) as con:
        row = con.sql("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


def kill_runs(
    paths: list[Path],
    db: Path,
    total: int,
    kills: int,
    seed: int,
    batch_size: int,
    after_kill: Callable[[Path], dict[str, Any]] | None = None,
) -> list[KillRun]:
    """Start ``quotedesk ingest`` ``kills`` times and SIGKILL each at a seeded random point.

    Each run gets a random target of up to a batch more than the store holds. Then, chosen at
    random, it is killed either a random 0-1 s after the store reaches the target (while it
    parses, writes, links copies, closes the file or ends the run), or at the first moment
    after that when the write-ahead log holds a committed batch not yet checkpointed into the
    file (the window between a batch's commit and the connection's close).
    ``after_kill(db)`` runs after each kill; what it returns is kept in ``checked``.
    """
    rng = random.Random(seed)
    done: list[KillRun] = []
    wal = Path(f"{db}.wal")
    for _ in range(kills):
        before = stored_articles(db)
        if before >= total:
            break
        target = min(total, before + rng.randint(1, batch_size))
        mode = rng.choice(["time", "log"])
        delay = rng.uniform(0.0, 1.0) if mode == "time" else 0.0
        proc = subprocess.Popen(
            ingest_cmd(paths, db, batch_size),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while proc.poll() is None and stored_articles(db) < target:
            time.sleep(0.1)
        time.sleep(delay)
        while mode == "log" and proc.poll() is None and not _holds_log(wal):
            time.sleep(0.002)  # a stat, not an open: the writer is not held up
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        run = KillRun(target, delay, before, 0, finished, _holds_log(wal), mode)
        run.stored_after = stored_articles(db)  # opening it replays the log
        if after_kill is not None:
            run.checked = after_kill(db)
        done.append(run)
    return done


def _holds_log(wal: Path) -> int:
    """The size of the write-ahead log (0 when there is none)."""
    try:
        return wal.stat().st_size
    except OSError:
        return 0


# The rows extracted from one article, written with it in one transaction: (table, SQL giving
# article id → a number). Counts, and sums of row hashes so that changed text shows too.
EXTRACTED = {
    "statements": "SELECT article_id, count(*) FROM statements GROUP BY ALL",
    "statement_rows": "SELECT article_id, sum(hash(ordinal, text, start_char, end_char, kind, "
    "cue, speaker_mention, speaker_start)) FROM statements GROUP BY ALL",
    "figures": "SELECT article_id, count(*) FROM figures GROUP BY ALL",
    "figure_rows": "SELECT article_id, sum(hash(ordinal, surface, value, unit, start_char, "
    "counts, statement_id)) FROM figures GROUP BY ALL",
    "article_topics": "SELECT article_id, count(*) FROM article_topics GROUP BY ALL",
    "statement_topics": """SELECT s.article_id, count(*) FROM statement_topics t
                           JOIN statements s USING (statement_id) GROUP BY ALL""",
    "article_speakers": "SELECT article_id, sum(hash(name, kind, aliases, roles, statements)) "
    "FROM article_speakers GROUP BY ALL",
}
# Rows the end of a run derives across the corpus (speakers merged across articles, their
# roles): a killed run has not made them yet, the run that completes the corpus does.
DERIVED = {
    "speaker_roles": "SELECT article_id, sum(hash(speaker_id, role)) FROM speaker_roles "
    "GROUP BY ALL",
    "statement_speakers": "SELECT article_id, sum(hash(statement_id, speaker_id, speaker_name)) "
    "FROM statements GROUP BY ALL",
    "figure_speakers": "SELECT article_id, sum(hash(figure_id, speaker_id)) FROM figures "
    "GROUP BY ALL",
}


def article_fingerprints(db: Path, derived: bool = False) -> dict[str, dict[str, int]]:
    """Article id → its content hash and, per kind of row extracted from it, a number that
    changes with any of those rows (``EXTRACTED``; with ``derived``, ``DERIVED`` too).

    "Fully stored" means an article's fingerprint equals the one a clean ingest of the same
    input gives: the same statements, figures, topics and speakers, in count and content.
    """
    from analysis import store

    with store.reader(db) as con:
        found: dict[str, dict[str, Any]] = {
            aid: {"hash": chash}
            for aid, chash in con.sql("SELECT article_id, content_hash FROM articles").fetchall()
        }
        orphans = 0
        for name, sql in {**EXTRACTED, **(DERIVED if derived else {})}.items():
            for aid, n in con.sql(sql).fetchall():
                if aid in found:
                    found[aid][name] = int(n)
                else:
                    orphans += 1
    assert orphans == 0, f"{orphans} groups of rows belong to no stored article"
    return {aid: dict(sorted(rows.items())) for aid, rows in found.items()}


# --------------------------------------------------------------- the write-ahead log
# A child process that writes with the store's own functions and kills itself at a chosen
# point: after a committed batch (its rows are only in the write-ahead log, since DuckDB
# checkpoints when the connection closes), or inside the next batch's transaction.
_CHILD = """
import json, os, signal, sys
from analysis import articles, store
from analysis.store import write as store_write
from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import extract_doc

src, db, where = sys.argv[1], sys.argv[2], sys.argv[3]
nlp = nlp_loader.load()
items = [(a, articles.content_hash(a), extract_doc(nlp(a.text), title=a.title, article_id=a.id))
         for a in articles.read([src])]
insert = store_write._insert

def insert_then_die(con, table, rows, ignore=False):
    insert(con, table, rows, ignore)
    if table == "figures":  # articles and statements are in, the transaction is open
        os.kill(os.getpid(), signal.SIGKILL)

with store.writer(db) as con:
    run = store.start_run(con, "ingest", "test", "test", [src])
    store.write_batch(con, run, items[:1], "test")  # committed: in the log, not the file
    if where == "in-transaction":
        store_write._insert = insert_then_die
        store.write_batch(con, run, items[1:], "test")
    os.kill(os.getpid(), signal.SIGKILL)
"""

TWO = [
    {"id": "first", "text": "Mayor Lena Dahl said the bridge would reopen on Friday after "
     'repairs costing $2 million. "We are ready," Dahl said.'},
    {"id": "second", "text": "Judge Anna Berg said the trial would resume on Monday, when "
     "300 witnesses are due. She said that the court had hired 12 interpreters."},
]  # fmt: skip


def kill_in_writer(folder: Path, where: str) -> tuple[Path, int]:
    """Write ``TWO`` into a new store from a child process that SIGKILLs itself ``where``
    ("after-commit" or "in-transaction"); returns the store and the size of the log it left."""
    src = folder / "two.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in TWO), encoding="utf-8")
    db = folder / "wal.duckdb"
    from analysis import store

    with store.writer(db):
        pass  # an empty store, checkpointed: whatever comes next is in the log only
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(db), where], capture_output=True, text=True
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    wal = Path(f"{db}.wal")
    return db, wal.stat().st_size if wal.exists() else 0


# ----------------------------------------------------------------------------- bad input
@dataclass
class Case:
    """One file of one input class, and what must become of it."""

    klass: str  # the input class, as the issue names it
    path: Path
    kept: list[int | None]  # lines of the articles that must be stored (None: whole file)
    errors: list[tuple[int | None, str]]  # (line, reason) of each record that must be refused


def _story(i: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"id": i, "outlet": "Robust Courier", "published": "2025-06-01", "text": text, **fields}


GOOD = (
    "Harbour master Ines Vola said the port would reopen on Monday after three days of "
    'storms. "We lost two cranes, but nobody was hurt," Vola told reporters.'
)
MB = 1024 * 1024


def _jsonl(rows: list[Any]) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)


def bad_corpus(folder: Path, huge_mb: int = 50) -> list[Case]:
    """Write one folder with every class of bad input beside good records; return the cases.

    Every text is written here (no third-party text).
    """
    cases: list[Case] = []

    def add(klass: str, name: str, data: bytes, kept: list[str], errors: list[Any]) -> None:
        path = folder / klass.replace(" ", "-") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases.append(Case(klass, path, kept, errors))

    good = lambda i: _story(i, f"{GOOD} (Filed as {i}.)")  # noqa: E731

    add("invalid UTF-8", "lines.jsonl",
        _jsonl([good("u1"), b'{"id": "u-bad", "text": "Caf\xe9 owner said no."}', good("u2")]),
        [1, 3], [(2, "undecodable")])  # fmt: skip
    add("invalid UTF-8", "rows.csv",
        b"id,text\nu3,Mayor Lena Dahl said the bridge would reopen.\nu-bad,caf\xe9 talk\n"
        b"u4,Judge Anna Berg said the trial would resume.\n",
        [2, 4], [(3, "undecodable")])  # fmt: skip
    latin1 = "Café owner Rui Sal said prices would rise.".encode("latin-1")
    add("invalid UTF-8", "latin1.txt", latin1, [], [(1, "undecodable")])
    add("invalid UTF-8", "surrogate.jsonl",
        _jsonl([b'{"id": "u-sur", "text": "half an emoji \\ud83d here"}', good("u5")]),
        [2], [(1, "undecodable")])  # fmt: skip

    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    add("binary file", "image.jsonl", png, [], [(None, "binary-file")])
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4096))  # no NUL byte
    add(
        "binary file",
        "program.txt",
        b"\x7fELF\x02\x01\x01\x00" + noise,
        [],
        [(None, "binary-file")],
    )
    add("binary file", "noise.txt", noise, [], [(1, "undecodable")])  # reads as broken text
    add("binary file", "photo.png", png, [], [(None, "unsupported-format")])
    add("binary file", "not-gzip.jsonl.gz", _jsonl([good("g-none")]), [], [(None, "unreadable")])
    add("binary file", "utf16.txt", "Mayor Lena Dahl said so.".encode("utf-16"), [],
        [(None, "binary-file")])  # fmt: skip

    for name, data in [
        ("empty.jsonl", b""), ("blank.jsonl", b"\n \n\n"), ("empty.txt", b""),
        ("spaces.txt", b"  \n\t\n"), ("empty.csv", b""), ("header-only.csv", b"id,text\n"),
        ("empty.html", b""), ("bom-only.md", b"\xef\xbb\xbf"),
    ]:  # fmt: skip
        add("empty file", name, data, [], [(None, "empty-file")])

    filler = (GOOD + " ") * (huge_mb * MB // (len(GOOD) + 1) + 1)
    big = json.dumps(_story("h-big", filler)).encode()
    add("50 MB article", "huge.jsonl", _jsonl([good("h1"), big, good("h2")]), [1, 3],
        [(2, "too-large")])  # fmt: skip
    add("50 MB article", "huge.txt", filler.encode(), [], [(None, "too-large")])
    add("50 MB article", "huge.csv", b"id,text\nh3,Mayor Lena Dahl said so.\nh-big,"
        + filler.encode() + b"\nh4,Judge Anna Berg said so.\n",
        [2, 4], [(3, "too-large")])  # fmt: skip
    del filler, big

    deep = b"[" * 100_000 + b"]" * 100_000
    add("JSONL with broken lines", "mixed.jsonl", _jsonl([
        good("j1"),
        b'{"id": "cut", "text": "the line ends mid-str',
        b"not json at all",
        b"[1, 2, 3]",
        b"42",
        good("j2"),
        {"id": "no-text", "title": "A title and nothing else"},
        {"id": "num", "text": 5},
        {"id": "blank", "text": "   "},
        deep,
        b'{"id": "nul", "text": "a NUL \x00 byte"}',
        good("j3"),
    ]), [1, 6, 12], [(2, "invalid-json"), (3, "invalid-json"), (4, "not-an-object"),
        (5, "not-an-object"), (7, "missing-text"), (8, "missing-text"), (9, "missing-text"),
        (10, "invalid-json"), (11, "binary-file")])  # fmt: skip

    add("CSV with missing or extra columns", "columns.csv",
        b"id,title,text\n"
        b"c1,Bridge,Mayor Lena Dahl said the bridge would reopen on Friday.\n"
        b"short,Only two\n"
        b"long,Four,Text here,and an extra cell\n"
        b"c2,Trial,Judge Anna Berg said the trial would resume on Monday.\n"
        b'open,Quote,"An opening quote that never closes\n'
        b'gone,Swallowed,"This record is inside the broken one."\n'
        b"c3,Port,Harbour master Ines Vola said the port would reopen.\n",
        [2, 5, 8], [(3, "bad-row"), (4, "bad-row"), (6, "bad-row")])  # fmt: skip
    add("CSV with missing or extra columns", "no-text-column.csv",
        b"id,title\nx1,Only a title\n", [], [(1, "missing-text")])  # fmt: skip

    script = "<script>document.title='pwned';alert(1);fetch('/x?'+document.cookie)</script>"
    paragraphs = "".join(
        f"<p>{GOOD} Paragraph {n} adds that repairs will cost $2 million.</p>{script}"
        for n in range(12)
    )
    page = (
        "<html><head><title>Port reopens after storms</title>"
        + script * 50
        + '<script src="https://evil.example/x.js"></script></head>'
        + f'<body onload="alert(2)"><article><h1>Port reopens after storms</h1>{paragraphs}'
        + "</article>"
        + script * 50
        + "</body></html>"
    )
    add("HTML full of scripts", "scripts.html", page.encode(), [None], [])
    only = "<html><head>" + script * 200 + "</head><body>" + script * 200 + "</body></html>"
    add("HTML full of scripts", "only-scripts.html", only.encode(), [], [(None, "no-text")])

    add("unbalanced quotation marks", "quotes.jsonl", _jsonl([
        _story("q1", 'Mayor Lena Dahl said: "The bridge will reopen on Friday. It is safe.\n\n'
               "Engineers inspected it twice this week."),
        _story("q2", 'The bridge will reopen on Friday," Mayor Lena Dahl said. Engineers agreed.'),
        _story("q3", "\u201cWe are ready,\u201d the mayor said. \u201cAnd we are not\u2026 "
               "Judge Anna Berg \u201cdisagreed\u201d\u201d strongly."),
        _story("q4", '"' * 40 + " said " + "\u201d" * 40),
    ]), [1, 2, 3, 4], [])  # fmt: skip

    add("articles with no statements", "plain.jsonl", _jsonl([
        _story("n1", "Preheat the oven to 180 degrees. Mix the flour and the butter."),
        _story("n2", "1 2 3 4 5 6 7 8 9 10"),
        _story("n3", "Storms."),
        _story("n4", "\u2014 \u2026 \u00b6 \u00a7 ++ -- ** !!"),
    ]), [1, 2, 3, 4], [])  # fmt: skip
    return cases


# ---------------------------------------------------------------------- injection
# (attack, whether a search for it finds the statement quoting it). Searches are BM25 over
# words: an attack made only of stopwords and numbers ("or", "1") matches nothing, literally.
INJECTIONS = [
    ("'; DROP TABLE statements; --", True),
    ('" OR 1=1 --', False),
    ("Robert'); DELETE FROM articles WHERE ('1'='1", True),
    ("%' UNION SELECT text FROM articles --", True),
    ("\\x00\\' ; ATTACH 'evil.db' AS evil; --", True),
    ("') OR fts_main_statements.match_bm25(statement_id, 'x') IS NULL --", True),
    ("$1 ? :name %s {}", False),
    ("*/ COPY articles TO 'leak.csv'; /*", True),
]


def quoting(i: int, attack: str) -> dict[str, str]:
    """An article whose outlet is the attack and whose quote holds it, word for word."""
    return {
        "id": f"attack-{i}",
        "outlet": attack,
        "published": "2025-01-0" + str(1 + i % 9),
        "text": "Mayor Lena Dahl said the bridge would reopen. \u201cThe sign on the gate read "
        f"{attack} and nothing happened,\u201d Dahl said.",
    }


# ------------------------------------------------------------------ command line
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("poll", help="poll a store's queries until a stop file appears")
    p.add_argument("db", type=Path)
    p.add_argument("--stop", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.cmd == "poll":
        poll(args.db, args.stop, args.out)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
