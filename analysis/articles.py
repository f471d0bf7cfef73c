"""Read news articles from files and folders, one :class:`Article` at a time.

What is read (the format is chosen by file extension, case-insensitive):

* JSONL — ``.jsonl``, ``.ndjson`` and ``.json`` holding one JSON object per line. Fields:
  ``id`` or ``doc_id``, ``text`` (required; ``body``/``content`` are accepted aliases),
  ``title``, ``outlet``, ``published``, ``url``, ``category``, ``meta`` (a dict). Any other key
  goes into ``meta``. This is the schema of the corpora under ``../shared/corpus``.
* CSV/TSV — ``.csv`` (delimiter sniffed with :class:`csv.Sniffer`) and ``.tsv``; the first row is
  a header that must name a text column (same names and aliases as JSONL, case-insensitive).
* Plain text — ``.txt``, ``.text``, ``.md``: the whole file is one article. A short first line
  followed by a blank line is taken as the title.
* HTML — ``.html``, ``.htm``: main text and metadata extracted by trafilatura.
* Any of the above compressed as ``.gz`` (``articles.jsonl.gz``), decompressed while streaming.
* Folders, recursively, files in sorted path order; hidden files and folders, and README /
  LICENSE files beside a corpus, are ignored.

Everything streams: JSONL and CSV are read line by line, so a corpus of any size needs memory for
one record at a time. Texts are kept exactly as written except that ``\\r\\n`` becomes ``\\n``
(downstream offsets index into ``text``).

Errors: bad input never stops good input and is never dropped silently. Each unreadable record or
file becomes an :class:`InputError` in the same stream, in order, naming the file, the 1-based line
where the record starts (``None`` for whole-file problems) and a stable kebab-case ``reason``:
``invalid-json``, ``not-an-object``, ``missing-text``, ``undecodable``, ``empty-file``,
``bad-row``, ``no-text``, ``unreadable``, ``unsupported-format``, ``binary-file``, ``too-large``,
``path-not-found``, ``invalid-id``, ``invalid-url``, ``invalid-date``, ``symlink-loop``.
``invalid-url`` and ``invalid-date`` are also given for an article that is kept without that
field (the error says so, and the raw value stays in ``meta``). Records read before a file
turns out to be corrupt (a truncated ``.gz``) are kept; the error follows them.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import hashlib
import io
import json
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from analysis.records import Article, InputError

if TYPE_CHECKING:
    from _csv import Reader as _csv_reader

__all__ = [
    "MAX_TEXT_CHARS",
    "REASONS",
    "article_id",
    "content_hash",
    "read",
    "summarise",
]

# The longest article in Wikinews, AllSides 5k and PolNeAR has 104k characters. Parsing and
# extraction cost ~3.5 kB of memory per character, and extraction time grows faster than the
# text (pronouns are resolved against every earlier mention): measured 17 s for 100k
# characters, 125 s and 1.6 GB for 400k. Beyond 500k characters a text is a dump, a
# transcript or a whole site, not an article: it is refused, with its size, for a person to
# split, rather than tie up an ingest for an hour and many gigabytes.
MAX_TEXT_CHARS = 500_000
# A JSONL line may hold up to ~6 bytes per character (\uXXXX escapes) plus metadata; a longer line
# is refused before parsing so one broken line cannot exhaust memory.
MAX_LINE_BYTES = 8 * MAX_TEXT_CHARS
# Whole-file formats (txt, html) are read into memory; a news page with inline scripts, styles
# and images stays far below this.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
EARLIEST_DATE = dt.date(1800, 1, 1)
_SNIFF_BYTES = 64 * 1024

REASONS = (
    "invalid-json",
    "not-an-object",
    "missing-text",
    "undecodable",
    "empty-file",
    "bad-row",
    "no-text",
    "unreadable",
    "unsupported-format",
    "binary-file",
    "too-large",
    "path-not-found",
    "invalid-id",
    "invalid-url",
    "invalid-date",
    "symlink-loop",
    # given by ingest, not by the readers
    "duplicate-id",
    "extraction-failed",
    "write-failed",
)

_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
}
_TEXT_KEYS = ("text", "body", "content")
_ID_KEYS = ("id", "doc_id")
_FIELD_KEYS = frozenset({*_ID_KEYS, "title", "outlet", "published", "url", "category", "meta"})
_BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)")
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number"}

Record = Article | InputError


# --------------------------------------------------------------------------- public API


def read(paths: Iterable[str | Path]) -> Iterator[Record]:
    """Stream articles and input errors from files and folders, in the order given."""
    if isinstance(paths, str | Path):  # a lone path would otherwise be iterated char by char
        paths = [paths]
    for path in paths:
        yield from _read_path(Path(path))


def article_id(given_id: object, url: str | None, text: str) -> str:
    """A stable id: the given id, else one derived from the URL, else from the text."""
    if given_id is not None and not isinstance(given_id, dict | list):
        given = str(given_id).strip()
        if given:
            return given
    if url and url.strip():
        return "url-" + _sha1(_normalise_url(url))[:16]
    return "sha-" + _sha1(text)[:16]


def content_hash(article: Article) -> str:
    """sha256 over the title, text and metadata: any change to them gives a new hash."""
    published = article.published.isoformat() if article.published else ""
    # The unit separator keeps fields apart, so moving a word from title to text changes the hash.
    parts = (article.title, article.text, article.outlet, published, article.url, article.category)
    payload = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def summarise(errors: Sequence[InputError], examples: int = 3) -> str:
    """A short human summary of input errors, grouped by reason, most frequent first."""
    if not errors:
        return "no input errors"
    by_reason: dict[str, list[InputError]] = defaultdict(list)
    for error in errors:
        by_reason[error.reason].append(error)
    noun = "error" if len(errors) == 1 else "errors"
    lines = [f"{len(errors)} input {noun}:"]
    for reason, group in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = ", ".join(_where(e) for e in group[:examples])
        more = f", … {len(group) - examples} more" if len(group) > examples else ""
        lines.append(f"  {len(group):>6} {reason}: {shown}{more}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- paths and files


def _read_path(path: Path) -> Iterator[Record]:
    if path.is_dir():
        for file in _walk(path):
            if isinstance(file, InputError):
                yield file
            else:
                yield from _read_file(file)
    elif not path.exists():
        yield InputError(str(path), None, "path-not-found")
    else:
        yield from _read_file(path)


def _walk(root: Path) -> list[Path | InputError]:
    """Every non-hidden file under ``root``, sorted by path so runs are reproducible.

    Symbolic links to folders are followed (a corpus assembled from links is common); a link
    back to a folder above it would never end, so it is reported as ``symlink-loop`` and not
    followed."""
    found: list[Path | InputError] = []
    for folder, dirs, names in os.walk(root, followlinks=True):
        ancestors = _ancestors(Path(folder), root)
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):  # .git, .ipynb_checkpoints, ...
                continue
            sub = Path(folder, d)
            if sub.is_symlink() and os.path.realpath(sub) in ancestors:
                detail = f"links back to {os.path.realpath(sub)}; not followed"
                found.append(InputError(str(sub), None, "symlink-loop", detail))
                continue
            keep.append(d)
        dirs[:] = keep
        found.extend(Path(folder, n) for n in names if not _ignored(n))
    return sorted(found, key=lambda f: f.source if isinstance(f, InputError) else str(f))


def _ancestors(folder: Path, root: Path) -> set[str]:
    """Real paths of ``folder`` and the folders between it and ``root``."""
    out = set()
    while True:
        out.add(os.path.realpath(folder))
        if folder == root or folder == folder.parent:
            return out
        folder = folder.parent


# Documentation that lives beside corpora in folders is not news: README.md, LICENSE, ...
_DOC_FILES = ("readme", "license", "licence", "changelog", "notice")


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.lower().split(".")[0] in _DOC_FILES


def _format_of(path: Path) -> tuple[str | None, bool]:
    """(format, gzipped) from the file name: ``a.jsonl.gz`` is gzipped JSONL."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    return _FORMATS.get(os.path.splitext(name)[1]), gzipped


def _read_file(path: Path) -> Iterator[Record]:
    source = str(path)
    fmt, gzipped = _format_of(path)
    if fmt is None:
        yield InputError(source, None, "unsupported-format", f"extension {path.suffix or '(none)'}")
        return
    if not path.is_file():  # a FIFO or device would block or never end
        yield InputError(source, None, "unreadable", "not a regular file")
        return
    try:
        stream: io.BufferedIOBase = _gunzip(path) if gzipped else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield InputError(source, None, "unreadable", _describe(exc))
        return
    with stream:
        yield from _guarded(source, _READERS[fmt](stream, source))
        raw = getattr(stream, "raw", None)
        if isinstance(raw, _GzipSalvage) and raw.failure is not None:
            yield InputError(source, None, "unreadable", raw.failure)


def _guarded(source: str, records: Iterator[Record]) -> Iterator[Record]:
    """Pass records through; an I/O or decompression failure ends the file with one error."""
    try:
        yield from records
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        yield InputError(source, None, "unreadable", _describe(exc))


def _gunzip(path: Path) -> io.BufferedIOBase:
    return io.BufferedReader(_GzipSalvage(path), buffer_size=256 * 1024)


class _GzipSalvage(io.RawIOBase):
    """A .gz file decompressed as a stream that hands over every byte it could decompress
    before failing. ``gzip.open`` decompresses ahead and raises on a truncated file before the
    reader sees the lines already decompressed, so a small truncated file kept none of them.
    Here a truncated file ends like a whole one, after its last good byte, and ``failure``
    says why; ``_read_file`` reports it after the records. Concatenated gzip members are read
    one after the other, as gzip does."""

    _CHUNK = 64 * 1024

    def __init__(self, path: Path) -> None:
        self._path = path
        self._raw = open(path, "rb")  # noqa: SIM115
        self._reset()

    def _reset(self) -> None:
        self._raw.seek(0)
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._pending = b""
        self._pos = 0
        self._ended = False
        self._members = 0
        self._fed = False  # the member being read has been given bytes
        self._carry = b""  # decompressed bytes after the last line end
        self.failure: str | None = None  # why the stream ended early, once it has

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self._pos + offset
        if whence not in (io.SEEK_SET, io.SEEK_CUR) or target < 0:
            raise io.UnsupportedOperation("a gzip stream rewinds, it does not seek back")
        if target < self._pos:
            self._reset()
        while self._pos < target and self.read(min(target - self._pos, self._CHUNK)):
            pass
        return self._pos

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._ended:
            self._pending = self._more()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self._pos += n
        return n

    def _more(self) -> bytes:
        """The next decompressed bytes up to a line end; what follows the last line end waits
        for more, so a truncated file never hands over half a line."""
        data = self._carry + self._inflate_more()
        if self._ended:
            self._carry = b""
            if self.failure is None:
                return data
            if data:
                self.failure += f"; its last {len(data):,} bytes, an incomplete line, dropped"
            return b""
        cut = data.rfind(b"\n") + 1
        self._carry = data[cut:]
        return data[:cut]

    def _inflate_more(self) -> bytes:
        if self._inflate.eof:  # one member done: another may follow
            rest = self._inflate.unused_data
            self._members += 1
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._fed = False
            if rest:
                self._fed = True
                return self._inflate.decompress(rest)
        chunk = self._raw.read(self._CHUNK)
        if not chunk:
            self._ended = True
            if self._fed and not self._inflate.eof:
                # not raised here: a buffered reader would drop the bytes it holds
                self.failure = "EOFError: compressed file ended before the end-of-stream marker"
            return b""
        self._fed = True
        return self._inflate.decompress(chunk)

    def close(self) -> None:
        self._raw.close()
        super().close()


# --------------------------------------------------------------------------- JSONL


def _read_jsonl(stream: io.BufferedIOBase, source: str) -> Iterator[Record]:
    if (binary := _binary_head(stream, source)) is not None:
        yield binary
        return
    seen = False
    for lineno, raw in _raw_lines(stream):
        if isinstance(raw, int):
            yield InputError(source, lineno, "too-large", _overlong(raw))
        elif not raw.strip():
            continue  # blank lines separate nothing in JSONL; skipping them loses nothing
        elif not seen and raw.strip() in (b"[", b"{"):
            # A pretty-printed document would give one error per line; one error says it better.
            detail = "a multi-line JSON document; expected one JSON object per line"
            yield InputError(source, lineno, "invalid-json", detail)
            return
        else:
            yield from _parse_json_line(raw, source, lineno)
        seen = True
    if not seen:
        yield InputError(source, None, "empty-file")


def _parse_json_line(raw: bytes, source: str, lineno: int) -> list[Record]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [InputError(source, lineno, "undecodable", _bad_byte(raw, exc))]
    if "\x00" in line:
        return [InputError(source, lineno, "binary-file", "NUL byte in line")]
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        return [InputError(source, lineno, "invalid-json", str(exc) or type(exc).__name__)]
    if not isinstance(obj, dict):
        kind = _JSON_TYPES.get(type(obj), "boolean" if isinstance(obj, bool) else "null")
        return [InputError(source, lineno, "not-an-object", f"got a JSON {kind}")]
    return _article(obj, source, lineno)


# --------------------------------------------------------------------------- CSV / TSV


def _read_csv(stream: io.BufferedIOBase, source: str) -> Iterator[Record]:
    if (binary := _binary_head(stream, source)) is not None:
        yield binary
        return
    # Texts are long; the default 128 KiB field limit would refuse real articles.
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_TEXT_CHARS))
    lines = _CsvLines(stream)
    # strict: a stray quote is an error for its record. Lenient parsing would glue the records
    # after an unclosed quote into its field, losing them without a word.
    reader = csv.reader(lines, delimiter=_delimiter(stream, source), strict=True)
    header = _csv_header(reader)
    if header is None:
        yield InputError(source, None, "empty-file")
        return
    if not any(k in header for k in _TEXT_KEYS):
        detail = f"no text/body/content column in header {header}"
        yield InputError(source, reader.line_num, "missing-text", detail)
        return
    rows = 0
    for record in _csv_rows(reader, lines, header, source):
        rows += 1
        yield record
    if not rows:
        yield InputError(source, None, "empty-file", "a header and no rows")


def _delimiter(stream: io.BufferedIOBase, source: str) -> str:
    if source.lower().removesuffix(".gz").endswith(".tsv"):
        return "\t"
    sample = stream.read(_SNIFF_BYTES).decode("utf-8", "replace")
    stream.seek(0)
    try:
        # Only the delimiter is taken: the sniffer's guesses at quoting are often wrong on prose.
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _csv_header(reader: _csv_reader) -> list[str] | None:
    for row in reader:
        if any(cell.strip() for cell in row):
            return [cell.strip().lower() for cell in row]
    return None


def _csv_rows(
    reader: _csv_reader, lines: _CsvLines, header: list[str], source: str
) -> Iterator[Record]:
    end = reader.line_num
    while True:
        start = end + 1  # a quoted field may span lines: the record starts after the last one
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "too-large" if "field limit" in str(exc) else "bad-row"
            end = reader.line_num
            # an unclosed quote runs over the next lines: say which records went with it
            span = f"; the record runs over lines {start}-{end}" if end > start else ""
            yield InputError(source, start, reason, f"{exc}{span}")
            continue
        end = reader.line_num
        if over := [n for i, n in lines.overlong.items() if start <= i <= end]:
            yield InputError(source, start, "too-large", _overlong(max(over)))
        elif row:  # csv gives [] for a blank line
            yield from _csv_record(row, header, source, start)


class _CsvLines:
    """Decoded lines for csv (endings kept). Bytes that are not UTF-8 become lone surrogates
    (surrogateescape) so only the row holding them is refused, not the whole file. An overlong
    line is replaced by an empty one and noted, so the row spanning it is refused."""

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self.overlong: dict[int, int] = {}  # line number → its size in bytes
        self._lines = _raw_lines(stream)

    def __iter__(self) -> Iterator[str]:
        for lineno, raw in self._lines:
            if isinstance(raw, int):
                self.overlong[lineno] = raw
                yield "\n"
            else:
                yield raw.decode("utf-8", "surrogateescape")


def _csv_record(row: list[str], header: list[str], source: str, line: int) -> list[Record]:
    if len(row) != len(header):
        detail = f"expected {len(header)} fields, got {len(row)}"
        return [InputError(source, line, "bad-row", detail)]
    if any(_SURROGATE.search(cell) for cell in row):  # non-UTF-8 bytes, see _CsvLines
        cell = next(c for c in row if _SURROGATE.search(c))
        return [InputError(source, line, "undecodable", _bad_char(cell))]
    if any("\x00" in cell for cell in row):
        return [InputError(source, line, "binary-file", "NUL byte in row")]
    record: dict[str, Any] = {}
    for key, cell in zip(header, row, strict=True):
        if cell != "" and key not in record:  # an empty cell means "not given"
            record[key] = cell
    if isinstance(record.get("meta"), str):
        record["meta"] = _json_meta(record["meta"])
    return _article(record, source, line)


def _json_meta(value: str) -> Any:
    """A CSV ``meta`` cell holding a JSON object becomes a dict; anything else stays a string."""
    if value.lstrip().startswith("{"):
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            pass
    return value


# --------------------------------------------------------------------------- whole-file formats


def _read_text(stream: io.BufferedIOBase, source: str) -> Iterator[Record]:
    data = _read_document(stream, source)
    if isinstance(data, InputError):
        yield data
        return
    if b"\x00" in data:
        yield InputError(source, None, "binary-file", f"NUL byte at offset {data.index(0)}")
        return
    data = data.removeprefix(_BOM)
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield InputError(source, line, "undecodable", _bad_byte(data, exc, "file"))
        return
    title, text = _split_title(content.replace("\r\n", "\n"))
    if source.lower().removesuffix(".gz").endswith(".md"):
        title = title.lstrip("#").strip()
    yield from _article({"title": title, "text": text}, source, None)


def _split_title(content: str) -> tuple[str, str]:
    """("title", "text"): a first line under 200 chars followed by a blank line is a title."""
    lead = content.lstrip()
    first, _, rest = lead.partition("\n")
    after, _, _ = rest.partition("\n")
    body = re.sub(r"\A(?:[ \t]*\n)+", "", rest)  # the blank line(s) between title and text
    if len(first.strip()) < 200 and rest and not after.strip() and body.strip():
        return first.strip(), body
    return "", content


def _read_html(stream: io.BufferedIOBase, source: str) -> Iterator[Record]:
    data = _read_document(stream, source)
    if isinstance(data, InputError):
        yield data
        return
    fields = _html_fields(data)
    if isinstance(fields, str):
        yield InputError(source, None, "no-text", fields)
        return
    yield from _article(fields, source, None)


def _html_fields(data: bytes) -> dict[str, Any] | str:
    """The record fields trafilatura finds in a page, or why there are none."""
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    try:
        # Bytes, not str: trafilatura honours the page's own charset declaration.
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as exc:  # a third-party parser on hostile input: report, don't crash the run
        return f"extractor failed: {_describe(exc)}"
    found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text, title = found.get("text") or "", found.get("title") or ""
    if not text.strip():
        return "trafilatura found no main text"
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]  # the headline is kept in ``title``, not twice
    extra = {k: found.get(k) for k in ("author", "description", "hostname", "language")}
    extra |= {k: found.get(k) for k in ("categories", "tags") if found.get(k)}
    return {
        "text": text,
        "title": title,
        "outlet": found.get("sitename"),
        "published": found.get("date"),
        "url": found.get("url"),
        "meta": {k: v for k, v in extra.items() if v},
    }


def _read_document(stream: io.BufferedIOBase, source: str) -> bytes | InputError:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        size = os.path.getsize(source) if not source.lower().endswith(".gz") else None
        told = f"{size:,} bytes" if size is not None else "over that, decompressed"
        detail = f"file of {told}, over the {MAX_DOCUMENT_BYTES:,}-byte limit; split it"
        return InputError(source, None, "too-large", detail)
    if not data.removeprefix(_BOM).strip():
        return InputError(source, None, "empty-file")
    return data


_READERS: dict[str, Callable[[io.BufferedIOBase, str], Iterator[Record]]] = {
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "text": _read_text,
    "html": _read_html,
}


# --------------------------------------------------------------------------- records


def _article(record: Mapping[str, Any], source: str, line: int | None) -> list[Record]:
    """An Article from one record's fields, or the reason it cannot be one.

    A record whose date or URL cannot be used is kept without it, and an error beside it says
    so (the value is kept in ``meta``): the article is good, one field is not.
    """
    text_key = next((k for k in _TEXT_KEYS if _given(record.get(k))), None)
    if text_key is None:
        return [InputError(source, line, "missing-text", _why_no_text(record))]
    text = record[text_key]
    if not isinstance(text, str) or not text.strip():
        return [InputError(source, line, "missing-text", _why_no_text(record))]
    text = text.replace("\r\n", "\n")
    if len(text) > MAX_TEXT_CHARS:
        detail = f"text of {len(text):,} characters, over the {MAX_TEXT_CHARS:,} limit; split it"
        return [InputError(source, line, "too-large", detail)]
    # a lone \ud83d escape in JSON: not encodable, so it would break storage, in any field
    if (where := _surrogate_field(record)) is not None:
        field_name, value = where
        return [InputError(source, line, "undecodable", f"{_bad_char(value)} in {field_name}")]
    given = next((record[k] for k in _ID_KEYS if _given(record.get(k))), None)
    if given is not None and (isinstance(given, bool) or not isinstance(given, str | int)):
        kind = "boolean" if isinstance(given, bool) else _JSON_TYPES.get(type(given), "value")
        detail = f"id is a {kind}; give a string or a whole number"
        return [InputError(source, line, "invalid-id", detail)]
    notes: list[Record] = []
    url = _field(record.get("url"))
    meta = _meta(record, text_key)
    if url is not None and _normalise_url_or_none(url) is None:
        if given is None:  # the id would be derived from the URL
            detail = f"url {_short(url)} cannot be parsed, and there is no id to use instead"
            return [InputError(source, line, "invalid-url", detail)]
        notes.append(
            InputError(
                source,
                line,
                "invalid-url",
                f"url {_short(url)} cannot be parsed; stored without a url",
            )
        )
        meta = {**meta, "url_raw": url}
        url = None
    raw_date = record.get("published")
    published, meta = _published(raw_date, meta)
    if published is None and _given(raw_date):
        detail = f"published {_short(raw_date)} {_why_no_date(raw_date)}"
        notes.append(InputError(source, line, "invalid-date", f"{detail}; stored without a date"))
    article = Article(
        id=article_id(given, url, text),
        text=text,
        title=(_field(record.get("title")) or "").replace("\r\n", "\n"),
        outlet=_field(record.get("outlet")),
        published=published,
        url=url,
        category=_field(record.get("category")),
        meta=meta,
        source=source,
        line=line,
    )
    return [*notes, article]


def _surrogate_field(record: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, value) of the first string anywhere in the record holding a lone surrogate."""
    stack: list[tuple[str, Any]] = [(str(k), v) for k, v in record.items()]
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value) or _SURROGATE.search(name):
                return name, value if _SURROGATE.search(value) else name
        elif isinstance(value, dict):
            stack.extend((f"{name}.{k}", v) for k, v in value.items())
            if any(isinstance(k, str) and _SURROGATE.search(k) for k in value):
                key = next(k for k in value if isinstance(k, str) and _SURROGATE.search(k))
                return f"{name} (a key)", key
        elif isinstance(value, list):
            stack.extend((f"{name}[{i}]", v) for i, v in enumerate(value))
    return None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _why_no_text(record: Mapping[str, Any]) -> str:
    present = [k for k in _TEXT_KEYS if k in record]
    if not present:
        return "no text field"
    value = record[present[0]]
    if isinstance(value, str) or value is None:
        return f"{present[0]} is empty"
    return f"{present[0]} is a {_JSON_TYPES.get(type(value), type(value).__name__)}"


def _meta(record: Mapping[str, Any], text_key: str) -> dict[str, Any]:
    """``meta`` plus every key the schema does not know (a ``body`` beside ``text``, ...)."""
    given = record.get("meta")
    meta: dict[str, Any] = dict(given) if isinstance(given, dict) else {}
    if given is not None and not isinstance(given, dict):
        meta["meta"] = given
    for key, value in record.items():
        if key != text_key and key not in _FIELD_KEYS and value is not None:
            meta.setdefault(key, value)
    return meta


def _published(value: Any, meta: dict[str, Any]) -> tuple[dt.date | None, dict[str, Any]]:
    """The publication date; an unparseable value is kept in meta["published_raw"]."""
    if not _given(value):
        return None, meta
    date = _parse_date(value) if isinstance(value, str) else None
    if date is None:
        meta = {**meta, "published_raw": value}
    return date, meta


def _why_no_date(value: Any) -> str:
    if isinstance(value, str) and _parse_date(value, plausible=False) is not None:
        first, last = plausible_dates()
        return f"is outside {first.year}–{last.year}"
    return "is not a date"


def plausible_dates() -> tuple[dt.date, dt.date]:
    """The publication dates accepted: news from 1800 up to a year from today. A year 0001 or
    9999 is a typo or a placeholder, and would stretch every time chart over millennia."""
    return EARLIEST_DATE, dt.date.today() + dt.timedelta(days=366)


def _parse_date(value: str, plausible: bool = True) -> dt.date | None:
    """ISO date or datetime, "2019-01-04 10:00 UTC" or RFC 2822; the date as written (no tz).
    With ``plausible``, a date outside :func:`plausible_dates` is no date."""
    date = _any_date(value)
    if date is None or not plausible:
        return date
    first, last = plausible_dates()
    return date if first <= date <= last else None


def _any_date(value: str) -> dt.date | None:
    text = value.strip()
    for parse in (dt.date.fromisoformat, lambda s: dt.datetime.fromisoformat(s).date()):
        try:
            return parse(text)
        except ValueError:
            pass
    if match := _DATE_PREFIX.match(text):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _field(value: Any) -> str | None:
    """A metadata string, stripped; absent or blank gives None."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------- bytes and lines


def _raw_lines(stream: io.BufferedIOBase) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) per line; for a line too long to hold, its size instead (it is
    read in chunks and dropped, so memory stays bounded). BOM removed.

    Splitting bytes on b"\\n" (not text on str.splitlines) matters: JSON strings may contain raw
    U+2028 or \\x0c, which splitlines would treat as line breaks.
    """
    lineno = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        lineno += 1
        if lineno == 1:
            raw = raw.removeprefix(_BOM)
        if len(raw) > MAX_LINE_BYTES:
            size = len(raw)
            while not raw.endswith(b"\n") and (raw := stream.readline(MAX_LINE_BYTES)):
                size += len(raw)  # skip the rest of the overlong line without keeping it
            yield lineno, size
            continue
        yield lineno, raw


def _binary_head(stream: io.BufferedIOBase, source: str) -> InputError | None:
    """A NUL byte in the first 8 KiB means a binary file (or UTF-16): one error, not thousands."""
    head = stream.read(8192)
    stream.seek(0)
    if b"\x00" not in head:
        return None
    hint = " (UTF-16 text? re-save as UTF-8)" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
    return InputError(source, None, "binary-file", f"NUL byte at offset {head.index(0)}{hint}")


def _overlong(size: int) -> str:
    return f"line of {size:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit; split it"


def _bad_byte(data: bytes, exc: UnicodeDecodeError, unit: str = "line") -> str:
    return f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte {exc.start + 1} of the {unit}"


def _bad_char(text: str) -> str:
    match = _SURROGATE.search(text)
    assert match is not None
    char = ord(match.group())
    if 0xDC80 <= char <= 0xDCFF:  # surrogateescape's encoding of an undecodable byte
        return f"invalid UTF-8 byte 0x{char - 0xDC00:02x}"
    return f"lone surrogate \\u{char:04x}"


# --------------------------------------------------------------------------- small helpers


def _normalise_url_or_none(url: str) -> str | None:
    """The normalised URL, or None when it cannot be parsed (port 99999, "http://[::1/x")."""
    try:
        return _normalise_url(url)
    except ValueError:
        return None


def _normalise_url(url: str) -> str:
    """host + path + query without scheme, www., fragment, trailing slash or tracking params."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    query = [(k, v) for k, v in query if not _TRACKING_PARAMS.match(k)]
    path = parts.path.rstrip("/") or "/"
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _where(error: InputError) -> str:
    return f"{error.source}:{error.line}" if error.line is not None else error.source
