"""`quotedesk reextract`: the current extractor over the stored articles, atomically per batch,
keeping hand speaker rules; killed with SIGKILL mid-run, every article is old or new, never
half, and a rerun completes.

Runs on the first 24 articles of the fictional sample corpus (data/sample, written by the
project).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import queries, runs, settings, store
from analysis.cli import SAMPLE_DIR, main
from analysis.extract.pipeline import EXTRACTOR_VERSION
from analysis.ingest import ingest
from analysis.reextract import reextract

N_ARTICLES = 24
OLD = "0.0.0-test"


def _counts(db: Path) -> dict[str, int]:
    row = store.query(
        db,
        """SELECT (SELECT count(*) FROM articles) AS articles,
                  (SELECT count(*) FROM statements) AS statements,
                  (SELECT count(DISTINCT statement_id) FROM statements) AS statement_ids,
                  (SELECT count(*) FROM figures) AS figures,
                  (SELECT count(DISTINCT figure_id) FROM figures) AS figure_ids,
                  (SELECT count(speaker_id) FROM statements) AS attributed,
                  (SELECT sum(len(statements)) FROM article_speakers) AS placed,
                  (SELECT count(*) FROM article_stories) AS stories""",
    )
    return {k: int(v or 0) for k, v in row.row(0, named=True).items()}


def _per_article(db: Path) -> dict[str, tuple[int, int]]:
    rows = store.query(
        db,
        """SELECT a.article_id,
                  (SELECT count(*) FROM statements s WHERE s.article_id = a.article_id),
                  (SELECT count(*) FROM figures f WHERE f.article_id = a.article_id)
           FROM articles a""",
    )
    return {r[0]: (r[1], r[2]) for r in rows.iter_rows()}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A store of the first articles of the sample, with a hand merge applied: the most quoted
    speaker merged into "<name> (by hand)". Returns (db, rules file, merged speaker id)."""
    tmp = tmp_path_factory.mktemp("reextract")
    lines = (SAMPLE_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    src = tmp / "articles.jsonl"
    src.write_text("\n".join(lines[:N_ARTICLES]) + "\n", encoding="utf-8")
    db = tmp / "news.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("QUOTEDESK_ALIASES", raising=False)
        assert ingest([src], db, progress=False).ok
        top = queries.speaker_index(db, limit=1).row(0, named=True)
        rules = tmp / "speakers.toml"
        rules.write_text(
            f"[[merge]]\nname = {json.dumps(top['name'] + ' (by hand)')}\n"
            f"aliases = [{json.dumps(top['name'])}]\n",
            encoding="utf-8",
        )
        runs.apply_speaker_rules(db, rules)
    return db, rules, store.speaker_key(top["name"] + " (by hand)")


@pytest.fixture
def db(base: tuple[Path, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("QUOTEDESK_ALIASES", raising=False)
    copy = tmp_path / "news.duckdb"
    shutil.copy(base[0], copy)
    return copy


def _merged(db: Path, speaker_id: str) -> tuple[int, set[str]]:
    """Statements of the hand-merged speaker, and how their article speakers were placed."""
    n = store.query(db, "SELECT count(*) FROM statements WHERE speaker_id = ?", [speaker_id])
    how = store.query(
        db, "SELECT DISTINCT how FROM article_speakers WHERE speaker_id = ?", [speaker_id]
    )
    return n.item(), set(how["how"])


def test_reextract_replaces_every_article_and_keeps_the_hand_merge(
    db: Path, base: tuple[Path, Path, str]
) -> None:
    _, _, merged = base
    before, per_article = _counts(db), _per_article(db)
    kept = store.query(db, "SELECT article_id, ingested_at FROM articles ORDER BY article_id")
    stories = store.query(db, "SELECT * FROM article_stories ORDER BY article_id")
    n_merged, how = _merged(db, merged)
    assert n_merged > 0 and how == {"merge"}
    # nothing to do: every article was made by this extractor
    assert reextract(db, progress=False).counts.updated == 0
    report = reextract(db, force=True, progress=False)
    assert report.counts.updated == N_ARTICLES and report.speakers is not None
    assert report.speakers.rules_source == "stored"
    after = _counts(db)
    assert after == before
    assert after["statements"] == after["statement_ids"] and after["attributed"] == after["placed"]
    assert _per_article(db) == per_article
    assert _merged(db, merged) == (n_merged, {"merge"})
    assert store.query(
        db, "SELECT article_id, ingested_at FROM articles ORDER BY article_id"
    ).equals(kept)
    assert store.query(db, "SELECT * FROM article_stories ORDER BY article_id").equals(stories)
    run = store.query(db, "SELECT * FROM runs ORDER BY run_id DESC LIMIT 1").row(0, named=True)
    assert (run["command"], run["status"], run["extractor_version"]) == (
        "reextract", "ok", EXTRACTOR_VERSION,
    )  # fmt: skip
    assert (run["articles_updated"], run["statements"]) == (N_ARTICLES, before["statements"])


def test_only_articles_of_an_older_extractor_are_redone(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = store.query(db, "SELECT article_id FROM articles ORDER BY article_id LIMIT 5")
    with store.writer(db) as con:
        con.execute(
            "UPDATE articles SET extractor_version = ? WHERE list_contains(?, article_id)",
            [OLD, ids["article_id"].to_list()],
        )
    assert main(["reextract", "--db", str(db), "--batch-size", "2"]) == 0
    out = capsys.readouterr().out
    assert f"articles: 5 re-extracted with extractor {EXTRACTOR_VERSION}, " in out
    assert f"{N_ARTICLES - 5} already current" in out and "rules: 1 (stored)" in out
    versions = store.query(db, "SELECT DISTINCT extractor_version FROM articles")
    assert versions["extractor_version"].to_list() == [EXTRACTOR_VERSION]


def test_a_malformed_rules_file_stops_reextract_before_any_article(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[split]]\nname = "Berg"\nspeaker = "Lars Berg"\n', encoding="utf-8")
    runs = store.query(db, "SELECT count(*) FROM runs").item()
    code = main(["reextract", "--db", str(db), "--force", "--aliases", str(bad)])
    assert code == 2 and f"{bad}:1: [[split]] needs either" in capsys.readouterr().err
    assert store.query(db, "SELECT count(*) FROM runs").item() == runs


def _mark_old(db: Path) -> None:
    """Make every stored row recognisably old: a crash must leave each article all old or all
    new (the extractor is the same, so only these marks tell them apart)."""
    with store.writer(db) as con:
        con.execute("BEGIN")
        con.execute("UPDATE articles SET extractor_version = ?", [OLD])
        con.execute("UPDATE statements SET text = 'OLD ' || text")
        con.execute("UPDATE figures SET surface = 'OLD ' || surface")
        con.execute("COMMIT")


def _state(db: Path) -> dict[str, tuple[str, int, int, int, int]]:
    """Per article: version, statements, statements marked old, figures, figures marked old."""
    rows = store.query(
        db,
        """SELECT a.article_id, a.extractor_version,
                  (SELECT count(*) FROM statements s WHERE s.article_id = a.article_id),
                  (SELECT count(*) FROM statements s WHERE s.article_id = a.article_id
                      AND s.text LIKE 'OLD %'),
                  (SELECT count(*) FROM figures f WHERE f.article_id = a.article_id),
                  (SELECT count(*) FROM figures f WHERE f.article_id = a.article_id
                      AND f.surface LIKE 'OLD %')
           FROM articles a""",
    )
    return {r[0]: r[1:] for r in rows.iter_rows()}


def _kill_when(db: Path, done: int, env: dict[str, str], log: Path) -> int:
    """Start `quotedesk reextract` with one article per transaction and SIGKILL it once at
    least ``done`` articles are new. Returns how many were new when it was killed."""
    cmd = [sys.executable, "-m", "analysis.cli", "reextract", "--db", str(db), "--batch-size", "1"]
    with log.open("w") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 300
            new = 0
            while new < done and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
                new = store.query(
                    db,
                    "SELECT count(*) FROM articles WHERE extractor_version = ?",
                    [EXTRACTOR_VERSION],
                ).item()
            ended = proc.poll()
            if ended is None:
                os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
    assert ended is None, f"reextract ended by itself ({ended}): {log.read_text()[-2000:]}"
    return new


def test_killed_mid_reextract_every_article_is_old_or_new_and_a_rerun_completes(
    db: Path, base: tuple[Path, Path, str]
) -> None:
    _, _, merged = base
    per_article, before = _per_article(db), _counts(db)
    n_merged = _merged(db, merged)[0]
    _mark_old(db)
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDESK_ALIASES"}
    env["PYTHONPATH"] = str(settings.PROJECT_ROOT)
    log = db.with_suffix(".log")
    killed_at = [_kill_when(db, 2, env, log), _kill_when(db, N_ARTICLES // 2, env, log)]
    killed = _state(db)
    old_left = sum(v[0] == OLD for v in killed.values())
    assert 0 < killed_at[0] < N_ARTICLES and 0 < old_left < N_ARTICLES, killed_at  # mid-run
    for article, (version, n_st, old_st, n_fig, old_fig) in killed.items():
        assert (n_st, n_fig) == per_article[article], article
        if version == OLD:
            assert (old_st, old_fig) == (n_st, n_fig), article  # untouched
        else:
            assert version == EXTRACTOR_VERSION and (old_st, old_fig) == (0, 0), article
    report = reextract(db, progress=False)  # the rerun finishes the rest
    assert report.counts.updated == old_left
    state = _state(db)
    assert {v[0] for v in state.values()} == {EXTRACTOR_VERSION}
    assert all(v[2] == v[4] == 0 for v in state.values())  # nothing old is left
    after = _counts(db)
    assert after == before
    assert after["statements"] == after["statement_ids"] and after["figures"] == after["figure_ids"]
    assert _merged(db, merged) == (n_merged, {"merge"})
    orphans = store.query(
        db,
        """SELECT count(*) FROM statement_topics t
           ANTI JOIN statements s USING (statement_id)""",
    )
    assert orphans.item() == 0
