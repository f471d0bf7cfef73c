"""The sidebar filters, shared by every page.

The widgets live in the router (``app.py``), so they are drawn on every page and keep their
values in ``st.session_state`` under their keys. ``bind="query-params"`` mirrors each one into
the URL (``?outlet=...&topic=...&dates=2020-01-01&dates=2020-03-31``), so a shared link
restores the exact view, and a value equal to its default stays out of the URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import streamlit as st

from analysis.records import DEFAULT_KINDS, STATEMENT_KINDS
from dashboard import data
from dashboard.data import Filters

STATE_KEY = "filters"  # the current Filters, for the pages
FIND = "find_speaker"  # the sidebar's speaker search (not kept in the URL)
KEYS = ("dates", "outlet", "category", "topic", "speaker", "kind", "verified", "corrected")
KIND_HELP = (
    "Read by hand on 360 stored rows of real news, direct quotes were real statements 98% of "
    "the time, indirect and mixed ~80%, stances (position: 'endorsed', 'wants to') 33% and "
    "beliefs 19%; those two are left out unless picked here. "
    "Empty: every kind."
)


def sidebar() -> Filters:
    """Draw the filter widgets in the sidebar; store and return the resulting filters."""
    lo, hi = data.date_range()
    with st.sidebar:
        st.header("Filters")
        start, end = _dates(lo, hi)
        outlets = st.multiselect(
            "Outlets", data.outlet_choices(), key="outlet", bind="query-params"
        )
        categories: list[str] = []
        if data.category_choices():  # only for a store whose articles carry one
            categories = st.multiselect(
                "Categories", data.category_choices(), key="category", bind="query-params",
                help="The outlet's own category of the article.",
            )  # fmt: skip
        topics = _labelled("Topics", _topics_in_url(data.topic_choices()), "topic")
        speakers = _labelled("Speakers", speaker_options("speaker"), "speaker")
        kinds = st.multiselect(
            "Statement kinds", list(STATEMENT_KINDS), default=list(DEFAULT_KINDS), key="kind",
            bind="query-params", help=KIND_HELP,
        )  # fmt: skip
        left, right = st.columns(2)
        verified = left.checkbox("Verified only", key="verified", bind="query-params",
                                 help="Statements a reporter marked verified")  # fmt: skip
        corrected = right.checkbox("Corrected", key="corrected", bind="query-params",
                                   help="Statements a reporter corrected")  # fmt: skip
        if data.more_speakers():
            st.text_input(
                "Find a speaker", key=FIND, placeholder="A name or part of one",
                help=f"The lists of speakers show the {data.SPEAKER_OPTIONS} most quoted. "
                "People whose name or alias contains these letters join them, first.",
            )  # fmt: skip
        st.button("Reset filters", on_click=_reset, args=(lo, hi), width="stretch")
    f = Filters(start, end, tuple(outlets), tuple(topics), tuple(speakers), tuple(kinds),
                categories=tuple(categories), verified_only=verified,
                corrected=corrected)  # fmt: skip
    st.session_state[STATE_KEY] = f
    return f


def current() -> Filters:
    """The filters set in the sidebar on this run (none if the sidebar was not drawn)."""
    f = st.session_state.get(STATE_KEY)
    return f if isinstance(f, Filters) else Filters()


def _dates(lo: dt.date | None, hi: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """A date-range picker; the full range means no date filter (undated articles stay in)."""
    if lo is None or hi is None:
        return None, None
    picked: Any = st.date_input(
        "Published between",
        value=(lo, hi),
        min_value=lo,
        max_value=hi,
        key="dates",
        bind="query-params",
        format="YYYY-MM-DD",
    )
    # While a range is being picked the widget holds one date: treat it as open-ended.
    dates = tuple(picked) if isinstance(picked, tuple | list) else (picked,)
    start = dates[0] if dates and dates[0] != lo else None
    end = dates[1] if len(dates) > 1 and dates[1] != hi else None
    return start, end


def speaker_options(key: str, also: Iterable[str] = ()) -> dict[str, str]:
    """Speaker id → name for the speaker picker under ``key``: the most quoted, those it
    holds, the one a shared link names (``?key=Name``), those the sidebar search finds, the
    filtered speakers and ``also`` (ids)."""
    held = st.session_state.get(key) or []
    keep = [held] if isinstance(held, str) else list(held)
    keep += [*current().speakers, *also]
    named = st.query_params.get_all(key)
    search = st.session_state.get(FIND) or ""
    return data.speaker_options(keep=keep, names=named, search=search)


def _topics_in_url(choices: dict[str, str]) -> dict[str, str]:
    """``choices``, after a shared link's ``?topic=`` values given by id or label in any case
    (``?topic=health``, ``?topic=Health``) are put in the URL as the picker shows them (the
    label); an unknown one is dropped and refused on the page with the valid values."""
    named = st.query_params.get_all("topic")
    shown = set(choices.values())
    if not named or all(v in shown for v in named):
        return choices
    by_key = {label.strip().lower(): label for label in choices.values()}
    by_key.update({t.lower(): label for t, label in choices.items()})
    by_label = {label: t for t, label in choices.items()}
    known = [by_key[v.strip().lower()] for v in named if v.strip().lower() in by_key]
    unknown = [v for v in named if v.strip().lower() not in by_key]
    if unknown:
        valid = ", ".join(f"{t} ({label})" for t, label in choices.items())
        st.error(f"No topic {', '.join(map(repr, unknown))}; valid topics (id or label): {valid}")
    known = list(dict.fromkeys(known))
    st.query_params["topic"] = known
    st.session_state["topic"] = [by_label[label] for label in known]
    return choices


def _labelled(label: str, choices: dict[str, str], key: str) -> list[str]:
    """A multiselect over ids that shows their labels."""
    picked: list[str] = st.multiselect(
        label,
        list(choices),
        format_func=lambda k: choices.get(k, k),
        key=key,
        bind="query-params",
    )
    return picked


def _reset(lo: dt.date | None, hi: dt.date | None) -> None:
    for key in ("outlet", "category", "topic", "speaker"):
        st.session_state[key] = []
    st.session_state[FIND] = ""
    st.session_state["kind"] = list(DEFAULT_KINDS)
    st.session_state["verified"] = st.session_state["corrected"] = False
    if lo is not None and hi is not None:
        st.session_state["dates"] = (lo, hi)
