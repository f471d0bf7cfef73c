"""Every shell block of the README runs as printed, offline, against a small copy of the sample.

A block is a fenced ```bash, ```sh or ```console block (in a console block, the lines after
``$ ``). Each runs with ``bash -e`` in a temporary folder of its own, with the venv's bin first
on PATH, ``QUOTEDESK_DB`` and ``QUOTEDESK_SAMPLE_DB`` naming copies of a small store, and the
files the README's commands name (``my-articles.jsonl``, ``scraped/``, ``news.duckdb``,
``speakers.toml``, ``.venv``) made there from the sample. A block that cannot run offline in
seconds (installs, servers, benchmarks of hours, Ray clusters) has ``<!-- no-test: reason -->``
on the line before it; there are at most :data:`MAX_UNTESTED` of them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import queries, settings
from analysis.ingest import ingest

ROOT = settings.PROJECT_ROOT
README = ROOT / "README.md"
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"
VENV_BIN = ROOT / ".venv" / "bin"
# the three setup commands, the dashboard server, the benchmarks, the Ray install and cluster
MAX_UNTESTED = 5
_FENCE = re.compile(r"^```(bash|sh|console)\s*$")
_NO_TEST = re.compile(r"^<!--\s*no-test\b:?\s*(.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    lang: str
    body: str
    untested: str | None  # the reason given, "" for none given; None: the block runs

    @property
    def script(self) -> str:
        if self.lang != "console":
            return self.body
        return "\n".join(x[2:] for x in self.body.splitlines() if x.startswith("$ "))


def blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        skip = _NO_TEST.match(before.strip())
        body = "\n".join(lines[i + 1 : end]) + "\n"
        found.append(Block(i + 1, m.group(1), body, skip.group(1) if skip else None))
        i = end + 1
    return found


ALL = blocks(README.read_text(encoding="utf-8"))
RUN = [b for b in ALL if b.untested is None]


def test_the_readme_has_shell_blocks_and_few_untested() -> None:
    untested = [b for b in ALL if b.untested is not None]
    assert len(RUN) >= 4
    for b in untested:
        assert b.untested, f"README.md:{b.line}: <!-- no-test --> without a reason"
    assert len(untested) <= MAX_UNTESTED, [f"README.md:{b.line}" for b in untested]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small store: eight sample articles."""
    work = tmp_path_factory.mktemp("readme-store")
    src = work / "articles.jsonl"
    src.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(True)[:8]))
    db = work / "news.duckdb"
    assert ingest([src], db, progress=False).ok
    return db


def _workdir(store: Path, tmp: Path) -> Path:
    """A folder holding what the README's commands name."""
    cwd = tmp / "cwd"
    cwd.mkdir()
    shutil.copy(store, cwd / "news.duckdb")
    shutil.copy(store, tmp / "sample.duckdb")
    (cwd / ".venv").symlink_to(ROOT / ".venv")  # `source .venv/bin/activate`, as in a clone
    recs = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines()[8:11]]
    (cwd / "my-articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs[:2]))
    (cwd / "scraped").mkdir()
    r = recs[2]
    (cwd / "scraped" / "story.txt").write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
    top = queries.top_speakers(store, limit=1).row(0, named=True)["speaker"]
    (cwd / "speakers.toml").write_text(
        f'[[merge]]\nname = "{top}"\naliases = ["{top.split()[-1]}"]\n', encoding="utf-8"
    )
    return cwd


@pytest.mark.parametrize("block", RUN, ids=[f"line{b.line}" for b in RUN])
def test_a_readme_block_runs_as_printed(block: Block, store: Path, tmp_path: Path) -> None:
    cwd = _workdir(store, tmp_path)
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "QUOTEDESK_DB": str(cwd / "news.duckdb"),
        "QUOTEDESK_SAMPLE_DB": str(tmp_path / "sample.duckdb"),
    }
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block.script],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"README.md:{block.line} failed ({done.returncode}):\n{block.script}\n"
        f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
    )
