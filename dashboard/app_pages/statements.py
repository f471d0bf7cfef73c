"""Statements: the filtered, searchable table; picking a row opens its article."""

from __future__ import annotations

import streamlit as st

from dashboard import correct, data, filters, ui

LIMIT = 500  # newest statements listed without a search
PAGE = data.SEARCH_PAGE
COLUMNS = ["published", "speaker", "text", "kind", "cue", "outlet", "title", "speaker_role"]
CONFIG = {
    "published": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "outlet": "Outlet",
    "speaker": "Speaker",
    "kind": "Kind",
    "text": st.column_config.TextColumn("Statement", width="large"),
    "cue": "Cue",
    "title": "Article",  # whole: the table's defaults wrap long texts
    "speaker_role": "Role",
}


def _first_page() -> None:
    """A new search or kind starts at its best matches."""
    st.session_state["page"] = 1


st.title("Statements")
search_col, page_col = st.columns([10, 1])
search = search_col.text_input(
    "Search statements and speakers",
    key="q",
    bind="query-params",
    placeholder="e.g. vaccine, shutdown, Pelosi",
    on_change=_first_page,
)
f = filters.current()
if search.strip():
    # Matches come a page at a time: each shown match is read on its own, wherever it lies
    # in the store, so a page of 100 stays fast at ten million statements.
    page = int(page_col.number_input("Page", min_value=1, step=1, key="page", bind="query-params"))
    rows = data.statements(f, search=search, limit=PAGE, offset=(page - 1) * PAGE)
    if rows.height:
        matches, first = int(rows["matches"][0]), (page - 1) * PAGE + 1
        pages = f", page {page} of {-(-matches // PAGE):,}" if matches > PAGE else ""
        st.caption(
            f"{matches:,} statements match: {first:,}–{first + rows.height - 1:,}, best match "
            f"first{pages}. Pick a row to open its article."
        )
    elif page > 1:
        st.caption(f"Page {page} is past the last match: back to page 1 for the best ones.")
else:
    rows = data.statements(f, limit=LIMIT)
    more = (
        f" (the first {LIMIT}; narrow the filters to see the rest)" if rows.height >= LIMIT else ""
    )
    st.caption(f"{rows.height:,} statements{more}, newest first. Pick a row to open its article.")
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
if picked and correct.enabled():  # correct the picked row here; its article is a link away
    row = rows.row(picked[0], named=True)
    correct.show_message()
    st.page_link(
        "app_pages/article.py",
        label="Open its article",
        icon=":material/article:",
        query_params={"article": row["article_id"], "statement": row["statement_id"]},
    )
    correct.statement_form(row)
elif picked:
    row = rows.row(picked[0], named=True)
    st.switch_page(
        "app_pages/article.py",
        query_params={"article": row["article_id"], "statement": row["statement_id"]},
    )
