"""The correction widgets, shown only when corrections are switched on.

The dashboard is read-only unless ``quotedesk dashboard --corrections`` (or
``QUOTEDESK_CORRECTIONS=1``) started it. Then the Article page and a picked row of the
Statements table carry these forms, and the sidebar asks once for the reporter's name (kept in
the session and in the URL as ``?who=``, so a bookmarked link remembers it).

Every write happens in a widget callback: Streamlit runs callbacks before the page's script,
so outside the page's shared read-only connection (``data.session``), which a writer in the
same process could not coexist with. The write itself is :func:`analysis.corrections.record`:
one short transaction through ``write_run``, then every correction applied again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import streamlit as st

from analysis import corrections, settings
from analysis.records import STATEMENT_KINDS
from dashboard import data

WHO = "who"  # the reporter's name: session state and query parameter
MESSAGE = "correction_message"  # the last write's outcome, shown once
NO_SPEAKER = "(no speaker)"


def enabled() -> bool:
    """Whether this dashboard takes corrections (the flag or setting ``corrections``)."""
    return settings.get("corrections").strip().lower() in ("1", "true", "yes", "on")


def sidebar() -> None:
    """The "Your name" field, drawn once per page run when corrections are on."""
    if not enabled():
        return
    with st.sidebar:
        st.text_input(
            "Your name", key=WHO, bind="query-params", placeholder="Recorded with each correction",
            help="Corrections are kept with who made them and when (the Audit page lists them).",
        )  # fmt: skip


def show_message() -> None:
    """The outcome of the last correction (once)."""
    kind, text = st.session_state.pop(MESSAGE, (None, ""))
    if kind == "ok":
        st.success(text, icon=":material/check:")
    elif kind == "error":
        st.error(text)


def _who() -> str:
    who = str(st.session_state.get(WHO) or "").strip()
    if not who:
        raise ValueError("enter your name in the sidebar first (Your name)")
    return who


def _run(make: Callable[[], corrections.Correction], done: str) -> None:
    """Build a correction and record it; the outcome goes to the page as a message."""
    try:
        c = make()
        corrections.record(data.db_path(), [c])
    except (ValueError, data.StoreError) as exc:
        st.session_state[MESSAGE] = ("error", f"Not saved: {data.public_message(exc)}")
        return
    st.session_state[MESSAGE] = ("ok", done)
    _refill(data.db_path())


def _refill(db: str) -> None:
    """After a save, the forms show the values now stored, not what was typed (a widget's
    value is reset by setting it: deleting its state leaves the browser's copy)."""
    for key in list(st.session_state):
        k = str(key)
        try:
            if k.startswith(("typed-", "note-", "fnote-")) or k in ("add-text", "add-speaker"):
                st.session_state[key] = ""
            elif k in ("add-start", "add-end"):
                st.session_state[key] = None
            elif k.startswith("pick-"):
                st.session_state[key] = corrections.statement(db, k[5:])["speaker"] or NO_SPEAKER
            elif k.startswith("kind-"):
                kind = corrections.statement(db, k[5:])["kind"]
                if kind in STATEMENT_KINDS:
                    st.session_state[key] = kind
            elif k.startswith(("counts-", "value-")):
                fig = corrections.figure(db, k.split("-", 1)[1])
                st.session_state[key] = fig["counts"] or "" if k[0] == "c" else fig["value"]
        except ValueError:  # the row is gone (hidden, or re-extracted meanwhile)
            continue


def _start(key: str, **default: Any) -> dict[str, Any]:
    """A widget's starting value, unless a save has set it already (Streamlit warns about
    a widget given both)."""
    return {} if key in st.session_state else default


def _value(key: str) -> Any:
    return st.session_state.get(key)


# ------------------------------------------------------------------------- statements
def statement_form(row: dict[str, Any]) -> None:
    """Set or clear the speaker, fix the kind, mark "not a statement" or verified."""
    sid = str(row["statement_id"])
    db = data.db_path()
    options = [NO_SPEAKER, *sorted(set(data.speaker_options().values()) | {row["speaker"] or ""})]
    options = [o for o in options if o]
    current = row["speaker"] if row["speaker"] in options else NO_SPEAKER
    with st.form(f"fix-{sid}", border=True):
        st.markdown(f"**Correct** “{_short(row['text'])}”")
        left, right = st.columns(2)
        left.selectbox(
            "Speaker",
            options,
            key=f"pick-{sid}",
            **_start(f"pick-{sid}", index=options.index(current)),
        )
        right.text_input("…or type a name", key=f"typed-{sid}", placeholder="e.g. Lina Farrow")
        kind = row["kind"] if row["kind"] in STATEMENT_KINDS else STATEMENT_KINDS[0]
        left.selectbox(
            "Kind",
            STATEMENT_KINDS,
            key=f"kind-{sid}",
            **_start(f"kind-{sid}", index=STATEMENT_KINDS.index(kind)),
        )
        right.text_input("Note (optional)", key=f"note-{sid}")
        b = st.columns(4)

        def speaker() -> corrections.Correction:
            typed = str(_value(f"typed-{sid}") or "").strip()
            name = typed or str(_value(f"pick-{sid}") or "")
            action, value = ("clear_speaker", None) if name in ("", NO_SPEAKER) else (
                "set_speaker", name)  # fmt: skip
            return corrections.on_statement(db, sid, action, value, _who(), _value(f"note-{sid}"))

        def simple(action: str, value: str) -> Callable[[], corrections.Correction]:
            return lambda: corrections.on_statement(
                db, sid, action, value, _who(), _value(f"note-{sid}"))  # fmt: skip

        b[0].form_submit_button("Set speaker", on_click=_run, args=(speaker, "Speaker saved."))
        b[1].form_submit_button(
            "Set kind", on_click=lambda: _run(
                simple("set_kind", str(_value(f"kind-{sid}"))), "Kind saved."),
        )  # fmt: skip
        b[2].form_submit_button(
            "Not a statement", on_click=_run,
            args=(simple("not_a_statement", "true"), "Marked not a statement: hidden from views."),
        )  # fmt: skip
        verified = bool(row.get("verified"))
        b[3].form_submit_button(
            "Unmark verified" if verified else "Mark verified", on_click=_run,
            args=(simple("verify", "false" if verified else "true"), "Verification saved."),
        )  # fmt: skip


def add_form(article_id: str) -> None:
    """Add a statement the extractor missed: pasted words (or offsets) and a speaker."""
    db = data.db_path()
    with st.form(f"add-{article_id}", border=True):
        st.markdown("**Add a missed statement**")
        st.text_area("Paste its exact words from the article", key="add-text", height=80)
        a, b, c, d = st.columns(4)
        a.number_input("…or start", min_value=0, step=1, value=None, key="add-start")
        b.number_input("end (characters)", min_value=0, step=1, value=None, key="add-end")
        c.text_input("Speaker", key="add-speaker")
        d.selectbox("Kind", STATEMENT_KINDS, key="add-kind")

        def make() -> corrections.Correction:
            start, end = _value("add-start"), _value("add-end")
            return corrections.added(
                db, article_id, None if start is None else int(start),
                None if end is None else int(end), _value("add-speaker"), _who(),
                str(_value("add-kind") or "direct"), text=str(_value("add-text") or ""),
            )  # fmt: skip

        st.form_submit_button("Add statement", on_click=_run, args=(make, "Statement added."))


# ---------------------------------------------------------------------------- figures
def figure_form(row: dict[str, Any]) -> None:
    """Fix what a figure counts or its value; mark it verified."""
    fid = str(row["figure_id"])
    db = data.db_path()
    with st.form(f"fig-{fid}", border=True):
        st.markdown(f"**Correct the figure** “{row['surface']}”")
        a, b, c = st.columns(3)
        a.text_input(
            "Counts", key=f"counts-{fid}", **_start(f"counts-{fid}", value=row["counts"] or "")
        )
        b.number_input(
            "Value", key=f"value-{fid}", format="%g", **_start(f"value-{fid}", value=row["value"])
        )
        c.text_input("Note (optional)", key=f"fnote-{fid}")

        def fix(action: str, key: str) -> Callable[[], corrections.Correction]:
            def make() -> corrections.Correction:
                value = _value(key)
                text = str(value).strip() if action == "set_counts" else repr(float(value))
                return corrections.on_figure(db, fid, action, text, _who(), _value(f"fnote-{fid}"))

            return make

        verified = bool(row.get("verified"))
        cols = st.columns(3)
        cols[0].form_submit_button(
            "Set counts", on_click=_run, args=(fix("set_counts", f"counts-{fid}"), "Saved.")
        )
        cols[1].form_submit_button(
            "Set value", on_click=_run, args=(fix("set_value", f"value-{fid}"), "Saved.")
        )
        cols[2].form_submit_button(
            "Unmark verified" if verified else "Mark verified", on_click=_run,
            args=(lambda: corrections.on_figure(
                db, fid, "verify", "false" if verified else "true", _who(),
                _value(f"fnote-{fid}")), "Verification saved."),
        )  # fmt: skip


# ---------------------------------------------------------------------------- the page
def article_section(article_id: str, said: pl.DataFrame, figs: pl.DataFrame) -> None:
    """The Article page's corrections: pick a statement or figure and fix it; add one."""
    st.subheader("Correct the record")
    show_message()
    if said.height:
        ids = said["statement_id"].to_list()
        chosen = st.query_params.get("statement")
        labels = {r["statement_id"]: f"{_short(r['text'], 80)} ({r['kind']})"
                  for r in said.iter_rows(named=True)}  # fmt: skip
        sid = st.selectbox(
            "Statement", ids, index=ids.index(chosen) if chosen in ids else 0,
            format_func=lambda k: labels.get(k, k), key=f"fix-statement-{article_id}",
        )  # fmt: skip
        statement_form(said.filter(pl.col("statement_id") == sid).row(0, named=True))
    add_form(article_id)
    if figs.height:
        fids = figs["figure_id"].to_list()
        flabels = {r["figure_id"]: f"{r['surface']} ({r['counts'] or '?'})"
                   for r in figs.iter_rows(named=True)}  # fmt: skip
        fid = st.selectbox("Figure", fids, format_func=lambda k: flabels.get(k, k),
                           key=f"fix-figure-{article_id}")  # fmt: skip
        figure_form(figs.filter(pl.col("figure_id") == fid).row(0, named=True))


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
