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

from analysis.dev.predictions import statement_rows
from analysis.extract.pipeline import extract_doc
from analysis.extract.run import extract_articles
from analysis.records import Article, Extraction


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


def run(
    gold_dir: Path,
    split: str,
    out: Path,
    scorer: Path,
    n_process: int = 1,
    cache: Path | None = None,
) -> EvalRun:
    """Extract the split's articles into ``out`` and score them.

    ``cache`` (train only): a DocBin of the train articles' parse, written by the first run
    and read by later ones, so that iterating on extraction rules does not re-parse 840
    articles (the same code runs on the same parse; only the parser's time is saved)."""
    n = words = 0
    started = time.perf_counter()
    if cache is not None:
        pairs = _cached(gold_dir, split, cache)
    else:
        pairs = extract_articles(gold_articles(gold_dir, split), n_process=n_process)
    with out.open("w", encoding="utf-8") as f:
        for article, ex in pairs:
            n += 1
            words += len(article.text.split())
            for row in statement_rows(article, ex):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - started
    return EvalRun(out, n, words, seconds, score_tables(gold_dir, split, out, scorer))


def _cached(gold_dir: Path, split: str, cache: Path) -> Iterator[tuple[Article, Extraction]]:
    from analysis.dev.training import parse_split  # sklearn is only needed here

    docs = parse_split(gold_dir, split, cache)
    for article in gold_articles(gold_dir, split):
        yield article, extract_doc(docs[article.id], article.title, article.id)


def score_tables(gold_dir: Path, split: str, pred: Path, scorer: Path) -> str:
    """The scorer's tables for ``pred``: T=0.3/0.8, and symmetric T=0.5."""
    tables = []
    for extra in ([], ["--symmetric", "--thresholds", "0.5"]):
        cmd = [sys.executable, str(scorer), "--gold-dir", str(gold_dir), "--pred", str(pred)]
        res = subprocess.run(
            [*cmd, "--split", split, *extra], capture_output=True, text=True, check=True
        )
        tables.append(res.stdout.strip())
    return "\n\n".join(tables)
