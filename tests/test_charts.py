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

BUILDERS: list[tuple[Callable[[pl.DataFrame], charts.Chart], pl.DataFrame]] = [
    (charts.statements_over_time, OVER_TIME),
    (charts.top_speakers, SPEAKERS),
    (charts.outlets, OUTLETS),
    (charts.figure_history, HISTORY),
]
IDS = [b.__name__ for b, _ in BUILDERS]


def _marks(spec: dict[str, object]) -> list[str]:
    layers = spec.get("layer", [spec])
    assert isinstance(layers, list)
    return [m["type"] if isinstance(m := layer["mark"], dict) else m for layer in layers]


@pytest.mark.parametrize(("build", "df"), BUILDERS, ids=IDS)
def test_chart_validates_and_renders(build: Callable[..., charts.Chart], df: pl.DataFrame) -> None:
    chart = build(df)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    svg = vlc.vegalite_to_svg(spec)
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


def test_charts_render_to_png_offline() -> None:
    png = vlc.vegalite_to_png(charts.top_speakers(SPEAKERS).to_dict(), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def _values(spec: dict[str, object]) -> list[dict[str, object]]:
    """The inline rows of a chart (Altair moves frames into top-level ``datasets``)."""
    datasets = spec["datasets"]
    assert isinstance(datasets, dict)
    (rows,) = datasets.values()
    return list(rows)
