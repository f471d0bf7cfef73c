"""A scraped folder full of garbage, through the real `quotedesk ingest`.

One folder holds every class of bad input the issue names (``robustness.bad_corpus``):
invalid UTF-8, binary files, empty files, 50 MB articles, JSONL with broken lines in the
middle, CSV with missing or extra columns and an unclosed quote, HTML full of scripts, text
with unbalanced quotation marks, articles with no statements, each beside good records.
Every bad record must be in ``ingest_errors`` with its file, line and reason; every good
record beside it must be stored; the exit status and the summary must say so; and memory
must stay bounded while a 50 MB line goes by.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import robustness

from analysis import queries, store
from analysis.ingest import ingest

pytestmark = pytest.mark.slow

# Runs a command and reports its peak memory (the largest resident set of its processes).
PEAK = """import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print("peak-rss-kb", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)"""
PEAK_BOUND_MB = 1000  # measured 440 MB: the spaCy pipeline and DuckDB; 50 MB lines add little


@dataclass
class Run:
    cases: list[robustness.Case]
    db: Path
    code: int
    out: str
    err: str
    peak_mb: float


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    work = tmp_path_factory.mktemp("bad")
    cases = robustness.bad_corpus(work / "in")
    db = work / "bad.duckdb"
    res = subprocess.run(
        [sys.executable, "-c", PEAK, *robustness.ingest_cmd([work / "in"], db, batch_size=16)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    peak = re.search(r"peak-rss-kb (\d+)", res.stderr)
    assert peak, res.stderr
    return Run(cases, db, res.returncode, res.stdout, res.stderr, int(peak[1]) / 1024)


def _expected_errors(cases: list[robustness.Case]) -> Counter[tuple[str, int | None, str]]:
    return Counter((str(c.path), line, why) for c in cases for line, why in c.errors)


def test_every_bad_record_is_recorded_with_file_line_and_reason(run: Run) -> None:
    rows = store.query(run.db, "SELECT source, line, reason, detail FROM ingest_errors")
    got = Counter(zip(rows["source"], rows["line"], rows["reason"], strict=True))
    assert got == _expected_errors(run.cases)
    assert all(rows["detail"].is_not_null())


def test_every_good_record_beside_them_is_stored(run: Run) -> None:
    rows = store.query(run.db, "SELECT source, source_line FROM articles")
    got = Counter(zip(rows["source"], rows["source_line"], strict=True))
    assert got == Counter((str(c.path), line) for c in run.cases for line in c.kept)


def test_exit_status_and_summary_say_so(run: Run) -> None:
    errors = sum(len(c.errors) for c in run.cases)
    kept = sum(len(c.kept) for c in run.cases)
    assert run.code == 1
    assert f"articles: {kept} new, 0 updated, 0 unchanged;" in run.out
    assert f"; errors: {errors};" in run.out
    assert f"{errors} input errors:" in run.err  # grouped by reason
    first = min((c for c in run.cases if c.errors), key=lambda c: str(c.path))  # read first
    line, reason = first.errors[0]
    assert f"error: {first.path}:{line}: {reason} (" in run.err
    last = queries.runs(run.db).row(0, named=True)
    assert (last["status"], last["errors"], last["articles_new"]) == (
        "ok-with-errors",
        errors,
        kept,
    )


def test_a_50_mb_article_is_refused_with_its_size_in_bounded_memory(run: Run) -> None:
    rows = store.query(
        run.db, "SELECT source, detail FROM ingest_errors WHERE reason = 'too-large' ORDER BY 1"
    )
    details = dict(zip(rows["source"], rows["detail"], strict=True))
    assert len(details) == 3
    for source, detail in details.items():
        size = int(re.search(r"of ([\d,]+) ", detail)[1].replace(",", ""))  # type: ignore[index]
        assert size >= 50 * 1024 * 1024, (source, detail)
        assert detail.endswith("split it")
    assert run.peak_mb < PEAK_BOUND_MB, run.peak_mb


def test_html_scripts_never_reach_the_text(run: Run) -> None:
    (page,) = [c for c in run.cases if c.path.name == "scripts.html"]
    text = store.query(
        run.db, "SELECT title, text FROM articles WHERE source = ?", [str(page.path)]
    )
    assert text["title"][0] == "Port reopens after storms"
    body = text["text"][0]
    assert body.count("Harbour master Ines Vola said") == 12
    for trace in ("alert(", "document.cookie", "<script", "pwned", "evil.example", "onload"):
        assert trace not in body


def test_unbalanced_quotes_are_stored_and_their_refusals_counted(run: Run) -> None:
    (quotes,) = [c for c in run.cases if c.klass == "unbalanced quotation marks"]
    stored = store.query(
        run.db, "SELECT count(*) AS n FROM articles WHERE source = ?", [str(quotes.path)]
    )
    assert stored["n"][0] == 4
    skipped = store.query(run.db, "SELECT skipped FROM runs")["skipped"][0]
    assert '"unbalanced-quote"' in skipped


def test_articles_with_no_statements_are_stored_without_statements(run: Run) -> None:
    (plain,) = [c for c in run.cases if c.klass == "articles with no statements"]
    got = store.query(
        run.db,
        """SELECT a.article_id, count(s.statement_id) AS n FROM articles a
           LEFT JOIN statements s USING (article_id) WHERE a.source = ? GROUP BY ALL""",
        [str(plain.path)],
    )
    assert got.height == 4 and got["n"].to_list() == [0, 0, 0, 0]


def test_ingesting_the_garbage_again_loses_nothing(run: Run) -> None:
    before = queries.overview(run.db, queries.Filters(distinct=False))
    folder = run.cases[0].path.parent.parent
    again = ingest([folder], run.db, batch_size=16, progress=False)  # in this process: no reload
    kept = sum(len(c.kept) for c in run.cases)
    assert (again.counts.new, again.counts.updated, again.counts.unchanged) == (0, 0, kept)
    assert not again.ok and len(again.errors) == sum(len(c.errors) for c in run.cases)
    assert queries.overview(run.db, queries.Filters(distinct=False)) == before
    per_run = store.query(run.db, "SELECT run_id, count(*) AS n FROM ingest_errors GROUP BY 1")
    assert sorted(per_run["n"].to_list()) == [sum(len(c.errors) for c in run.cases)] * 2
