"""Chart builders: each builds on a small real frame, validates, and renders offline to SVG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import altair as alt
import polars as pl
import pytest
import vl_convert as vlc

from analysis import charts

D = dt.date

OVER_TIME = pl.DataFrame(
    {
        "period": [D(2020, 1, 6), D(2020, 1, 6), D(2020, 1, 13), D(2020, 1, 20)],
        "group": ["Politics", "Health", "Politics", "Health"],
        "statements": [3, 2, 5, 1],
    }
)
SPEAKERS = pl.DataFrame(
    {
        "speaker_id": ["donald-trump", "nancy-pelosi"],
        "speaker": ["Donald Trump", "Nancy Pelosi"],
        "kind": ["person", "person"],
        "statements": [64, 12],
        "articles": [40, 9],
        "outlets": [1, 1],
        "first_seen": [D(2019, 1, 4), D(2019, 1, 4)],
        "last_seen": [D(2020, 12, 15), D(2020, 3, 1)],
        "role": ["President", None],
    }
)
OUTLETS = pl.DataFrame(
    {
        "outlet": ["Wikinews", "Example Herald"],
        "statements": [2258, 40],
        "articles": [294, 10],
        "speakers": [555, 20],
    }
)
HISTORY = pl.DataFrame(
    {
        "published": [D(2020, 3, 1), D(2020, 4, 2), D(2020, 5, 9)],
        "value": [270_000.0, 300_000.0, None],
        "surface": ["270,000", "300,000", "many"],
        "unit": [None, None, None],
        "approx": [False, True, False],
        "counts": ["contracts", "contracts", "contracts"],
        "outlet": ["Wikinews", "Example Herald", "Wikinews"],
        "title": ["A", "B", "C"],
        "article_id": ["a", "b", "c"],
        "start_char": [0, 0, 0],
        "end_char": [7, 7, 4],
        "statement": ['"We signed 270,000 contracts," she said.', None, "Many, she said."],
    }
)

TOPIC_SPEAKERS = pl.DataFrame(
    {
        "topic": ["politics", "health", "politics"],
        "label": ["Politics", "Health", "Politics"],
        "speaker_id": ["donald-trump", "donald-trump", "nancy-pelosi"],
        "speaker": ["Donald Trump", "Donald Trump", "Nancy Pelosi"],
        "statements": [40, 10, 12],
        "total": [64, 64, 12],
        "share": [40 / 64, 10 / 64, 1.0],
    }
)
TOPIC_OUTLETS = TOPIC_SPEAKERS.rename({"speaker": "outlet"}).drop("speaker_id")
TOPIC_SHARE = pl.DataFrame(
    {
        "period": [D(2020, 1, 1), D(2020, 1, 1), D(2020, 2, 1)],
        "topic": ["politics", "health", "politics"],
        "label": ["Politics", "Health", "Politics"],
        "statements": [5, 2, 3],
        "total": [6, 6, 3],
        "share": [5 / 6, 2 / 6, 1.0],
    }
)
CO_SPEAKERS = pl.DataFrame(
    {
        "speaker_id": ["nancy-pelosi", "mike-pence"],
        "speaker": ["Nancy Pelosi", "Mike Pence"],
        "articles": [7, 3],
        "statements": [12, 4],
    }
)

BUILDERS: list[tuple[Callable[[pl.DataFrame], charts.Chart], pl.DataFrame]] = [
    (charts.statements_over_time, OVER_TIME),
    (charts.top_speakers, SPEAKERS),
    (charts.outlets, OUTLETS),
    (charts.figure_history, HISTORY),
    (charts.topic_heatmap, TOPIC_SPEAKERS),
    (lambda df: charts.topic_heatmap(df, by="outlet", value="share"), TOPIC_OUTLETS),
    (charts.topic_share, TOPIC_SHARE),
    (charts.co_speakers, CO_SPEAKERS),
]
IDS = [b.__name__ if b.__name__ != "<lambda>" else "topic_heatmap_outlets" for b, _ in BUILDERS]


def _marks(spec: dict[str, object]) -> list[str]:
    layers = spec.get("layer", [spec])
    assert isinstance(layers, list)
    return [m["type"] if isinstance(m := layer["mark"], dict) else m for layer in layers]


@pytest.mark.parametrize(("build", "df"), BUILDERS, ids=IDS)
def test_chart_validates_and_renders(build: Callable[..., charts.Chart], df: pl.DataFrame) -> None:
    chart = build(df)
    chart.to_dict()  # validates against the Vega-Lite schema
    svg = charts.to_svg(chart)
    assert svg.lstrip().startswith("<svg")
    assert "<path" in svg or "<line" in svg


@pytest.mark.parametrize(("build", "df"), BUILDERS, ids=IDS)
def test_every_chart_has_tooltips_and_a_selection(
    build: Callable[..., charts.Chart], df: pl.DataFrame
) -> None:
    spec = build(df).to_dict()
    text = str(spec)
    assert "'tooltip'" in text
    assert "'params'" in text


@pytest.mark.parametrize(("build", "df"), BUILDERS, ids=IDS)
def test_empty_frame_gives_a_no_data_chart(
    build: Callable[..., charts.Chart], df: pl.DataFrame
) -> None:
    chart = build(df.clear())
    spec = chart.to_dict()
    assert _marks(spec) == ["text"]
    assert "No " in spec["data"]["values"][0]["message"]
    assert "No " in vlc.vegalite_to_svg(spec)


def test_house_theme_is_registered_and_enabled() -> None:
    assert charts.THEME in alt.theme.names()
    assert alt.theme.active == charts.THEME
    spec = charts.outlets(OUTLETS).to_dict()
    assert spec["config"]["range"]["category"] == charts.PALETTE["category"]


def test_statements_over_time_stacks_by_group_with_a_legend_selection() -> None:
    spec = charts.statements_over_time(OVER_TIME).to_dict()
    assert spec["encoding"]["color"]["field"] == "group"
    assert spec["params"][0]["bind"] == "legend"
    assert {r["group"] for r in _values(spec)} == {"Politics", "Health"}


@pytest.mark.parametrize("freq", ["day", "week", "month", "year"])
def test_bars_span_their_period_in_utc(freq: str) -> None:
    spec = charts.statements_over_time(OVER_TIME, freq=freq).to_dict()
    assert spec["encoding"]["x"]["timeUnit"].startswith("utc")
    vlc.vegalite_to_svg(spec)


def test_one_group_is_drawn_in_the_house_colour_without_a_legend() -> None:
    spec = charts.statements_over_time(OVER_TIME.with_columns(group=pl.lit("all"))).to_dict()
    assert spec["encoding"]["color"] == {"value": charts.PALETTE["bar"]}


def test_top_speakers_sorts_bars_by_statements() -> None:
    spec = charts.top_speakers(SPEAKERS).to_dict()
    assert spec["encoding"]["y"]["sort"] == "-x"
    assert spec["mark"]["type"] == "bar"


def test_figure_history_drops_figures_without_a_value_and_names_the_thing_counted() -> None:
    spec = charts.figure_history(HISTORY).to_dict()
    assert _marks(spec) == ["line", "point"]
    values = _values(spec)
    assert [r["value"] for r in values] == [270_000.0, 300_000.0]
    assert spec["layer"][0]["encoding"]["y"]["title"] == "contracts"
    tips = {t["field"] for t in spec["layer"][1]["encoding"]["tooltip"]}
    assert {"surface", "outlet", "published", "statement"} <= tips


def test_figure_history_with_no_numeric_value_says_so() -> None:
    spec = charts.figure_history(HISTORY.filter(pl.col("value").is_null())).to_dict()
    assert _marks(spec) == ["text"]


def test_a_history_longer_than_altairs_row_limit_still_draws_and_exports() -> None:
    # 6,000 citations of one counted thing (synthetic stores have such series at a million
    # statements): Altair refuses more than 5,000 rows unless the limit is lifted
    rows = pl.concat([HISTORY.head(2)] * 3_000)
    spec = charts.figure_history(rows).to_dict()
    assert len(spec["datasets"][spec["data"]["name"]]) == 6_000
    assert charts.to_svg(charts.figure_history(rows)).lstrip().startswith("<svg")


def test_charts_render_to_png_offline() -> None:
    png = vlc.vegalite_to_png(charts.top_speakers(SPEAKERS).to_dict(), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_export_is_twice_the_chart_size_for_print() -> None:
    one = vlc.vegalite_to_png(charts.outlets(OUTLETS).to_dict(), scale=1)
    two = charts.to_png(charts.outlets(OUTLETS))
    assert two[:8] == b"\x89PNG\r\n\x1a\n"
    assert _png_width(two) == 2 * _png_width(one)


def _png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")  # the IHDR chunk


@pytest.mark.parametrize(
    ("build", "df", "field"),
    [
        (charts.top_speakers, SPEAKERS, "speaker_id"),
        (charts.outlets, OUTLETS, "outlet"),
        (charts.topic_heatmap, TOPIC_SPEAKERS, "topic"),
        (charts.topic_share, TOPIC_SHARE, "topic"),
        (charts.co_speakers, CO_SPEAKERS, "speaker_id"),
    ],
)
def test_pickable_charts_select_whole_rows_by_id(
    build: Callable[[pl.DataFrame], charts.Chart], df: pl.DataFrame, field: str
) -> None:
    """The click selection the dashboard reads (``PICK``) names the field it filters on."""
    params = {p["name"]: p for p in build(df).to_dict()["params"]}
    assert params[charts.PICK]["select"] == {"type": "point", "fields": [field]}


def test_topic_heatmap_keeps_the_query_order_of_its_columns() -> None:
    spec = charts.topic_heatmap(TOPIC_SPEAKERS).to_dict()
    assert spec["encoding"]["x"]["sort"] == ["Donald Trump", "Nancy Pelosi"]
    share = charts.topic_heatmap(TOPIC_SPEAKERS, value="share").to_dict()
    assert share["encoding"]["color"]["field"] == "share"
    assert share["encoding"]["color"]["legend"]["format"] == ".0%"


def test_topic_share_draws_one_row_per_topic_and_a_column_per_period() -> None:
    spec = charts.topic_share(TOPIC_SHARE, freq="month").to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["y"]["field"] == "label"
    assert spec["encoding"]["x"]["timeUnit"] == "utcyearmonth"


def _values(spec: dict[str, object]) -> list[dict[str, object]]:
    """The inline rows of a chart (Altair moves frames into top-level ``datasets``)."""
    datasets = spec["datasets"]
    assert isinstance(datasets, dict)
    (rows,) = datasets.values()
    return list(rows)
