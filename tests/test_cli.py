"""The thin CLI: every command documents an example, exit codes say what happened."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import build_parser, main
from analysis.settings import PROJECT_ROOT

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    sub = build_parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    text = sub.format_help()
    assert "example:" in text and f"quotedesk {command}" in text


def test_ingest_reports_and_fails_on_bad_records(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = {"id": "g1", "text": "Mayor Lena Dahl said the bridge would reopen on Friday."}
    src.write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    res = _run("ingest", str(src), "--db", str(tmp_path / "t.duckdb"))
    assert res.returncode == 1
    assert f"{src}:2: invalid-json" in res.stderr
    assert (
        "articles: 1 new, 0 updated, 0 unchanged; statements: 1; figures: 0; errors: 1"
        in res.stdout
    )


def test_extract_writes_the_scorer_format(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    text = '"We have 300,000 signed contracts," Defence Minister Radek Sorn said on Monday.'
    src.write_text(json.dumps({"doc_id": "d1", "text": text}) + "\n", encoding="utf-8")
    out, figs = tmp_path / "st.jsonl", tmp_path / "fig.jsonl"
    assert main(["extract", str(src), "--out", str(out), "--figures", str(figs)]) == 0
    (st,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert st["doc_id"] == "d1" and st["kind"] == "direct" and st["speaker"] == "Radek Sorn"
    assert text[st["quote_start"] : st["quote_end"]] == "We have 300,000 signed contracts,"
    assert text[st["speaker_start"] : st["speaker_end"]] == "Defence Minister Radek Sorn"
    assert text[st["cue_start"] : st["cue_end"]] == "said"
    (fig,) = [json.loads(line) for line in figs.read_text().splitlines()]
    assert (fig["surface"], fig["value"], fig["type"]) == ("300,000", 300000.0, "count")
    assert fig["speaker"] == "Radek Sorn"
    assert text[fig["start"] : fig["end"]] == fig["surface"]


def test_dashboard_refuses_a_missing_database(tmp_path: Path) -> None:
    res = _run("dashboard", "--db", str(tmp_path / "nope.duckdb"))
    assert res.returncode == 2 and "no database at" in res.stderr


def test_info_on_a_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "x.duckdb"
    bogus.write_bytes(b"not a database at all")
    res = _run("info", "--db", str(bogus))
    assert res.returncode == 2
    assert "error:" in res.stderr and "Traceback" not in res.stderr


def test_eval_scores_a_gold_split(tmp_path: Path, shared: Path) -> None:
    """`quotedesk eval` on a five-article slice of PolNeAR dev, with the real scorer."""
    gold = tmp_path / "gold"
    gold.mkdir()
    src = shared / "gold" / "polnear"
    dev = [json.loads(x) for x in (src / "articles.jsonl").read_text().splitlines()]
    keep = [a for a in dev if a["split"] == "dev"][:5]
    ids = {a["doc_id"] for a in keep}
    (gold / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in keep))
    quotes = [
        q for q in (src / "quotes.jsonl").read_text().splitlines() if json.loads(q)["doc_id"] in ids
    ]
    (gold / "quotes.jsonl").write_text("\n".join(quotes) + "\n")
    out = tmp_path / "preds.jsonl"
    res = _run(
        "eval", "--gold-dir", str(gold), "--scorer", str(shared / "eval" / "score.py"),
        "--split", "dev", "--out", str(out),
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "docs=5" in res.stdout and " 0.3 |" in res.stdout and "--symmetric" not in res.stdout
    assert "5 articles" in res.stdout
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rows and {r["doc_id"] for r in rows} <= ids
    # without --out the predictions are not kept: no file in the working directory or the repo
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    res = _run(
        "eval", "--gold-dir", str(gold), "--scorer", str(shared / "eval" / "score.py"),
        "--split", "dev", "--spans-only", cwd=cwd,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "docs=5" in res.stdout and "predictions →" not in res.stdout
    assert list(cwd.iterdir()) == []
    assert not (PROJECT_ROOT / "predictions.jsonl").exists()
