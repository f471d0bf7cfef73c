"""Statements: the filtered, searchable table; picking a row opens its article."""

from __future__ import annotations

from dataclasses import replace
from typing import get_args

import streamlit as st

from analysis.records import StatementKind
from dashboard import data, filters, ui

LIMIT = 500
COLUMNS = ["published", "speaker", "text", "kind", "cue", "outlet", "title", "speaker_role"]
CONFIG = {
    "published": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "outlet": "Outlet",
    "speaker": "Speaker",
    "kind": "Kind",
    "text": st.column_config.TextColumn("Statement", width="large"),
    "cue": "Cue",
    "title": st.column_config.TextColumn("Article", width="medium"),
    "speaker_role": "Role",
}

st.title("Statements")
search_col, kind_col = st.columns([3, 2])
search = search_col.text_input(
    "Search statements and speakers",
    key="q",
    bind="query-params",
    placeholder="e.g. vaccine, shutdown, Pelosi",
)
kinds = kind_col.multiselect("Kind", list(get_args(StatementKind)), key="kind", bind="query-params")
f = replace(filters.current(), kinds=tuple(kinds))
rows = data.statements(f, search=search, limit=LIMIT)

more = f" (the first {LIMIT}; narrow the filters to see the rest)" if rows.height >= LIMIT else ""
order = "best match first" if search.strip() else "newest first"
st.caption(f"{rows.height:,} statements{more}, {order}. Pick a row to open its article.")
event = ui.table(
    rows,
    "statements",
    COLUMNS,
    empty="No statement matches. Try other words or clear a filter.",
    config=CONFIG,
    select=True,
    height=560,
)
picked = event.selection.rows if event is not None else []
if picked:
    row = rows.row(picked[0], named=True)
    st.switch_page(
        "app_pages/article.py",
        query_params={"article": row["article_id"], "statement": row["statement_id"]},
    )
