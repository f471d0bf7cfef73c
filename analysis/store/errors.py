"""The store's errors, with messages a person can act on."""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store that cannot be opened or used, with a message a person can act on."""


class CorruptStore(StoreError):
    """The store's file is damaged: blocks on disk no longer match their checksums."""


CORRUPT_ADVICE = (
    "restore it from a backup, or rebuild it by ingesting the articles again into a new file; "
    "nothing was written to it"
)


def _short_error(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160]
