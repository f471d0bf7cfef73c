"""Article: the text with its statements and figures marked, and the lists of both."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from dashboard import correct, data, highlight, ui

article_id = st.query_params.get("article")
chosen = st.query_params.get("statement")
doc = data.article(article_id) if article_id else None
if doc is None:
    st.title("Article")
    if article_id:
        st.warning(f"No article with id “{highlight.escape(article_id)}” in this database.")
    st.info("Pick a statement on the Statements page to open its article here.")
    st.page_link("app_pages/statements.py", label="Go to Statements", icon=":material/search:")
    st.stop()

said = data.article_statements(doc["article_id"])
figs = data.article_figures(doc["article_id"])
title = highlight.highlight(doc["title"], highlight.statement_marks(said, "title", chosen))
st.markdown(f"<h2>{title}</h2>", unsafe_allow_html=True)
# The caption is Markdown: the outlet is escaped like the text, and only a web address is
# linked, with the characters that could end the link (or start another) percent-encoded.
meta = [highlight.isolate(doc["outlet"] or "unknown outlet"), str(doc["published"] or "undated")]
url = doc.get("url") or ""
web = url.lower().startswith(("http://", "https://"))
link = f" · [source]({quote(url, safe=':/?#&=%+@,;~')})" if web else ""
st.caption(" · ".join(meta) + f" · {len(said)} statements · {len(figs)} figures{link}")
st.markdown(highlight.LEGEND, unsafe_allow_html=True)

marks = [*highlight.statement_marks(said, "text", chosen), *highlight.figure_marks(figs)]
body = highlight.highlight(doc["text"], marks)
with st.container(border=True):
    st.markdown(f'<div style="line-height:1.7">{body}</div>', unsafe_allow_html=True)

st.subheader("Statements")
ui.table(
    said,
    "article-statements",
    ["speaker", "found", "kind", "cue", "text", "speaker_role", "section"],
    empty="No statements were found in this article.",
    config={
        "found": st.column_config.TextColumn("How the speaker was found", width="medium"),
        "text": st.column_config.TextColumn("Text", width="large"),
    },
)
st.caption(
    "How the speaker was found: the words naming the source → the name shown, the earlier "
    "words a pronoun or description was resolved through, and the rule or model with its "
    "confidence. 'unresolved' means quotedesk would not guess."
)
st.subheader("Figures")
ui.table(
    figs,
    "article-figures",
    ["surface", "value", "unit", "type", "counts", "speaker", "approx"],
    empty="No figures were found in this article.",
)
if correct.enabled():
    correct.article_section(doc["article_id"], said, figs)
