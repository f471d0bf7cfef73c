"""Overview: headline counts, statements over time by topic (per day, week, month, quarter
or year, as the span shown needs), most quoted speakers, outlets.

Clicking a speaker's or an outlet's bar lists the statements behind it under the charts.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analysis import charts
from analysis.records import STATEMENT_KINDS
from dashboard import data, filters, highlight, ui

METRICS = {
    "articles": "Articles",
    "statements": "Statements",
    "speakers": "Speakers",
    "figures": "Figures",
    "outlets": "Outlets",
}


def _others(f: filters.Filters) -> list[str]:
    return [k for k in STATEMENT_KINDS if k not in f.kinds]


st.title("Who said what")
f = filters.current()
counts = data.overview(f)
for col, (key, label) in zip(st.columns(len(METRICS)), METRICS.items(), strict=True):
    col.metric(label, f"{counts[key]:,}", border=True)

if counts["verified"]:
    st.caption(f"{counts['verified']:,} of these statements were verified by a reporter.")
if f.kinds:  # say what the default views leave out, and how to bring it back
    hidden = data.overview(replace(f, kinds=()))["statements"] - counts["statements"]
    if hidden:
        st.caption(
            f"{hidden:,} more extracted rows of other kinds ({', '.join(_others(f))}) are left "
            "out: most are stances or the writer's own words, not statements. Pick them under "
            "Statement kinds in the sidebar."
        )

if not counts["statements"]:
    st.info("No statements match these filters. Widen the dates or clear a filter.")
    st.stop()

# bars per day, week, month, quarter or year, as the span shown needs
lo, hi = data.date_range()
freq = charts.freq_for_span(f.start or lo, f.end or hi)
ui.chart(
    charts.statements_over_time(
        data.statements_over_time(f, freq=freq), f"Statements per {freq}, by topic", freq=freq
    ),
    "statements-over-time",
)
st.caption("A statement on several topics counts once in each. Click a topic in the legend.")

left, right = st.columns(2)
with left:
    speakers = data.top_speakers(f, limit=15)
    by_speaker = ui.chart(charts.top_speakers(speakers), "top-speakers", pick=True)
    ui.table(
        speakers,
        "top-speakers",
        ["speaker", "statements", "articles", "role", "first_seen", "last_seen"],
        empty="No attributed statements for these filters.",
    )
with right:
    by_outlet = data.outlets(f)
    in_outlet = ui.chart(charts.outlets(by_outlet), "outlets", pick=True)
    ui.table(by_outlet, "outlets", empty="No outlets for these filters.")

st.header("Statements behind the picked bars")
who, where = ui.picked(by_speaker, "speaker_id"), ui.picked(in_outlet, "outlet")
if not who and not where:
    st.caption("Click a speaker's or an outlet's bar above (shift-click for several).")
    st.stop()
behind = replace(f, speakers=tuple(who) or f.speakers, outlets=tuple(where) or f.outlets)
rows = data.statements(behind, limit=200)
names = dict(speakers.select("speaker_id", "speaker").iter_rows())
picked = [*(names.get(s, s) for s in who), *where]  # names and outlets, as Markdown: escaped
st.caption(" · ".join(highlight.isolate(x) for x in picked) + ", newest first")
ui.table(
    rows,
    "picked-statements",
    ["published", "speaker", "text", "outlet", "title"],
    empty="No statements by the picked speakers in the picked outlets.",
)
