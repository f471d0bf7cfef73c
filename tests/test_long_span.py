"""The dashboard on real news over eight years (150 AllSides articles, 2012-2020), in Chromium.

Screenshots of the Overview and Statements pages go to a temporary folder (printed) for a
person to look at: bars over eight years are quarters, not hairlines; axis labels do not run
together; the chart's title is not under the count cards; long names are shown whole.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, QUOTEDESK, _free_port, _stop, _wait_until_up

from analysis import charts, queries
from analysis.ingest import ingest
from dashboard import ui

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from playwright import sync_api  # noqa: E402


@pytest.fixture(scope="module")
def eight_years(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("eight-years")
    lines = (shared / "corpus" / "allsides" / "sample-300.jsonl").read_text().splitlines()
    src = work / "articles.jsonl"
    src.write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")  # 150, over the 8 years
    db = work / "news.duckdb"
    assert ingest([src], db, progress=False).ok
    return db


@pytest.fixture(scope="module")
def server(eight_years: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "dashboard.log"
    cmd = [str(QUOTEDESK), "dashboard", "--db", str(eight_years), "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, env={**os.environ},
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout=60)
        yield url
    finally:
        _stop(proc)


def test_the_span_picks_the_bars(eight_years: Path) -> None:
    lo, hi = queries.date_range(eight_years)
    assert lo is not None and hi is not None and (hi - lo).days > 7 * 365
    assert charts.freq_for_span(lo, hi) == "quarter"
    assert charts.freq_for_span(dt.date(2025, 1, 1), dt.date(2025, 2, 1)) == "day"
    assert charts.freq_for_span(dt.date(2024, 1, 1), dt.date(2025, 3, 1)) == "week"
    assert charts.freq_for_span(dt.date(2022, 1, 1), dt.date(2025, 3, 1)) == "month"
    assert charts.freq_for_span(dt.date(1990, 1, 1), dt.date(2025, 3, 1)) == "year"


def test_overview_and_statements_read_well_over_eight_years(
    server: str, eight_years: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {shots}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_text("Statements per quarter, by topic").first.wait_for(timeout=60_000)
        page.locator(".vega-embed").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(shots / "overview.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        # the chart's title is below the count cards, not under them
        cards = page.locator('[data-testid="stMetric"]').last.bounding_box()
        chart = page.locator(".vega-embed").first.bounding_box()
        assert cards and chart and chart["y"] >= cards["y"] + cards["height"]

        page.goto(f"{server}/statements")
        page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(shots / "statements.png"), full_page=True)
        # the widest speaker name on the page fits its column, over at most the three lines
        # a row shows: measured in the page's own font
        shown = queries.statements(eight_years, limit=500)["speaker"].drop_nulls()
        width = ui._text_width(shown)  # what the Statements table gives its Speaker column
        widest = max(shown, key=len)
        widest_px = page.evaluate(
            """([name]) => {
                const grid = document.querySelector('[data-testid="stDataFrame"]');
                const ctx = document.createElement('canvas').getContext('2d');
                ctx.font = getComputedStyle(grid).font;
                return ctx.measureText(name).width;
            }""",
            [widest],
        )
        assert isinstance(width, int), "names get a width of their own, not a text's"
        assert widest_px <= ui.LONG_TEXT_ROWS * (width - 16), (widest, widest_px, width)
        typical = sorted(len(n) for n in shown)[len(shown) // 2]
        assert 8 * typical + 32 <= width, "most names fit on one line"
        browser.close()
