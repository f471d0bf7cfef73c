"""Discovered topics: labels a reporter can read, and a measured comparison with the taxonomy.

``test_topic_methods_on_allsides`` prints the README's table (run with ``-s`` to see it).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from analysis import topic_model
from analysis.cli import build_parser, main


@pytest.mark.parametrize(
    ("terms", "label"),
    [
        ([("white house", 3), ("white", 2), ("house", 1), ("trump", 1)], "white house · trump"),
        ([("trump", 3), ("donald trump", 2), ("clinton", 1)], "donald trump · clinton"),
        ([("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1)], "a · b · c · d"),
        ([], "(no terms)"),
    ],
)
def test_labels_are_distinct_top_terms(terms: list[tuple[str, float]], label: str) -> None:
    assert topic_model.label(terms) == label


def test_assign_keeps_strong_topics_and_always_the_strongest() -> None:
    weights = np.array([[0.7, 0.25, 0.05], [0.4, 0.35, 0.25], [0.15, 0.1, 0.05], [0, 0, 0]])
    assert topic_model.assign(weights) == [
        [(0, 0.7), (1, 0.25)],
        [(0, 0.4), (1, 0.35), (2, 0.25)],
        [(0, 0.15)],
        [],
    ]


DOCS = [
    "The court ruled on the appeal; judges said the verdict stands and the trial ends.",
    "Judges at the supreme court heard the appeal against the verdict of the trial.",
    "The striker scored twice as the club won the cup final before a record crowd.",
    "The club's coach praised the striker after the final; the crowd sang for the cup.",
]


def test_fit_finds_topics_and_is_deterministic() -> None:
    a = topic_model.fit(DOCS, k=2)
    b = topic_model.fit(DOCS, k=2)
    assert [t.label for t in a.topics] == [t.label for t in b.topics]
    assert [t.topic for t in a.topics] == ["discovered-01", "discovered-02"]
    lead = a.weights(DOCS).argmax(axis=1)
    assert lead[0] == lead[1] != lead[2] == lead[3]  # the court stories vs the football stories
    assert topic_model.fit(DOCS[:1], k=5).topics  # k never exceeds the documents


def test_topic_methods_on_allsides(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = shared / "corpus" / "allsides" / "sample-300.jsonl"
    assert main(["topics", "evaluate", str(src)]) == 0
    out = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + out)
    rows = {
        m.group(1): (float(m.group(2)), float(m.group(3)))
        for m in re.finditer(r"^\| (.+?) \| \d+ \| ([\d.]+) \| ([\d.]+) \|", out, re.MULTILINE)
    }
    taxonomy, nmf = rows["taxonomy"], rows["discovered (nmf, k=12)"]
    lda = rows["discovered (lda, k=12)"]
    # measured 2026-11-25: taxonomy 0.431 / 0.137, NMF 0.515 / 0.160, LDA 0.437 / 0.107
    assert nmf[0] > taxonomy[0] + 0.05 and nmf[0] > lda[0]  # NMI
    assert nmf[1] > taxonomy[1]  # purity
    assert "300 articles" in out


def test_topics_commands_have_help_with_examples() -> None:
    sub = build_parser()._subparsers._group_actions[0].choices["topics"]  # type: ignore[union-attr]
    assert "quotedesk topics discover" in sub.format_help()
    inner = sub._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in ("discover", "evaluate"):
        text = inner[name].format_help()
        assert "example:" in text and f"quotedesk topics {name}" in text
