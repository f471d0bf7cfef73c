"""Series a reporter can follow, and the Changes view: written articles ingested by the real
pipeline into a real DuckDB file, then asked through the queries, the Desk and the page.

The articles (written for this test) tell one story: a defence ministry's count of signed
army contracts, revised by its spokesman during one week, contradicted by an opposition
deputy, repeated unchanged, and given "about" a number that agrees within the tolerance.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analysis import queries, series, settings, store
from analysis.desk import Desk
from analysis.ingest import ingest

APP = settings.PROJECT_ROOT / "dashboard" / "app.py"

ARTICLES = [
    {
        "id": "kr-0301", "outlet": "Kestrel Daily", "published": "2027-03-01",
        "title": "Army says recruitment drive is working",
        "text": "The defence ministry said on Monday that its recruitment drive was working. "
        "\"We have 270,000 signed contracts so far, and 40,000 volunteers are waiting for "
        "their medical checks,\" said Oren Vask, the ministry's spokesman, at a briefing in "
        "the capital.",
    },
    {
        "id": "kr-0303", "outlet": "Kestrel Daily", "published": "2027-03-03",
        "title": "Ministry raises its count of new soldiers",
        "text": "The defence ministry raised its count of new soldiers on Wednesday. "
        "\"The number of contracts signed has reached 300,000,\" said Oren Vask, the "
        "ministry's spokesman. Officials gave no breakdown by region.",
    },
    {
        "id": "pl-0304", "outlet": "Plainview Herald", "published": "2027-03-04",
        "title": "Opposition doubts army recruitment figures",
        "text": "Opposition lawmakers questioned the ministry's recruitment figures on "
        "Thursday. \"At most 150,000 contracts have been signed, whatever the ministry "
        "claims,\" said Mira Delacourt, a deputy on the defence committee.",
    },
    {
        "id": "pl-0305", "outlet": "Plainview Herald", "published": "2027-03-05",
        "title": "Ministry stands by its figure",
        "text": "The defence ministry stood by its figures on Friday. \"We have 300,000 "
        "signed contracts, and the number is still growing,\" said Oren Vask, the "
        "ministry's spokesman.",
    },
    {
        "id": "kr-0306", "outlet": "Kestrel Daily", "published": "2027-03-06",
        "title": "Spokesman repeats contract tally",
        "text": "The ministry repeated its tally on Saturday. \"There are about 290,000 "
        "signed contracts,\" said Oren Vask, the ministry's spokesman, in a radio "
        "interview.",
    },
    {
        "id": "pl-0306", "outlet": "Plainview Herald", "published": "2027-03-06",
        "title": "Recruitment drive to cost more than planned",
        "text": "The recruitment drive will cost more than planned. The finance ministry set "
        "aside $1,250,000,000 for signing bonuses this year, according to budget papers "
        "published on Saturday.",
    },
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("changes")
    src = base / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = base / "changes.duckdb"
    ingest([src], path, progress=False)
    return path


# ------------------------------------------------------------------ the series key
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("signed contracts", "contracts signed", True),
        ("signed contracts", "contracts", True),
        ("Signed army contracts", "contracts", True),
        ("casualties", "casualty", True),
        ("millions of Latinos", "Latinos", True),
        ("people killed", "killed people", True),
        ("people killed", "people injured", False),  # a generic head keeps its modifiers
        ("unemployment rate", "inflation rate", False),
        ("unemployment rate", "rate of unemployment", True),
        ("percent", "voters", False),
        ("government spending", "spending", True),  # "-ing" is no trailing participle
        ("volunteers", "signed contracts", False),
    ],
)
def test_wordings_of_one_thing_share_a_series(a: str, b: str, same: bool) -> None:
    assert (series.series_key(a) == series.series_key(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("contracts", "signed contracts", True),
        ("contracts signed", "signed contracts", True),
        ("initial claims", "continuing claims", False),  # one head, two things
    ],
)
def test_wordings_that_name_different_things_are_not_compared(
    a: str, b: str, compatible: bool
) -> None:
    assert series.compatible(a, b) is compatible


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((300_000, "300,000", False), (300_000, "300,000", False), True),
        ((290_000, "about 290,000", True), (300_000, "300,000", False), True),  # within 5%
        ((320_000, "about 320,000", True), (300_000, "300,000", False), False),
        ((260_000, "about 260,000", True), (300_000, "300,000", False), False),
        ((1_600_000, "1.6 million", False), (1_612_000, "1,612,000", False), True),
        ((1_600_000, "1.6 million", False), (1_700_000, "1.7 million", False), False),
        ((270_000, "270,000", False), (300_000, "300,000", False), False),
    ],
)
def test_numbers_agree_within_their_rounding(
    a: tuple[float, str, bool], b: tuple[float, str, bool], same: bool
) -> None:
    assert series.same_number(a[0], b[0], a[1], b[1], a[2], b[2]) is same


def test_the_sql_key_is_the_python_key(db: Path) -> None:
    """The facts hold series_key of each counted thing, fresh or computed on the fly."""
    facts = queries._qf(db, "SELECT counts, counts_key FROM facts.figures WHERE counts <> ''")
    assert facts.height > 0
    for counts, key in facts.iter_rows():
        assert key == series.series_key(counts)
    stale = store.query(
        db, f"SELECT DISTINCT {store.COUNTS_KEY} AS k FROM figures fi WHERE fi.counts <> ''"
    )
    assert set(stale["k"]) == set(facts["counts_key"])


# ------------------------------------------------------------------ the written story
def test_the_spokesman_series_follows_every_wording(db: Path) -> None:
    history = queries.figure_history(db, "oren-vask", "contracts signed")
    assert history.select("article_id", "value").rows() == [
        ("kr-0301", 270_000.0),
        ("kr-0303", 300_000.0),
        ("pl-0305", 300_000.0),
        ("kr-0306", 290_000.0),
    ]


def test_the_tracker_series_links_what_was_cited_beside_it(db: Path) -> None:
    top = queries.figure_series(db).row(0, named=True)
    assert (top["speaker"], top["counts"], top["days"], top["articles"]) == (
        "Oren Vask", "contract", 4, 4,
    )  # fmt: skip
    assert top["cited_with"] == ["volunteers"]


EXPECTED = [  # (change, before article, before value, after article, after value)
    ("conflict", "kr-0303", 300_000.0, "pl-0304", 150_000.0),
    ("revised", "kr-0301", 270_000.0, "kr-0303", 300_000.0),
]


def test_changes_list_the_revision_and_the_contradiction_only(db: Path) -> None:
    """The repeat (300,000 on Friday) and "about 290,000" are no revision; Delacourt's
    150,000 conflicts with Vask's number before it, and Vask's answer on Friday with hers,
    but his Saturday number is not compared with hers again."""
    rows = queries.figure_changes(db)
    got = rows.select(
        "change", "before_article_id", "before_value", "after_article_id", "after_value"
    ).rows()
    assert got == [
        ("conflict", "pl-0304", 150_000.0, "pl-0305", 300_000.0),
        *EXPECTED,
    ]
    first = rows.row(0, named=True)
    assert (first["before_speaker"], first["after_speaker"]) == ("Mira Delacourt", "Oren Vask")
    assert "150,000" in first["before_sentence"] and "300,000" in first["after_sentence"]
    assert first["before_published"] == dt.date(2027, 3, 4)
    assert (first["before_outlet"], first["after_outlet"]) == ("Plainview Herald",) * 2


def test_desk_changes_takes_the_same_filters(db: Path) -> None:
    desk = Desk.open(db)
    assert desk.changes().equals(queries.figure_changes(db))
    wed_thu = desk.changes(start="2027-03-03", end="2027-03-04")
    assert wed_thu.select("change", "before_article_id", "after_article_id").rows() == [
        ("conflict", "kr-0303", "pl-0304")
    ]
    mine = desk.changes(speaker="Mira Delacourt")
    assert set(mine["after_article_id"]) | set(mine["before_article_id"]) >= {"pl-0304"}
    assert desk.changes(outlet="Kestrel Daily").select("change").rows() == [("revised",)]


# ------------------------------------------------------------------ the page
@pytest.fixture
def app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    return AppTest.from_file(str(APP), default_timeout=60)


def test_changes_page_lists_the_pairs_and_both_sentences(app: AppTest, db: Path) -> None:
    app.run()
    app.switch_page("app_pages/changes.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == queries.figure_changes(db).height == 3
    assert table["before"].to_list() == ["150,000", "300,000", "270,000"]
    quotes = " ".join(m.value for m in app.markdown)
    assert "At most 150,000 contracts" in quotes and "We have 300,000" in quotes


def test_changes_page_shows_only_the_kind_asked_for(app: AppTest) -> None:
    app.query_params["change"] = "Revised"
    app.run()
    app.switch_page("app_pages/changes.py").run()
    assert not app.exception
    assert app.dataframe[0].value["change"].to_list() == ["revised"]


def test_figures_page_pages_through_every_figure(app: AppTest, db: Path) -> None:
    total = queries.overview(db)["figures"]
    app.run()
    app.switch_page("app_pages/figures.py").run()
    assert not app.exception
    assert len(app.dataframe[0].value) == min(total, 100)
    captions = " ".join(c.value for c in app.caption)
    assert f"Figures 1–{min(total, 100)} of {total}" in captions
    assert "Also cited with: volunteers" in captions
    everything = queries.figures(db, limit=None)
    assert everything.height == total == int(everything["matches"][0])
    assert isinstance(everything, pl.DataFrame)


def test_stale_facts_give_the_same_series_and_changes(db: Path, tmp_path: Path) -> None:
    """Facts older than the tables are computed on the fly, the series key included."""
    copy = tmp_path / "stale.duckdb"
    copy.write_bytes(db.read_bytes())
    fresh = (queries.figure_series(copy), queries.figure_changes(copy))
    with store.writer(copy) as con:
        con.execute("UPDATE meta SET value = 'old' WHERE key = 'facts_signature'")
    assert not store.facts_fresh(copy)
    stale = (queries.figure_series(copy), queries.figure_changes(copy))
    assert fresh[0].equals(stale[0]) and fresh[1].equals(stale[1])
    assert fresh[1].height == 3
