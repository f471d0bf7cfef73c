"""Figures: every figure cited, and the tracker of one speaker's figure over time."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analysis import charts
from dashboard import data, filters, ui

COLUMNS = ["published", "outlet", "speaker", "surface", "value", "unit", "type", "counts", "title"]


def _key(row: dict[str, Any]) -> str:
    """A series id for the picker: speaker, counted head word, unit."""
    return f"{row['speaker_id']}|{row['counts']}|{row.get('unit') or ''}"


def _label(row: dict[str, Any]) -> str:
    unit = f"{row['unit']}, " if row.get("unit") else ""
    what = row.get("label") or row["counts"]
    return f"{row['speaker']} — {what} ({unit}{row['points']} citations)"


st.title("Figures")
f = filters.current()
counts = st.text_input("What is counted contains", key="counts", bind="query-params",
                       placeholder="e.g. deaths, jobs, votes")  # fmt: skip
ui.table(data.figures(f, counts=counts), "figures", COLUMNS, empty="No figures match.")

st.header("Figure tracker")
st.caption("One speaker citing one counted thing more than once, with different values.")
series = data.figure_series()
if series.is_empty():
    st.info("No speaker cited the same counted thing twice with different values.")
    st.stop()

labels = {_key(r): _label(r) for r in series.iter_rows(named=True)}
choice = st.selectbox(
    "Series", list(labels), format_func=lambda k: labels.get(k, k), key="series",
    bind="query-params",
)  # fmt: skip
speaker_id, counted, unit = (choice or next(iter(labels))).split("|", 2)
history = data.figure_history(speaker_id, counted, unit or None)
ui.chart(charts.figure_history(history, title=labels.get(choice or "", "")), "figure-tracker")
ui.table(
    history,
    "figure-history",
    ["published", "surface", "outlet", "statement", "title"],
    empty="No citations in this series.",
)
