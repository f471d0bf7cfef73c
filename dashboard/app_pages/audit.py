"""Audit: every correction reporters made, by person and date, orphaned ones flagged."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import correct, data, ui

st.title("Audit")
st.caption(
    "Every correction is kept: who made it, when, the value before and after, and its status "
    "now. For each row and field the latest correction wins (the earlier ones are "
    "'superseded'). 'Orphaned': the words it was made on are no longer in the article (it "
    "changed), so it applies to nothing until someone corrects the row again."
    + ("" if correct.enabled() else " This dashboard is read-only: start it with "
       "`quotedesk dashboard --corrections` to make corrections.")
)  # fmt: skip
df = data.corrections_audit()
if df.is_empty():
    st.info("No corrections yet.")
    st.stop()
orphaned = df.filter(pl.col("status") == "orphaned").height
people = sorted(set(df["who"].to_list()))
left, right = st.columns([3, 1])
who = left.multiselect("Made by", people, key="audit-who")
only = right.toggle(f"Orphaned only ({orphaned})", key="audit-orphaned")
if orphaned:
    st.warning(f"{orphaned} correction(s) are orphaned: their text is no longer in the article.")
shown = df
if who:
    shown = shown.filter(pl.col("who").is_in(who))
if only:
    shown = shown.filter(pl.col("status") == "orphaned")
shown = shown.with_columns(
    pl.when(pl.col("status") == "orphaned").then(pl.lit("⚠ orphaned")).otherwise(pl.col("status"))
    .alias("status")
)  # fmt: skip
by_person = df.group_by("who").agg(
    pl.len().alias("corrections"), pl.col("made_at").max().alias("latest")
).sort("corrections", descending=True)  # fmt: skip
ui.table(by_person, "audit-people", ["who", "corrections", "latest"])
ui.table(
    shown,
    "audit",
    ["made_at", "who", "action", "target_text", "old_value", "new_value", "note", "status",
     "article_id", "target_id"],
    config={"made_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
            "target_text": st.column_config.TextColumn("Words", width="large")},
)  # fmt: skip
