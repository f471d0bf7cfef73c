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
MEASURES = ("precision", "recall", "value", "counts")
# What the extractor measured when its rules were frozen (README, Methodology & limits:
# figures): (precision, recall, value right, counts right) per split and type. Rules were
# written looking at "allsides tune" and Wikinews' tune half only.
MEASURED: dict[tuple[str, str], tuple[float, float, float, float]] = {
    ("allsides tune", "count"): (95.9, 85.5, 100.0, 95.7),
    ("allsides tune", "money"): (100.0, 88.9, 100.0, 87.5),
    ("allsides tune", "percent"): (95.9, 97.9, 100.0, 85.1),
    ("allsides tune", "duration"): (100.0, 84.4, 100.0, 86.8),
    ("allsides tune", "other"): (100.0, 81.5, 100.0, 72.7),
    ("allsides tune", "all"): (97.3, 87.5, 100.0, 88.9),
    ("allsides heldout", "count"): (92.6, 82.6, 100.0, 98.0),
    ("allsides heldout", "money"): (100.0, 95.8, 100.0, 60.9),
    ("allsides heldout", "percent"): (100.0, 68.5, 100.0, 29.5),
    ("allsides heldout", "duration"): (94.7, 94.7, 100.0, 86.1),
    ("allsides heldout", "other"): (100.0, 93.9, 93.5, 64.5),
    ("allsides heldout", "all"): (96.2, 82.3, 99.2, 72.1),
    ("wikinews", "count"): (96.0, 89.4, 99.5, 94.8),
    ("wikinews", "money"): (100.0, 93.8, 100.0, 56.7),
    ("wikinews", "percent"): (100.0, 100.0, 100.0, 92.9),
    ("wikinews", "duration"): (100.0, 88.2, 100.0, 86.7),
    ("wikinews", "other"): (100.0, 90.7, 96.9, 79.4),
    ("wikinews", "all"): (98.0, 90.2, 99.0, 86.8),
}  # fmt: skip
# Issue 16's targets, on AllSides held-out and on Wikinews.
TARGET_SPLITS = ("allsides heldout", "wikinews")
TARGET_TYPES = ("count", "money", "percent", "duration")
# (split, type, measure) that do not reach the target yet: strict xfails.
NOT_MET: set[tuple[str, str, str]] = {
    ("allsides heldout", "count", "precision"),
    ("allsides heldout", "count", "recall"),
    ("allsides heldout", "money", "counts"),
    ("allsides heldout", "percent", "recall"),
    ("allsides heldout", "percent", "counts"),
    ("allsides heldout", "duration", "precision"),
    ("allsides heldout", "duration", "counts"),
    ("wikinews", "count", "recall"),
    ("wikinews", "money", "recall"),
    ("wikinews", "money", "counts"),
    ("wikinews", "duration", "recall"),
    ("wikinews", "duration", "counts"),
}


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
    # "1.5" without its "million" is detected, with a wrong value
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


def _measure(s: fe.Scores, measure: str) -> float:
    return {
        "precision": 100 * s.matched / s.predicted if s.predicted else 100.0,
        "recall": s.recall,
        "value": s.share(s.value_ok),
        "counts": s.share(s.counts_ok),
    }[measure]


def _row(scores: dict[str, fe.SplitScores], split: str, kind: str) -> fe.Scores:
    return scores[split].total if kind == "all" else scores[split].by_type[kind]


@pytest.mark.parametrize(("split", "kind"), sorted(MEASURED))
def test_floors(scores: dict[str, fe.SplitScores], split: str, kind: str) -> None:
    """No measure falls more than about one figure (at least 1.5 points) under its level."""
    s = _row(scores, split, kind)
    margin = max(1.5, 100 / max(s.gold, 1))
    report = fe.format_split(split, scores[split])
    for measure, level in zip(MEASURES, MEASURED[split, kind], strict=True):
        assert _measure(s, measure) >= level - margin, f"{measure}\n{report}"


def _target(kind: str, measure: str) -> float:
    if measure == "recall":
        return 90.0 if kind == "duration" else 95.0
    return {"precision": 96.0, "value": 99.0, "counts": 88.0}[measure]


TARGETS = [
    pytest.param(
        split, kind, measure,
        id=f"{split}-{kind}-{measure}",
        marks=[pytest.mark.xfail(strict=True, reason="below issue 16's target (README)")]
        if (split, kind, measure) in NOT_MET
        else [],
    )
    for split in TARGET_SPLITS
    for kind in TARGET_TYPES
    for measure in MEASURES
]  # fmt: skip


@pytest.mark.parametrize(("split", "kind", "measure"), TARGETS)
def test_issue_16_targets(
    scores: dict[str, fe.SplitScores], split: str, kind: str, measure: str
) -> None:
    s = _row(scores, split, kind)
    assert _measure(s, measure) >= _target(kind, measure), fe.format_split(split, scores[split])
