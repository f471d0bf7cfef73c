"""Extraction of many articles: in this process, or on worker processes (``pool``).

``pipeline`` extracts one batch; this module feeds it batches, here or through the pool, so
the pool (whose workers run ``pipeline``) and the pipeline do not import each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import TracebackType

from spacy.language import Language

from analysis.extract import nlp as nlp_loader
from analysis.extract.pipeline import BATCH_ARTICLES, extract_texts, word_batches
from analysis.extract.pool import ExtractorPool
from analysis.records import Article, Extraction


class Extractor:
    """Extraction for many batches: in this process, or on ``n_process`` worker processes
    (``analysis.extract.pool``), started at the first call and kept until ``close``. Use as a
    context manager; call it on articles."""

    def __init__(
        self, n_process: int = 1, nlp: Language | None = None, batch_size: int = BATCH_ARTICLES
    ) -> None:
        self.n_process = n_process
        self.batch_size = batch_size
        self._nlp = nlp
        self._pool: ExtractorPool | None = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(cancel=exc is not None)

    def close(self, cancel: bool = False) -> None:
        """Stop the worker processes, if any (``cancel``: drop the work not started)."""
        if self._pool is not None:
            self._pool.close(cancel=cancel)
            self._pool = None

    def __call__(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Extraction]]:
        """Parse and extract ``articles``, lazily, in input order."""
        if self.n_process > 1:
            if self._pool is None:
                self._pool = ExtractorPool(self.n_process, nlp_loader.model_name())
            yield from self._pool.map(articles)
            return
        nlp = self._nlp or nlp_loader.load()
        for batch in word_batches(articles, self.batch_size):
            items = [(a.text, a.title, a.id) for a in batch]
            yield from zip(batch, extract_texts(nlp, items), strict=True)


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = BATCH_ARTICLES,
    n_process: int = 1,
) -> Iterator[tuple[Article, Extraction]]:
    """Parse and extract a stream of articles, lazily, in input order."""
    with Extractor(n_process, nlp, batch_size) as extractor:
        yield from extractor(articles)
