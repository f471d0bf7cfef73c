"""The synthetic store for benchmarks: a small one builds, is consistent, and the benchmark
runs every dashboard query on it. Timings are not asserted: performance lives in
`quotedesk bench-queries`, not in tests."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from analysis import queries, settings, store
from analysis.cli import main
from analysis.dev import bench, synth

N = 5_000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("synth") / "synth-5k.duckdb"
    report = synth.build(db, N)
    assert report.statements == N
    return db


def _one(db: Path, sql: str) -> int:
    return int(store.query(db, sql).item())


def test_counts_and_shape(synthetic: Path) -> None:
    counts = queries.overview(synthetic, queries.Filters(kinds=()))  # every kind
    assert counts["statements"] == N
    assert 0.8 * N / 5 < counts["articles"] < 1.2 * N / 5  # about five statements an article
    assert counts["outlets"] == len(synth.OUTLETS)
    assert 0.3 * N < counts["figures"] < 0.5 * N
    attributed = _one(synthetic, "SELECT count(speaker_id) FROM statements")
    assert 0.8 * N < attributed < 0.9 * N


def test_every_foreign_key_resolves(synthetic: Path) -> None:
    orphans = {
        "statements → articles": """SELECT count(*) FROM statements s
            WHERE s.article_id NOT IN (SELECT article_id FROM articles)""",
        "statements → speakers": """SELECT count(*) FROM statements s WHERE s.speaker_id
            IS NOT NULL AND s.speaker_id NOT IN (SELECT speaker_id FROM speakers)""",
        "figures → statements": """SELECT count(*) FROM figures f
            WHERE f.statement_id NOT IN (SELECT statement_id FROM statements)""",
        "statement_topics → statements": """SELECT count(*) FROM statement_topics t
            WHERE t.statement_id NOT IN (SELECT statement_id FROM statements)""",
        "statement_topics → topics": """SELECT count(*) FROM statement_topics t
            WHERE t.topic NOT IN (SELECT topic FROM topics)""",
        "article_topics → articles": """SELECT count(*) FROM article_topics t
            WHERE t.article_id NOT IN (SELECT article_id FROM articles)""",
        "speakers without statements": """SELECT count(*) FROM speakers
            WHERE speaker_id NOT IN (SELECT speaker_id FROM statements WHERE speaker_id
            IS NOT NULL)""",
    }
    assert {name: _one(synthetic, sql) for name, sql in orphans.items()} == dict.fromkeys(
        orphans, 0
    )


def test_offsets_point_at_the_text(synthetic: Path) -> None:
    """Every statement, speaker mention, cue and figure is where its offsets say."""
    wrong = _one(
        synthetic,
        """SELECT count(*) FROM statements s JOIN articles a USING (article_id)
           WHERE substr(a.text, s.start_char + 1, s.end_char - s.start_char) <> s.text
              OR substr(a.text, s.speaker_start + 1, s.speaker_end - s.speaker_start)
                 <> s.speaker_mention
              OR substr(a.text, s.cue_start + 1, s.cue_end - s.cue_start) <> s.cue""",
    )
    assert wrong == 0
    wrong = _one(
        synthetic,
        """SELECT count(*) FROM figures f JOIN articles a USING (article_id)
           WHERE substr(a.text, f.start_char + 1, f.end_char - f.start_char) <> f.surface
              OR (f.counts IS NOT NULL AND substr(a.text, f.counts_start + 1,
                  f.counts_end - f.counts_start) <> f.counts)""",
    )
    assert wrong == 0


def test_speakers_follow_a_zipf_law(synthetic: Path) -> None:
    top = queries.speaker_choices(synthetic)["statements"].to_list()
    assert top[0] > 5 * top[len(top) // 2]  # a few people are quoted everywhere
    assert top[-1] <= 3  # most only a few times


def test_the_same_seed_gives_the_same_store(tmp_path: Path, synthetic: Path) -> None:
    again = synth.build(tmp_path / "again.duckdb", N, search_index=False)
    sql = "SELECT statement_id, speaker_id, text FROM statements ORDER BY statement_id"
    assert store.query(again.db, sql).equals(store.query(synthetic, sql))


def test_an_existing_file_is_not_overwritten_by_accident(synthetic: Path) -> None:
    with pytest.raises(FileExistsError):
        synth.build(synthetic, 10)


def test_search_works_on_a_synthetic_store(synthetic: Path) -> None:
    top = queries.speaker_choices(synthetic).row(0, named=True)
    surname = top["speaker"].split()[-1]
    found = queries.statements(synthetic, search=surname, limit=50)
    assert found.height and surname in found["speaker"][0]


def test_the_benchmark_covers_every_query_the_dashboard_makes(synthetic: Path) -> None:
    """Every ``_cached("name")`` in dashboard/data.py is among the benchmark's cases."""
    source = (settings.PROJECT_ROOT / "dashboard" / "data.py").read_text()
    used = set(re.findall(r'_cached\(\s*"(\w+)"', source))
    benched = {c.query for c in bench.cases(synthetic)}
    assert used <= benched, used - benched


def test_the_benchmark_runs_every_case(synthetic: Path) -> None:
    df = bench.run(synthetic, repeat=2, warmup=0)
    assert df.height == len(bench.cases(synthetic))
    assert set(df["filters"]) >= {"none", "topic", "outlet", "dates", "speaker", "search"}
    assert (df["p95_ms"] >= df["p50_ms"]).all()
    assert df.filter(pl.col("query") == "overview")["rows"].to_list() == [1] * 5
    assert "| query | filters |" in bench.table(df)


def test_bench_queries_prints_the_table(
    synthetic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bench-queries", "--db", str(synthetic), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "| overview | none |" in out and "slowest p95" in out


def test_percentile_is_a_measured_value() -> None:
    values = [float(v) for v in range(1, 21)]
    assert bench.percentile(values, 0.5) == 10.0
    assert bench.percentile(values, 0.95) == 19.0
    assert bench.percentile([3.0], 0.95) == 3.0
