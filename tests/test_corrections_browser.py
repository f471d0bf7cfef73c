"""A correction made with real clicks in a real headless Chromium survives a forced
re-extraction and a restart of the dashboard (issue 18)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    QUOTEDESK,
    ROOT,
    _free_port,
    _settle,
    _shot,
    _stop,
    _wait_until_up,
)
from test_corrections import write_articles

from analysis import corrections, store
from analysis.ingest import ingest
from analysis.reextract import reextract

pytestmark = pytest.mark.browser

from playwright import sync_api  # noqa: E402  (installed by the test extra)

WORDS = "The operator hired 120 crew members"


@contextmanager
def dashboard(db: Path, log: Path, *flags: str) -> Iterator[str]:
    """`quotedesk dashboard` on a free port, stopped at the end of the block."""
    port = _free_port()
    cmd = [str(QUOTEDESK), "dashboard", "--db", str(db), "--port", str(port), "--headless", *flags]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=ROOT / "dashboard", stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout=60)
        yield url
    finally:
        _stop(proc)


def _marks(page: sync_api.Page) -> list[str]:
    """The hover titles of the article's marks: each statement's speaker, kind and cue."""
    return [str(t) for t in page.locator("mark[title]").evaluate_all("m => m.map(x => x.title)")]


def test_a_speaker_corrected_by_clicks_survives_reextraction_and_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUOTEDESK_ALIASES", raising=False)
    db = tmp_path / "news.duckdb"
    assert ingest([write_articles(tmp_path / "a.jsonl")], db, progress=False).ok
    sid = store.query(db, "SELECT statement_id FROM statements WHERE text = ?", [WORDS]).item()
    article = f"/article?article=harbor-2&statement={sid}"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        page = context.new_page()
        with dashboard(db, tmp_path / "first.log", "--corrections") as url:
            page.goto(url + article)
            page.get_by_role("heading", name="Correct the record").wait_for(timeout=30_000)
            _settle(page)
            before = _marks(page)
            assert not any(t.startswith("Anja Berg (indirect") for t in before), before
            page.get_by_label("Your name", exact=True).fill("Ann")
            page.get_by_label("Your name", exact=True).press("Enter")
            _settle(page)
            page.get_by_label("…or type a name", exact=True).fill("Anja Berg")
            page.get_by_role("button", name="Set speaker").click()
            page.get_by_text("Speaker saved.").wait_for(timeout=30_000)
            _settle(page)
            assert any(t.startswith("Anja Berg (indirect") for t in _marks(page))
            _shot(page, "correction-made")
        assert (
            store.query(
                db, "SELECT speaker_name FROM statements WHERE statement_id = ?", [sid]
            ).item()
            == "Anja Berg"
        )
        audit = corrections.audit(db).row(0, named=True)
        assert (audit["who"], audit["action"], audit["new_value"]) == (
            "Ann", "set_speaker", "Anja Berg",
        )  # fmt: skip

        assert reextract(db, force=True, progress=False).counts.updated == 3

        # restarted, read-only this time: the correction is what every reader sees
        with dashboard(db, tmp_path / "second.log") as url:
            page = context.new_page()
            page.goto(url + article)
            page.wait_for_selector("h2", timeout=30_000)
            _settle(page)
            after = _marks(page)
            assert any(t.startswith("Anja Berg (indirect") for t in after), after
            assert page.get_by_role("button", name="Set speaker").count() == 0
            _shot(page, "correction-after-reextract")
        browser.close()
    assert corrections.audit(db)["status"].to_list() == ["applied"]
