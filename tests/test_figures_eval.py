"""The hand-checked figure sets: the gold files are sound, and the extractor keeps its levels.

Both sets follow guideline v2 (tests/gold/README.md). The floors below sit a little under what
the extractor measured when its rules were frozen (README, Methodology & limits: figures), so a
regression fails; the issue-16 targets not yet met are strict xfails, so meeting one fails too
and the floor is raised.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import figures_eval as fe
from analysis.records import Figure

GOLD_KEYS = {"article_id", "draw_rank", "sha256", "split", "figures"}  # + "non_figures" (AllSides)
FIGURE_KEYS = {
    "start", "end", "value", "unit", "type", "approx", "counts_start", "counts_end", "note",
    "head_start", "head_end",
}  # fmt: skip


@pytest.fixture(scope="module")
def scores(shared: Path) -> dict[str, fe.SplitScores]:
    return fe.evaluate_all()


@pytest.mark.parametrize("path", [fe.GOLD_PATH, fe.ALLSIDES_GOLD], ids=["wikinews", "allsides"])
def test_gold_holds_offsets_not_text(shared: Path, path: Path) -> None:
    gold = fe.read_gold(path)
    texts = fe.article_texts(gold, fe.corpus_path(path), path)  # checks every sha256
    assert sum(len(a.figures) for a in gold) >= 400
    assert {a.split for a in gold} == set(fe.SPLITS)
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert GOLD_KEYS <= set(rec) <= GOLD_KEYS | {"non_figures"}
        assert all(set(f) <= FIGURE_KEYS for f in rec["figures"])
    for art, text in zip(gold, texts, strict=True):
        for f in art.figures:
            assert 0 <= f.start < f.end <= len(text)
            assert any(c.isdigit() or c.isalpha() for c in text[f.start : f.end])
            assert fe.type_row(f.type) in fe.TYPES
            if f.counts_start is not None:
                assert f.counts_end is not None and f.counts_start < f.counts_end <= len(text)
                assert f.head_start is not None and f.head_end is not None
                assert f.counts_start <= f.head_start < f.head_end <= f.counts_end


def test_changed_article_is_refused(tmp_path: Path) -> None:
    gold = fe.read_gold()[:1]
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({"id": gold[0].article_id, "text": "Edited."}) + "\n")
    with pytest.raises(fe.GoldMismatch, match=r"wikinews_figures.jsonl:1: .*has changed"):
        fe.article_texts(gold, corpus, fe.GOLD_PATH)


def _fig(start: int, end: int, value: float, counts: tuple[int, str] | None = None) -> Figure:
    cs, ctext = counts if counts else (None, None)
    return Figure(
        start=start, end=end, surface="x" * (end - start), value=value, unit=None,
        type="count", approx=False, counts=ctext, counts_start=cs,
        counts_end=cs + len(ctext) if cs is not None and ctext else None,
    )  # fmt: skip


def _gold(
    value: float, counts: tuple[int, int] | None, head: tuple[int, int] | None
) -> fe.GoldFigure:
    cs, ce = counts or (None, None)
    hs, he = head or (None, None)
    return fe.GoldFigure(10, 15, value, None, "count", False, cs, ce, "", hs, he)


def test_matching_prefers_equal_values_and_needs_overlap() -> None:
    gold = (_gold(1.5e6, None, None),)
    assert fe.match([_fig(10, 13, 1_500_000)], gold)
    assert fe.match([_fig(12, 20, 1_504_000)], gold)  # within rounding
    assert not fe.match([_fig(30, 33, 1.5e6)], gold)  # the same value elsewhere
    # '1.5' without its 'million' is detected, with a wrong value
    pairs = fe.match([_fig(10, 13, 1.5)], gold)
    assert pairs and not fe._same_value(pairs[0][0].value, 1.5e6)
    # two predictions overlapping one gold figure: the one with the right value is paired
    right, wrong = _fig(12, 15, 1.5e6), _fig(10, 12, 7)
    assert fe.match([wrong, right], gold) == [(right, gold[0])]


def test_counts_match_on_the_gold_head() -> None:
    gold = fe.GoldFigure(0, 3, 300.0, None, "count", False, 4, 20, "", 11, 20)  # "signed contracts"
    assert fe.counts_correct(_fig(0, 3, 300, (4, "signed contracts")), gold)
    assert fe.counts_correct(_fig(0, 3, 300, (11, "contracts")), gold)
    assert not fe.counts_correct(_fig(0, 3, 300, (4, "signed")), gold)  # inside, not the head
    assert not fe.counts_correct(_fig(0, 3, 300, (0, "army")), gold)
    assert not fe.counts_correct(_fig(0, 3, 300), gold)
    empty = fe.GoldFigure(0, 3, 300.0, None, "count", False, None, None)
    assert fe.counts_correct(_fig(0, 3, 300), empty)
    assert not fe.counts_correct(_fig(0, 3, 300, (4, "contracts")), empty)


def test_rows_fold_measures_and_ages_into_other() -> None:
    assert [fe.type_row(t) for t in ("count", "measure", "age", "other", "duration")] == [
        "count", "other", "other", "other", "duration",
    ]  # fmt: skip


def test_table_names_every_split_and_type(scores: dict[str, fe.SplitScores]) -> None:
    table = fe.format_tables(scores)
    for name in ("allsides tune", "allsides heldout", "wikinews", *fe.TYPES):
        assert name in table
