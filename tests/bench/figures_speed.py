"""Figure extraction cost next to the spaCy parse it runs on.

    .venv/bin/python tests/bench/figures_speed.py [--articles 150] [--repeat 5]

Parses the first ``--articles`` Wikinews articles once, then times ``extract_figures`` over the
parsed docs ``--repeat`` times. Prints the parse time, the median figures time and their ratio:
figures add no parse of their own, so the ratio is what they cost an ingest.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from analysis import settings
from analysis.extract import nlp as nlp_loader
from analysis.extract.figures import extract_figures


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=150)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    path = settings.shared_dir() / "corpus" / "wikinews" / "articles.jsonl"
    with path.open(encoding="utf-8") as lines:
        pairs = zip(range(args.articles), lines, strict=False)
        texts = [json.loads(line)["text"] for _, line in pairs]
    nlp = nlp_loader.load()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - started
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = sum(len(extract_figures(doc)) for doc in docs)
        runs.append(time.perf_counter() - started)
    figures = statistics.median(runs)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(docs)} articles, {words:,} words, {found} figures")
    print(f"spaCy parse: {parse:.2f}s ({words / parse:,.0f} words/s)")
    print(f"figures: median {figures:.3f}s of {args.repeat} ({words / figures:,.0f} words/s)")
    print(f"figures / parse: {100 * figures / parse:.1f}%")


if __name__ == "__main__":
    main()
