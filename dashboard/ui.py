"""Small display helpers shared by the pages: charts in the house theme, tables with a CSV
download, and plain "nothing here" messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import polars as pl
import streamlit as st


def chart(c: alt.Chart | alt.LayerChart) -> None:
    """Draw an Altair chart with the house theme (``theme=None`` keeps Streamlit's off)."""
    st.altair_chart(c, theme=None, width="stretch")


def _default_config(df: pl.DataFrame, shown: Sequence[str]) -> dict[str, Any]:
    """Readable headers ("first_seen" → "First seen"), plain dates, 15,600 not 15600."""
    config: dict[str, Any] = {}
    for name in shown:
        label = name.replace("_", " ").capitalize()
        dtype = df.schema[name]
        if dtype == pl.Date:
            config[name] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif dtype.is_numeric():
            config[name] = st.column_config.NumberColumn(label, format="localized")
        else:
            config[name] = label
    return config


def csv_bytes(df: pl.DataFrame) -> bytes:
    return df.write_csv().encode("utf-8")


def table(
    df: pl.DataFrame,
    name: str,
    columns: Sequence[str] | None = None,
    empty: str = "Nothing matches these filters.",
    config: dict[str, Any] | None = None,
    select: bool = False,
    height: int | None = None,
) -> Any:
    """A table and its CSV download, or an ``st.info`` line when ``df`` has no rows.

    ``columns`` are shown in that order (all columns go into the CSV). With ``select``, one row
    can be picked and the selection state is returned.
    """
    if df.is_empty():
        st.info(empty)
        return None
    shown = [c for c in (columns or df.columns) if c in df.columns]
    event = st.dataframe(
        df,
        hide_index=True,
        column_order=shown,
        column_config={**_default_config(df, shown), **(config or {})},
        placeholder="—",
        height=height or "auto",
        key=f"table-{name}",
        on_select="rerun" if select else "ignore",
        selection_mode="single-row",
    )
    st.download_button(
        f"Download {name}.csv ({df.height:,} rows)",
        csv_bytes(df),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download-{name}",
        on_click="ignore",
        icon=":material/download:",
    )
    return event
