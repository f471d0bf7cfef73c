"""Topics: who speaks on which topic, which outlets quote on which, and each topic's share
over time. Clicking a topic row in a grid narrows the table under it to that topic."""

from __future__ import annotations

import polars as pl
import streamlit as st

from analysis import charts
from analysis.queries import Freq
from dashboard import data, filters, ui

SHARE = st.column_config.NumberColumn("Share", format="percent")
COLOUR = {"statements": "Statements", "share": "Share"}  # the URL holds these labels
PERIODS: dict[Freq, str] = {"week": "Week", "month": "Month", "year": "Year"}


def _narrowed(df: pl.DataFrame, event: object) -> pl.DataFrame:
    """``df`` limited to the topics picked in its chart, or whole if none is picked."""
    topics = ui.picked(event, "topic")
    return df.filter(pl.col("topic").is_in(topics)) if topics else df


st.title("Topics")
f = filters.current()
st.caption(
    "A statement on several topics counts once in each. Click a topic's row in a grid to "
    "narrow the table under it (shift-click for several)."
)
colour = st.segmented_control(
    "Colour the grids by", list(COLOUR), format_func=lambda k: COLOUR[k], default="statements",
    required=True, key="colour", bind="query-params",
    help="Share: the part of each speaker's (or outlet's) statements that is on the topic.",
)  # fmt: skip

st.header("Who speaks on which topic")
by_speaker = data.topic_speakers(f, speakers=20)
picked = ui.chart(
    charts.topic_heatmap(by_speaker, "speaker", colour, "The 20 most quoted speakers"),
    "topic-speakers",
    pick=True,
)
ui.table(
    _narrowed(by_speaker, picked),
    "topic-speakers",
    ["label", "speaker", "statements", "share"],
    empty="No attributed statements on any topic under these filters.",
    config={"label": "Topic", "share": SHARE},
)

st.header("Which outlets quote on which topic")
by_outlet = data.topic_outlets(f)
picked = ui.chart(
    charts.topic_heatmap(by_outlet, "outlet", colour, "Statements per topic and outlet"),
    "topic-outlets",
    pick=True,
)
ui.table(
    _narrowed(by_outlet, picked),
    "topic-outlets",
    ["label", "outlet", "statements", "share"],
    empty="No statements on any topic under these filters.",
    config={"label": "Topic", "share": SHARE},
)

st.header("Topic share over time")
freq: Freq = st.segmented_control(
    "Period", list(PERIODS), format_func=lambda k: PERIODS[k], default="month", required=True,
    key="period", bind="query-params",
)  # fmt: skip
share = data.topic_share_over_time(f, freq=freq)
picked = ui.chart(
    charts.topic_share(share, f"Share of each {freq}'s statements, by topic", freq),
    "topic-share",
    pick=True,
)
ui.table(
    _narrowed(share, picked),
    "topic-share",
    ["period", "label", "statements", "total", "share"],
    empty="No dated statements under these filters.",
    config={"label": "Topic", "total": "All statements", "share": SHARE},
)
