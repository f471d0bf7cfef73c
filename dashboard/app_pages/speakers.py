"""Speakers: the leaderboard, and one speaker's profile."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from dashboard import data, filters, ui

BOARD = ["speaker", "role", "kind", "statements", "articles", "outlets", "first_seen", "last_seen"]

st.title("Speakers")
f = filters.current()
board = data.top_speakers(f, limit=50)
ui.chart(charts.top_speakers(board.head(20)))
ui.table(board, "speakers", BOARD, empty="No attributed statements for these filters.")

names = data.speaker_choices()
if not names:
    st.stop()
default = f.speakers[0] if f.speakers else (board["speaker_id"][0] if board.height else None)
options = list(names)
who = st.selectbox(
    "Profile of",
    options,
    index=options.index(default) if default in names else 0,
    format_func=lambda k: names.get(k, k),
    key="who",
    bind="query-params",
)
profile = data.speaker_profile(who) if who else None
if profile is None:
    st.info("No profile for this speaker.")
    st.stop()

st.header(profile.name)
st.markdown(f"**Also written as:** {', '.join(profile.aliases) or '—'}")
st.markdown(f"**Roles seen:** {', '.join(profile.roles) or '—'}")
mine = data.only_speaker(f, profile.speaker_id)
ui.chart(
    charts.statements_over_time(
        data.statements_over_time(mine, freq="month"), "Statements per month, by topic", "month"
    )
)
st.subheader("Figures cited")
ui.table(
    data.figures(mine),
    "speaker-figures",
    ["published", "surface", "counts", "outlet", "title"],
    empty="This speaker cited no figures under these filters.",
)
st.subheader("Statements")
ui.table(
    data.statements(mine),
    "speaker-statements",
    ["published", "kind", "text", "cue", "outlet", "title"],
    empty="No statements by this speaker under these filters.",
)
