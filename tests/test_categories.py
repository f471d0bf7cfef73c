"""The outlet's own category as a filter, topics by label or id in a link, and right-to-left
outlet names in captions: on a real store of 30 AllSides articles (which carry `category`)
and two sample articles filed under an Arabic and a Hebrew outlet name.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis import queries, settings
from analysis.desk import Desk
from analysis.ingest import ingest
from analysis.queries import Filters

APP = settings.PROJECT_ROOT / "dashboard" / "app.py"
SAMPLE = settings.PROJECT_ROOT / "data" / "sample" / "articles.jsonl"
ARABIC = "الجزيرة نت"  # Al Jazeera Net
HEBREW = "הארץ"  # Haaretz
FSI, PDI = "\u2068", "\u2069"


@pytest.fixture(scope="module")
def db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("categories")
    lines = (shared / "corpus" / "allsides" / "sample-300.jsonl").read_text().splitlines()[:30]
    rtl = []
    for line, outlet in zip(SAMPLE.read_text().splitlines()[:2], (ARABIC, HEBREW), strict=True):
        rec = json.loads(line)
        rec.pop("category")
        rtl.append(json.dumps({**rec, "id": f"rtl-{rec['id']}", "outlet": outlet}))
    src = work / "articles.jsonl"
    src.write_text("\n".join([*lines, *rtl]) + "\n", encoding="utf-8")
    path = work / "news.duckdb"
    assert ingest([src], path, progress=False).ok
    return path


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose articles carry no category."""
    work = tmp_path_factory.mktemp("bare")
    recs = [json.loads(line) for line in SAMPLE.read_text().splitlines()[:2]]
    src = work / "articles.jsonl"
    src.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "category"}) + "\n"
                           for r in recs))  # fmt: skip
    path = work / "bare.duckdb"
    assert ingest([src], path, progress=False).ok
    return path


def _raw(db: Path, categories: tuple[str, ...]) -> int:
    ids = {
        json.loads(x)["id"]
        for x in (Path(str(db)).parent / "articles.jsonl").read_text().splitlines()
        if json.loads(x).get("category") in categories
    }
    return len(ids)


def test_the_category_filter_keeps_that_categorys_articles(db: Path) -> None:
    cats = queries.category_choices(db)
    assert len(cats) > 10 and "energy" in cats
    pick = ("energy", "lgbt_rights")
    f = Filters(categories=pick)
    assert queries.overview(db, f)["articles"] == _raw(db, pick) == 4
    # the same statements through the facts (overview) and through the tables (Desk.lazy)
    desk = Desk.open(db)
    lazy = desk.lazy("statements", category=["Energy", "LGBT_RIGHTS"]).collect()
    assert 0 < lazy.height == queries.overview(db, f)["statements"]
    shown = desk.statements(category=("ENERGY", "lgbt_rights"), limit=1000)
    assert shown.height == lazy.height
    assert queries.overview(db, replace(f, categories=("energy",)))["articles"] == 2


def test_an_unknown_category_is_refused_with_the_valid_ones(db: Path) -> None:
    with pytest.raises(ValueError, match=r"no category 'sports'; valid categories: .*energy"):
        Desk.open(db).statements(category="sports")


def test_the_sidebar_filters_by_category_from_the_url(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["category"] = ["energy"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="category").value == ["energy"]
    metric = {m.label: int(m.value.replace(",", "")) for m in at.metric}
    assert (
        metric["Articles"] == 2 == queries.overview(db, Filters(categories=("energy",)))["articles"]
    )


def test_no_category_picker_for_a_store_without_categories(
    bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(bare))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "category" not in [m.key for m in at.sidebar.multiselect]


@pytest.mark.parametrize("given", ["id", "label", "LABEL"])
def test_a_link_names_a_topic_by_id_or_label(
    db: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    topic, label = next(queries.topic_choices(db).select("topic", "label").iter_rows())
    value = {"id": topic, "label": label, "LABEL": label.upper()}[given]
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["topic"] = [value]
    at.run()
    assert not at.exception and not at.error
    assert at.sidebar.multiselect(key="topic").value == [topic]
    metric = {m.label: int(m.value.replace(",", "")) for m in at.metric}
    assert metric["Statements"] == queries.overview(db, Filters(topics=(topic,)))["statements"]


def test_a_link_with_an_unknown_topic_says_which_are_valid(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["topic"] = ["Helth"]
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="topic").value == []
    (err,) = at.error
    topic, label = next(queries.topic_choices(db).select("topic", "label").iter_rows())
    assert "No topic 'Helth'" in err.value and f"{topic} ({label})" in err.value


def _rtl_article(db: Path) -> str:
    return str(queries.statements(db, Filters(outlets=(ARABIC,))).row(0, named=True)["article_id"])


def test_a_right_to_left_outlet_is_isolated_in_the_article_caption(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["article"] = _rtl_article(db)
    at.switch_page("app_pages/article.py").run()
    assert not at.exception
    caption = at.caption[0].value
    assert f"{FSI}{ARABIC}{PDI} · " in caption
    assert caption.index(PDI) < caption.index("statements")


@pytest.fixture(scope="module")
def server(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from test_browser import QUOTEDESK, _free_port, _stop, _wait_until_up

    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "dashboard.log"
    cmd = [str(QUOTEDESK), "dashboard", "--db", str(db), "--port", str(port)]
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


# where on screen the first occurrence of a text inside the element starts (its left edge)
_LEFT_OF = """(el, word) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const i = n.data.indexOf(word);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + word.length);
        return Math.min(...Array.from(r.getClientRects(), c => c.left));
    }
    return null;
}"""


@pytest.mark.browser
def test_a_right_to_left_outlet_keeps_the_caption_in_order_in_chromium(
    db: Path, server: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The caption reads "<outlet> · <date> · N statements · M figures" left to right, the
    outlet's letters right to left within it. Look at the screenshot (path printed)."""
    from playwright import sync_api
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    shots = tmp_path_factory.mktemp("rtl-screenshots")
    print(f"screenshot in {shots}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 700})
        page.goto(f"{server}/article?article={_rtl_article(db)}")
        date = str(queries.article(db, _rtl_article(db))["published"])  # type: ignore[index]
        caption = page.locator('[data-testid="stCaptionContainer"]').first
        caption.wait_for(timeout=30_000)
        caption.screenshot(path=str(shots / "rtl-caption.png"))
        page.screenshot(path=str(shots / "rtl-article.png"))
        text = caption.inner_text()
        # the outlet comes first and the date, then the counts, after it, in logical order
        assert text.index(ARABIC) < text.index(" · ") < text.index("statements")
        # and on screen, left to right: the outlet, its date, the count of statements
        left = {w: caption.evaluate(_LEFT_OF, w) for w in (ARABIC, date, "statements")}
        assert left[ARABIC] < left[date] < left["statements"], left
        browser.close()
