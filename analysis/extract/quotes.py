"""Quotation marks → quoted spans, by a character scan (no spaCy needed).

Newsroom conventions handled (AP Stylebook, "quotation marks"):
- straight (") and curly (“ ”) marks, and NYT's two apostrophes ('') used as double quotes;
- a quote running over several paragraphs: the opening paragraph has no closing mark and the
  next paragraph starts with a fresh opening mark. The pieces become fragments of one span.

Refuse to guess: a mark left open at the end of a paragraph whose next paragraph does not
continue the quote is *unbalanced*; the scan drops it and counts it (textacy does the same).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.extract.vocab import QUOTE_PAIRS

_CLOSERS = {"\u201d", "\u00bb"}
_OPENERS = {"\u201c", "\u00ab", "\u201e"}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Content inside quotation marks; one fragment per paragraph it runs over."""

    fragments: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


def _marks(text: str) -> list[tuple[int, int, str]]:
    """(position, width, kind) of every quotation mark; kind is 'open', 'close' or 'toggle'."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "'" and i + 1 < n and text[i + 1] == "'":
            out.append((i, 2, "toggle"))
            i += 2
            continue
        if ch == '"':
            out.append((i, 1, "toggle"))
        elif ch in _OPENERS and ch in QUOTE_PAIRS:
            out.append((i, 1, "open"))
        elif ch in _CLOSERS:
            out.append((i, 1, "close"))
        i += 1
    return out


def _paragraph_ends(text: str) -> list[int]:
    ends, pos = [], text.find("\n\n")
    while pos != -1:
        ends.append(pos)
        pos = text.find("\n\n", pos + 2)
    ends.append(len(text))
    return ends


def _starts_paragraph(text: str, pos: int) -> bool:
    before = text[max(0, pos - 200) : pos]
    stripped = before.rstrip(" \t")
    return (stripped == "" and pos < 200) or stripped.endswith("\n")


def find_quotes(text: str) -> tuple[list[QuotedSpan], Counter[str]]:
    """All quoted spans in ``text`` in order, and a count of what was refused and why."""
    skipped: Counter[str] = Counter()
    spans: list[QuotedSpan] = []
    par_ends = _paragraph_ends(text)
    par_i = 0
    open_at: int | None = None  # content start of the fragment in progress
    pieces: list[tuple[int, int]] = []
    for pos, width, kind in _marks(text):
        while par_i < len(par_ends) - 1 and pos > par_ends[par_i]:
            # a paragraph ended with a quote open: it may continue in the next paragraph
            if open_at is not None:
                pieces.append((open_at, par_ends[par_i]))
                open_at = None
            elif pieces:  # a whole paragraph passed without the quote resuming
                skipped["unbalanced-quote"] += 1
                pieces = []
            par_i += 1
        if open_at is None and not pieces:
            if kind in ("open", "toggle"):
                open_at = pos + width
            else:
                skipped["stray-closing-mark"] += 1
            continue
        if open_at is None:  # pieces pending: only a paragraph-initial opener continues
            if kind in ("open", "toggle") and _starts_paragraph(text, pos):
                open_at = pos + width
            else:
                skipped["unbalanced-quote"] += 1
                pieces = []
                if kind in ("open", "toggle"):
                    open_at = pos + width
            continue
        if kind == "open" and pos > open_at:
            # a second opener before a close: the first was never closed
            skipped["unbalanced-quote"] += 1
            pieces, open_at = [], pos + width
            continue
        pieces.append((open_at, pos))
        frags = tuple((s, e) for s, e in pieces if text[s:e].strip())
        if frags:
            spans.append(QuotedSpan(_trim(text, frags)))
        pieces, open_at = [], None
    if open_at is not None or pieces:
        skipped["unbalanced-quote"] += 1
    return spans, skipped


def _trim(text: str, frags: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out = []
    for s, e in frags:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return tuple(out)
