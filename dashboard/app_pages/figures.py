"""Figures: every figure cited, a page at a time, and the tracker of one speaker's figure
over time."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analysis import charts
from dashboard import data, filters, ui

PAGE = 100  # figures per page of the table
COLUMNS = ["published", "outlet", "speaker", "surface", "value", "unit", "type", "counts", "title"]
# Widths that keep a value whole ("300,000,000", "$1.2 trillion") beside long titles.
CONFIG = {
    "published": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width=95),
    "outlet": st.column_config.TextColumn("Outlet", width=120),
    "speaker": st.column_config.TextColumn("Speaker", width=120),
    "surface": st.column_config.TextColumn("As written", width=110),
    "value": st.column_config.NumberColumn("Value", format="localized", width=120),
    "unit": st.column_config.TextColumn("Unit", width=45),
    "type": st.column_config.TextColumn("Type", width=65),
    "counts": st.column_config.TextColumn("What it counts", width=150),
    "title": st.column_config.TextColumn("Article", width="medium"),
}


def _key(row: dict[str, Any]) -> str:
    """A series id for the picker: speaker, series key, unit."""
    return f"{row['speaker_id']}|{row['counts']}|{row.get('unit') or ''}"


def _label(row: dict[str, Any]) -> str:
    """The picker's label, which a shared link holds: the parts of the series id only, so
    that the link still works after more citations are ingested."""
    unit = f" ({row['unit']})" if row.get("unit") else ""
    return f"{row['speaker']} — {row['counts']}{unit}"


def _title(row: dict[str, Any]) -> str:
    what = row.get("label") or row["counts"]
    unit = f", {row['unit']}" if row.get("unit") else ""
    return f"{row['speaker']}: {what} ({row['points']} citations on {row['days']} days{unit})"


def _first_page() -> None:
    st.session_state["figures_page"] = 1


st.title("Figures")
f = filters.current()
search_col, page_col = st.columns([6, 1])
counts = search_col.text_input(
    "What is counted contains", key="counts", bind="query-params",
    placeholder="e.g. deaths, jobs, votes", on_change=_first_page,
)  # fmt: skip
page = int(
    page_col.number_input("Page", min_value=1, step=1, key="figures_page", bind="query-params")
)
listed = data.figures(f, counts=counts, limit=PAGE, offset=(page - 1) * PAGE)
if listed.is_empty():
    st.info(f"Page {page} is past the last figure." if page > 1 else "No figures match.")
else:
    matches, first = int(listed["matches"][0]), (page - 1) * PAGE + 1
    st.caption(
        f"Figures {first:,}–{first + listed.height - 1:,} of {matches:,}, newest first"
        + (f", page {page} of {-(-matches // PAGE):,}." if matches > PAGE else ".")
    )
    st.dataframe(
        listed, hide_index=True, column_order=COLUMNS, column_config=CONFIG,
        placeholder="—", key="table-figures",
    )  # fmt: skip
    st.download_button(
        f"Download all {matches:,} matching figures (figures.csv)",
        lambda: ui.csv_bytes(data.figures(f, counts=counts, limit=None).drop("matches")),
        file_name="figures.csv", mime="text/csv", key="download-figures",
        on_click="ignore", icon=":material/download:",
    )  # fmt: skip

st.header("Figure tracker")
st.caption(
    "One speaker citing one counted thing more than once, with different values, in the "
    "articles the filters keep; the longest history (most days) first."
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
if rows[key].get("cited_with"):
    st.caption("Also cited with: " + ", ".join(rows[key]["cited_with"]))
ui.table(
    history,
    "figure-history",
    ["published", "surface", "outlet", "statement", "title"],
    empty="No citations in this series.",
)
