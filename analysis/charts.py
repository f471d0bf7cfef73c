"""Altair chart builders and the house theme: a Polars frame in, a chart out.

The dashboard and the notebooks call these same functions, so they draw the same charts. Each
builder takes the frame returned by the query of the same name in :mod:`analysis.queries`, and
returns a "no data" chart rather than failing when the frame is empty.

The theme follows the LA Times' ``altair-latimes``: a palette dict and one theme function,
registered and enabled once, when this module is imported.

Importing it also lifts Altair's 5,000-row limit on the data a chart embeds: a series'
history has a point per citation, and a long series (or a fine split over time) has more.
The frames come from the queries, which aggregate or page everything else.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import altair as alt
import polars as pl
import vl_convert as vlc

if TYPE_CHECKING:
    from analysis.queries import Freq

__all__ = [
    "PALETTE",
    "PICK",
    "THEME",
    "co_speakers",
    "empty",
    "figure_history",
    "freq_for_span",
    "outlets",
    "statements_over_time",
    "to_png",
    "to_svg",
    "top_speakers",
    "topic_heatmap",
    "topic_share",
]

Chart = alt.Chart | alt.LayerChart

THEME = "quotedesk"
# The click selection of a chart whose bars (or cells) can be picked: its name is what
# ``st.altair_chart(..., on_select="rerun", selection_mode=PICK)`` reports the picks under.
PICK = "pick"
FONT = "'Source Sans 3', 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif"

PALETTE: dict[str, Any] = {
    "ink": "#1f2328",
    "muted": "#6e7781",
    "grid": "#e6e8eb",
    "background": "#ffffff",
    "accent": "#c0392b",  # one highlight colour: the selected bar, the tracked figure
    "bar": "#2b6cb0",
    # Twelve categories (there are twelve topics): Tableau 10, then cyan and indigo.
    "category": [
        "#4e79a7",
        "#f28e2b",
        "#e15759",
        "#76b7b2",
        "#59a14f",
        "#edc948",
        "#b07aa1",
        "#ff9da7",
        "#9c755f",
        "#bab0ac",
        "#17becf",
        "#6b6ecf",
    ],
}


alt.data_transformers.enable("default", max_rows=None)


@alt.theme.register(THEME, enable=True)
def quotedesk_theme() -> alt.theme.ThemeConfig:
    """The house look: quiet grid, one type family, the category palette."""
    axis: alt.theme.AxisConfigKwds = {
        "labelColor": PALETTE["muted"],
        "titleColor": PALETTE["ink"],
        "gridColor": PALETTE["grid"],
        "domainColor": PALETTE["muted"],
        "tickColor": PALETTE["muted"],
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
    }
    return {
        "background": PALETTE["background"],
        "width": 600,
        "height": 300,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": axis,
            "axisX": {"grid": False},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "right"},
            "title": {"fontSize": 15, "anchor": "start", "color": PALETTE["ink"]},
            "range": {"category": PALETTE["category"]},
            "bar": {"color": PALETTE["bar"]},
            "line": {"color": PALETTE["bar"], "strokeWidth": 2},
            "point": {"color": PALETTE["bar"], "filled": True, "size": 60},
            "area": {"color": PALETTE["bar"]},
        },
    }


def empty(message: str = "No data for these filters.") -> alt.Chart:
    """A chart with one line of text, for frames with no rows."""
    return (
        alt.Chart(alt.Data(values=[{"message": message}]))
        .mark_text(fontSize=14, color=PALETTE["muted"])
        .encode(text="message:N")
        .properties(height=80)
    )


def statements_over_time(
    df: pl.DataFrame, title: str = "Statements per week", freq: str = "week"
) -> Chart:
    """Stacked bars of statements per period by group; click a legend entry to highlight it.

    Expects the columns of :func:`analysis.queries.statements_over_time` (period, group,
    statements) and the ``freq`` it was called with, so each bar spans its period.
    """
    if df.is_empty():
        return empty("No statements for these filters.")
    unit, label, fmt = _PERIODS[freq]
    tick_unit, tick_fmt = _TICKS[freq]
    pick = alt.selection_point(fields=["group"], bind="legend", name="group_pick")
    single = df["group"].n_unique() == 1
    color = (
        alt.value(PALETTE["bar"])
        if single
        else alt.Color(
            "group:N", title=None, sort="-y", legend=alt.Legend(symbolLimit=12, labelLimit=280)
        )
    )
    return (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            x=alt.X(
                f"{unit}(period):T",
                title=None,
                # one label per tick interval, and none drawn over another
                axis=alt.Axis(
                    format=tick_fmt,
                    labelAngle=0,
                    labelOverlap=True,
                    labelSeparation=8,
                    labelFlush=True,
                    tickCount=alt.TimeIntervalStep(interval=tick_unit, step=1),
                ),
            ),
            y=alt.Y("sum(statements):Q", title="Statements"),
            color=color,
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                _date("period", label, fmt),
                alt.Tooltip("group:N", title="Group"),
                alt.Tooltip("sum(statements):Q", title="Statements"),
            ],
        )
        .add_params(pick)
    )


# Dates arrive as ISO day strings, which Vega reads as UTC midnight: every time unit and date
# format is UTC, or a reader west of Greenwich would see each day labelled as the day before.
_PERIODS: dict[str, tuple[str, str, str]] = {
    "day": ("utcyearmonthdate", "Day", "%d %b %y"),
    "week": ("utcyearweek", "Week of", "%d %b %y"),
    "month": ("utcyearmonth", "Month", "%b %Y"),
    "quarter": ("utcyearquarter", "Quarter", "Q%q %Y"),
    "year": ("utcyear", "Year", "%Y"),
}
# The axis of bars per period: ticks at this interval, labelled in this format.
_TICKS: dict[str, tuple[Any, str]] = {
    "day": ("day", "%d %b"),
    "week": ("month", "%b %Y"),
    "month": ("month", "%b %Y"),
    "quarter": ("year", "%Y"),
    "year": ("year", "%Y"),
}
# The longest span (days) drawn at each granularity, finest first: about 90 days, 80 weeks,
# 5 years of months and 20 of quarters, so a chart has 12 to 90 bars, none a hairline.
_SPANS: tuple[tuple[int, Freq], ...] = (
    (92, "day"),
    (560, "week"),
    (5 * 366, "month"),
    (20 * 366, "quarter"),
)


def freq_for_span(start: dt.date | None, end: dt.date | None) -> Freq:
    """The granularity (day, week, month, quarter, year) for bars over ``start``..``end``.

    >>> freq_for_span(dt.date(2012, 1, 1), dt.date(2020, 6, 30))
    'quarter'
    """
    if start is None or end is None:
        return "week"
    days = (end - start).days
    return next((freq for longest, freq in _SPANS if days <= longest), "year")


def _date(field: str, title: str, fmt: str = "%d %b %Y") -> alt.Tooltip:
    return alt.Tooltip(f"utcyearmonthdate({field}):T", title=title, format=fmt)


def _pick(field: str) -> alt.Parameter:
    """A click selection of whole rows by ``field`` (shift-click adds), named :data:`PICK`."""
    return alt.selection_point(fields=[field], name=PICK)


def _ranked_bars(
    df: pl.DataFrame, label: str, pick_field: str, title: str, tooltip: list[alt.Tooltip]
) -> Chart:
    """Horizontal bars of ``statements`` per ``label``, largest first; hover highlights a bar,
    a click picks it (selection :data:`PICK` on ``pick_field``)."""
    hover = alt.selection_point(on="pointerover", fields=[label], empty=False, name="hover")
    pick = _pick(pick_field)
    return (
        alt.Chart(df, title=title)
        .mark_bar(cursor="pointer")
        .encode(
            x=alt.X("statements:Q", title="Statements"),
            y=alt.Y(f"{label}:N", title=None, sort="-x"),
            color=alt.condition(hover, alt.value(PALETTE["accent"]), alt.value(PALETTE["bar"])),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=tooltip,
        )
        .add_params(hover, pick)
        .properties(height=alt.Step(22))
    )


def top_speakers(df: pl.DataFrame, title: str = "Most quoted speakers") -> Chart:
    """Horizontal bars: statements per speaker, most quoted first; hover highlights a bar,
    a click picks it (selection :data:`PICK` on ``speaker_id``).

    Expects the columns of :func:`analysis.queries.top_speakers`.
    """
    if df.is_empty():
        return empty("No attributed statements for these filters.")
    tooltip = [
        alt.Tooltip("speaker:N", title="Speaker"),
        alt.Tooltip("role:N", title="Role"),
        alt.Tooltip("statements:Q", title="Statements"),
        alt.Tooltip("articles:Q", title="Articles"),
        alt.Tooltip("outlets:Q", title="Outlets"),
        _date("first_seen", "First seen"),
        _date("last_seen", "Last seen"),
    ]
    return _ranked_bars(df, "speaker", "speaker_id", title, tooltip)


def outlets(df: pl.DataFrame, title: str = "Statements by outlet") -> Chart:
    """Horizontal bars: statements per outlet, with articles and speakers in the tooltip; a
    click picks an outlet (selection :data:`PICK` on ``outlet``).

    Expects the columns of :func:`analysis.queries.outlets`.
    """
    if df.is_empty():
        return empty("No outlets for these filters.")
    tooltip = [
        alt.Tooltip("outlet:N", title="Outlet"),
        alt.Tooltip("statements:Q", title="Statements"),
        alt.Tooltip("articles:Q", title="Articles"),
        alt.Tooltip("speakers:Q", title="Speakers"),
    ]
    return _ranked_bars(df, "outlet", "outlet", title, tooltip)


def figure_history(df: pl.DataFrame, title: str = "") -> Chart:
    """One speaker's figure for one counted thing over time: a line with a point per citation.

    Expects the columns of :func:`analysis.queries.figure_history`; the tooltip shows the
    figure as written, the outlet, the date and the sentence it came from.
    """
    rows = df.filter(pl.col("value").is_not_null()) if not df.is_empty() else df
    if rows.is_empty():
        return empty("No figures with a value for this series.")
    rows = rows.with_columns(pl.col("statement").fill_null("").str.slice(0, 240))
    hover = alt.selection_point(on="pointerover", nearest=True, empty=False, name="near")
    base = alt.Chart(rows, title=title or alt.Undefined).encode(
        x=alt.X("utcyearmonthdate(published):T", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=_value_title(rows), scale=alt.Scale(zero=False)),
    )
    line = base.mark_line(color=PALETTE["bar"])
    points = (
        base.mark_point(filled=True, color=PALETTE["bar"])
        .encode(
            size=alt.condition(hover, alt.value(160), alt.value(60)),
            color=alt.condition(hover, alt.value(PALETTE["accent"]), alt.value(PALETTE["bar"])),
            tooltip=[
                alt.Tooltip("surface:N", title="As written"),
                alt.Tooltip("value:Q", title="Value", format=",.6~g"),
                alt.Tooltip("outlet:N", title="Outlet"),
                _date("published", "Date"),
                alt.Tooltip("title:N", title="Article"),
                alt.Tooltip("statement:N", title="Sentence"),
            ],
        )
        .add_params(hover)
    )
    return line + points


def _value_title(df: pl.DataFrame) -> str:
    counts = df["counts"].drop_nulls()
    units = df["unit"].drop_nulls()
    label = str(counts[0]) if counts.len() else "Value"
    return f"{label} ({units[0]})" if units.len() else label


def topic_heatmap(
    df: pl.DataFrame, by: str = "speaker", value: str = "statements", title: str = ""
) -> Chart:
    """Topic × ``by`` (``speaker`` or ``outlet``): one cell per pair, darker for more.

    Expects the columns of :func:`analysis.queries.topic_speakers` or
    :func:`analysis.queries.topic_outlets`; ``value`` is ``statements`` or ``share`` (of the
    speaker's or outlet's statements). Columns keep the query's order (most statements
    first); a click picks a topic row (selection :data:`PICK` on ``topic``).
    """
    if df.is_empty():
        return empty("No topics for these filters.")
    pick = _pick("topic")
    share = value == "share"
    order = df[by].unique(maintain_order=True).to_list()
    return (
        alt.Chart(df, title=title or alt.Undefined)
        .mark_rect(cursor="pointer", stroke=PALETTE["background"], strokeWidth=1)
        .encode(
            x=alt.X(f"{by}:N", title=None, sort=order, axis=alt.Axis(labelAngle=-40)),
            y=alt.Y(
                "label:N",
                title=None,
                sort=alt.EncodingSortField("statements", "sum", "descending"),
                axis=alt.Axis(labelLimit=220),
            ),
            color=alt.Color(
                f"{value}:Q",
                title="Share" if share else "Statements",
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(format=".0%" if share else "~s"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("label:N", title="Topic"),
                alt.Tooltip(f"{by}:N", title=by.capitalize()),
                alt.Tooltip("statements:Q", title="Statements", format=","),
                alt.Tooltip("share:Q", title=f"Share of the {by}'s statements", format=".1%"),
            ],
        )
        .add_params(pick)
        .properties(height=alt.Step(24), width=alt.Step(34))
    )


def topic_share(df: pl.DataFrame, title: str = "", freq: str = "month") -> Chart:
    """Each topic's share of the statements of each period: a topic × period heatmap.

    Expects the columns of :func:`analysis.queries.topic_share_over_time` and the ``freq``
    it was called with. A grid rather than twelve crossing lines: a topic's rise reads
    along its row, and a period with no statement on the topic stays blank rather than
    being bridged by a line. A click picks a topic row (selection :data:`PICK`).
    """
    if df.is_empty():
        return empty("No dated statements for these filters.")
    unit, label, fmt = _PERIODS[freq]
    pick = _pick("topic")
    return (
        alt.Chart(df, title=title or alt.Undefined)
        .mark_rect(cursor="pointer")
        .encode(
            x=alt.X(f"{unit}(period):O", title=None, axis=alt.Axis(format=fmt, labelAngle=-40)),
            y=alt.Y(
                "label:N",
                title=None,
                sort=alt.EncodingSortField("statements", "sum", "descending"),
                axis=alt.Axis(labelLimit=220),
            ),
            color=alt.Color(
                "share:Q",
                title="Share",
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(format=".0%"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.3)),
            tooltip=[
                _date("period", label, fmt),
                alt.Tooltip("label:N", title="Topic"),
                alt.Tooltip("share:Q", title="Share of the period's statements", format=".1%"),
                alt.Tooltip("statements:Q", title="Statements", format=","),
                alt.Tooltip("total:Q", title="All statements", format=","),
            ],
        )
        .add_params(pick)
        .properties(height=alt.Step(24))
    )


def co_speakers(df: pl.DataFrame, title: str = "Quoted alongside") -> Chart:
    """Horizontal bars: articles each person shares with the profiled speaker.

    Expects the columns of :func:`analysis.queries.co_speakers`; a click picks a person
    (selection :data:`PICK` on ``speaker_id``).
    """
    if df.is_empty():
        return empty("No one else is quoted in this speaker's articles.")
    pick = _pick("speaker_id")
    return (
        alt.Chart(df, title=title)
        .mark_bar(cursor="pointer")
        .encode(
            x=alt.X("articles:Q", title="Articles shared"),
            y=alt.Y("speaker:N", title=None, sort="-x"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("speaker:N", title="Speaker"),
                alt.Tooltip("articles:Q", title="Articles shared"),
                alt.Tooltip("statements:Q", title="Their statements there"),
            ],
        )
        .add_params(pick)
        .properties(height=alt.Step(22))
    )


# ------------------------------------------------------------------------------ export
def to_svg(chart: Chart) -> str:
    """The chart as a standalone SVG, rendered offline by ``vl-convert``."""
    return str(vlc.vegalite_to_svg(chart.to_dict()))


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG (``scale`` 2 for print and retina screens), rendered offline."""
    return bytes(vlc.vegalite_to_png(chart.to_dict(), scale=scale))
