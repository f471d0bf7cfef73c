"""One write path: after every command that writes, the dashboard's facts are current and the
run is recorded as finished.

Each command runs through the real `quotedesk` entry point (``cli.main``) on a real store built
from a few of the sample articles. A command that skipped part of the cleanup would leave the
facts stale (every dashboard query then takes the slow on-the-fly path) or its run unrecorded;
``runs.write_run`` owns both, and this test keeps every command going through it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from analysis import articles, settings, store
from analysis.cli import main
from analysis.desk import Desk
from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import EXTRACTOR_VERSION, extract_doc
from analysis.records import Article
from analysis.scaleout import partitions

SAMPLE = settings.PROJECT_ROOT / "data" / "sample" / "articles.jsonl"
ARTICLES = 6


def _lines(start: int, stop: int) -> str:
    return "".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[start:stop])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by `quotedesk ingest` from the first sample articles (checked below)."""
    folder = tmp_path_factory.mktemp("write-path")
    src = folder / "first.jsonl"
    src.write_text(_lines(0, ARTICLES), encoding="utf-8")
    db = folder / "base.duckdb"
    assert main(["ingest", str(src), "--db", str(db)]) == 0
    return db


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A copy of the built store for one command to write to."""
    copy = tmp_path / "news.duckdb"
    shutil.copy(built, copy)
    return copy


def _assert_written(db: Path, command: str, runs_before: int) -> None:
    runs = store.query(db, "SELECT run_id, command, status, finished_at FROM runs ORDER BY run_id")
    assert runs.height == runs_before + 1, runs
    last = runs.row(-1, named=True)
    assert last["command"] == command
    assert last["status"] == "ok"
    assert last["finished_at"] is not None
    assert store.facts_fresh(db), f"`{command}` left the dashboard facts stale"


def _runs(db: Path) -> int:
    return int(store.query(db, "SELECT count(*) FROM runs").item())


def test_ingest(built: Path) -> None:
    _assert_written(built, "ingest", 0)


def test_ingest_into_a_store(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "more.jsonl"
    src.write_text(_lines(ARTICLES, ARTICLES + 2), encoding="utf-8")
    before = _runs(db)
    assert main(["ingest", str(src), "--db", str(db)]) == 0
    _assert_written(db, "ingest", before)


def test_reextract(db: Path) -> None:
    before = _runs(db)
    assert main(["reextract", "--db", str(db), "--force"]) == 0
    _assert_written(db, "reextract", before)


def test_load(db: Path, tmp_path: Path, nlp: Language) -> None:
    """Partitions as the scale-out job writes them (made here without Ray), then `load`."""
    src = tmp_path / "more.jsonl"
    src.write_text(_lines(ARTICLES, ARTICLES + 2), encoding="utf-8")
    items = [
        (a, articles.content_hash(a), extract_doc(nlp(a.text), title=a.title, article_id=a.id))
        for a in articles.read([src])
        if isinstance(a, Article)
    ]
    table = partitions.articles_table(items, EXTRACTOR_VERSION, nlp_loader.model_name())
    (tmp_path / "parts" / "articles").mkdir(parents=True)
    pq.write_table(table, tmp_path / "parts" / "articles" / "part-0.parquet")
    before = _runs(db)
    assert main(["load", str(tmp_path / "parts"), "--db", str(db)]) == 0
    _assert_written(db, "load", before)
    assert store.query(db, "SELECT count(*) FROM articles").item() == ARTICLES + 2


def test_speakers_apply(db: Path) -> None:
    before = _runs(db)
    assert main(["speakers", "apply", "--db", str(db)]) == 0
    _assert_written(db, "speakers apply", before)


def test_topics_discover(db: Path) -> None:
    before = _runs(db)
    assert main(["topics", "discover", "--db", str(db), "--k", "2"]) == 0
    _assert_written(db, "topics discover", before)


def test_migrate(db: Path) -> None:
    before = _runs(db)
    assert main(["migrate", "--db", str(db)]) == 0
    _assert_written(db, "migrate", before)


def test_corrections_and_their_import(built: Path, db: Path, tmp_path: Path) -> None:
    statement = str(store.query(db, "SELECT min(statement_id) FROM statements").item())
    before = _runs(db)
    Desk(db, read_only=False).verify(statement, who="Ann")
    _assert_written(db, "corrections", before)

    exported = tmp_path / "corrections.jsonl"
    assert main(["corrections", "export", str(exported), "--db", str(db)]) == 0
    other = tmp_path / "other.duckdb"
    shutil.copy(built, other)
    before = _runs(other)
    assert main(["corrections", "import", str(exported), "--db", str(other)]) == 0
    _assert_written(other, "corrections import", before)
