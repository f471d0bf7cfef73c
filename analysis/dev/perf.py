"""How fast, and in how much memory: ``quotedesk bench``.

On the AllSides 5k sample (or any corpus, or a slice of it), it measures:

- **extraction**: articles/s and words/s of quotedesk's extraction (parse + statements, figures,
  topics), with 1 and 2 processes, beside the **bare spaCy pipeline** (the model as
  ``spacy.load`` gives it, ``nlp.pipe``: same texts, same batch size) and quotedesk's own
  pipeline alone (the same model with the attribute ruler and lemmatizer on arrays, see
  :mod:`analysis.extract.arrays`). The ratio quotedesk / bare spaCy is the figure that matters;
- **ingest**: end to end into a fresh DuckDB file (read, hash, parse, extract, write, link
  copies of stories, search index);
- **re-ingest with 1% changed**: the same corpus again with one article in a hundred edited,
  as a share of the first ingest's time;
- **tiny records**: ingest of one-sentence records (``--tiny N``, written here: a feed of
  headlines or messages rather than articles), where the fixed costs per record and per
  write transaction dominate, in records/s;
- **peak memory** of each measured process and its workers (resident memory summed over the
  process tree, sampled every 50 ms), and the ingest's memory at each quarter of the corpus,
  which shows whether it grows with the corpus;
- **dashboard query latency** on the stores given with ``--query-db``
  (:func:`analysis.dev.bench.run`).

Every measure runs in a fresh Python process, so no cache or memory carries over from one
measure to the next; the measures alternate (bare, quotedesk, bare, ...) so that a change in
the machine's load hits both alike; the table shows the median of ``runs``. Times include
loading the model in each process that uses it, as a user pays for it. CPU seconds (of the
process and its workers) are printed beside wall time: on a shared machine they say more.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from analysis import settings
from analysis.records import Article

SPACY_BATCH = 32  # nlp.pipe's batch size for the bare pipeline, as quotedesk passes it
CHANGED_EVERY = 100  # re-ingest: one article in a hundred is edited
TINY = (  # one-sentence records for the tiny-record measure, written for it
    "Record {i}: the river rose overnight.",
    "Council vote {i} passed without debate.",
    "Storm warning {i} lifted at noon.",
    "The ferry to Orkney sailed late again.",
    "Mayor Lena Dahl said the bridge reopens.",
)
EDIT = "\n\nThis article was updated after publication to correct a figure."


def default_corpus() -> Path:
    return settings.shared_dir() / "corpus" / "allsides" / "articles-5k.jsonl.gz"


# ---------------------------------------------------------------------------- memory
def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux)."""
    pid = pid or os.getpid()
    return sum(_rss_kb(p) for p in [pid, *_children(pid)]) / 1024


class PeakSampler:
    """Samples :func:`tree_rss_mb` of this process every ``interval`` seconds in a thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss_mb())
        # a peak between two samples is caught by the kernel's high-water mark of this process
        self.peak = max(self.peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have exited (the workers)."""
    me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# ------------------------------------------------------------------ one measure, in a child
@dataclass(slots=True)
class Sample:
    """One timed run of one measure."""

    kind: str
    processes: int
    articles: int
    words: int
    seconds: float
    cpu_seconds: float
    peak_mb: float
    extra: dict[str, Any] = field(default_factory=dict)


def _good_articles(corpus: Path) -> list[Article]:
    from analysis import articles

    return [a for a in articles.read([corpus]) if isinstance(a, Article)]


def _words(texts: Sequence[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _timed(
    kind: str, processes: int, texts: Sequence[str], work: Callable[[], dict[str, Any]]
) -> Sample:
    cpu0, t0 = _cpu_seconds(), time.perf_counter()
    with PeakSampler() as peak:
        extra = work()
    seconds = time.perf_counter() - t0
    return Sample(
        kind, processes, len(texts), _words(texts), seconds, _cpu_seconds() - cpu0, peak.peak, extra
    )


def measure_pipe(kind: str, corpus: Path, processes: int) -> Sample:
    """``nlp.pipe`` every text, keep nothing. ``kind`` "spacy": the bare pipeline, the model as
    ``spacy.load`` ships it; "parse": quotedesk's pipeline alone (the model with paragraph
    breaks, and the attribute ruler and lemmatizer on arrays)."""
    texts = [a.text for a in _good_articles(corpus)]

    def work() -> dict[str, Any]:
        import spacy

        from analysis.extract import nlp as nlp_loader

        if kind == "spacy":
            nlp = spacy.load(nlp_loader.model_name())
            nlp.max_length = max(nlp.max_length, 2_000_000)
        else:
            nlp = nlp_loader.load()
        for _ in nlp.pipe(texts, batch_size=SPACY_BATCH, n_process=processes):
            pass
        return {}

    return _timed(kind, processes, texts, work)


def measure_extract(corpus: Path, processes: int) -> Sample:
    """quotedesk's extraction of every article (parse + rules), without a database."""
    arts = _good_articles(corpus)

    def work() -> dict[str, Any]:
        from analysis.extract.run import Extractor

        statements = 0
        with Extractor(processes, batch_size=SPACY_BATCH) as extractor:
            for _, ex in extractor(arts):
                statements += len(ex.statements)
        return {"statements": statements}

    return _timed("extract", processes, [a.text for a in arts], work)


def measure_ingest(corpus: Path, processes: int, db: Path, kind: str = "ingest") -> Sample:
    """``ingest`` of ``corpus`` into ``db``, with the memory after each quarter of the batches."""
    from analysis.ingest import IngestReport, ingest

    texts = [a.text for a in _good_articles(corpus)]
    marks: list[tuple[int, float]] = []

    def on_batch(report: IngestReport) -> None:
        c = report.counts
        marks.append((c.new + c.updated + c.unchanged, tree_rss_mb()))

    def work() -> dict[str, Any]:
        report = ingest([corpus], db, n_process=processes, progress=False, on_batch=on_batch)
        c = report.counts
        return {
            "new": c.new,
            "updated": c.updated,
            "unchanged": c.unchanged,
            "statements": c.statements,
            "rss_quarters": _quarters(marks, len(texts)),
        }

    return _timed(kind, processes, texts, work)


def _quarters(marks: list[tuple[int, float]], total: int) -> list[float]:
    """Resident MB at the first batch reaching 25, 50, 75 and 100% of the articles."""
    out: list[float] = []
    for q in (0.25, 0.5, 0.75, 1.0):
        hit = next((mb for n, mb in marks if n >= q * total), marks[-1][1] if marks else 0.0)
        out.append(round(hit, 0))
    return out


def _child_main(argv: Sequence[str]) -> None:
    kind, processes, corpus = argv[0], int(argv[1]), Path(argv[2])
    if kind in ("spacy", "parse"):
        sample = measure_pipe(kind, corpus, processes)
    elif kind == "extract":
        sample = measure_extract(corpus, processes)
    else:  # ingest, reingest, tiny
        sample = measure_ingest(corpus, processes, Path(argv[3]), kind)
    print(json.dumps(asdict(sample)))


def write_tiny(n: int, out_dir: Path) -> Path:
    """``n`` one-sentence records as JSONL."""
    path = out_dir / "tiny.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = TINY[i % len(TINY)].format(i=i)
            f.write(json.dumps({"id": f"tiny-{i}", "text": text}) + "\n")
    return path


def _run_child(kind: str, processes: int, corpus: Path, db: Path | None = None) -> Sample:
    cmd = [sys.executable, "-m", "analysis.dev.perf", kind, str(processes), str(corpus)]
    cmd += [str(db)] if db else []
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench {kind} x{processes} failed:\n{done.stderr[-3000:]}")
    return Sample(**json.loads(done.stdout.strip().splitlines()[-1]))


# ------------------------------------------------------------------------- the corpus
def write_slice(src: Path, limit: int | None, out_dir: Path) -> tuple[Path, Path, int]:
    """The first ``limit`` records of ``src`` as JSONL, and the same with 1% of them edited
    (every hundredth, at least one). Returns (slice, slice with 1% changed, articles changed)."""
    total = sum(1 for _ in islice(_lines(src), limit))
    chosen = {i for i in range(total) if i % CHANGED_EVERY == CHANGED_EVERY // 2} or {total // 2}
    first, changed = out_dir / "corpus.jsonl", out_dir / "corpus-1pct-changed.jsonl"
    with open(first, "w", encoding="utf-8") as a, open(changed, "w", encoding="utf-8") as b:
        for i, line in enumerate(islice(_lines(src), total)):
            a.write(line)
            b.write(_edited(line) if i in chosen else line)
    return first, changed, len(chosen)


def _lines(src: Path) -> Iterator[str]:
    opener: Any = gzip.open if src.name.endswith(".gz") else open
    with opener(src, "rt", encoding="utf-8") as f:
        yield from (line if line.endswith("\n") else line + "\n" for line in f if line.strip())


def _edited(line: str) -> str:
    record = json.loads(line)
    record["text"] += EDIT
    return json.dumps(record, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- the run
@dataclass(slots=True)
class BenchConfig:
    corpus: Path
    limit: int | None = None
    runs: int = 3
    processes: tuple[int, ...] = (1, 2)
    extraction: bool = True  # bare spaCy, quotedesk's pipeline alone, quotedesk extraction
    ingest: bool = True  # ingest and re-ingest
    tiny: int = 0  # records for the tiny-record ingest measure (0: not measured)
    query_dbs: tuple[Path, ...] = ()
    query_repeat: int = 10


@dataclass(slots=True)
class BenchResult:
    config: BenchConfig
    samples: list[Sample]
    changed: int
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    query_tables: dict[str, Any] = field(default_factory=dict)

    def median(self, kind: str, processes: int, key: str = "seconds") -> float | None:
        values = [
            float(getattr(s, key))
            for s in self.samples
            if s.kind == kind and s.processes == processes
        ]
        return statistics.median(values) if values else None


def run_bench(cfg: BenchConfig, log: Callable[[str], None] = print) -> BenchResult:
    """Run every measure ``cfg.runs`` times, each in a fresh process; see the module doc."""
    load_before = os.getloadavg()
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="quotedesk-bench-") as tmp:
        corpus, changed_corpus, changed = write_slice(cfg.corpus, cfg.limit, Path(tmp))
        for run in range(cfg.runs if cfg.extraction else 0):
            for p in cfg.processes:
                for kind in ("spacy", "parse", "extract"):
                    samples.append(_logged(log, run, _run_child(kind, p, corpus)))
        for run in range(cfg.runs if cfg.ingest else 0):
            for p in cfg.processes:
                db = Path(tmp) / f"ingest-{run}-{p}.duckdb"
                samples.append(_logged(log, run, _run_child("ingest", p, corpus, db)))
                again = _run_child("reingest", p, changed_corpus, db)
                samples.append(_logged(log, run, again))
                db.unlink(missing_ok=True)
        tiny = write_tiny(cfg.tiny, Path(tmp)) if cfg.tiny else None
        for run in range(cfg.runs if tiny else 0):
            for p in cfg.processes:
                db = Path(tmp) / f"tiny-{run}-{p}.duckdb"
                samples.append(_logged(log, run, _run_child("tiny", p, tiny, db)))  # type: ignore[arg-type]
                db.unlink(missing_ok=True)
    result = BenchResult(cfg, samples, changed, load_before, os.getloadavg())
    for db in cfg.query_dbs:
        from analysis.dev import bench

        log(f"query latency on {db} ...")
        result.query_tables[str(db)] = bench.run(db, repeat=cfg.query_repeat)
    return result


def _logged(log: Callable[[str], None], run: int, s: Sample) -> Sample:
    log(
        f"run {run + 1}: {s.kind} x{s.processes}: {s.seconds:.1f}s, "
        f"{s.words / s.seconds:,.0f} words/s, {s.cpu_seconds:.1f} cpu-s, peak {s.peak_mb:.0f} MB"
    )
    return s


# --------------------------------------------------------------------------- the table
LABELS = {
    "spacy": "bare spaCy `nlp.pipe`",
    "parse": "quotedesk's pipeline alone",
    "extract": "quotedesk extraction",
    "ingest": "quotedesk ingest → DuckDB",
    "reingest": "re-ingest, 1% changed",
    "tiny": "ingest of one-sentence records",
}


def report(result: BenchResult) -> str:
    """The medians as a Markdown table, with the ratios and the machine's load."""
    cfg = result.config
    first = next(iter(result.samples), None)
    lines = [
        f"corpus: {cfg.corpus.name}"
        + (f" (first {cfg.limit})" if cfg.limit else "")
        + (f", {first.articles:,} articles, {first.words:,} words" if first else "")
        + f"; medians of {cfg.runs} runs; {os.cpu_count()} CPUs; load average "
        + f"{result.load_before[0]:.1f} before, {result.load_after[0]:.1f} after",
        "",
        "| measure | processes | articles/s | words/s | words/cpu-s | vs bare spaCy | "
        "vs 1 process | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in LABELS:
        for p in cfg.processes:
            row = _row(result, kind, p)
            if row:
                lines.append(row)
    lines += _ingest_notes(result)
    for p in cfg.processes:
        seconds = result.median("tiny", p)
        if seconds is not None:
            lines += ["", f"tiny records, {p} process{'es' if p > 1 else ''}: "
                      f"{cfg.tiny / seconds:,.0f} records/s ({cfg.tiny:,} one-sentence records "
                      f"in {seconds:.1f}s, including loading the model)"]  # fmt: skip
    for db, df in result.query_tables.items():
        from analysis.dev import bench

        lines += [
            "",
            f"dashboard queries on {db} ({cfg.query_repeat} runs each):",
            "",
            bench.table(df),
        ]
    return "\n".join(lines)


def _row(result: BenchResult, kind: str, p: int) -> str | None:
    seconds = result.median(kind, p)
    if seconds is None:
        return None
    articles = result.median(kind, p, "articles") or 0
    words = result.median(kind, p, "words") or 0
    cpu = result.median(kind, p, "cpu_seconds") or 0
    peak = result.median(kind, p, "peak_mb") or 0
    bare = result.median("spacy", p) if kind in ("parse", "extract") else None
    one = result.median(kind, 1)
    return (
        f"| {LABELS[kind]} | {p} | {articles / seconds:,.1f} | {words / seconds:,.0f} | "
        f"{words / max(cpu, 1e-9):,.0f} | {_ratio(bare, seconds)} | {_ratio(one, seconds)} | "
        f"{peak:,.0f} |"
    )


def _ratio(reference: float | None, seconds: float) -> str:
    """Throughput relative to the reference: its time over this time."""
    return "" if reference is None else f"{reference / seconds:.2f}"


def _ingest_notes(result: BenchResult) -> list[str]:
    lines = []
    for p in result.config.processes:
        first, again = result.median("ingest", p), result.median("reingest", p)
        if first is None or again is None:
            continue
        quarters = [
            s.extra["rss_quarters"]
            for s in result.samples
            if s.kind == "ingest" and s.processes == p
        ]
        at = [statistics.median(q[i] for q in quarters) for i in range(4)]
        last = next(s for s in result.samples if s.kind == "reingest" and s.processes == p)
        lines += [
            "",
            f"ingest with {p} process{'es' if p > 1 else ''}: resident MB after 25/50/75/100% of "
            f"the articles: {' / '.join(f'{mb:.0f}' for mb in at)}; re-ingest with "
            f"{result.changed} of {last.articles} articles changed ({last.extra['updated']} "
            f"updated, {last.extra['unchanged']} unchanged): {again:.1f}s = "
            f"{100 * again / first:.1f}% of the first ingest ({first:.1f}s)",
        ]
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m analysis.dev.perf KIND PROCESSES CORPUS [DB]``: one measure, as JSON (used by
    :func:`run_bench`, which starts one such process per measure)."""
    _child_main(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
