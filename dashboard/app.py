"""The quotedesk dashboard: a router over one thin page per view.

Run it with ``quotedesk dashboard --db FILE`` (which sets ``QUOTEDESK_DB``), or
``QUOTEDESK_DB=FILE streamlit run dashboard/app.py``. Pages live in ``app_pages/`` (not
``pages/``, which Streamlit would auto-discover) and reach the data only through ``data.py``.
"""

from __future__ import annotations

import streamlit as st

from analysis import settings
from dashboard import correct, data, filters

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("app_pages/statements.py", title="Statements", icon=":material/format_quote:",
            url_path="statements"),
    st.Page("app_pages/article.py", title="Article", icon=":material/article:",
            url_path="article"),
    st.Page("app_pages/speakers.py", title="Speakers", icon=":material/record_voice_over:",
            url_path="speakers"),
    st.Page("app_pages/topics.py", title="Topics", icon=":material/category:",
            url_path="topics"),
    st.Page("app_pages/figures.py", title="Figures", icon=":material/monitoring:",
            url_path="figures"),
    st.Page("app_pages/changes.py", title="Changes", icon=":material/compare_arrows:",
            url_path="changes"),
    st.Page("app_pages/audit.py", title="Audit", icon=":material/fact_check:",
            url_path="audit"),
]  # fmt: skip


def _stop_with(exc: Exception) -> None:
    """One clear message, without a traceback or the server's paths (a reader of the page
    need not learn where the files live)."""
    if isinstance(exc, data.CorruptStore):
        st.error(
            "**The quotedesk database is damaged**, so the dashboard shows nothing from it. "
            f"{data.public_message(exc)}"
        )
    else:
        st.error(
            f"**Cannot read the quotedesk database.** {data.public_message(exc)}\n\n"
            "Start the dashboard with `quotedesk dashboard --db FILE`, or set `QUOTEDESK_DB`."
        )
    st.stop()


def _unexpected(exc: Exception) -> None:
    st.error(
        "**Something went wrong while drawing this page.** "
        f"{type(exc).__name__}: {data.public_message(exc)}. "
        "Other pages may still work; the server's log has the details."
    )
    data.log_exception(exc)
    st.stop()


def main() -> None:
    st.set_page_config(page_title="quotedesk", page_icon=":material/format_quote:", layout="wide")
    page = st.navigation(PAGES)
    try:
        data.check()
    except data.StoreError as exc:
        _stop_with(exc)
    try:
        with data.session():  # the page's queries share one read-only connection
            filters.sidebar()
            correct.sidebar()  # "Your name", when corrections are on
            page.run()
    except data.StoreError as exc:  # e.g. the file was replaced or locked for too long
        _stop_with(exc)
    except Exception as exc:  # a bug or a damaged file: a message, never a traceback
        if settings.get("debug") or settings.get("dashboard_raise"):
            raise
        _unexpected(exc)


main()
