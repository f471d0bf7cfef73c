"""Hostile input: markup and scripts in articles, and what the dashboard may open and serve.

An article whose text, title, outlet and quoted statement carry <script>, inline event
handlers, javascript: links and Markdown is ingested for real; the real dashboard script
(AppTest) must hand Streamlit only escaped text, and the real page in Chromium must run no
script and show no injected element, only the literal characters. The dashboard opens only
the configured database, read-only, and `quotedesk dashboard` serves on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from playwright import sync_api
from streamlit.testing.v1 import AppTest
from test_browser import CHROMIUM, CHROMIUM_ARGS, EXCEPTION, QUOTEDESK, SETTLED, _stop

from analysis import queries, settings
from analysis.cli import build_parser
from analysis.ingest import ingest

APP = settings.PROJECT_ROOT / "dashboard" / "app.py"
PAGES = ["overview", "statements", "article", "speakers", "topics", "figures"]

# Each payload sets a flag on window if it ever runs, so the browser test can tell.
SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
LINK = "[a link](javascript:window.__pwned='link')"
MARKDOWN = "**not bold** _not italic_ `not code` ![no image](http://127.0.0.1:9/x.png)"
QUOTE = f"{SCRIPT} The bridge is safe, {MARKDOWN} and {LINK}, for $2 and $3 a car"
HOSTILE = {
    "id": "hostile",
    "title": f"{SCRIPT}{IMG} # Bridge **reopens**",
    "outlet": f"Evil {LINK} {IMG}",
    "published": "2025-05-05",
    "url": "javascript:window.__pwned='url'",
    "text": (
        f'Mayor Lena Dahl said the bridge would reopen on Friday. "{QUOTE}," Dahl said.\n\n'
        f"{IMG} # Not a heading <b>not bold</b> "
        "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>\n\n"
        "Judge Anna Berg said that the <a href=\"javascript:window.__pwned='a'\">court</a> "
        "would decide in May, when 300 witnesses are due."
    ),
}
# Tags the dashboard itself writes into the article's HTML; anything else is injected.
OWN_TAGS = {"mark", "h2", "div", "br"}
LITERALS = ("<script>", "**not bold**", "<b>not bold</b>", "[a link](javascript:")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    src = folder / "hostile.jsonl"
    src.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "hostile.duckdb"
    assert ingest([src], db, progress=False).ok
    return db


def _statement_ids(db: Path) -> list[str]:
    return queries.article_statements(db, "hostile")["statement_id"].to_list()


def test_the_hostile_text_is_stored_as_written(hostile_db: Path) -> None:
    doc = queries.article(hostile_db, "hostile")
    assert doc is not None and doc["text"] == HOSTILE["text"]
    said = queries.article_statements(hostile_db, "hostile")["text"].to_list()
    assert any(SCRIPT in s and MARKDOWN in s for s in said)  # the quote holds every payload


# ---------------------------------------------------------------------------- AppTest
@pytest.fixture
def app(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("QUOTEDESK_DB", str(hostile_db))
    return AppTest.from_file(str(APP), default_timeout=60)


def _article(app: AppTest, db: Path) -> AppTest:
    app.query_params["article"] = "hostile"
    app.query_params["statement"] = _statement_ids(db)[0]
    return app.switch_page("app_pages/article.py").run()


def _plain_markdown(at: AppTest) -> list[str]:
    """Text the page shows as Markdown without HTML: captions, headers, plain markdown."""
    elements = [*at.caption, *at.header, *at.subheader, *at.title]
    return [m.value for m in [*at.markdown, *elements] if not getattr(m.proto, "allow_html", 0)]


def _tags(html: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", html)}


def test_article_page_hands_streamlit_only_escaped_text(app: AppTest, hostile_db: Path) -> None:
    at = _article(app, hostile_db)
    assert not at.exception
    html = [m.value for m in at.markdown if m.proto.allow_html]
    body = next(h for h in html if "Mayor Lena Dahl" in h)
    title = next(h for h in html if h.startswith("<h2>"))
    for piece in (body, title):
        assert _tags(piece) <= OWN_TAGS, _tags(piece) - OWN_TAGS
        shown = re.sub(r"<[^>]*>", "", piece)  # the text between the tags
        assert "**" not in shown and "$" not in shown and "[" not in shown
    assert "&lt;script&gt;window" in body and "&lt;b&gt;not bold&lt;/b&gt;" in body
    # text shown as Markdown (captions, headers) carries no live Markdown either
    for text in _plain_markdown(at):
        assert "](javascript" not in text and "![" not in text and "**" not in text, text


def test_statement_tables_carry_the_literal_text(app: AppTest, hostile_db: Path) -> None:
    at = app.switch_page("app_pages/statements.py").run()
    assert not at.exception
    texts = [t for table in at.dataframe for t in table.value.get("text", [])]
    assert any(SCRIPT in t and MARKDOWN in t for t in texts)  # data, not markup


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_hostile_store(app: AppTest, hostile_db: Path, page: str) -> None:
    at = (
        _article(app, hostile_db)
        if page == "article"
        else app.switch_page(f"app_pages/{page}.py").run()
    )
    assert not at.exception
    for m in at.markdown:
        if m.proto.allow_html:
            assert _tags(m.value) <= OWN_TAGS, (page, m.value[:200])
    for text in _plain_markdown(at):
        assert "](javascript" not in text and "![" not in text, (page, text)


# --------------------------------------------------------------------- the real page
@pytest.fixture(scope="module")
def server(hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`quotedesk dashboard` with its default address (no --address)."""
    from test_browser import _free_port, _wait_until_up

    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "dashboard.log"
    cmd = [str(QUOTEDESK), "dashboard", "--db", str(hostile_db), "--port", str(port), "--headless"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log, timeout=90)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[tuple[sync_api.Page, list[str]]]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield tab, dialogs
        browser.close()


def _settle(tab: sync_api.Page) -> None:
    tab.wait_for_selector("h1, h2", timeout=60_000)
    tab.wait_for_function(SETTLED, timeout=60_000)
    tab.wait_for_timeout(500)


INJECTED = """() => ({
    pwned: window.__pwned || null,
    scripts: [...document.querySelectorAll('script')]  // the app's own scripts are allowed
        .filter(s => s.textContent.includes('__pwned')).length,
    images: [...document.querySelectorAll('[data-testid="stMain"] img')]
        .map(i => i.getAttribute('src')).filter(s => s && (s === 'x' || s.includes(':9/'))),
    iframes: [...document.querySelectorAll('[data-testid="stMain"] iframe')]
        .map(f => f.getAttribute('src') || '').filter(s => s.startsWith('javascript')),
    links: [...document.querySelectorAll('a')]  // a javascript: target, or a link made of text
        .filter(a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript')
                     || ['a link', 'court'].includes(a.textContent.trim()))
        .map(a => a.outerHTML),
    bold: [...document.querySelectorAll('[data-testid="stMain"] b, [data-testid="stMain"] strong')]
        .map(b => b.textContent).filter(t => t.includes('not bold')),
    text: document.querySelector('[data-testid="stMain"]').innerText,
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["article", "statements", "", "speakers"])
def test_no_script_runs_and_no_element_is_injected_in_the_browser(
    page: tuple[sync_api.Page, list[str]], server: str, hostile_db: Path, path: str
) -> None:
    tab, dialogs = page
    query = f"?article=hostile&statement={_statement_ids(hostile_db)[0]}" if path else ""
    tab.goto(f"{server}/{path}{query if path == 'article' else ''}")
    _settle(tab)
    if path == "article":
        tab.locator("mark").first.hover()  # hover handlers too
    found: dict[str, Any] = tab.evaluate(INJECTED)
    assert tab.locator(EXCEPTION).count() == 0
    assert found["pwned"] is None and dialogs == []
    assert found["scripts"] == 0 and found["images"] == [] and found["iframes"] == []
    assert found["links"] == [] and found["bold"] == []
    if path == "article":
        for literal in LITERALS:  # the reader sees the characters the article holds
            assert literal in found["text"], literal


# ------------------------------------------------------------- what it opens and serves
def test_dashboard_opens_only_the_configured_database_read_only(
    app: AppTest, hostile_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another process holds the file open read-only, as DuckDB allows many readers: from now
    # on any write open of it fails (DuckDB's file lock), so a page that opened it for
    # writing would fail instead of rendering.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_READ_ONLY, str(hostile_db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException, match=r"(?i)lock"):
            duckdb.connect(str(hostile_db)).close()  # the guard works
        monkeypatch.setenv("QUOTEDESK_LOCK_TIMEOUT", "2")  # a blocked open fails quickly
        before = hostile_db.read_bytes()
        dirs = (hostile_db.parent, settings.PROJECT_ROOT, settings.PROJECT_ROOT / "dashboard")
        files = [sorted(p.name for p in d.iterdir()) for d in dirs]
        for page in PAGES:
            at = (
                _article(app, hostile_db)
                if page == "article"
                else app.switch_page(f"app_pages/{page}.py").run()
            )
            assert not at.exception and not at.error, page
        # what the overview shows came from the configured database
        shown = {m.label: int(m.value.replace(",", "")) for m in
                 app.switch_page("app_pages/overview.py").run().metric}  # fmt: skip
        assert shown["Articles"] == queries.overview(hostile_db)["articles"] > 0
        assert hostile_db.read_bytes() == before  # not a byte written
        # no other database (nor write-ahead log, nor lock file) appeared beside it or here
        assert [sorted(p.name for p in d.iterdir()) for d in dirs] == files
    finally:
        holder.kill()
        holder.wait()


# A reader in another process: opens the file read-only and keeps it open until killed.
HOLD_READ_ONLY = """import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
time.sleep(600)"""


def _listening(port: int) -> set[str]:
    """Addresses with a socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_quotedesk_dashboard_serves_on_localhost_only(server: str) -> None:
    assert build_parser().parse_args(["dashboard"]).address == "127.0.0.1"
    port = int(server.rsplit(":", 1)[1])
    assert _listening(port) == {"0100007F"}  # 127.0.0.1, nothing on 0.0.0.0 or ::
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
