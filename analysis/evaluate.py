"""Score statement extraction against a gold attribution corpus (PolNeAR's format).

Runs extraction on the gold articles of one split, writes predictions in the scorer's
format, and runs ``../shared/eval/score.py`` on them (plain, and with ``--symmetric``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.extract.pipeline import extract_articles
from analysis.predictions import statement_rows
from analysis.records import Article


@dataclass(frozen=True, slots=True)
class EvalRun:
    predictions: Path
    articles: int
    words: int
    seconds: float
    tables: str  # the scorer's printed tables

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def gold_articles(gold_dir: Path, split: str) -> Iterator[Article]:
    """The gold corpus's articles of ``split`` ("train", "dev" or "all")."""
    path = gold_dir / "articles.jsonl"
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            rec = json.loads(line)
            if split in ("all", rec.get("split")):
                yield Article(
                    id=rec["doc_id"], text=rec["text"], title=rec.get("title") or "",
                    outlet=rec.get("source"), source=str(path), line=n,
                )  # fmt: skip


def run(gold_dir: Path, split: str, out: Path, scorer: Path, n_process: int = 1) -> EvalRun:
    """Extract the split's articles into ``out`` and score them."""
    n = words = 0
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for article, ex in extract_articles(gold_articles(gold_dir, split), n_process=n_process):
            n += 1
            words += len(article.text.split())
            for row in statement_rows(article, ex):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - started
    tables = []
    for extra in ([], ["--symmetric", "--thresholds", "0.5"]):
        cmd = [sys.executable, str(scorer), "--gold-dir", str(gold_dir), "--pred", str(out)]
        res = subprocess.run(
            [*cmd, "--split", split, *extra], capture_output=True, text=True, check=True
        )
        tables.append(res.stdout.strip())
    return EvalRun(out, n, words, seconds, "\n\n".join(tables))
