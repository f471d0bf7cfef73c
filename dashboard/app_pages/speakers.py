"""Speakers: the leaderboard and one speaker's profile, on two tabs.

Only the open tab is computed and drawn (the profile is four queries, three charts and five
tables that the leaderboard's first view need not wait for). Clicking a bar, a ``?who=`` link
or a speaker filter opens the profile; the open tab is kept in the URL (``?view=Profile``).
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import streamlit as st

from analysis import charts
from dashboard import data, filters, highlight, ui

BOARD = ["speaker", "role", "kind", "statements", "articles", "outlets", "first_seen", "last_seen"]
SHARE = st.column_config.NumberColumn("Share", format="percent")
RANKED, PROFILE = "Most quoted", "Profile"
KIND_LABELS = {
    "person": "People",
    "org": "Organisations",
    "group": "Groups",
    "document": "Documents",
    "other": "Other",
}
SPEAKER_KINDS = tuple(KIND_LABELS)
LEADERBOARD = data.LEADERBOARD_KINDS
VIEW = "view"  # the tabs' key, and their URL parameter


def _kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _open_picked(chart_key: str) -> None:
    """Show the profile of the speaker whose bar was just clicked in ``chart_key``."""
    ids = ui.picked(st.session_state.get(chart_key), "speaker_id")
    if ids and ids[0] in data.speaker_options(keep=ids[:1]):
        st.session_state["who"] = ids[0]
        st.session_state[VIEW] = PROFILE


def _ranked(board: pl.DataFrame) -> None:
    ui.chart(
        charts.top_speakers(board.head(20)),
        "speakers",
        pick=True,
        on_pick=lambda: _open_picked("chart-speakers"),
    )
    st.caption("Click a bar to open that speaker's profile.")
    ui.table(board, "speakers", BOARD, empty="No attributed statements for these filters.")


def _profile(f: data.Filters, board: pl.DataFrame) -> None:
    default = f.speakers[0] if f.speakers else (board["speaker_id"][0] if board.height else None)
    names = filters.speaker_options("who", also=[default] if default else [])
    if not names:
        st.info("No attributed statements for these filters.")
        return
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
        return
    # Names, aliases and roles come from article text: escaped, so they show as written.
    st.header(highlight.escape(profile.name))
    aliases = ", ".join(highlight.isolate(a) for a in profile.aliases)  # right-to-left too
    roles = ", ".join(highlight.isolate(r) for r in profile.roles)
    st.markdown(f"**Also written as:** {aliases or '—'}")
    st.markdown(f"**Roles seen:** {roles or '—'}")
    mine = data.only_speaker(f, profile.speaker_id)
    ui.chart(
        charts.statements_over_time(
            data.statements_over_time(mine, freq="month"), "Statements per month, by topic", "month"
        ),
        "speaker-over-time",
    )
    topics = data.topic_speakers(mine, speakers=1)
    ui.table(
        topics,
        "speaker-topics",
        ["label", "statements", "share"],
        empty="None of this speaker's statements carries a topic under these filters.",
        config={"label": "Topic", "share": SHARE},
    )

    left, right = st.columns(2)
    with left:
        quoting = data.outlets(mine)
        ui.chart(charts.outlets(quoting, "Outlets quoting them"), "speaker-outlets")
        ui.table(
            quoting,
            "speaker-outlets",
            ["outlet", "statements", "articles"],
            empty="No outlet quotes this speaker under these filters.",
        )
    with right:
        alongside = data.co_speakers(profile.speaker_id, f)
        ui.chart(
            charts.co_speakers(alongside),
            "co-speakers",
            pick=True,
            on_pick=lambda: _open_picked("chart-co-speakers"),
        )
        st.caption(
            "People with statements in the same articles. Click a bar to open their profile."
        )
        ui.table(
            alongside,
            "co-speakers",
            ["speaker", "articles", "statements"],
            empty="Nobody else is quoted in this speaker's articles under these filters.",
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


st.title("Speakers")
sure = st.toggle(
    "Only names quotedesk is sure of", key="sure", bind="query-params",
    help="Count a statement for a speaker only when the name is written where the statement "
    "is, or was reached through a pronoun or an earlier quote with a confidence of at least "
    "0.95 (on PolNeAR train about 2% of those were wrong, against 6% of all resolved pronouns).",
)  # fmt: skip
f = replace(filters.current(), sure_names=bool(sure))
asked = bool(st.query_params.get("who")) or bool(f.speakers)  # a profile link, or a filter
ranked, profiled = st.tabs(
    [RANKED, PROFILE], key=VIEW, bind="query-params", on_change="rerun",
    default=PROFILE if asked else RANKED,
)  # fmt: skip
if ranked.open:
    with ranked:
        kinds: list[str] = st.pills(
            "Kinds of speaker", list(KIND_LABELS), default=list(LEADERBOARD), key="speaker_kinds",
            bind="query-params", selection_mode="multi", format_func=_kind_label,
            help="Groups ('Democrats', 'voters') and documents ('the report') are ranked only "
            "when picked here.",
        )  # fmt: skip
        board = data.top_speakers(f, limit=50, speaker_kinds=tuple(kinds) or SPEAKER_KINDS)
        _ranked(board)
else:
    board = data.top_speakers(f, limit=50)
if profiled.open:
    with profiled:
        _profile(f, board)
