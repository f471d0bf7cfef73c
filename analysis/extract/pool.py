"""Extraction on several processes: each worker parses *and* extracts, and sends back records.

Why not ``nlp.pipe(n_process=N)``: spaCy's workers only parse. Every ``Doc`` is serialised,
sent back and rebuilt in the parent, which then runs the extraction rules alone, so the parent
becomes a third busy process on a two-core machine, and it must hold the model too. Here the
parent sends ``(text, title, id)`` and receives small :class:`~analysis.records.Extraction`
records; it never loads spaCy.

Workers are started with ``spawn`` (not ``fork``): the parent may hold DuckDB connections and
threads, which a forked child must not inherit. Each worker loads the pipeline once.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType

from spacy.language import Language

from analysis.records import Article, Extraction

# A task of ~3,000 words is ~0.3 s of parsing: short enough that both workers finish together
# at the end of an ingest batch, long enough that pickling costs nothing next to it.
TASK_WORDS = 3_000
TASK_ARTICLES = 256  # news reaches TASK_WORDS first; this caps one-line records

_worker_nlp: Language | None = None


def _init_worker(model: str) -> None:
    global _worker_nlp
    from analysis.extract import nlp as nlp_loader

    _worker_nlp = nlp_loader.load(model)


def _work(items: list[tuple[str, str, str]]) -> list[Extraction]:
    """Parse and extract one task's articles, in order (runs in a worker)."""
    from analysis.extract.pipeline import extract_texts

    assert _worker_nlp is not None, "worker started without _init_worker"
    return extract_texts(_worker_nlp, items)


class ExtractorPool:
    """``n_process`` worker processes that parse and extract; results come back in order."""

    def __init__(self, n_process: int, model: str) -> None:
        self.n_process = n_process
        self._executor = ProcessPoolExecutor(
            max_workers=n_process,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(model,),
        )

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc is not None)

    def close(self, cancel: bool = False) -> None:
        self._executor.shutdown(wait=True, cancel_futures=cancel)

    def map(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction]]:
        """Extract ``articles`` lazily, in input order, with a bounded number of tasks queued."""
        from analysis.extract.pipeline import word_batches

        # enough queued that no worker waits while the parent writes a batch (~1 s of work)
        window = 4 * self.n_process
        pending: deque[tuple[list[Article], Future[list[Extraction]]]] = deque()
        for chunk in word_batches(articles, TASK_ARTICLES, TASK_WORDS):
            items = [(a.text, a.title, a.id) for a in chunk]
            pending.append((chunk, self._executor.submit(_work, items)))
            if len(pending) >= window:
                yield from _done(*pending.popleft())
        while pending:
            yield from _done(*pending.popleft())


def _done(
    chunk: list[Article], future: Future[list[Extraction]]
) -> Iterator[tuple[Article, Extraction]]:
    yield from zip(chunk, future.result(), strict=True)
