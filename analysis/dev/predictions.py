"""Extraction without a database: statements and figures as JSONL, the scorer's format.

The formats are stable (``../shared/eval/README.md``): one statement per line with
``doc_id``, ``quote_start``, ``quote_end``, ``quote_fragments``, ``speaker_start``,
``speaker_end``, ``speaker``, ``cue_start``, ``cue_end``, ``kind``, ``text``; one figure per
line with ``doc_id``, ``start``, ``end``, ``surface``, ``value``, ``unit``, ``approx``,
``counts``, ``type``, ``speaker``. Headline statements index the title, not the text, so
they are written with ``"section": "title"``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from analysis import articles as reader
from analysis.extract.run import extract_articles
from analysis.records import Article, Extraction, InputError


def statement_rows(article: Article, ex: Extraction) -> Iterator[dict[str, Any]]:
    """Rows in the scorer's format. A headline statement indexes the title; it is written
    only when the text starts with the title (as PolNeAR's do), where the offsets agree."""
    title_in_text = bool(article.title) and article.text.startswith(article.title)
    for s in ex.statements:
        if s.section == "title" and not title_in_text:
            continue
        yield {
            "doc_id": article.id,
            "quote_start": s.start,
            "quote_end": s.end,
            "quote_fragments": [list(f) for f in s.fragments] or [[s.start, s.end]],
            "speaker_start": s.speaker_start,
            "speaker_end": s.speaker_end,
            "speaker": s.speaker,
            "speaker_mention": s.speaker_mention,
            "cue_start": s.cue_start,
            "cue_end": s.cue_end,
            "cue": s.cue,
            "kind": s.kind,
            "section": "text" if title_in_text else s.section,
            "text": s.text,
        }


def figure_rows(article_id: str, ex: Extraction) -> Iterator[dict[str, Any]]:
    for f in ex.figures:
        yield {
            "doc_id": article_id,
            "start": f.start,
            "end": f.end,
            "surface": f.surface,
            "value": f.value,
            "unit": f.unit,
            "approx": f.approx,
            "counts": f.counts,
            "counts_start": f.counts_start,
            "counts_end": f.counts_end,
            "type": f.type,
            "speaker": f.speaker,
        }


def write_predictions(
    source: str | Path,
    out: str | Path,
    figures_out: str | Path | None = None,
    limit: int | None = None,
    n_process: int = 1,
) -> tuple[int, int, int, int, list[InputError]]:
    """Extract every article of ``source``.

    Returns (articles, statements, figures, words, errors).
    """
    errors: list[InputError] = []

    def good() -> Iterator[Article]:
        for rec in reader.read([source]):
            if isinstance(rec, InputError):
                errors.append(rec)
            else:
                yield rec

    n_docs = n_st = n_fig = words = 0
    fig_file = open(figures_out, "w", encoding="utf-8") if figures_out else None  # noqa: SIM115
    try:
        with open(out, "w", encoding="utf-8") as st_file:
            for article, ex in extract_articles(islice(good(), limit), n_process=n_process):
                n_docs += 1
                words += len(article.text.split())
                for row in statement_rows(article, ex):
                    st_file.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n_st += 1
                if fig_file is not None:
                    for row in figure_rows(article.id, ex):
                        fig_file.write(json.dumps(row, ensure_ascii=False) + "\n")
                        n_fig += 1
    finally:
        if fig_file is not None:
            fig_file.close()
    return n_docs, n_st, n_fig, words, errors
