"""The real dashboard script, driven by Streamlit's AppTest on a real database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analysis import queries, settings, store
from analysis.ingest import ingest
from analysis.queries import Filters
from analysis.records import DEFAULT_KINDS
from dashboard import data, filters
from dashboard.highlight import Mark, escape, highlight
from dashboard.ui import picked

APP = settings.PROJECT_ROOT / "dashboard" / "app.py"
SAMPLE = settings.PROJECT_ROOT / "data" / "sample" / "articles.jsonl"
WIKINEWS = Path(settings.get("shared_dir")) / "corpus" / "wikinews" / "articles.jsonl"
PAGES = ["overview", "statements", "article", "speakers", "topics", "figures", "changes"]


def _corpus(tmp: Path) -> Path:
    """The sample corpus if it exists, else the first 40 Wikinews articles."""
    if SAMPLE.is_file():
        return SAMPLE
    assert WIKINEWS.is_file(), f"no corpus: neither {SAMPLE} nor {WIKINEWS}"
    head = tmp / "wikinews-40.jsonl"
    with WIKINEWS.open(encoding="utf-8") as src:
        head.write_text("".join(line for _, line in zip(range(40), src, strict=False)))
    return head


def build_db(base: Path) -> Path:
    """A quotedesk database in ``base``, built on first use (the browser tests share it)."""
    db = base / "dashboard.duckdb"
    if not db.exists():
        ingest([_corpus(base)], db, progress=False)
    return db


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.getbasetemp())


@pytest.fixture
def db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUOTEDESK_DB", str(built_db))
    return built_db


@pytest.fixture
def app(db: Path) -> Iterator[AppTest]:
    at = AppTest.from_file(str(APP), default_timeout=60)
    yield at


def _page(at: AppTest, name: str) -> AppTest:
    return at.switch_page(f"app_pages/{name}.py").run()


def _metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


def _expected(db: Path, f: Filters = queries.NO_FILTERS) -> dict[str, int]:
    counts = queries.overview(db, f)
    return {k.capitalize(): v for k, v in counts.items() if k != "verified"}  # a caption


def a_narrowing_topic(db: Path) -> str:
    """A topic that covers some but not all statements."""
    total = queries.overview(db)["statements"]
    for topic in queries.topic_choices(db)["topic"]:
        if 0 < queries.overview(db, Filters(topics=(topic,)))["statements"] < total:
            return str(topic)
    raise AssertionError("no topic narrows the statements: the fixture store is too uniform")


# ------------------------------------------------------------------------------ pages
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(app: AppTest, page: str) -> None:
    app.run()
    _page(app, page)
    assert not app.exception, app.exception
    assert not app.error
    assert app.title  # every page has a heading


def test_overview_metrics_match_the_query(app: AppTest, db: Path) -> None:
    app.run()
    assert not app.exception
    assert _metrics(app) == _expected(db)
    assert len(app.get("vega_lite_chart")) == 3


@pytest.mark.parametrize("page", ["overview", "speakers", "topics"])
def test_every_chart_has_png_and_svg_downloads(app: AppTest, page: str) -> None:
    app.query_params["view"] = "Profile"  # the Speakers page's tab with three charts
    app.run()
    _page(app, page)
    labels = [b.label for b in app.get("download_button")]
    charts = len(app.get("vega_lite_chart"))
    assert charts >= 3
    assert labels.count("PNG") == labels.count("SVG") == charts


def test_every_table_has_a_csv_download(app: AppTest) -> None:
    app.run()
    _page(app, "statements")
    assert app.dataframe
    labels = [b.label for b in app.get("download_button")]
    assert any(label.startswith("Download statements.csv") for label in labels)


def test_a_sidebar_filter_changes_the_counts(app: AppTest, db: Path) -> None:
    topic = a_narrowing_topic(db)
    app.run()
    before = _metrics(app)
    app.sidebar.multiselect(key="topic").select(topic).run()
    after = _metrics(app)
    assert after == _expected(db, Filters(topics=(topic,)))
    assert after["Statements"] < before["Statements"]


def test_filters_follow_the_reporter_to_other_pages(app: AppTest, db: Path) -> None:
    topic = a_narrowing_topic(db)
    app.run()
    app.sidebar.multiselect(key="topic").select(topic).run()
    _page(app, "statements")
    shown = app.dataframe[0].value
    expected = queries.statements(db, Filters(topics=(topic,)))
    assert set(shown["statement_id"]) == set(expected["statement_id"])


def test_search_finds_a_known_statement(app: AppTest, db: Path) -> None:
    known = queries.statements(db).filter(pl.col("speaker").is_not_null()).row(0, named=True)
    word = max(known["text"].split(), key=len).strip(".,;:\"'!?()")
    app.run()
    _page(app, "statements")
    app.text_input(key="q").input(word).run()
    assert not app.exception
    found = app.dataframe[0].value
    assert known["statement_id"] in set(found["statement_id"])
    assert len(found) <= len(queries.statements(db))


def test_a_search_with_no_match_says_so(app: AppTest) -> None:
    app.run()
    _page(app, "statements")
    app.text_input(key="q").input("qqxyzzyqq").run()
    assert not app.dataframe
    assert any("No statement matches" in i.value for i in app.info)


def test_query_params_restore_a_view(app: AppTest, db: Path) -> None:
    topic = a_narrowing_topic(db)
    label = dict(queries.topic_choices(db).select("topic", "label").iter_rows())[topic]
    app.query_params["topic"] = [label]  # the URL shows labels, as the picker does
    app.run()
    assert app.sidebar.multiselect(key="topic").value == [topic]
    assert _metrics(app) == _expected(db, Filters(topics=(topic,)))


def test_query_params_restore_dates(app: AppTest, db: Path) -> None:
    lo, hi = queries.date_range(db)
    assert lo and hi and lo < hi
    end = lo + (hi - lo) / 3
    app.query_params["dates"] = [lo.isoformat(), end.isoformat()]
    app.run()
    assert app.sidebar.date_input(key="dates").value == (lo, end)
    assert _metrics(app) == _expected(db, Filters(end=end))
    assert _metrics(app) != _expected(db)


def test_article_page_marks_statements_and_figures(app: AppTest, db: Path) -> None:
    row = queries.statements(db).row(0, named=True)
    app.query_params["article"] = row["article_id"]
    app.query_params["statement"] = row["statement_id"]
    app.run()
    _page(app, "article")
    assert not app.exception
    html = "".join(m.value for m in app.markdown)
    assert "<mark" in html
    assert "background:#ffd43b" in html  # the chosen statement stands out
    assert len(app.dataframe) >= 1  # the statements list


def test_article_page_without_an_article_explains_what_to_do(app: AppTest) -> None:
    app.run()
    _page(app, "article")
    assert any("Pick a statement" in i.value for i in app.info)


def test_speaker_profile_shows_aliases_and_roles(app: AppTest, db: Path) -> None:
    top = queries.top_speakers(db, limit=2).row(-1, named=True)  # not the default choice
    app.query_params["who"] = top["speaker"]
    app.run()
    _page(app, "speakers")
    assert not app.exception
    assert top["speaker"] in [h.value for h in app.header]
    text = " ".join(m.value for m in app.markdown)
    assert "Also written as" in text and "Roles seen" in text


def test_the_speakers_page_opens_on_the_leaderboard_alone(app: AppTest, db: Path) -> None:
    """Only the open tab is drawn: the profile's queries and charts wait until it is opened."""
    app.run()
    _page(app, "speakers")
    assert not app.exception
    assert [t.label for t in app.tabs] == ["Most quoted", "Profile"]
    (board,) = (d.value for d in app.dataframe)
    assert (
        board["speaker_id"].to_list() == queries.top_speakers(db, limit=50)["speaker_id"].to_list()
    )
    assert len(app.get("vega_lite_chart")) == 1
    assert not app.get("selectbox") and not app.main.header  # no profile drawn
    app.session_state["view"] = "Profile"  # what clicking the tab does
    app.run()
    assert not app.exception
    assert app.selectbox(key="who").value == board["speaker_id"][0]
    assert len(app.get("vega_lite_chart")) == 3  # over time, outlets, alongside


@pytest.mark.parametrize("how", ["filter", "link"])
def test_a_speaker_filter_or_link_opens_the_profile(app: AppTest, db: Path, how: str) -> None:
    second = queries.top_speakers(db, limit=2).row(1, named=True)
    if how == "link":
        app.query_params["who"] = second["speaker"]
    else:
        app.query_params["speaker"] = [second["speaker"]]
    app.run()
    _page(app, "speakers")
    assert not app.exception
    assert app.selectbox(key="who").value == second["speaker_id"]
    assert second["speaker"] in [h.value for h in app.header]


def test_speaker_profile_shows_outlets_and_people_quoted_alongside(app: AppTest, db: Path) -> None:
    top = queries.top_speakers(db, limit=1).row(0, named=True)
    app.query_params["view"] = "Profile"
    app.run()
    _page(app, "speakers")
    assert not app.exception
    # the profile's topics, outlets and people alongside
    topics_shown, outlets_shown, alongside_shown = (d.value for d in app.dataframe[:3])
    mine = Filters(speakers=(top["speaker_id"],))
    topics = queries.topic_speakers(db, mine, speakers=1)
    assert topics_shown["topic"].to_list() == topics["topic"].to_list()
    quoting = queries.outlets(db, mine)
    assert outlets_shown["outlet"].to_list() == quoting["outlet"].to_list()
    alongside = queries.co_speakers(db, top["speaker_id"], limit=15)
    assert alongside.height  # the top speaker is never quoted alone in the sample
    assert alongside_shown["speaker_id"].to_list() == alongside["speaker_id"].to_list()
    assert len(app.get("vega_lite_chart")) == 3  # over time, outlets, alongside


def test_topics_page_draws_both_grids_and_the_share_over_time(app: AppTest, db: Path) -> None:
    app.run()
    _page(app, "topics")
    assert not app.exception
    assert len(app.get("vega_lite_chart")) == 3
    speakers, outlets, share = (d.value for d in app.dataframe)
    assert len(speakers) == queries.topic_speakers(db).height
    assert len(outlets) == queries.topic_outlets(db).height
    assert len(share) == queries.topic_share_over_time(db).height


def test_topics_page_follows_the_topic_filter(app: AppTest, db: Path) -> None:
    topic = a_narrowing_topic(db)
    app.run()
    app.sidebar.multiselect(key="topic").select(topic).run()
    _page(app, "topics")
    assert not app.exception
    for table in app.dataframe:
        assert set(table.value["topic"]) == {topic}


def test_topics_page_colours_by_share_from_the_url(app: AppTest) -> None:
    app.query_params["colour"] = "Share"  # the URL holds the label, as the control shows
    app.run()
    _page(app, "topics")
    assert not app.exception
    spec = json.loads(app.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["color"]["field"] == "share"


def _nothing_matches(db: Path) -> tuple[str, str]:
    """A speaker and an outlet that never quoted them: filters under which nothing matches."""
    for outlet in queries.outlet_choices(db):
        for speaker in queries.speaker_choices(db)["speaker_id"]:
            if not queries.overview(db, Filters(outlets=(outlet,), speakers=(speaker,)))[
                "statements"
            ]:
                return str(speaker), outlet
    raise AssertionError(
        "every speaker is quoted by every outlet: the fixture store is too uniform"
    )


@pytest.mark.parametrize("page", ["topics", "speakers"])
def test_pages_say_plainly_when_nothing_matches(app: AppTest, db: Path, page: str) -> None:
    speaker, outlet = _nothing_matches(db)
    app.run()
    app.sidebar.multiselect(key="outlet").select(outlet)
    app.sidebar.multiselect(key="speaker").select(speaker).run()
    _page(app, page)
    assert not app.exception and not app.error
    assert not app.dataframe
    assert len(app.info) >= 3  # one plain sentence per empty table
    specs = [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]
    assert specs and all(s["mark"]["type"] == "text" for s in specs[:1])  # "No ..." charts


@pytest.mark.parametrize(
    ("page", "says"),
    [
        ("overview", "No statements match these filters"),
        ("statements", "No statement matches"),
        ("figures", "No figures match"),
        ("changes", "No number changed or conflicts"),
    ],
)
def test_empty_results_say_so(app: AppTest, db: Path, page: str, says: str) -> None:
    speaker, outlet = _nothing_matches(db)
    app.run()
    app.sidebar.multiselect(key="outlet").select(outlet)
    app.sidebar.multiselect(key="speaker").select(speaker).run()
    _page(app, page)
    assert not app.exception and not app.error
    assert not app.dataframe
    assert any(says in i.value for i in app.info)


def _smallest_outlet(db: Path) -> str:
    return str(queries.outlets(db)["outlet"][-1])


def _shown(app: AppTest) -> list[object]:
    """What a page shows: its numbers, tables and chart data."""
    return [
        *(m.value for m in app.metric),
        *(d.value.to_json(date_format="iso") for d in app.dataframe),
        *(c.proto.spec for c in app.get("vega_lite_chart")),
    ]


@pytest.mark.parametrize("page", ["overview", "statements", "speakers", "topics", "figures"])
def test_a_sidebar_filter_changes_every_page(app: AppTest, db: Path, page: str) -> None:
    app.run()
    _page(app, page)
    before = _shown(app)
    app.sidebar.multiselect(key="outlet").select(_smallest_outlet(db)).run()
    assert not app.exception
    after = _shown(app)
    assert after and after != before


def test_a_link_restores_a_search(app: AppTest, db: Path) -> None:
    app.query_params["q"] = "minister"
    app.run()
    _page(app, "statements")
    assert app.text_input(key="q").value == "minister"
    shown = app.dataframe[0].value
    want = queries.statements(db, search="minister", limit=data.SEARCH_PAGE)
    assert shown["statement_id"].to_list() == want["statement_id"].to_list()
    assert f"{want['matches'][0]:,} statements match: 1–" in _captions(app)


def _busy_search(db: Path) -> str:
    """The 40 commonest longer words of the statements: more than a page of them matches."""
    texts = store.query(db, "SELECT text FROM statements")["text"]
    words = texts.str.to_lowercase().str.extract_all(r"[a-z]{6,}").explode().value_counts(sort=True)
    search = " ".join(words["text"].head(40).to_list())
    assert queries.statements(db, search=search, limit=1)["matches"][0] > data.SEARCH_PAGE
    return search


def test_a_search_reads_its_matches_a_page_at_a_time(built_db: Path) -> None:
    words = _busy_search(built_db)
    whole = queries.statements(built_db, search=words, limit=10_000)
    assert whole.height == whole["matches"][0] > data.SEARCH_PAGE
    pages = [
        queries.statements(built_db, search=words, limit=data.SEARCH_PAGE, offset=o)
        for o in range(0, whole.height + data.SEARCH_PAGE, data.SEARCH_PAGE)
    ]
    assert pages[-1].is_empty()  # past the last match
    assert pl.concat(pages).equals(whole)


def test_a_link_opens_a_later_page_of_a_search(app: AppTest, db: Path) -> None:
    words = _busy_search(db)
    app.query_params["q"] = words
    app.query_params["page"] = "2"
    app.run()
    _page(app, "statements")
    assert not app.exception
    want = queries.statements(db, search=words, limit=data.SEARCH_PAGE, offset=data.SEARCH_PAGE)
    assert app.dataframe[0].value["statement_id"].to_list() == want["statement_id"].to_list()
    assert f"match: {data.SEARCH_PAGE + 1}–" in _captions(app)
    app.text_input(key="q").input("minister").run()  # a new search starts on its first page
    assert app.number_input(key="page").value == 1
    assert "statements match: 1–" in _captions(app)


def _captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def test_a_link_restores_the_figures_view(app: AppTest, db: Path) -> None:
    series = queries.figure_series(db)
    second = series.row(1, named=True)
    app.query_params["counts"] = second["counts"]
    unit = f" ({second['unit']})" if second["unit"] else ""
    app.query_params["series"] = f"{second['speaker']} — {second['counts']}{unit}"  # its label
    app.run()
    _page(app, "figures")
    assert not app.exception
    table, history = (d.value for d in app.dataframe)
    assert len(table) == min(queries.figures(db, counts=second["counts"]).height, 100)
    assert app.selectbox(key="series").value.startswith(f"{second['speaker_id']}|")
    assert len(history) == second["points"]


def test_a_link_restores_the_topic_period(app: AppTest, db: Path) -> None:
    app.query_params["period"] = "Year"
    app.run()
    _page(app, "topics")
    share = app.dataframe[2].value
    assert len(share) == queries.topic_share_over_time(db, freq="year").height


def test_overview_says_how_to_list_the_statements_behind_a_bar(app: AppTest) -> None:
    app.run()
    assert "Statements behind the picked bars" in [h.value for h in app.header]
    assert any("Click a speaker's or an outlet's bar" in c.value for c in app.caption)


def test_picked_reads_a_chart_selection() -> None:
    """The selection state Streamlit returns for a click on a chart's bars."""
    event = {"selection": {"pick": [{"speaker_id": "ilse-marrow"}, {"speaker_id": "x"}]}}
    assert picked(event, "speaker_id") == ["ilse-marrow", "x"]
    assert picked({"selection": {"pick": {}}}, "speaker_id") == []  # nothing picked
    assert picked({"selection": {}}, "speaker_id") == []
    assert picked(None, "speaker_id") == []


def test_figures_page_shows_figures_or_says_there_are_none(app: AppTest, db: Path) -> None:
    app.run()
    _page(app, "figures")
    assert not app.exception
    total = queries.overview(db)["figures"]
    assert len(app.dataframe[0].value) == min(total, 100)  # a page at a time
    assert f"Figures 1–{min(total, 100):,} of {total:,}" in _captions(app)
    if queries.figure_series(db).is_empty():
        assert any("No speaker cited" in i.value for i in app.info)
    else:
        first = queries.figure_series(db).row(0, named=True)
        assert app.selectbox(key="series").value.startswith(f"{first['speaker_id']}|")
        assert len(app.dataframe[1].value) == first["points"]  # the sentences behind the line


# ---------------------------------------------------------------- speaker pickers
@pytest.fixture
def few(monkeypatch: pytest.MonkeyPatch) -> int:
    """The pickers list the 3 most quoted speakers here, as they list the 200 most quoted of
    a store with tens of thousands (the sample has fewer than 200)."""
    monkeypatch.setattr(data, "SPEAKER_OPTIONS", 3)
    return 3


def _beyond(db: Path, listed: int) -> dict[str, str]:
    """A speaker the pickers do not list: ranked well past the first ``listed``."""
    row = queries.speaker_choices(db).row(listed + 3, named=True)
    assert row["speaker_id"] not in queries.speaker_choices(db, limit=listed)["speaker_id"]
    return row


def test_the_speaker_picker_lists_only_the_most_quoted(app: AppTest, db: Path, few: int) -> None:
    app.run()
    top = queries.speaker_choices(db, limit=few)["speaker"].to_list()
    assert app.sidebar.multiselect(key="speaker").options == top
    assert app.sidebar.text_input(key=filters.FIND).label == "Find a speaker"


def test_a_search_finds_a_speaker_beyond_the_list(app: AppTest, db: Path, few: int) -> None:
    other = _beyond(db, few)
    app.run()
    app.sidebar.text_input(key=filters.FIND).input(other["speaker"].split()[-1]).run()
    picker = app.sidebar.multiselect(key="speaker")
    assert picker.options[0] == other["speaker"]  # what was searched for comes first
    picker.select(other["speaker_id"]).run()
    assert _metrics(app) == _expected(db, Filters(speakers=(other["speaker_id"],)))


def test_a_link_restores_a_speaker_beyond_the_list(app: AppTest, db: Path, few: int) -> None:
    other = _beyond(db, few)
    app.query_params["speaker"] = [other["speaker"]]  # a link holds names, as the picker shows
    app.run()
    assert not app.exception
    assert app.sidebar.multiselect(key="speaker").value == [other["speaker_id"]]
    assert _metrics(app) == _expected(db, Filters(speakers=(other["speaker_id"],)))


def test_a_link_restores_a_profile_beyond_the_list(app: AppTest, db: Path, few: int) -> None:
    other = _beyond(db, few)
    app.query_params["who"] = other["speaker"]
    app.run()
    _page(app, "speakers")
    assert not app.exception
    assert app.selectbox(key="who").value == other["speaker_id"]
    assert other["speaker"] in [h.value for h in app.header]


# ------------------------------------------------ queries behind Topics and the profile
def _raw(db: Path) -> pl.DataFrame:
    """Every (statement, topic) with its speaker, article, outlet and date, straight from
    the tables, for checking the aggregating queries by hand."""
    return store.query(
        db,
        f"""SELECT s.statement_id, s.speaker_id, s.article_id, a.outlet, a.published, st.topic
           FROM statements s JOIN articles a USING (article_id)
           LEFT JOIN statement_topics st USING (statement_id)
           WHERE s.kind IN {DEFAULT_KINDS!r}""",
    )


def test_topic_speakers_counts_each_speakers_statements_per_topic(built_db: Path) -> None:
    df = queries.topic_speakers(built_db, speakers=5)
    assert df["speaker_id"].n_unique() == 5
    top = queries.top_speakers(built_db, limit=5)
    assert set(df["speaker_id"]) == set(top["speaker_id"])
    raw = _raw(built_db).filter(pl.col("topic").is_not_null())
    want = raw.group_by("speaker_id", "topic").len()
    got = df.join(want, on=["speaker_id", "topic"])
    assert got.height == df.height and (got["statements"] == got["len"]).all()
    totals = dict(top.select("speaker_id", "statements").iter_rows())
    assert all(totals[r["speaker_id"]] == r["total"] for r in df.iter_rows(named=True))


@pytest.mark.parametrize("freq", ["week", "month"])
def test_over_time_by_topic_under_a_topic_filter_is_that_topics_share_of_the_whole(
    built_db: Path, freq: queries.Freq
) -> None:
    topic = a_narrowing_topic(built_db)
    chosen = queries.statements_over_time(built_db, Filters(topics=(topic,)), freq=freq)
    whole = queries.statements_over_time(built_db, freq=freq)
    assert chosen.height and set(chosen["group"]) == {topic}
    assert chosen.equals(whole.filter(pl.col("group") == topic))
    dated = _raw(built_db).filter(pl.col("topic") == topic, pl.col("published").is_not_null())
    assert chosen["statements"].sum() == dated["statement_id"].n_unique()


def test_topic_outlets_shares_are_of_each_outlets_statements(built_db: Path) -> None:
    df = queries.topic_outlets(built_db)
    by_outlet = dict(queries.outlets(built_db).select("outlet", "statements").iter_rows())
    for r in df.iter_rows(named=True):
        assert r["total"] == by_outlet[r["outlet"]]
        assert r["share"] == pytest.approx(r["statements"] / r["total"])


def test_topic_share_over_time_divides_by_every_statement_of_the_period(built_db: Path) -> None:
    df = queries.topic_share_over_time(built_db, freq="month")
    raw = _raw(built_db).filter(pl.col("published").is_not_null())
    months = raw.unique("statement_id").group_by(pl.col("published").dt.truncate("1mo")).len()
    totals = dict(months.iter_rows())
    assert all(totals[r["period"]] == r["total"] for r in df.iter_rows(named=True))
    topic = a_narrowing_topic(built_db)
    one = queries.topic_share_over_time(built_db, Filters(topics=(topic,)), freq="month")
    assert set(one["topic"]) == {topic}
    both = one.join(df, on=["period", "topic"])
    assert (both["share"] == both["share_right"]).all()  # the same share, alone or not


def test_topic_share_refuses_an_unknown_period(built_db: Path) -> None:
    with pytest.raises(ValueError, match="freq"):
        queries.topic_share_over_time(built_db, freq="fortnight")  # type: ignore[arg-type]


def test_co_speakers_are_others_quoted_in_the_same_articles(built_db: Path) -> None:
    who = queries.top_speakers(built_db, limit=1)["speaker_id"][0]
    df = queries.co_speakers(built_db, who, limit=100)
    assert who not in set(df["speaker_id"])
    raw = _raw(built_db).unique("statement_id")
    mine = set(raw.filter(pl.col("speaker_id") == who)["article_id"])
    others = (
        raw.filter(pl.col("article_id").is_in(mine) & (pl.col("speaker_id") != who))
        .group_by("speaker_id")
        .agg(pl.col("article_id").n_unique().alias("articles"), pl.len())
    )
    assert dict(df.select("speaker_id", "articles").iter_rows()) == dict(
        others.select("speaker_id", "articles").iter_rows()
    )
    assert df["articles"].to_list() == sorted(df["articles"].to_list(), reverse=True)


@pytest.mark.parametrize(
    "words",
    ["minister", "budget contracts", "the said", "qqxyzzyqq", "MINISTER'S Budget!",
     "contracts, contracted; contracting", "  résumé  ", "2024", "'; DROP TABLE statements"],
)  # fmt: skip
def test_search_scores_are_the_fts_extensions_bm25(built_db: Path, words: str) -> None:
    """``statements(search=...)`` reads the index tables directly; the scores must be those
    of the extension's own ``match_bm25`` macro, for every matching statement."""
    ours = queries.statements(built_db, search=words, limit=10_000)
    theirs = store.query(
        built_db,
        f"""SELECT statement_id, score FROM (
               SELECT statement_id, fts_main_statements.match_bm25(statement_id, ?) AS score
               FROM statements WHERE kind IN {DEFAULT_KINDS!r}) WHERE score IS NOT NULL""",
        [words],
    )
    got = dict(ours.select("statement_id", "score").iter_rows())
    want = dict(theirs.iter_rows())
    assert got.keys() == want.keys()
    assert all(got[k] == pytest.approx(want[k]) for k in want)
    assert ours["score"].to_list() == sorted(ours["score"].to_list(), reverse=True)


# --------------------------------------------------------------------- bad databases
def test_a_missing_database_gives_an_error_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(tmp_path / "nowhere.duckdb"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "nowhere.duckdb" in at.error[0].value
    assert not at.metric


def test_a_file_that_is_not_a_database_gives_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text(json.dumps({"not": "a database"}))
    monkeypatch.setenv("QUOTEDESK_DB", str(bogus))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert at.error


# ------------------------------------------------------------------------ highlighting
def test_highlight_escapes_article_text_before_marking() -> None:
    text = 'He said "<script>alert(1)</script>" costs $5 and $6.'
    out = highlight(text, [Mark(8, 36, "background:yellow", "x")])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "$" not in out  # no accidental LaTeX in st.markdown
    assert out.count("<mark") == 1


def test_highlight_splits_overlapping_marks_without_interleaving_tags() -> None:
    text = "0123456789"
    out = highlight(text, [Mark(0, 6, "a:1"), Mark(4, 9, "b:2"), Mark(20, 30, "c:3")])
    assert out.count("<mark") == out.count("</mark>") == 3
    assert 'a:1;b:2">45</mark>' in out
    assert out.endswith("9")


def test_escape_keeps_line_breaks() -> None:
    assert escape("a\n\nb & c") == "a<br><br>b &amp; c"


def test_the_dashboard_leaves_the_file_free_for_a_writer(
    app: AppTest, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB lets one process write; a dashboard holding the file would block ingest."""
    app.run()
    _page(app, "statements")
    monkeypatch.setenv("QUOTEDESK_LOCK_TIMEOUT", "1")
    with store.writer(db) as con:  # raises StoreError if a connection were still open
        assert con.sql("SELECT count(*) FROM articles").fetchone()


def test_default_kinds_leave_stances_out_and_the_overview_counts_them(
    app: AppTest, db: Path
) -> None:
    app.run()
    kinds = app.multiselect(key="kind")
    assert tuple(kinds.value) == DEFAULT_KINDS
    shown = queries.overview(db)["statements"]
    every = queries.overview(db, Filters(kinds=()))["statements"]
    assert _metrics(app)["Statements"] == shown < every
    note = [c.value for c in app.caption if "more extracted rows of other kinds" in c.value]
    assert note and f"{every - shown:,} more" in note[0]
    kinds.set_value([*DEFAULT_KINDS, "position", "belief"]).run()  # bring them back
    assert not app.exception
    assert _metrics(app)["Statements"] == every


def test_speakers_page_ranks_people_and_organisations_and_can_keep_only_sure_names(
    app: AppTest, db: Path
) -> None:
    app.run()
    _page(app, "speakers")
    assert not app.exception
    board = app.dataframe[0].value
    assert set(board["kind"]) <= {"person", "org"}
    app.toggle(key="sure").set_value(True).run()
    assert not app.exception
    sure = app.dataframe[0].value
    want = queries.top_speakers(db, Filters(sure_names=True), limit=50)
    assert list(sure["statements"]) == want["statements"].to_list()
    assert sure["statements"].sum() < board["statements"].sum()
