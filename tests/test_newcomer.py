"""`./dev dashboard` exactly as a newcomer runs it, but with no terminal (nohup, CI, a service).

Streamlit's first run used to ask for an e-mail address on the terminal (and exit 255 without
one) and to show an "install skills" toast over the page. The command runs in a process group
of its own with stdin from /dev/null; the sample database goes to a temporary folder, so the
developer's data/sample.duckdb is not touched.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, _free_port, _stop, _wait_until_up

from analysis import settings

pytestmark = pytest.mark.browser

from playwright import sync_api  # noqa: E402


def test_dev_dashboard_starts_without_a_terminal(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "dev-dashboard.log"
    env = {k: v for k, v in os.environ.items() if k != "QUOTEDESK_DB"}
    env["QUOTEDESK_SAMPLE_DB"] = str(tmp_path / "sample.duckdb")  # not built yet
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["./dev", "dashboard", "--port", str(port)],
            cwd=settings.PROJECT_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # no controlling terminal
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout=300)  # may install and build the sample first
        text = log.read_text()
        assert f"dashboard on {url}" in text
        assert "Email" not in text and "Welcome to Streamlit" not in text
        assert (tmp_path / "sample.duckdb").is_file()
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            page.get_by_text("Who said what").first.wait_for(timeout=60_000)
            page.locator(".vega-embed").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)  # the toast, when it comes, follows the first draw
            page.screenshot(path=str(tmp_path / "overview.png"))
            body = page.locator("body").inner_text()
            assert "Statements" in body and "Outlets" in body
            assert page.locator('[data-testid="stSkillsNudge"]').count() == 0
            assert "Help agents" not in body
            assert page.locator('[data-testid="stException"]').count() == 0
            browser.close()
    finally:
        _stop(proc)
    assert proc.returncode is not None
