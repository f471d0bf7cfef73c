"""The dashboard in a real headless Chromium: `quotedesk dashboard` serving a real database.

Screenshots of every page go to artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# Shares the database builder with the AppTest module (tests/ is on sys.path under pytest).
from test_dashboard import a_narrowing_topic, build_db

from analysis import queries, settings

pytestmark = pytest.mark.browser

ROOT = settings.PROJECT_ROOT
QUOTEDESK = ROOT / ".venv" / "bin" / "quotedesk"
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHART = ".vega-embed canvas, .vega-embed svg"
EXCEPTION = '[data-testid="stException"]'

sync_api = pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"dashboard exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"dashboard did not answer within {timeout}s:\n{log.read_text()}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """End the server we started: its own process group (quotedesk and its streamlit child)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`quotedesk dashboard` on a free port, started from dashboard/ so its config applies."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "dashboard.log"
    cmd = [str(QUOTEDESK), "dashboard", "--db", str(db), "--port", str(port), "--headless"]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT / "dashboard",
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout=60)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    yield context.new_page()
    context.close()


def _open(page: sync_api.Page, url: str, charts: int = 0) -> None:
    """Load a page and wait for its heading, its charts, and the end of the script run."""
    page.goto(url)
    page.wait_for_selector("h1, h2", timeout=30_000)
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('{CHART}').length >= {charts}", timeout=30_000
        )
    _settle(page)


SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    const loading = document.querySelectorAll(
        '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]').length;
    return state === 'notRunning' && loading === 0;
}"""


def _settle(page: sync_api.Page) -> None:
    """Wait until the script run is over and no element is still a loading placeholder."""
    page.wait_for_timeout(200)
    page.wait_for_function(SETTLED, timeout=30_000)
    page.wait_for_timeout(500)  # let Vega and the data grid finish drawing


def _shot(page: sync_api.Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _article_path(db: Path) -> str:
    row = queries.statements(db).row(0, named=True)
    return f"article?article={row['article_id']}&statement={row['statement_id']}"


@pytest.mark.parametrize(
    ("name", "path", "charts"),
    [
        ("overview", "", 3),
        ("statements", "statements", 0),
        ("article", None, 0),
        ("speakers", "speakers", 2),
        ("figures", "figures", 0),
    ],
)
def test_page_renders_without_exception(
    page: sync_api.Page, server: str, db: Path, name: str, path: str | None, charts: int
) -> None:
    _open(page, f"{server}/{path if path is not None else _article_path(db)}", charts)
    _shot(page, name)
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator(CHART).count() >= charts
    if name == "statements":
        assert page.locator('[data-testid="stDataFrame"]').count() == 1
    if name == "article":
        assert page.locator("mark").count() > 5  # the legend alone has five
    if name == "figures" and not queries.figure_series(db).is_empty():
        assert page.locator(CHART).count() == 1


def test_a_filter_click_changes_the_numbers_and_the_url(
    page: sync_api.Page, server: str, db: Path
) -> None:
    _open(page, server, charts=3)
    statements = page.get_by_test_id("stMetricValue").nth(1)
    before_count = statements.inner_text()
    before_chart = page.locator(".vega-embed").first.screenshot()
    sidebar = page.get_by_test_id("stSidebar")
    topic = a_narrowing_topic(db)
    label = dict(queries.topic_choices(db).select("topic", "label").iter_rows())[topic]
    sidebar.get_by_test_id("stMultiSelect").nth(1).click()  # Topics
    page.get_by_role("option", name=label, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url("**topic=*", timeout=30_000)
    _settle(page)
    _shot(page, "overview-filtered")
    expected = queries.overview(db, queries.Filters(topics=(topic,)))["statements"]
    assert statements.inner_text() == f"{expected:,}" != before_count
    assert page.locator(".vega-embed").first.screenshot() != before_chart
    assert page.locator(EXCEPTION).count() == 0


def test_picking_a_statement_opens_its_article(page: sync_api.Page, server: str) -> None:
    _open(page, f"{server}/statements")
    grid = page.get_by_test_id("stDataFrame")
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url("**/article?*", timeout=30_000)
    _settle(page)
    assert page.locator("mark").count() > 5
    assert page.locator(EXCEPTION).count() == 0
