"""The fault table of issue 7, from real runs: each fault or input class, how many cases were
tried, what was kept, and what was recorded as an error.

    .venv/bin/python tests/bench/robustness_report.py [--skip concurrent,crash] [--kills 5]

Every row comes from running the real thing on a real DuckDB file, with the harnesses the
tests use (``tests/robustness.py``): ``quotedesk ingest`` over a folder of every class of bad
input; ``quotedesk ingest`` SIGKILLed at seeded random points, then re-run; a child killed
after a commit and inside a transaction; a reader process polling the dashboard's queries
while ``quotedesk ingest`` writes AllSides sample-300; SQL injection strings through every
search and filter; markup through the article page's HTML builder; the schema-1 fixture
migrated. Prints a Markdown table (and the run's load average under it).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for robustness.py

import robustness

from analysis import dedup, queries, settings, store
from analysis.desk import Desk
from analysis.ingest import ingest

Row = tuple[str, str, str, str]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PEAK = """import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print("peak-rss-kb", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)"""


def _reasons(counts: Counter[str]) -> str:
    return ", ".join(f"{why} ×{n}" for why, n in counts.most_common())


# ------------------------------------------------------------------------------ bad input
def bad_input(work: Path) -> list[Row]:
    cases = robustness.bad_corpus(work / "in")
    db = work / "bad.duckdb"
    cmd = robustness.ingest_cmd([work / "in"], db, batch_size=16)
    res = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True)
    peak = re.search(r"peak-rss-kb (\d+)", res.stderr)
    errors = store.query(db, "SELECT source, line, reason FROM ingest_errors")
    recorded = Counter(zip(errors["source"], errors["line"], errors["reason"], strict=True))
    arts = store.query(
        db,
        """SELECT a.source, a.source_line, count(s.statement_id) AS statements
           FROM articles a LEFT JOIN statements s USING (article_id) GROUP BY ALL""",
    )
    stored = Counter(zip(arts["source"], arts["source_line"], strict=True))
    said = dict(zip(arts["source"], arts["statements"], strict=False))
    skipped = store.query(db, "SELECT skipped FROM runs")["skipped"][0]
    rows: list[Row] = []
    for klass, group in itertools.groupby(cases, key=lambda c: c.klass):
        group = list(group)
        bad = [(str(c.path), line, why) for c in group for line, why in c.errors]
        good = [(str(c.path), line) for c in group for line in c.kept]
        got_bad = Counter(b for b in bad if recorded[b])
        kept = sum(1 for g in good if stored[g])
        extra = ""
        if klass == "unbalanced quotation marks":
            n = sum(said.get(str(c.path), 0) for c in group)
            extra = f"; {n} statements; quote refusals counted: {skipped}"
        if klass == "articles with no statements":
            extra = f"; {sum(said.get(str(c.path), 0) for c in group)} statements"
        reasons = Counter(why for (_, _, why) in got_bad)
        rows.append(
            (
                klass,
                f"{len(group)} files: {len(bad)} bad records, {len(good)} good",
                f"{kept} of {len(good)} good records{extra}",
                f"{sum(got_bad.values())} of {len(bad)} (file, line, reason): {_reasons(reasons)}"
                if bad
                else "none (nothing was bad)",
            )
        )
    total_bad = sum(len(c.errors) for c in cases)
    summary = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else "(none)"
    rows.append(
        (
            "the whole bad folder, one `quotedesk ingest`",
            f"{len(cases)} files",
            f"exit status {res.returncode}; peak memory "
            f"{int(peak[1]) / 1024 if peak else float('nan'):.0f} MB",
            f"{len(errors)} rows in ingest_errors (expected {total_bad}); summary: `{summary}`",
        )
    )
    return rows


# ----------------------------------------------------------------------------- crashes
def crashes(work: Path, kills: int, seed: int, articles: int, batch: int) -> list[Row]:
    src = settings.shared_dir() / "corpus" / "allsides" / "sample-300.jsonl"
    corpus = work / "corpus.jsonl"
    with src.open(encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as g:
        g.writelines(itertools.islice(f, articles))
    clean = work / "clean.duckdb"
    ingest([corpus], clean, batch_size=batch, progress=False)
    reference = robustness.article_fingerprints(clean)

    def check(db: Path) -> dict[str, object]:
        found = robustness.article_fingerprints(db)
        return {"partial": [a for a, rows in found.items() if rows != reference.get(a)]}

    db = work / "crash.duckdb"
    runs = robustness.kill_runs([corpus], db, articles, kills, seed, batch, after_kill=check)
    killed = [k for k in runs if not k.finished]
    partial = sum(len(k.checked["partial"]) for k in runs)  # type: ignore[arg-type]
    done = subprocess.run(robustness.ingest_cmd([corpus], db, batch), capture_output=True)
    final = robustness.article_fingerprints(db, derived=True)
    same = final == robustness.article_fingerprints(clean, derived=True)
    status = Counter(queries.runs(db)["status"].to_list())
    rows: list[Row] = [
        (
            "SIGKILL during `quotedesk ingest`",
            f"{len(killed)} kills at random points (seed {seed}; {articles} articles, "
            f"batches of {batch}); {sum(1 for k in runs if k.mode == 'log')} while a committed "
            f"batch was only in the write-ahead log, {sum(1 for k in runs if k.wal_bytes)} "
            "left a log to replay",
            f"stored at each kill: {[k.stored_after for k in runs]}, every one complete "
            f"({partial} partial); the re-run (exit {done.returncode}) completed "
            f"{len(final)}/{articles}, {'identical to' if same else 'DIFFERENT from'} a clean "
            "ingest, no duplicates",
            f"runs: {_reasons(status)} (killed runs marked by the next run)",
        )
    ]
    for where in ("after-commit", "in-transaction"):
        folder = work / where
        folder.mkdir()
        wal_db, wal_bytes = robustness.kill_in_writer(folder, where)
        found = robustness.article_fingerprints(wal_db)
        rows.append(
            (
                f"SIGKILL {where.replace('-', ' ')} (write-ahead log replay)",
                f"1 kill; log of {wal_bytes:,} bytes left",
                f"stored: {sorted(found)} of the 2 articles written (committed: first)",
                "the open transaction rolled back (second absent)",
            )
        )
    return rows


# ----------------------------------------------------------------------- concurrent read
def concurrent(work: Path, limit: int) -> list[Row]:
    src = settings.shared_dir() / "corpus" / "allsides" / "sample-300.jsonl"
    corpus = work / "corpus.jsonl"
    with src.open(encoding="utf-8") as f, corpus.open("w", encoding="utf-8") as g:
        g.writelines(itertools.islice(f, limit))
    db = work / "news.duckdb"
    seed = work / "seed.jsonl"
    seed.write_text(
        '{"id": "seed-1", "text": "Mayor Lena Dahl said the bridge would reopen on Friday."}\n'
    )
    ingest([seed], db, progress=False)
    with robustness.poller(db, work) as finish:
        t0 = time.time()
        res = subprocess.run(robustness.ingest_cmd([corpus], db, 64), capture_output=True)
        t1 = time.time()
        seen = finish()
    during = seen.between(t0, t1)
    shrunk = seen.shrinking("overview_all", ("articles", "statements", "figures"))
    names = {r["name"] for r in during.records}
    q = robustness.percentile
    return [
        (
            f"reading while `quotedesk ingest` writes ({limit} articles of AllSides sample-300)",
            f"{len(during.records)} answers to {len(names)} dashboard and notebook queries, "
            "from another process, without pause",
            f"counts went down {len(shrunk)} times; ingest exit {res.returncode}; waiting for "
            f"the file p50 {q(during.waits(), 0.5):.0f} / p95 {q(during.waits(), 0.95):.0f} / "
            f"max {max(during.waits(), default=0):.0f} ms",
            f"{len(during.errors)} reader errors",
        )
    ]


# --------------------------------------------------------------------------- hostile
def hostile(work: Path) -> list[Row]:
    import json

    from dashboard import highlight

    rows = [robustness.quoting(i, a) for i, (a, _) in enumerate(robustness.INJECTIONS)]
    src = work / "attacks.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = work / "attacks.duckdb"
    ingest([src], db, progress=False)
    before = store.query(db, "SELECT count(*), sum(hash(text)) FROM statements").row(0)
    every = queries.Filters(distinct=False)
    calls: list[Callable[[str], object]] = [
        lambda a: queries.statements(db, search=a),
        lambda a: queries.statements(db, replace(every, outlets=(a,))),
        lambda a: queries.statements(db, replace(every, speakers=(a,))),
        lambda a: queries.statements(db, replace(every, topics=(a,))),
        lambda a: queries.statements(db, replace(every, kinds=(a,))),
        lambda a: queries.figures(db, counts=a),
        lambda a: queries.article(db, a),
        lambda a: queries.overview(db, replace(every, outlets=(a,))),
        lambda a: Desk(db).statements(search=a, outlet=a),
    ]
    literal, failures = 0, 0
    for i, (attack, found) in enumerate(robustness.INJECTIONS):
        for call in calls:
            try:
                call(attack)
            except Exception:
                failures += 1
        hits = queries.statements(db, search=attack)
        outlet = queries.statements(db, replace(every, outlets=(attack,)))
        top_ok = (hits.height > 0 and hits["article_id"][0] == f"attack-{i}") == found
        literal += int(top_ok and set(outlet["article_id"]) == {f"attack-{i}"})
    after = store.query(db, "SELECT count(*), sum(hash(text)) FROM statements").row(0)
    payloads = {
        "script": "<script>alert(1)</script>",
        "event handler": '<img src=x onerror="alert(1)">',
        "javascript: link": '<a href="javascript:alert(1)">x</a>',
        "iframe": '<iframe src="javascript:alert(1)"></iframe>',
        "markdown": "**bold** [link](javascript:alert(1)) ![img](http://x/y.png) $x$",
    }
    text = " ".join(payloads.values())
    html = highlight.highlight(text, [highlight.Mark(0, len(text) // 2, highlight.STATEMENT, "t")])
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z]+)", html)) - {"mark"}
    live = [m for m in ("**", "](", "$") if m in re.sub(r"<[^>]*>", "", html)]
    return [
        (
            "SQL injection strings in search and filters",
            f"{len(robustness.INJECTIONS)} strings × {len(calls)} queries (search, outlet, "
            "speaker, topic, kind, figure counts, article id, overview, notebook API)",
            f"store {'unchanged' if before == after else 'CHANGED'}; {literal} of "
            f"{len(robustness.INJECTIONS)} came back as literal searches and filters",
            f"{failures} SQL errors",
        ),
        (
            "markup in article text and statements (article page HTML)",
            f"{len(payloads)} payloads: {', '.join(payloads)}",
            "shown as literal characters (tests/test_hostile.py: AppTest and Chromium)",
            f"tags other than the page's own: {sorted(tags) or 'none'}; live Markdown: "
            f"{live or 'none'}",
        ),
    ]


# --------------------------------------------------------------------------- upgrade
def upgrade(work: Path) -> list[Row]:
    db = work / "v1.duckdb"
    with gzip.open(FIXTURES / "v1.duckdb.gz") as src, db.open("wb") as out:
        shutil.copyfileobj(src, out)

    def counts() -> tuple[str, dict[str, int]]:
        """The schema version and every table's row count, read without quotedesk's checks."""
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            names = [
                r[0]
                for r in con.sql(
                    "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
                ).fetchall()
            ]
            rows = {n: int(con.sql(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}  # type: ignore[index]
            meta = con.sql("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            return (meta[0] if meta else "?"), rows
        finally:
            con.close()

    version, before = counts()
    dedup.link_store(db)
    now, after = counts()
    lost = {
        t: (before[t], after.get(t, 0)) for t in before if t != "meta" and after.get(t) != before[t]
    }
    kept = sum(before[t] for t in before if t != "meta")
    return [
        (
            "a schema-1 database (tests/fixtures/v1.duckdb.gz)",
            f"1 store, schema {version} → {now}: {len(before)} tables, {kept} rows",
            f"{sum(after[t] for t in before if t != 'meta')} of {kept} rows kept "
            f"({before.get('articles', 0)} articles, {before.get('statements', 0)} statements); "
            f"{len(set(after) - set(before))} tables added",
            f"rows changed: {lost or 'none'}",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip", default="", help="comma-separated: bad,crash,concurrent,...")
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--articles", type=int, default=36, help="corpus for the kill runs")
    parser.add_argument("--limit", type=int, default=300, help="articles ingested while read")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    parts: list[tuple[str, Callable[[Path], list[Row]]]] = [
        ("bad", bad_input),
        ("crash", lambda w: crashes(w, args.kills, args.seed, args.articles, 3)),
        ("concurrent", lambda w: concurrent(w, args.limit)),
        ("hostile", hostile),
        ("upgrade", upgrade),
    ]
    rows: list[Row] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="qd-robust-") as tmp:
        for name, part in parts:
            if name in skip:
                continue
            work = Path(tmp) / name
            work.mkdir()
            rows += part(work)
    print("| fault or input class | cases tried | kept | recorded as errors |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    load = os.getloadavg()
    print(
        f"\n{time.monotonic() - started:.0f} s; load average {load[0]:.1f} on "
        f"{os.cpu_count()} cores; {sys.argv[0]} {' '.join(sys.argv[1:])}"
    )


if __name__ == "__main__":
    main()
