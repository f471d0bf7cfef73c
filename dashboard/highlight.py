"""Article text with statements and figures marked, as safe HTML.

The text is HTML-escaped before any tag is added, and tags only go in at character offsets
from the store, so nothing in an article can inject markup. Marks may overlap (a figure inside
a quote): the text is cut at every mark boundary and each piece gets one ``<mark>`` carrying
the styles of every mark over it, so tags never interleave.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

STATEMENT = "background:#fff3bf"
CHOSEN = "background:#ffd43b"
FIGURE = "background:#c5e3ff;border-bottom:2px solid #1c7ed6"
SPEAKER = "font-weight:600;text-decoration:underline"
CUE = "font-style:italic;text-decoration:underline dotted"

# Markdown and LaTeX syntax characters, as entities: the HTML is shown with st.markdown, and a
# "$2bn ... $3bn" in an article must not turn into a formula.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "$*_`[]\\~|"} | {"\n": "<br>"})


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    style: str
    title: str = ""


def escape(text: str) -> str:
    """HTML-escape ``text``; also neutralise Markdown/LaTeX syntax and keep line breaks."""
    return html.escape(text).translate(_MARKDOWN)


def isolate(text: str) -> str:
    """``text`` escaped as :func:`escape` does, between Unicode's first-strong isolate and
    pop-directional isolate (U+2068, U+2069): an outlet or a name in Arabic or Hebrew then
    keeps its own direction without reordering the dates and counts beside it."""
    return f"\u2068{escape(text)}\u2069"


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as escaped HTML with a ``<mark>`` over each mark's [start, end) range."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        over = [m for m in valid if m.start <= a and b <= m.end]
        pieces.append(_wrap(escape(text[a:b]), over))
    return "".join(pieces)


def _wrap(piece: str, over: Sequence[Mark]) -> str:
    if not over:
        return piece
    style = ";".join(["background:none;padding:0", *(m.style for m in over)])
    title = " | ".join(dict.fromkeys(m.title for m in over if m.title))
    tip = f' title="{html.escape(title)}"' if title else ""
    return f'<mark style="{style}"{tip}>{piece}</mark>'


def statement_marks(st_df: pl.DataFrame, section: str, chosen: str | None = None) -> list[Mark]:
    """Marks for the statements of one section (``text`` or ``title``), their cue and speaker."""
    marks: list[Mark] = []
    for row in st_df.filter(pl.col("section") == section).iter_rows(named=True):
        who = row["speaker"] or row["speaker_mention"] or "unattributed"
        title = f"{who} ({row['kind']}, cue: {row['cue'] or '-'})"
        style = CHOSEN if row["statement_id"] == chosen else STATEMENT
        marks.append(Mark(row["start_char"], row["end_char"], style, title))
        if row["speaker_start"] is not None and row["speaker_end"] is not None:
            marks.append(Mark(row["speaker_start"], row["speaker_end"], SPEAKER, f"speaker: {who}"))
        if row["cue_start"] is not None and row["cue_end"] is not None:
            marks.append(Mark(row["cue_start"], row["cue_end"], CUE, "cue"))
    return marks


def figure_marks(fig_df: pl.DataFrame) -> list[Mark]:
    """Marks for figures (offsets into the article text)."""
    marks = []
    for row in fig_df.iter_rows(named=True):
        what = f" {row['counts']}" if row["counts"] else ""
        title = f"figure: {row['surface']}{what}"
        marks.append(Mark(row["start_char"], row["end_char"], FIGURE, title))
    return marks


LEGEND = (
    f'<mark style="{STATEMENT}">statement</mark> '
    f'<mark style="background:none;{SPEAKER}">speaker</mark> '
    f'<mark style="background:none;{CUE}">cue</mark> '
    f'<mark style="{FIGURE}">figure</mark> '
    f'<mark style="{CHOSEN}">chosen statement</mark>'
)
