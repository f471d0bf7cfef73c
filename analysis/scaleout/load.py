"""``quotedesk load``: merge extraction partitions (``analysis.scaleout.partitions``) into a store.

The partitions come from a scale-out job (``analysis.scaleout.cluster``). Loading goes through
``analysis.ingest.ingest`` itself, with the records and extractions read from the partitions
instead of input files and spaCy, so a loaded store is the store ``quotedesk ingest`` would
have built from the same input: the same batches and transactions, the same content hashes
(an unchanged article is skipped, a changed one replaces its rows), the same linking of
copies, speakers and search index. Loading the same partitions twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from analysis import settings
from analysis.extract.pipeline import EXTRACTOR_VERSION
from analysis.ingest import IngestReport, ingest
from analysis.records import Article, Extraction, InputError
from analysis.scaleout import partitions


class PartitionError(RuntimeError):
    """Partitions that cannot be loaded into this quotedesk's store."""


class _Partitions:
    """Records read from partitions, with their extractions kept until ingest asks for them."""

    def __init__(self, root: str | Path, batch_size: int) -> None:
        self.root = root
        self.batch_size = batch_size
        self._extractions: dict[str, Extraction] = {}

    def records(self) -> Iterator[Article | InputError]:
        for rows in partitions.read_batches(self.root, "errors", self.batch_size):
            yield from partitions.errors_from_rows(rows)
        for rows in partitions.read_batches(self.root, "articles", self.batch_size):
            _check_version(rows, self.root)
            for article, _, extraction in partitions.records_from_rows(rows):
                self._extractions[article.id] = extraction
                yield article

    def extract(self, articles: list[Article]) -> Iterable[tuple[Article, Extraction]]:
        """The stored extractions of ``articles``. Ingest asks once per chunk of records it
        read ahead (``ingest.LOOKUP``), after pulling them all, so the extractions of the
        articles it found unchanged are dropped here too, and memory holds one chunk."""
        found = [(a, self._extractions[a.id]) for a in articles]
        self._extractions.clear()
        return found


def _check_version(rows: list[dict[str, object]], root: str | Path) -> None:
    versions = {row["extractor_version"] for row in rows}
    if versions - {EXTRACTOR_VERSION}:
        raise PartitionError(
            f"{root} was extracted by quotedesk extractor {', '.join(map(str, versions))}; "
            f"this quotedesk is {EXTRACTOR_VERSION}: run the job again with this version"
        )


def load(
    root: str | Path,
    db: str | Path,
    batch_size: int | None = None,
    progress: bool | None = None,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Merge the partitions under ``root`` (a folder or an object-store URI) into ``db``."""
    batch_size = batch_size or settings.get_int("batch_size")
    if not partitions.partition_files(root, "articles") and not partitions.partition_files(
        root, "errors"
    ):
        raise FileNotFoundError(f"no extraction partitions under {root} (articles/*.parquet)")
    source = _Partitions(root, batch_size)
    return ingest(
        [str(root)],
        db,
        batch_size=batch_size,
        progress=progress,
        on_batch=on_batch,
        records=source.records(),
        extract=source.extract,
        command="load",
    )
