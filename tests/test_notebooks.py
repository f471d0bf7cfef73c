"""Notebooks run top to bottom as in a fresh clone, and tell the library's numbers.

Each notebook starts where nothing ran before it: no ``$QUOTEDESK_DB`` and no sample database
(``$QUOTEDESK_SAMPLE_DB`` points at a file that does not exist yet in a temporary folder), so
the notebook itself must build the sample. The developer's data/sample.duckdb is not touched.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import nbformat
import polars as pl
import pytest
from nbclient import NotebookClient

from analysis import queries
from analysis.settings import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _getting_started(db: Path) -> list[str]:
    counts = queries.overview(db)
    return [f"'articles': {counts['articles']}", queries.top_speakers(db, limit=1)["speaker"][0]]


def _speaker_profile(db: Path) -> list[str]:
    p = queries.speakers(db, limit=1).row(0, named=True)
    numbers = f"'statements': {p['statements']}, 'articles': {p['articles']}, "
    numbers += f"'outlets': {p['outlets']}"
    return [p["speaker"], numbers, repr(p["first_seen"]), repr(p["last_seen"])]


def _topic_over_time(db: Path) -> list[str]:
    topic = queries.topics(db).filter(pl.col("level") == "taxonomy")["topic"][0]
    f = queries.Filters(topics=(topic,))
    on_topic = queries.overview(db, f)
    lead = queries.speakers(db, f, limit=1).row(0, named=True)
    share = lead["statements"] / on_topic["statements"]
    labels = queries.discovered_topics(db)["label"].to_list()
    return [
        f"'topic': '{topic}', 'statements': {on_topic['statements']}",
        f"{lead['speaker']}: {share:.0%} of {on_topic['statements']} statements",
        *labels,
    ]


def _figure_tracker(db: Path) -> list[str]:
    pick = queries.figure_series(db).row(0, named=True)
    history = queries.figure_history(db, pick["speaker_id"], pick["counts"], pick["unit"])
    first, last = history["value"][0], history["value"][-1]
    return [f"{pick['label']}: {first:,.0f} → {last:,.0f}", pick["speaker"]]


def _load_your_own(db: Path) -> list[str]:
    # the notebook's own three articles: a Ledger story, its wire copy, one more
    return ["'distinct stories': 2", "'all copies': 3", "copies of earlier stories: 1"]


KEY_NUMBERS: dict[str, Callable[[Path], list[str]]] = {
    "01_getting_started.ipynb": _getting_started,
    "02_speaker_profile.ipynb": _speaker_profile,
    "03_topic_over_time.ipynb": _topic_over_time,
    "04_figure_tracker.ipynb": _figure_tracker,
    "05_load_your_own_articles.ipynb": _load_your_own,
}


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == sorted(KEY_NUMBERS), "each notebook has key numbers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_fresh_clone_and_tells_the_library_numbers(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_path = tmp_path / "data" / "sample.duckdb"  # not there yet: the notebook builds it
    monkeypatch.delenv("QUOTEDESK_DB", raising=False)
    monkeypatch.setenv("QUOTEDESK_SAMPLE_DB", str(store_path))
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "strip outputs"
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "def " not in source and "class " not in source, "import the library, never redefine it"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={
        "metadata": {"path": str(path.parent)}}).execute(env=dict(os.environ))  # fmt: skip
    outputs = "\n".join(
        o.get("data", {}).get("text/plain", "") or o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    if path.name != "05_load_your_own_articles.ipynb":  # 05 makes its own store
        assert store_path.is_file(), "the notebook should have built the sample"
    assert not list(store_path.parent.glob("*.building*")), "a partial build was left behind"
    for number in KEY_NUMBERS[path.name](store_path):
        assert number in outputs, f"{path.name} should show {number!r}"
    if path.name == "03_topic_over_time.ipynb":
        assert queries.discovered_topics(store_path).height > 0, "the sample has discovered topics"
