"""The dashboard and a notebook keep answering while `quotedesk ingest` writes.

DuckDB lets one process write a file, and a process holding it open (even read-only) keeps a
writer out. quotedesk's answer (analysis/store/connect.py): ingest writes each batch in one short
transaction on a connection of its own, behind a turnstile lock that keeps new readers out
while a batch is written; readers open the file read-only for each query and wait their turn.
These tests run the real thing: `quotedesk ingest` in a subprocess on AllSides sample-300,
a second process asking the dashboard's queries and the notebook API's questions without
pause, and the real Streamlit server in a real Chromium, reloaded throughout.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import robustness
from playwright import sync_api
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXCEPTION,
    QUOTEDESK,
    SETTLED,
    _free_port,
    _stop,
    _wait_until_up,
)

from analysis import queries, store
from analysis.ingest import ingest

pytestmark = pytest.mark.slow

SEED = {
    "id": "seed-1",
    "outlet": "Seed Gazette",
    "published": "2020-01-02",
    "title": "Bridge to reopen",
    "text": 'Mayor Lena Dahl said the bridge would reopen on Friday. "We are ready for the '
    'crowds," the president said after 2,000 people signed a petition.',
}
GROWING = ("articles", "statements", "figures")


def _seeded(folder: Path) -> Path:
    """A store holding one article: the newsroom's database before today's ingest."""
    src = folder / "seed.jsonl"
    src.write_text(json.dumps(SEED) + "\n", encoding="utf-8")
    db = folder / "news.duckdb"
    assert ingest([src], db, progress=False).ok
    return db


def _articles_metric(page: sync_api.Page, url: str) -> int:
    """Load the overview in a fresh page view and read its Articles metric."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    page.wait_for_function(SETTLED, timeout=60_000)
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    return int(page.get_by_test_id("stMetricValue").first.inner_text().replace(",", ""))


def test_readers_answer_throughout_an_ingest(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _seeded(tmp_path)
    corpus = shared / "corpus" / "allsides" / "sample-300.jsonl"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "dashboard.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(QUOTEDESK), "dashboard", "--db", str(db), "--port", str(port), "--headless"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    shown: list[int] = []
    try:
        _wait_until_up(url, server, log, timeout=90)
        with (
            sync_api.sync_playwright() as p,
            robustness.poller(db, tmp_path) as finish,
        ):
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            shown.append(_articles_metric(page, url))
            started = time.time()
            writer = subprocess.Popen(
                robustness.ingest_cmd([corpus], db, batch_size=64),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            while writer.poll() is None:  # a reporter reloading the page all along
                shown.append(_articles_metric(page, url))
                page.wait_for_timeout(2000)  # (a browser redrawing without pause takes a core)
            ended = time.time()
            shown.append(_articles_metric(page, url))
            browser.close()
            seen = finish()
        # the dashboard holds no connection: the file is free for the next writer at once
        monkeypatch.setenv("QUOTEDESK_LOCK_TIMEOUT", "5")
        with store.writer(db) as con:
            assert con.sql("SELECT count(*) FROM articles").fetchone() == (301,)
    finally:
        _stop(server)
    out_text, err_text = writer.communicate()
    assert writer.returncode == 0, err_text
    assert "articles: 300 new" in out_text

    assert seen.errors == []
    assert seen.shrinking("overview_all", GROWING) == []
    assert seen.shrinking("desk_overview", GROWING) == []
    during = seen.between(started, ended)
    counts = {r["value"]["articles"] for r in during.records if r["name"] == "overview_all"}
    # answers came between the batches (1 seed article, then +64 per batch), not only at the
    # ends; every question was answered (searches too) without an error
    assert len(counts) >= 3, counts
    final = queries.overview(db, queries.Filters(distinct=False))
    assert seen.counts("overview_all")[-1] == final
    assert final["articles"] == 301

    assert shown == sorted(shown), shown  # the page's count only grows
    assert shown[0] == 1 and shown[-1] == queries.overview(db)["articles"]
    assert len(set(shown)) >= 2  # the page showed the ingest under way, not only its end


def test_search_answers_during_the_first_ingest_into_a_new_store(tmp_path: Path) -> None:
    """A new store gets its search index with its first batch, so a reporter searching while
    the rest is ingested gets answers (from that batch), not an error; the index is rebuilt
    over everything when the ingest ends."""
    rows = [
        {"id": f"n{i}", "text": f"Mayor Lena Dahl said the bridge number {i} would reopen."}
        for i in range(6)
    ]
    src = tmp_path / "new.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "new.duckdb"
    found: list[int] = []

    def search(_: object) -> None:  # runs between batches, while ingest is under way
        found.append(queries.statements(db, search="bridge reopen").height)

    ingest([src], db, batch_size=2, progress=False, on_batch=search)
    assert found == [2, 2, 2]
    assert queries.statements(db, search="bridge reopen").height == 6
