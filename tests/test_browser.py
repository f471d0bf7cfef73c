"""The dashboard in a real headless Chromium: `quotedesk dashboard` serving a real database.

Screenshots of every page go to artifacts/screenshots/ for a person to look at, with the time
each page took to show its first chart (first-chart.json).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

# Shares the database builder with the AppTest module (tests/ is on sys.path under pytest).
from test_changes import ARTICLES as CHANGED_ARTICLES
from test_dashboard import a_narrowing_topic, build_db

from analysis import queries, settings
from analysis.ingest import ingest

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
TABLE = '[data-testid="stDataFrame"]'
# The issue asks for the first chart within 2 s. Times are written down, not asserted (a busy
# machine stretches them): tests/bench/first_chart.py measures them over several rounds.

from playwright import sync_api  # noqa: E402  (installed by the test extra)

# `./dev test` installs Debian's chromium; without it this module must fail, not skip.
assert CHROMIUM.exists(), f"{CHROMIUM} not installed: run `apt-get install chromium`"


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
    yield from _serve(db, tmp_path_factory)


def _serve(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
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


@pytest.fixture(scope="module")
def warm_server(server: str, browser: sync_api.Browser) -> str:
    """The server after one visit: a reporter meets a running server, not a cold start.

    The visit is to the Article page with no article, which runs only the sidebar's queries,
    so every other page's own queries are still uncached when it is timed.
    """
    context = browser.new_context()
    _open(context.new_page(), f"{server}/article")
    context.close()
    return server


@pytest.fixture(scope="module")
def first_chart() -> Iterator[dict[str, dict[str, float]]]:
    """Seconds from navigation to each page's first chart (or first content, for a page
    without charts), in a fresh browser ("cold": the app's scripts are downloaded too) and in
    one that has the app open already ("warm"); written to artifacts/screenshots/."""
    times: dict[str, dict[str, float]] = {"cold": {}, "warm": {}}
    yield times
    if any(times.values()):
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "first-chart.json").write_text(json.dumps(times, indent=2) + "\n")
        for kind, found in times.items():
            print(
                f"\nfirst chart, {kind} (s): " + ", ".join(f"{k} {v:.2f}" for k, v in found.items())
            )


@pytest.fixture
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, accept_downloads=True)
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


# The height of the page's content: Streamlit scrolls its main area inside the window, so a
# "full page" screenshot would stop at the window's edge.
CONTENT_HEIGHT = """() => Math.max(document.body.scrollHeight, ...Array.from(
    document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'),
    e => e.scrollHeight))"""


def _shot(page: sync_api.Page, name: str) -> None:
    """A screenshot of the whole page, down to its last element."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    window = page.viewport_size or {"width": 1400, "height": 1800}
    height = min(int(page.evaluate(CONTENT_HEIGHT)), 9000)
    if height > window["height"]:
        page.set_viewport_size({"width": window["width"], "height": height})
        page.wait_for_timeout(800)  # the charts redraw at the new size
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(window)


def _article_path(db: Path) -> str:
    row = queries.statements(db).row(0, named=True)
    return f"article?article={row['article_id']}&statement={row['statement_id']}"


@pytest.mark.parametrize(
    ("name", "path", "charts", "first"),
    [
        ("overview", "", 3, CHART),
        ("statements", "statements", 0, TABLE),
        ("article", None, 0, "mark"),
        ("speakers", "speakers", 1, CHART),
        ("speaker-profile", "speakers?view=Profile", 3, CHART),
        ("topics", "topics", 3, CHART),
        ("figures", "figures", 0, f"{CHART}, {TABLE}"),
    ],
)
def test_page_renders_without_exception(
    page: sync_api.Page,
    warm_server: str,
    db: Path,
    first_chart: dict[str, dict[str, float]],
    name: str,
    path: str | None,
    charts: int,
    first: str,
) -> None:
    seconds = _time_to_first(
        page, f"{warm_server}/{path if path is not None else _article_path(db)}", first
    )
    first_chart["cold"][name] = seconds
    page.wait_for_selector("h1, h2", timeout=30_000)
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('{CHART}').length >= {charts}", timeout=30_000
        )
    _settle(page)
    _shot(page, name)
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator(CHART).count() >= charts
    if name == "statements":
        assert page.locator(TABLE).count() == 1
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
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Topics").click()
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


def _time_to_first(page: sync_api.Page, url: str, selector: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(selector, timeout=30_000)
    return round(time.perf_counter() - started, 2)


def test_pages_in_a_browser_that_has_the_app_open(
    page: sync_api.Page, warm_server: str, db: Path, first_chart: dict[str, dict[str, float]]
) -> None:
    """The same pages again in one browser: what a reporter moving between them waits."""
    _open(page, f"{warm_server}/article")
    pages = {
        "overview": ("", CHART),
        "statements": ("statements", TABLE),
        "article": (_article_path(db), "mark"),
        "speakers": ("speakers", CHART),
        "speaker-profile": ("speakers?view=Profile", CHART),
        "topics": ("topics", CHART),
        "figures": ("figures", f"{CHART}, {TABLE}"),
    }
    for name, (path, first) in pages.items():
        first_chart["warm"][name] = _time_to_first(page, f"{warm_server}/{path}", first)
        _settle(page)
        assert page.locator(EXCEPTION).count() == 0, name


def _click_bar(page: sync_api.Page, chart: int, label: str) -> None:
    """Click the bar of ``label`` in the ``chart``-th chart of the page (Vega draws SVG
    paths whose aria-label lists the bar's fields)."""
    bar = page.locator(".vega-embed").nth(chart).locator(f'path[aria-label*="{label}"]').first
    box = bar.bounding_box()
    assert box is not None, f"no bar for {label}"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_clicking_a_speakers_bar_lists_their_statements(
    page: sync_api.Page, server: str, db: Path
) -> None:
    _open(page, server, charts=3)
    top = queries.top_speakers(db, limit=15).row(1, named=True)
    _click_bar(page, 1, f"speaker: {top['speaker']};")
    # names in captions are isolated (U+2068 … U+2069) so right-to-left ones keep the order
    page.get_by_text(f"\u2068{top['speaker']}\u2069, newest first").wait_for(timeout=30_000)
    _settle(page)
    _shot(page, "overview-picked")
    expected = queries.statements(db, queries.Filters(speakers=(top["speaker_id"],)), limit=200)
    label = f"Download picked-statements.csv ({expected.height:,} rows)"
    assert page.get_by_role("button", name=label).count() == 1
    assert page.locator(EXCEPTION).count() == 0


def test_clicking_a_leaderboard_bar_opens_that_profile(
    page: sync_api.Page, server: str, db: Path
) -> None:
    _open(page, f"{server}/speakers", charts=1)  # the leaderboard's tab alone
    second = queries.top_speakers(db, limit=2).row(1, named=True)
    _click_bar(page, 0, f"speaker: {second['speaker']};")
    page.get_by_role("heading", name=second["speaker"], exact=True).wait_for(timeout=30_000)
    _settle(page)
    assert page.get_by_role("tab", name="Profile", selected=True).count() == 1
    assert "view=Profile" in page.url  # the open tab is in the link
    assert page.locator(".vega-embed").count() == 3  # the profile's charts
    assert page.locator(EXCEPTION).count() == 0


def test_clicking_a_topic_cell_narrows_the_table_under_it(
    page: sync_api.Page, server: str, db: Path
) -> None:
    _open(page, f"{server}/topics", charts=3)
    grid = queries.topic_speakers(db)
    cell = grid.row(0, named=True)
    whole = f"Download topic-speakers.csv ({grid.height:,} rows)"
    assert page.get_by_role("button", name=whole).count() == 1
    chart = page.locator(".vega-embed").nth(0)
    box = chart.locator(
        f'path[aria-label*="{cell["label"]}"][aria-label*="{cell["speaker"]}"]'
    ).first.bounding_box()
    assert box is not None, "no cell for the first topic and speaker"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    narrowed = grid.filter(pl.col("topic") == cell["topic"]).height
    assert narrowed < grid.height
    label = f"Download topic-speakers.csv ({narrowed:,} rows)"
    page.get_by_role("button", name=label).wait_for(timeout=30_000)
    _settle(page)
    _shot(page, "topics-picked")
    assert page.locator(EXCEPTION).count() == 0


@pytest.mark.parametrize(("button", "magic"), [("SVG", b"<svg"), ("PNG", b"\x89PNG")])
def test_a_chart_downloads_as_an_image(
    page: sync_api.Page, server: str, button: str, magic: bytes
) -> None:
    _open(page, f"{server}/topics", charts=3)
    with page.expect_download(timeout=30_000) as download:
        # our buttons, not the "Download as PNG" of Streamlit's own chart toolbar
        page.get_by_test_id("stDownloadButton").filter(has_text=button).first.click()
    assert download.value.suggested_filename == f"topic-speakers.{button.lower()}"
    path = download.value.path()
    assert Path(path).read_bytes().lstrip().startswith(magic)


# ------------------------------------------------------------------ changes and figures
@pytest.fixture(scope="module")
def changes_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the written story of tests/test_changes.py (a number revised,
    contradicted, repeated)."""
    base = tmp_path_factory.mktemp("changes-browser")
    src = base / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in CHANGED_ARTICLES), encoding="utf-8")
    ingest([src], base / "changes.duckdb", progress=False)
    yield from _serve(base / "changes.duckdb", tmp_path_factory)


def test_changes_page_shows_both_sentences_and_links_to_them(
    page: sync_api.Page, changes_server: str
) -> None:
    _open(page, f"{changes_server}/changes")
    page.wait_for_selector(TABLE, timeout=30_000)
    _settle(page)
    _shot(page, "changes")
    assert page.locator(EXCEPTION).count() == 0
    text = page.inner_text("body")
    assert "At most 150,000 contracts" in text and "We have 300,000" in text
    links = page.get_by_role("link", name="Open the article")
    assert links.count() == 2
    links.first.click()
    page.wait_for_url("**/article?*", timeout=30_000)
    _settle(page)
    assert page.locator("mark").count() > 0
    assert page.locator(EXCEPTION).count() == 0


def test_figures_table_shows_large_values_whole(page: sync_api.Page, changes_server: str) -> None:
    _open(page, f"{changes_server}/figures", charts=1)
    page.wait_for_selector(TABLE, timeout=30_000)
    _settle(page)
    _shot(page, "figures-changes-store")
    assert page.locator(EXCEPTION).count() == 0
    text = page.inner_text("body")
    assert "Figures 1–" in text and "Also cited with: volunteers" in text
