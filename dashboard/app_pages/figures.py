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
    """The picker's label, which a shared link holds: the parts of the series id only, so
    that the link still works after more citations are ingested."""
    unit = f" ({row['unit']})" if row.get("unit") else ""
    return f"{row['speaker']} — {row['counts']}{unit}"


def _title(row: dict[str, Any]) -> str:
    what = row.get("label") or row["counts"]
    unit = f", {row['unit']}" if row.get("unit") else ""
    return f"{row['speaker']}: {what} ({row['points']} citations{unit})"


st.title("Figures")
f = filters.current()
counts = st.text_input("What is counted contains", key="counts", bind="query-params",
                       placeholder="e.g. deaths, jobs, votes")  # fmt: skip
ui.table(data.figures(f, counts=counts), "figures", COLUMNS, empty="No figures match.")

st.header("Figure tracker")
st.caption(
    "One speaker citing one counted thing more than once, with different values, in the "
    "articles the filters keep."
)
series = data.figure_series(f)
if series.is_empty():
    st.info("No speaker cited the same counted thing twice with different values here.")
    st.stop()

rows = {_key(r): r for r in series.iter_rows(named=True)}
linked = st.query_params.get("series")
if linked and linked not in {_label(r) for r in rows.values()}:  # a link to a shorter series
    every = data.figure_series(f, limit=None)
    rows |= {_key(r): r for r in every.iter_rows(named=True) if _label(r) == linked}
choice = st.selectbox(
    "Series", list(rows), format_func=lambda k: _label(rows[k]) if k in rows else k,
    key="series", bind="query-params",
)  # fmt: skip
key = choice or next(iter(rows))
speaker_id, counted, unit = key.split("|", 2)
history = data.figure_history(speaker_id, counted, unit or None, f)
ui.chart(charts.figure_history(history, title=_title(rows[key])), "figure-tracker")
ui.table(
    history,
    "figure-history",
    ["published", "surface", "outlet", "statement", "title"],
    empty="No citations in this series.",
)
