"""Seconds from opening a dashboard page to its first chart, in headless Chromium.

    .venv/bin/python tests/bench/first_chart.py [--db data/sample.duckdb] [--rounds 5]

Each round starts a new `quotedesk dashboard` (so no page's queries are cached) and visits
it once on a page that runs only the sidebar's queries, as a reporter meets a server that is
up. Three ways of opening each page are timed:

- "cold": in a fresh browser context, nothing cached, the app's ~5 MB of JavaScript
  downloaded and compiled again, the page's queries run for the first time;
- "returning": a second new server, and one browser context that has the app's scripts in its
  cache, as a reporter who opened the dashboard yesterday finds it this morning: the scripts
  come from the browser's cache, the page's queries run for the first time;
- "warm": the same pages again in that context, the queries now cached.

Before each returning and warm visit the previous page has finished (its script has run and
the browser's main thread is idle), so a page is not charged for the one before it. The first
chart is a Vega chart drawn (the Statements page: its table; the Article page: its marked
text). Also measured, in the cold visits: when the browser has the app's own script loaded
(Streamlit's bundle), and the CPU seconds the server and the browser spent. A bare Streamlit
page with one Altair chart is measured in the same rounds (its returning and warm visits are
one reload): on a machine busy with other work every time stretches, and the pages are best
read against it. Prints the median and the worst of each per page.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
from playwright import sync_api

from analysis import queries, settings

ROOT = settings.PROJECT_ROOT
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
CHART = ".vega-embed canvas, .vega-embed svg"
TABLE = '[data-testid="stDataFrame"]'
# page → (path, what counts as its first content)
PAGES = {
    "overview": ("", CHART),
    "statements": ("statements", TABLE),
    "article": (None, "mark"),
    "speakers": ("speakers", CHART),
    "speaker profile": ("speakers?view=Profile", CHART),
    "topics": ("topics", CHART),
    "figures": ("figures", f"{CHART}, {TABLE}"),
}
# performance.now() when the app's entry script had run: Streamlit's bundle is loaded
# the script has run and the front end has drawn what it sent
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
QUIET = "() => new Promise(r => requestIdleCallback(() => r(), {timeout: 5000}))"
BUNDLE = """() => {
    const e = performance.getEntriesByType('resource').filter(r => r.name.includes('/index.'));
    return e.length ? Math.max(...e.map(r => r.responseEnd)) : null;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# A bare Streamlit page with one Altair chart: what any Streamlit app pays, measured beside
# the dashboard's pages in the same rounds (a busy machine slows both alike).
BASELINE = """import altair as alt
import streamlit as st

st.title("One chart")
data = alt.Data(values=[{"x": k, "y": v} for k, v in zip("abcdefgh", [3, 5, 2, 8, 1, 4, 6, 7])])
st.altair_chart(alt.Chart(data).mark_bar().encode(x="x:N", y="y:Q"))
"""


@contextmanager
def _server(cmd: Callable[[int], list[str]], cwd: Path) -> Iterator[tuple[str, psutil.Process]]:
    """A server started by ``cmd(port)`` on a free port, and its process."""
    port = _free_port()
    proc = subprocess.Popen(
        cmd(port), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield url, psutil.Process(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _cpu(p: psutil.Process) -> float:
    """CPU seconds of a process and its children."""
    total = 0.0
    for q in [p, *p.children(recursive=True)]:
        try:
            t = q.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            continue
    return total


def _visit(page: sync_api.Page, url: str, first: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(first, timeout=60_000)
    return time.perf_counter() - started


def _cold(
    browser: sync_api.Browser, url: str, server: psutil.Process, first: str
) -> dict[str, float]:
    """One visit in a fresh browser context: seconds, of which the bundle, and CPU seconds."""
    me = psutil.Process()
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    cpu = _cpu(server), _cpu(me)
    seconds = _visit(page, url, first)
    bundle = page.evaluate(BUNDLE)
    out = {
        "cold": seconds,
        "bundle": (bundle or 0) / 1000,
        "server_cpu": _cpu(server) - cpu[0],
        "browser_cpu": _cpu(me) - cpu[1],
    }
    page.wait_for_timeout(300)
    context.close()
    return out


def _baseline(browser: sync_api.Browser, app: Path) -> dict[str, float]:
    def cmd(port: int) -> list[str]:
        streamlit = str(ROOT / ".venv/bin/streamlit")
        return [streamlit, "run", "--server.headless", "true", "--server.port", str(port), str(app)]

    with _server(cmd, app.parent) as (url, server):
        warmup = browser.new_context()
        _visit(warmup.new_page(), url, CHART)  # the server's first run imports Altair
        warmup.close()
        out = _cold(browser, url, server, CHART)
        context = browser.new_context()
        page = context.new_page()
        _visit(page, url, CHART)
        _settle(page)
        out["returning"] = out["warm"] = _visit(page, f"{url}/?again=1", CHART)
        context.close()
    return out


def _settle(page: sync_api.Page) -> None:
    """Wait until the page's script has finished and the browser's main thread is idle."""
    page.wait_for_selector(IDLE, state="attached", timeout=60_000)
    page.evaluate(QUIET)


def _round(browser: sync_api.Browser, db: Path, article: str) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {name: {} for name in PAGES}

    def cmd(port: int) -> list[str]:
        quotedesk = str(ROOT / ".venv/bin/quotedesk")
        return [quotedesk, "dashboard", "--db", str(db), "--headless", "--port", str(port)]

    def url_of(url: str, path: str | None) -> str:
        return f"{url}/{article if path is None else path}"

    with _server(cmd, ROOT / "dashboard") as (url, server):
        warmup = browser.new_context()
        _visit(warmup.new_page(), f"{url}/article", "h1")  # the sidebar's queries only
        warmup.close()
        for name, (path, first) in PAGES.items():
            out[name].update(_cold(browser, url_of(url, path), server, first))
    with _server(cmd, ROOT / "dashboard") as (url, server):  # no page's queries cached
        context = browser.new_context(viewport={"width": 1400, "height": 1800})
        page = context.new_page()
        _visit(page, f"{url}/article", "h1")  # the app's scripts in the browser's cache
        _settle(page)
        for name, (path, first) in PAGES.items():
            out[name]["returning"] = _visit(page, url_of(url, path), first)
            _settle(page)
        for name, (path, first) in PAGES.items():
            out[name]["warm"] = _visit(page, url_of(url, path), first)
            _settle(page)
        context.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="a quotedesk database (default: build the sample)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db.resolve() if args.db else None  # the server runs from dashboard/
        if db is None:
            db = Path(tmp) / "sample.duckdb"
            subprocess.run([str(ROOT / ".venv/bin/quotedesk"), "sample", "--db", str(db)],
                           check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        row = queries.statements(db, limit=1).row(0, named=True)
        article = f"article?article={row['article_id']}&statement={row['statement_id']}"
        app = Path(tmp) / "baseline.py"
        app.write_text(BASELINE)
        rows: dict[str, list[dict[str, float]]] = {}
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(args.rounds):  # the baseline and the pages alternate: the same load
                rows.setdefault("bare Streamlit, one chart", []).append(_baseline(browser, app))
                for name, found in _round(browser, db, article).items():
                    rows.setdefault(name, []).append(found)
            browser.close()
    print(f"{args.rounds} rounds on {db}; load average {os.getloadavg()[0]:.1f} at the end")
    print("| page | cold s (median, worst) | of which bundle s | server CPU s | browser CPU s "
          "| returning s (median, worst) | warm s (median, worst) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, found in rows.items():
        col = {k: [r[k] for r in found] for k in found[0]}

        def med(k: str, c: dict[str, list[float]] = col) -> float:
            return statistics.median(c[k])

        print(
            f"| {name} | {med('cold'):.2f}, {max(col['cold']):.2f} | {med('bundle'):.2f} | "
            f"{med('server_cpu'):.2f} | {med('browser_cpu'):.2f} | "
            f"{med('returning'):.2f}, {max(col['returning']):.2f} | "
            f"{med('warm'):.2f}, {max(col['warm']):.2f} |"
        )


if __name__ == "__main__":
    main()
