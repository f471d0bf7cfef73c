"""Changes: numbers a source revised, or two sources gave differently in the same week, each
leading to both sentences."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from analysis import series
from dashboard import data, filters, highlight, ui

KINDS = {"All": None, "Revised": "revised", "Conflicting": "conflict"}
COLUMNS = ["change", "what", "before", "after", "before_source", "after_source",
           "before_published", "after_published"]  # fmt: skip
CONFIG = {
    "change": st.column_config.TextColumn("Change", width=75),
    "what": st.column_config.TextColumn("What is counted", width=130),
    "before": st.column_config.TextColumn("Before", width=90),
    "after": st.column_config.TextColumn("After", width=90),
    "before_source": st.column_config.TextColumn("Given by (before)", width=165),
    "after_source": st.column_config.TextColumn("Given by (after)", width=165),
    "before_published": st.column_config.DateColumn("Before, on", format="YYYY-MM-DD", width=95),
    "after_published": st.column_config.DateColumn("After, on", format="YYYY-MM-DD", width=95),
}


def _source(side: str) -> pl.Expr:
    """Who gave the number: "Radek Sorn (Meridian Post)", or the outlet in its own voice."""
    outlet = pl.col(f"{side}_outlet").fill_null("unknown outlet")
    speaker = pl.col(f"{side}_speaker")
    return (
        pl.when(speaker.is_not_null())
        .then(pl.concat_str(speaker, pl.lit(" ("), outlet, pl.lit(")")))
        .otherwise(outlet)
        .alias(f"{side}_source")
    )


def _shown(df: pl.DataFrame) -> pl.DataFrame:
    unit = pl.when(pl.col("unit").is_not_null()).then(pl.format(" ({})", pl.col("unit")))
    return df.with_columns(
        _source("before"),
        _source("after"),
        pl.concat_str(pl.col("after_counts"), unit.otherwise(pl.lit(""))).alias("what"),
        pl.col("before_surface").alias("before"),
        pl.col("after_surface").alias("after"),
    )


def _side(column: Any, row: dict[str, Any], side: str, heading: str) -> None:
    with column.container(border=True):
        st.markdown(f"**{heading}: {highlight.escape(row[f'{side}_surface'])}**")
        st.caption(
            f"{highlight.escape(row[f'{side}_source'])} · {row[f'{side}_published']} · "
            f"{highlight.escape(row[f'{side}_title'] or '')}"
        )
        st.markdown(f"> {highlight.escape(row[f'{side}_sentence'] or '')}")
        params = {"article": row[f"{side}_article_id"]}
        if row[f"{side}_statement_id"]:
            params["statement"] = row[f"{side}_statement_id"]
        st.page_link(
            "app_pages/article.py", label="Open the article", icon=":material/article:",
            query_params=params,
        )  # fmt: skip


st.title("Changes")
st.caption(
    "A number **revised** by the one who gave it (a speaker, or an outlet in its own voice) "
    "in a later article, or **conflicting**: two speakers or outlets giving different numbers "
    f"for the same thing within {series.CONFLICT_DAYS + 1} days. A number repeated unchanged "
    "does not show, nor one within the rounding of the other (“about 300,000” agrees with "
    f"anything within {series.APPROX_TOLERANCE:.0%}, “1.6 million” with 1.55–1.65 million), "
    f"nor numbers over {series.MAX_RATIO:.0f} times apart, which count different things."
)
f = filters.current()
kind = st.segmented_control(
    "Show", list(KINDS), default="All", key="change", bind="query-params"
)  # fmt: skip
rows = data.figure_changes(f)
if KINDS.get(kind or "All"):
    rows = rows.filter(pl.col("change") == KINDS[kind or "All"])
if rows.is_empty():
    st.info("No number changed or conflicts in the articles these filters keep.")
    st.stop()
rows = _shown(rows)
noun = "change" if rows.height == 1 else "changes"
st.caption(f"{rows.height:,} {noun}, newest first. Pick a row to read both sentences.")
event = ui.table(rows, "changes", COLUMNS, config=CONFIG, select=True)
picked = event.selection.rows if event is not None else []
row = rows.row(picked[0] if picked else 0, named=True)
st.subheader(f"{row['what']}: {row['before']} → {row['after']}")
before, after = st.columns(2)
_side(before, row, "before", "Before")
_side(after, row, "after", "After")
