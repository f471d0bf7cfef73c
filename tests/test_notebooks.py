"""Notebooks run top to bottom against a store built in the test, and tell the library's numbers."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import queries
from analysis.cli import SAMPLE_DIR
from analysis.ingest import ingest
from analysis.settings import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("nb") / "sample.duckdb"
    ingest([SAMPLE_DIR / "articles.jsonl"], db, progress=False)
    return db


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, "notebooks/ should hold numbered notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_tells_the_library_numbers(
    path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(store_path))
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "strip outputs"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={
        "metadata": {"path": str(path.parent)}}).execute(env=dict(os.environ))  # fmt: skip
    outputs = "\n".join(
        o.get("data", {}).get("text/plain", "") or o.get("text", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    counts = queries.overview(store_path)
    assert f"'articles': {counts['articles']}" in outputs
    top = queries.top_speakers(store_path, limit=1)["speaker"][0]
    assert top in outputs
