"""Small display helpers shared by the pages: charts in the house theme with PNG and SVG
downloads, tables with a CSV download, and plain "nothing here" messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
        else:
            config[name] = label
    return config


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
