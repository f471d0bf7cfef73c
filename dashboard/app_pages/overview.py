"""Overview: headline counts, statements per week by topic, most quoted speakers, outlets."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from dashboard import data, filters, ui

METRICS = {
    "articles": "Articles",
    "statements": "Statements",
    "speakers": "Speakers",
    "figures": "Figures",
    "outlets": "Outlets",
}

st.title("Who said what")
f = filters.current()
counts = data.overview(f)
for col, (key, label) in zip(st.columns(len(METRICS)), METRICS.items(), strict=True):
    col.metric(label, f"{counts[key]:,}", border=True)

if not counts["statements"]:
    st.info("No statements match these filters. Widen the dates or clear a filter.")
    st.stop()

ui.chart(charts.statements_over_time(data.statements_over_time(f), "Statements per week, by topic"))
st.caption("A statement on several topics counts once in each. Click a topic in the legend.")

left, right = st.columns(2)
with left:
    speakers = data.top_speakers(f, limit=15)
    ui.chart(charts.top_speakers(speakers))
    ui.table(
        speakers,
        "top-speakers",
        ["speaker", "statements", "articles", "role", "first_seen", "last_seen"],
        empty="No attributed statements for these filters.",
    )
with right:
    by_outlet = data.outlets(f)
    ui.chart(charts.outlets(by_outlet))
    ui.table(by_outlet, "outlets", empty="No outlets for these filters.")
