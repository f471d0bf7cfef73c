"""No command leaves a file anywhere it was not asked to write.

Each `quotedesk` command that runs in seconds runs in a subprocess with an empty temporary
folder as its working directory; every file it is asked to write (``--db``, ``--out``,
``--figures``) lies in another folder. Afterwards the working directory is still empty and
the repository's working tree (``git status --porcelain --ignored``, leaving out the venv,
tool caches, ``__pycache__`` and the browser tests' ``artifacts/``) gained nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import queries, settings
from analysis.ingest import ingest

ROOT = settings.PROJECT_ROOT
QUOTEDESK = ROOT / ".venv" / "bin" / "quotedesk"
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"
FIGURES_GOLD = ROOT / "tests" / "gold" / "wikinews_figures.jsonl"
_OWN = (".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache", "artifacts/")

# name → arguments; {in} is the inputs folder, {out} the folder for files asked for, {db} a
# copy of a small store in {out}
COMMANDS: dict[str, list[str]] = {
    "ingest": ["ingest", "{in}/articles.jsonl", "--db", "{out}/new.duckdb"],
    "info": ["info", "--db", "{db}"],
    "migrate": ["migrate", "--db", "{db}"],
    "speakers list": ["speakers", "list", "--db", "{db}"],
    "speakers suggest": ["speakers", "list", "--db", "{db}", "--suggest"],
    "speakers show": ["speakers", "show", "{speaker}", "--db", "{db}"],
    "speakers apply": ["speakers", "apply", "--aliases", "{in}/speakers.toml", "--db", "{db}"],
    "topics discover": ["topics", "discover", "--db", "{db}", "--k", "2"],
    "reextract": ["reextract", "--db", "{db}", "--force"],
    "export": ["export", "--db", "{db}", "--out", "{out}/export"],
    "extract": [
        "extract",
        "{in}/articles.jsonl",
        "--out",
        "{out}/st.jsonl",
        "--figures",
        "{out}/fi.jsonl",
    ],
    "bench-queries": ["bench-queries", "--db", "{db}", "--repeat", "1"],
    "eval": ["eval", "--split", "dev", "--gold-dir", "{in}/polnear"],
    "eval-figures": ["eval-figures", "--gold", "{in}/figures.jsonl"],
    "bench": [
        "bench",
        "--corpus",
        "{in}/articles.jsonl",
        "--limit",
        "2",
        "--runs",
        "1",
        "--processes",
        "1",
        "--measures",
        "extraction",
        "--quiet",
    ],
    "sample": ["sample", "--db", "{out}/sample.duckdb"],
}


@pytest.fixture(scope="module")
def inputs(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(True)
    (folder / "articles.jsonl").write_text("".join(lines[:3]), encoding="utf-8")
    polnear = shared / "gold" / "polnear"
    (folder / "polnear").mkdir()
    docs = [json.loads(x) for x in (polnear / "articles.jsonl").read_text().splitlines()]
    keep = {d["doc_id"] for d in docs if d["split"] == "dev"}
    keep = set(sorted(keep)[:2])
    for name in ("articles.jsonl", "quotes.jsonl"):
        rows = (polnear / name).read_text(encoding="utf-8").splitlines(True)
        (folder / "polnear" / name).write_text(
            "".join(r for r in rows if json.loads(r)["doc_id"] in keep), encoding="utf-8"
        )
    figs = FIGURES_GOLD.read_text(encoding="utf-8").splitlines(True)
    (folder / "figures.jsonl").write_text("".join(figs[:3]), encoding="utf-8")
    store = folder / "store.duckdb"
    assert ingest([folder / "articles.jsonl"], store, progress=False).ok
    top = queries.top_speakers(store, limit=1).row(0, named=True)["speaker"]
    (folder / "speaker").write_text(top, encoding="utf-8")
    (folder / "speakers.toml").write_text(
        f'[[merge]]\nname = "{top}"\naliases = ["{top.split()[-1]}"]\n', encoding="utf-8"
    )
    return folder


def _tree() -> set[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return {
        line
        for line in out.splitlines()
        if "__pycache__/" not in line and not line[3:].startswith(_OWN)
    }


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_writes_only_what_it_was_asked_to(
    name: str, inputs: Path, tmp_path: Path
) -> None:
    cwd, out = tmp_path / "cwd", tmp_path / "asked"
    cwd.mkdir()
    out.mkdir()
    db = out / "news.duckdb"
    shutil.copy(inputs / "store.duckdb", db)
    speaker = (inputs / "speaker").read_text(encoding="utf-8")
    args = [
        a.format(**{"in": inputs, "out": out, "db": db, "speaker": speaker}) for a in COMMANDS[name]
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEDESK_DB")}
    env["QUOTEDESK_SAMPLE_DB"] = str(out / "default-sample.duckdb")
    before = _tree()
    done = subprocess.run(
        [str(QUOTEDESK), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, f"{args}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert sorted(p.name for p in cwd.rglob("*")) == []
    assert _tree() - before == set()
    if name in ("export", "extract", "ingest", "sample"):  # and it did write what was asked
        assert {p.name for p in out.iterdir()} - {"news.duckdb", "news.duckdb.lock"}
