"""Extraction throughput against the bare spaCy pipeline, on the same PolNeAR articles.

    .venv/bin/python tests/bench/extract_throughput.py [--articles 100] [--runs 3]

Alternates runs of the bare pipeline (``nlp.pipe``, one process) and of quotedesk's
extraction (parse + statements + figures + topics) over the first ``--articles`` PolNeAR
articles, and prints each one's median words/s and their ratio. Timings on a shared machine
are noisy; the ratio, taken from interleaved runs, is the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from itertools import islice

from analysis import settings
from analysis.dev.evaluate import gold_articles
from analysis.extract import nlp as nlp_loader
from analysis.extract.run import extract_articles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    gold = settings.shared_dir() / "gold" / "polnear"
    articles = list(islice(gold_articles(gold, "all"), args.articles))
    words = sum(len(a.text.split()) for a in articles)
    nlp = nlp_loader.load()
    list(nlp.pipe(a.text for a in articles[:5]))  # warm up
    bare, full = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        for _doc in nlp.pipe((a.text for a in articles), batch_size=32):
            pass
        bare.append(words / (time.perf_counter() - t))
        t = time.perf_counter()
        for _pair in extract_articles(articles, nlp=nlp):
            pass
        full.append(words / (time.perf_counter() - t))
    b, f = statistics.median(bare), statistics.median(full)
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": words,
                "bare_words_per_s": round(b),
                "extract_words_per_s": round(f),
                "ratio": round(f / b, 3),
                "runs": args.runs,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
