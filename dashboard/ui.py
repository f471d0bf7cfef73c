"""Small display helpers shared by the pages: charts in the house theme with PNG and SVG
downloads, tables with a CSV download, and plain "nothing here" messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import polars as pl
import streamlit as st

from analysis import charts, export


def chart(
    c: charts.Chart,
    name: str,
    pick: bool = False,
    on_pick: Callable[[], None] | None = None,
) -> Any:
    """Draw an Altair chart in the house theme, with PNG and SVG download buttons under it.

    The files are rendered offline by ``vl-convert``, and only when a button is clicked.
    With ``pick``, clicking a bar or cell reruns the page (calling ``on_pick`` first, if
    given) and the chart's selection state is returned: read it with :func:`picked`.
    ``theme=None`` keeps Streamlit's own chart theme off.
    """
    key = f"chart-{name}"
    event: Any = None
    if pick and _can_pick(c):  # a "no data" chart has nothing to pick
        event = st.altair_chart(
            c, theme=None, width="stretch", key=key,
            on_select=on_pick or "rerun", selection_mode=charts.PICK,
        )  # fmt: skip
    else:
        st.altair_chart(c, theme=None, width="stretch", key=key)
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        "PNG", lambda: charts.to_png(c), file_name=f"{name}.png", mime="image/png",
        key=f"png-{name}", on_click="ignore", icon=":material/image:", type="tertiary",
        help="Download this chart as a PNG image",
    )  # fmt: skip
    row.download_button(
        "SVG", lambda: charts.to_svg(c), file_name=f"{name}.svg", mime="image/svg+xml",
        key=f"svg-{name}", on_click="ignore", icon=":material/image:", type="tertiary",
        help="Download this chart as an SVG (vector) image",
    )  # fmt: skip
    return event


def _can_pick(c: charts.Chart) -> bool:
    params = c.params if isinstance(c.params, list) else []
    return any(getattr(p, "name", None) == charts.PICK for p in params)


def picked(event: Any, field: str) -> list[str]:
    """The values of ``field`` in a chart's click selection (empty when nothing is picked).

    ``event`` is what :func:`chart` returned with ``pick``, or the chart's entry in
    ``st.session_state``: ``{"selection": {"pick": [{field: value}, ...]}}``.
    """
    if not event:
        return []
    points = (event.get("selection") or {}).get(charts.PICK) or []
    if isinstance(points, dict):  # an interval selection, or an empty one
        return []
    return [str(p[field]) for p in points if isinstance(p, dict) and p.get(field) is not None]


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
        elif dtype == pl.String:
            config[name] = st.column_config.TextColumn(label, width=_text_width(df[name]))
        else:
            config[name] = label
    return config


NAME_CHARS = 30  # a string column whose values are mostly this short holds names
NAME_PX = 300  # the widest a column of names gets; a longer name wraps
LONG_TEXT_ROWS = 3  # lines a row of a table with long texts (statements, titles) shows


def _text_width(values: pl.Series) -> int | Literal["large"]:
    """Pixels that fit the column's longest name ("Donald Trump" whole, not "Donald Tr..."),
    up to :data:`NAME_PX` (a longer one wraps); "large" for texts (statements, titles), which
    wrap over :data:`LONG_TEXT_ROWS` lines."""
    typical = values.head(500).drop_nulls().str.len_chars().median()
    if isinstance(typical, int | float) and typical > NAME_CHARS:
        return "large"
    return min(NAME_PX, max(80, 8 * _longest(values) + 32))


def _longest(values: pl.Series) -> int:
    """Characters in the longest of the first 500 values (a page's worth)."""
    n = values.head(500).str.len_chars().max()
    return n if isinstance(n, int) else 0


def _row_height(df: pl.DataFrame, shown: Sequence[str]) -> int | None:
    """Taller rows when a shown text is longer than a name, so it wraps instead of ending
    in "..."; None (one line) otherwise."""
    texts = [c for c in shown if df.schema[c] == pl.String]
    longest = max((_longest(df[c]) for c in texts), default=0)
    return 22 * LONG_TEXT_ROWS + 8 if longest > NAME_CHARS else None


def _merge(default: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The page's column config over the default; a bare label keeps the default's width."""
    merged = dict(default)
    for name, value in given.items():
        base = default.get(name)
        if (
            isinstance(value, str)
            and isinstance(base, dict)
            and base.get("type_config", {}).get("type") == "text"
        ):
            merged[name] = st.column_config.TextColumn(value, width=base.get("width"))
        else:
            merged[name] = value
    return merged


def csv_bytes(df: pl.DataFrame) -> bytes:
    """The table as CSV, with list columns joined and formulas neutralised, as
    ``Desk.export`` writes it (``analysis.export``)."""
    lists = [name for name, dtype in df.schema.items() if isinstance(dtype, pl.List)]
    lazy = df.lazy().with_columns(pl.col(c).cast(pl.List(pl.String)).list.join("; ") for c in lists)
    return export.spreadsheet_safe(lazy).collect().write_csv().encode("utf-8")


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
        column_config=_merge(_default_config(df, shown), config or {}),
        placeholder="—",
        height=height or "auto",
        row_height=_row_height(df, shown),
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
