"""analysis.articles: real files in tmp_path, tables of inputs and the records expected."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from analysis import articles, settings
from analysis.articles import MAX_TEXT_CHARS, article_id, content_hash, read, summarise
from analysis.records import Article, InputError

Record = Article | InputError


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(gzip.compress(content) if path.suffix == ".gz" else content)
    return path


def _jsonl(*objs: Any) -> str:
    return "".join(json.dumps(o) + "\n" for o in objs)


def _summary(records: list[Record]) -> list[tuple[Any, ...]]:
    """(kind, line, id-or-reason) per record: compact enough to compare in a table."""
    return [
        ("article", r.line, r.id) if isinstance(r, Article) else ("error", r.line, r.reason)
        for r in records
    ]


def _read_one(path: Path) -> list[Record]:
    return list(read([path]))


def _only_article(path: Path) -> Article:
    (record,) = _read_one(path)
    assert isinstance(record, Article), record
    return record


def _only_error(path: Path) -> InputError:
    (record,) = _read_one(path)
    assert isinstance(record, InputError), record
    return record


# --------------------------------------------------------------------------- JSONL

A = {"id": "a", "text": "Alpha text."}
B = {"id": "b", "text": "Beta text."}

JSONL_CASES = [
    pytest.param(_jsonl(A, B), [("article", 1, "a"), ("article", 2, "b")], id="good"),
    pytest.param(
        _jsonl(A) + '{"id": "x", "text": \n' + _jsonl(B),
        [("article", 1, "a"), ("error", 2, "invalid-json"), ("article", 3, "b")],
        id="broken-line-in-middle",
    ),
    pytest.param(
        _jsonl(A, {"id": "m", "title": "No text"}, {"id": "e", "text": "  \n "}, B),
        [
            ("article", 1, "a"),
            ("error", 2, "missing-text"),
            ("error", 3, "missing-text"),
            ("article", 4, "b"),
        ],
        id="missing-and-blank-text",
    ),
    pytest.param(
        _jsonl(A, [1, 2], "text", None, 5, B),
        [("article", 1, "a")]
        + [("error", n, "not-an-object") for n in (2, 3, 4, 5)]
        + [("article", 6, "b")],
        id="not-an-object",
    ),
    pytest.param(
        "\n" + _jsonl(A) + "   \n\n" + _jsonl(B) + "\n",
        [("article", 2, "a"), ("article", 5, "b")],
        id="blank-lines-skipped",
    ),
    pytest.param(
        "\ufeff" + _jsonl(A).replace("\n", "\r\n") + _jsonl(B).replace("\n", "\r\n"),
        [("article", 1, "a"), ("article", 2, "b")],
        id="bom-and-crlf",
    ),
    pytest.param(
        _jsonl(A, {"id": "t", "text": 42}, B),
        [("article", 1, "a"), ("error", 2, "missing-text"), ("article", 3, "b")],
        id="text-not-a-string",
    ),
    pytest.param(
        _jsonl(A) + '{"id": "s", "text": "half an emoji \\ud83d"}\n' + _jsonl(B),
        [("article", 1, "a"), ("error", 2, "undecodable"), ("article", 3, "b")],
        id="lone-surrogate-escape",
    ),
    pytest.param(
        '{\n  "id": "a",\n  "text": "pretty"\n}\n',
        [("error", 1, "invalid-json")],
        id="pretty-printed-document-one-error",
    ),
]


@pytest.mark.parametrize(("content", "expected"), JSONL_CASES)
def test_jsonl(tmp_path: Path, content: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_read_one(_write(tmp_path / "in.jsonl", content))) == expected


def test_invalid_json_detail_names_the_problem(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", _jsonl(A) + '{"text": "x",}\n')
    error = _read_one(path)[1]
    assert isinstance(error, InputError)
    assert (error.source, error.line, error.reason) == (str(path), 2, "invalid-json")
    assert "Expecting property name" in error.detail


@pytest.mark.parametrize("ext", ["jsonl", "ndjson", "json"])
def test_jsonl_extensions(tmp_path: Path, ext: str) -> None:
    assert _summary(_read_one(_write(tmp_path / f"in.{ext}", _jsonl(A)))) == [("article", 1, "a")]


def test_invalid_utf8_line_keeps_neighbours(tmp_path: Path) -> None:
    content = _jsonl(A).encode() + b'{"id": "x", "text": "caf\xe9"}\n' + _jsonl(B).encode()
    records = _read_one(_write(tmp_path / "in.jsonl", content))
    assert _summary(records) == [
        ("article", 1, "a"),
        ("error", 2, "undecodable"),
        ("article", 3, "b"),
    ]
    assert isinstance(records[1], InputError) and "0xe9" in records[1].detail


def test_jsonl_fields_and_meta(tmp_path: Path) -> None:
    record = {
        "doc_id": 17,
        "title": "A title",
        "text": "Line one.\r\nLine two.  ",
        "outlet": "The Paper",
        "published": "2019-01-04",
        "url": "https://example.com/x",
        "category": "politics",
        "meta": {"licence": "CC BY"},
        "authors": ["A. Writer"],
    }
    article = _only_article(_write(tmp_path / "in.jsonl", _jsonl(record)))
    assert article == Article(
        id="17",
        text="Line one.\nLine two.  ",  # only \r\n is normalised; nothing is stripped
        title="A title",
        outlet="The Paper",
        published=dt.date(2019, 1, 4),
        url="https://example.com/x",
        category="politics",
        meta={"licence": "CC BY", "authors": ["A. Writer"]},
        source=str(tmp_path / "in.jsonl"),
        line=1,
    )


# --------------------------------------------------------------------------- whole-file errors


FILE_ERROR_CASES = [
    pytest.param("empty.jsonl", b"", "empty-file", id="empty-jsonl"),
    pytest.param("blank.jsonl", b"  \n\n\t\n", "empty-file", id="whitespace-jsonl"),
    pytest.param("empty.csv", b"", "empty-file", id="empty-csv"),
    pytest.param("empty.txt", b"\xef\xbb\xbf \n", "empty-file", id="bom-only-txt"),
    pytest.param("empty.html", b"", "empty-file", id="empty-html"),
    pytest.param("img.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary-file", id="bin"),
    pytest.param("img.txt", b"GIF89a\x00\x01\x00", "binary-file", id="binary-txt"),
    pytest.param("u16.jsonl", '{"text": "x"}\n'.encode("utf-16"), "binary-file", id="utf16"),
    pytest.param("page.html", b"<html><script>x()</script></html>", "no-text", id="html-no-text"),
    pytest.param("data.pdf", b"%PDF-1.4", "unsupported-format", id="pdf"),
    pytest.param("data.gz", b"whatever", "unsupported-format", id="gz-without-inner-ext"),
    pytest.param("bad.jsonl.gz", b"not gzip at all", "unreadable", id="not-gzip"),
]


@pytest.mark.parametrize(("name", "content", "reason"), FILE_ERROR_CASES)
def test_file_level_errors(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)  # raw bytes: "bad.jsonl.gz" must not be compressed here
    error = _only_error(path)
    assert (error.source, error.reason) == (str(path), reason)


def test_path_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    assert _read_one(missing) == [InputError(str(missing), None, "path-not-found")]


def test_undecodable_txt_names_the_line(tmp_path: Path) -> None:
    error = _only_error(_write(tmp_path / "a.txt", b"Title\n\nfine line\nbad \xff here\n"))
    assert (error.line, error.reason) == (4, "undecodable")


def test_a_lone_path_string_is_not_iterated_by_character(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", _jsonl(A))
    assert _summary(list(read(str(path)))) == [("article", 1, "a")]


# --------------------------------------------------------------------------- CSV / TSV

CSV_CASES = [
    pytest.param(
        "id,title,text\na,T1,Alpha text.\nb,T2,Beta text.\n",
        [("article", 2, "a"), ("article", 3, "b")],
        id="header",
    ),
    pytest.param(
        "ID,Title,Text\r\na,T1,Alpha text.\r\n",
        [("article", 2, "a")],
        id="case-insensitive-header-crlf",
    ),
    pytest.param(
        "doc_id,body\na,Alpha text.\n",
        [("article", 2, "a")],
        id="aliases-doc_id-body",
    ),
    pytest.param(
        "id,title,text\na,T1,Alpha text.\nm,T2\nx,T3,\nb,T4,Beta text.\n",
        [
            ("article", 2, "a"),
            ("error", 3, "bad-row"),
            ("error", 4, "missing-text"),
            ("article", 5, "b"),
        ],
        id="missing-column-and-empty-text",
    ),
    pytest.param(
        "id,title,text\na,T1,Alpha text.\ne,T2,Extra,cell\nb,T3,Beta text.\n",
        [("article", 2, "a"), ("error", 3, "bad-row"), ("article", 4, "b")],
        id="extra-columns",
    ),
    pytest.param(
        'id,title,text\nq,T1,"He said, ""yes"".\n\nThen left."\nb,T2,Beta text.\n',
        [("article", 2, "q"), ("article", 5, "b")],
        id="quoted-multi-line-field",
    ),
    pytest.param(
        "id;title;text\na;T1;Alpha, with a comma.\nb;T2;Beta text.\n",
        [("article", 2, "a"), ("article", 3, "b")],
        id="semicolon-sniffed",
    ),
    pytest.param(
        "\n\nid,text\n\na,Alpha text.\n",
        [("article", 5, "a")],
        id="leading-blank-lines",
    ),
    pytest.param(
        "id,title\na,T1\n",
        [("error", 1, "missing-text")],
        id="no-text-column",
    ),
    pytest.param("id,title,text\n", [("error", None, "empty-file")], id="header-and-no-rows"),
    pytest.param(
        # the quote opened on line 3 is taken to close on line 4, where a letter follows it:
        # the record is refused (not glued to the next one), and the file goes on after it
        'id,title,text\na,T1,Alpha text.\nq,T2,"unclosed\nz,T3,"Swallowed."\nb,T4,Beta text.\n',
        [("article", 2, "a"), ("error", 3, "bad-row"), ("article", 5, "b")],
        id="unclosed-quote-in-the-middle",
    ),
    pytest.param(
        'id,title,text\na,T1,Alpha text.\nq,T2,"never closed\nb,T3,Beta text.\n',
        [("article", 2, "a"), ("error", 3, "bad-row")],
        id="unclosed-quote-runs-to-the-end",
    ),
    pytest.param(
        'id,text\na,He said "yes" loudly.\n',
        [("article", 2, "a")],
        id="quotes-inside-an-unquoted-field",
    ),
]


@pytest.mark.parametrize(("content", "expected"), CSV_CASES)
def test_csv(tmp_path: Path, content: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_read_one(_write(tmp_path / "in.csv", content))) == expected


def test_an_unclosed_quote_names_the_lines_it_swallowed(tmp_path: Path) -> None:
    content = 'id,text\na,Alpha text.\nq,"never closed\nb,Beta text.\nc,Gamma text.\n'
    records = _read_one(_write(tmp_path / "in.csv", content))
    assert isinstance(records[-1], InputError)
    assert records[-1].detail.endswith("the record runs over lines 3-5")


def test_csv_multi_line_field_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "in.csv", 'id,text\r\nq,"Line one.\r\n\r\n""Quoted,"" he said."\r\n')
    assert _only_article(path).text == 'Line one.\n\n"Quoted," he said.'


def test_csv_fields_and_meta(tmp_path: Path) -> None:
    content = (
        "id,title,text,outlet,published,url,category,meta,lean\n"
        'a,T,Body.,Paper,2020-02-03T10:00:00Z,http://x.org/1,world,"{""k"": 1}",left\n'
    )
    article = _only_article(_write(tmp_path / "in.csv", content))
    assert (article.title, article.outlet, article.published) == ("T", "Paper", dt.date(2020, 2, 3))
    assert (article.url, article.category) == ("http://x.org/1", "world")
    assert article.meta == {"k": 1, "lean": "left"}


def test_csv_undecodable_row_keeps_neighbours(tmp_path: Path) -> None:
    content = b"id,text\na,Alpha text.\nx,caf\xe9\nb,Beta text.\n"
    records = _read_one(_write(tmp_path / "in.csv", content))
    assert _summary(records) == [
        ("article", 2, "a"),
        ("error", 3, "undecodable"),
        ("article", 4, "b"),
    ]


def test_csv_large_field(tmp_path: Path) -> None:
    text = "word " * 100_000  # 500 KB: over the csv module's default 128 KiB field limit
    article = _only_article(_write(tmp_path / "in.csv", f"id,text\na,{text}\n"))
    assert article.text == text


def test_tsv(tmp_path: Path) -> None:
    content = "id\ttitle\ttext\na\tT1\tAlpha, with a comma.\nb\tT2\n"
    records = _read_one(_write(tmp_path / "in.tsv", content))
    assert _summary(records) == [("article", 2, "a"), ("error", 3, "bad-row")]
    assert isinstance(records[0], Article) and records[0].text == "Alpha, with a comma."


# --------------------------------------------------------------------------- plain text

TXT_CASES = [
    pytest.param("Headline\n\nBody line.\nMore.\n", "Headline", "Body line.\nMore.\n", id="title"),
    pytest.param(
        "\n  Headline  \r\n\r\n\r\nBody.\r\n", "Headline", "Body.\n", id="crlf-extra-blank-lines"
    ),
    pytest.param("Just one paragraph\nof text.\n", "", "Just one paragraph\nof text.\n", id="none"),
    pytest.param(
        "x" * 250 + "\n\nBody.\n", "", "x" * 250 + "\n\nBody.\n", id="first-line-too-long"
    ),
    pytest.param("Only a line\n\n", "", "Only a line\n\n", id="title-without-body"),
]


@pytest.mark.parametrize(("content", "title", "text"), TXT_CASES)
def test_txt(tmp_path: Path, content: str, title: str, text: str) -> None:
    article = _only_article(_write(tmp_path / "a.txt", content))
    assert (article.title, article.text, article.line) == (title, text, None)
    assert article.id == article_id(None, None, text)
    assert article.id.startswith("sha-")


def test_markdown_title_loses_hashes(tmp_path: Path) -> None:
    article = _only_article(_write(tmp_path / "a.md", "# A heading\n\nBody text.\n"))
    assert (article.title, article.text) == ("A heading", "Body text.\n")


# --------------------------------------------------------------------------- HTML

PAGE = """<!doctype html>
<html><head><title>Bridge plan | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<link rel="canonical" href="https://example.com/news/bridge-plan">
<script>var tracker = "SCRIPT_SECRET";</script></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Bridge plan</h1>
<p>"We will build it," the mayor said on Tuesday, adding that 300 workers would be hired.</p>
<script>document.write("INLINE_SECRET");</script>
<p>The council approved the plan by seven votes to two after a long debate on the costs.</p>
</article><footer>Copyright Daily Planet</footer></body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz"])
def test_html(tmp_path: Path, name: str) -> None:
    article = _only_article(_write(tmp_path / name, PAGE))
    assert "SECRET" not in article.text
    assert '"We will build it," the mayor said' in article.text
    assert "seven votes to two" in article.text
    assert article.title == "Bridge plan"
    assert not article.text.startswith("Bridge plan")  # the headline is not repeated in text
    assert article.outlet == "Daily Planet"
    assert article.published == dt.date(2021, 3, 4)
    assert article.url == "https://example.com/news/bridge-plan"
    assert article.id == article_id(None, "https://example.com/news/bridge-plan", "")
    assert article.line is None


# --------------------------------------------------------------------------- folders and gzip


def test_directory_recursion_mixed_formats(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _write(root / "b.jsonl", _jsonl(A, B))
    _write(root / "a" / "z.csv", "id,text\nc,Gamma text.\n")
    _write(root / "a" / "notes.txt", "Title\n\nSome text.\n")
    _write(root / "c" / "d.jsonl.gz", _jsonl({"id": "d", "text": "Delta."}))
    _write(root / "c" / "page.html", PAGE)
    _write(root / "c" / "image.png", b"\x89PNG")
    _write(root / ".hidden.jsonl", _jsonl({"id": "hidden", "text": "no"}))
    _write(root / ".git" / "x.jsonl", _jsonl({"id": "git", "text": "no"}))
    records = list(read([root]))
    sources = [Path(r.source).relative_to(root).as_posix() for r in records]
    assert sources == [
        "a/notes.txt",
        "a/z.csv",
        "b.jsonl",
        "b.jsonl",
        "c/d.jsonl.gz",
        "c/image.png",
        "c/page.html",
    ]
    kinds = [type(r).__name__ for r in records]
    assert kinds == ["Article"] * 5 + ["InputError", "Article"]
    assert isinstance(records[5], InputError) and records[5].reason == "unsupported-format"
    assert [r.id for r in records if isinstance(r, Article)][1:5] == ["c", "a", "b", "d"]


def test_paths_are_read_in_the_order_given(tmp_path: Path) -> None:
    first = _write(tmp_path / "z.jsonl", _jsonl(B))
    second = _write(tmp_path / "a.jsonl", _jsonl(A))
    missing = tmp_path / "missing"
    records = list(read([first, str(missing), second]))
    assert _summary(records) == [
        ("article", 1, "b"),
        ("error", None, "path-not-found"),
        ("article", 1, "a"),
    ]


def test_gzip_streams_large_jsonl(tmp_path: Path) -> None:
    objs = [{"id": f"n{i}", "text": f"Article number {i}."} for i in range(5000)]
    path = _write(tmp_path / "big.jsonl.gz", _jsonl(*objs))
    stream = read([path])
    first = next(stream)  # a generator: nothing beyond the first record has been parsed yet
    assert isinstance(first, Article) and first.id == "n0"
    rest = list(stream)
    assert len(rest) == 4999 and all(isinstance(r, Article) for r in rest)


def test_truncated_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    objs = [{"id": f"n{i}", "text": f"Article number {i} " + "x" * 200} for i in range(2000)]
    data = gzip.compress(_jsonl(*objs).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    records = _read_one(path)
    articles_read = [r for r in records[:-1] if isinstance(r, Article)]
    assert len(articles_read) == len(records) - 1 > 100
    assert [a.id for a in articles_read] == [f"n{i}" for i in range(len(articles_read))]
    last = records[-1]
    assert isinstance(last, InputError) and last.reason == "unreadable"
    assert "EOFError" in last.detail


def test_corrupt_gzip_crc(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(_jsonl(A, B).encode()))
    data[-8] ^= 0xFF  # the CRC32 in the trailer
    path = tmp_path / "crc.jsonl.gz"
    path.write_bytes(bytes(data))
    records = _read_one(path)
    assert _summary(records)[-1] == ("error", None, "unreadable")


# --------------------------------------------------------------------------- ids and hashes

ID_CASES = [
    pytest.param({"id": " abc ", "doc_id": "zzz", "url": "http://x"}, "abc", id="id"),
    pytest.param({"doc_id": 12}, "12", id="doc_id-number"),
    pytest.param({"id": "", "url": "https://x.org/a"}, "url-", id="blank-id-uses-url"),
    pytest.param({}, "sha-", id="hash"),
]


@pytest.mark.parametrize(("fields", "expected"), ID_CASES)
def test_id_rules(tmp_path: Path, fields: dict[str, Any], expected: str) -> None:
    article = _only_article(_write(tmp_path / "in.jsonl", _jsonl({"text": "Same text.", **fields})))
    if expected.endswith("-"):
        assert article.id.startswith(expected) and len(article.id) == len(expected) + 16
    else:
        assert article.id == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://www.Example.com/a/b/", "http://example.com/a/b"),
        ("https://example.com/a?utm_source=x&p=1", "https://example.com/a?p=1"),
        ("https://example.com/a#comments", "https://example.com/a"),
    ],
)
def test_url_ids_ignore_cosmetic_differences(one: str, other: str) -> None:
    assert article_id(None, one, "t") == article_id(None, other, "t")


def test_article_id_rules_directly() -> None:
    assert article_id("  x1 ", "http://a", "t") == "x1"
    assert article_id(None, "https://a.org/p", "t") != article_id(None, "https://a.org/q", "t")
    assert article_id(None, None, "t") != article_id(None, None, "u")
    assert article_id(None, " ", "t") == article_id(None, None, "t")


def test_same_article_twice_same_id_and_hash(tmp_path: Path) -> None:
    content = _jsonl({"url": "https://x.org/1", "text": "Text.", "title": "T"})
    one = _only_article(_write(tmp_path / "one.jsonl", content))
    two = _only_article(_write(tmp_path / "two.jsonl", content))
    assert one.id == two.id
    assert content_hash(one) == content_hash(two)
    text_one = _only_article(_write(tmp_path / "a.txt", "Title\n\nBody.\n"))
    text_two = _only_article(_write(tmp_path / "b.txt", "Title\n\nBody.\n"))
    assert (text_one.id, content_hash(text_one)) == (text_two.id, content_hash(text_two))


BASE = Article(id="a", text="Body.", title="T", outlet="O", url="http://u", category="c")


@pytest.mark.parametrize(
    "changed",
    [
        Article(id="a", text="Body!", title="T", outlet="O", url="http://u", category="c"),
        Article(id="a", text="Body.", title="T2", outlet="O", url="http://u", category="c"),
        Article(id="a", text="Body.", title="T", outlet="O2", url="http://u", category="c"),
        Article(id="a", text="Body.", title="T", outlet="O", url="http://v", category="c"),
        Article(id="a", text="Body.", title="T", outlet="O", url="http://u", category=None),
        Article(
            id="a",
            text="Body.",
            title="T",
            outlet="O",
            url="http://u",
            category="c",
            published=dt.date(2020, 1, 1),
        ),
        Article(id="a", text="T\nBody.", title="", outlet="O", url="http://u", category="c"),
    ],
)
def test_changes_change_the_hash(changed: Article) -> None:
    assert content_hash(changed) != content_hash(BASE)


def test_hash_ignores_where_it_was_read() -> None:
    moved = Article(
        id="a",
        text="Body.",
        title="T",
        outlet="O",
        url="http://u",
        category="c",
        source="elsewhere.jsonl",
        line=9,
    )
    assert content_hash(moved) == content_hash(BASE)
    assert len(content_hash(BASE)) == 64


# --------------------------------------------------------------------------- published

PUBLISHED_CASES = [
    ("2019-01-04", dt.date(2019, 1, 4), None),
    ("2019-01-04T23:30:00+05:00", dt.date(2019, 1, 4), None),  # the date as written, no tz shift
    ("2019-01-04T10:00:00Z", dt.date(2019, 1, 4), None),
    ("2019-01-04 10:00:00 UTC", dt.date(2019, 1, 4), None),
    ("Fri, 04 Jan 2019 10:00:00 GMT", dt.date(2019, 1, 4), None),
    ("yesterday", None, "yesterday"),
    ("2019-02-30", None, "2019-02-30"),
    (2019, None, 2019),
    ("", None, None),
    (None, None, None),
    # placeholders and typos that would stretch every time chart over millennia
    ("0001-01-01", None, "0001-01-01"),
    ("9999-12-31", None, "9999-12-31"),
    ("1799-12-31", None, "1799-12-31"),
    ("1800-01-01", dt.date(1800, 1, 1), None),
]


@pytest.mark.parametrize(("value", "date", "raw"), PUBLISHED_CASES)
def test_published(tmp_path: Path, value: Any, date: dt.date | None, raw: Any) -> None:
    """A date that cannot be used is an error beside the article, which is kept without it."""
    records = _read_one(_write(tmp_path / "in.jsonl", _jsonl({"text": "T.", "published": value})))
    article = records[-1]
    assert isinstance(article, Article)
    assert article.published == date
    assert article.meta.get("published_raw") == raw
    if raw is None:
        assert len(records) == 1
    else:
        (error,) = records[:-1]
        assert isinstance(error, InputError) and error.reason == "invalid-date"
        assert error.line == 1 and "stored without a date" in error.detail


# --------------------------------------------------------------------------- size limits


def test_too_large_text_neighbours_kept(tmp_path: Path) -> None:
    huge = {"id": "huge", "text": "x" * (MAX_TEXT_CHARS + 1)}
    at_limit = {"id": "ok", "text": "y" * MAX_TEXT_CHARS}
    records = _read_one(_write(tmp_path / "in.jsonl", _jsonl(A, huge, at_limit, B)))
    assert _summary(records) == [
        ("article", 1, "a"),
        ("error", 2, "too-large"),
        ("article", 3, "ok"),
        ("article", 4, "b"),
    ]


def test_overlong_line_is_refused_unparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "MAX_LINE_BYTES", 1000)
    content = _jsonl(A, {"id": "long", "text": "z" * 5000}, B)
    records = _read_one(_write(tmp_path / "in.jsonl", content))
    assert _summary(records) == [
        ("article", 1, "a"),
        ("error", 2, "too-large"),
        ("article", 3, "b"),
    ]


def test_too_large_txt(tmp_path: Path) -> None:
    error = _only_error(_write(tmp_path / "big.txt", "w" * (MAX_TEXT_CHARS + 1)))
    assert error.reason == "too-large"
    assert error.detail.startswith(f"text of {MAX_TEXT_CHARS + 1:,} characters, over the")


def test_an_overlong_line_is_named_with_its_size(tmp_path: Path) -> None:
    size = articles.MAX_LINE_BYTES + 10
    line = '{"id": "big", "text": "' + "x" * (size - 26) + '"}\n'
    records = _read_one(_write(tmp_path / "in.jsonl", _jsonl(A) + line + _jsonl(B)))
    assert _summary(records) == [
        ("article", 1, "a"),
        ("error", 2, "too-large"),
        ("article", 3, "b"),
    ]
    error = records[1]
    assert isinstance(error, InputError)
    assert error.detail.startswith(f"line of {len(line.encode()):,} bytes, over the")


def test_a_document_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.truncate(articles.MAX_DOCUMENT_BYTES + 1)  # sparse: no need to write the bytes
    error = _only_error(path)
    assert (error.reason, error.line) == ("too-large", None)
    assert error.detail.startswith(f"file of {articles.MAX_DOCUMENT_BYTES + 1:,} bytes")


# --------------------------------------------------------------------------- summary


def test_summarise() -> None:
    errors = [InputError("a.jsonl", n, "invalid-json") for n in (3, 5, 8, 13)]
    errors.append(InputError("b.csv", None, "empty-file"))
    text = summarise(errors)
    assert text.splitlines()[0] == "5 input errors:"
    assert "4 invalid-json: a.jsonl:3, a.jsonl:5, a.jsonl:8, … 1 more" in text
    assert "1 empty-file: b.csv" in text
    assert text.index("invalid-json") < text.index("empty-file")
    assert summarise([]) == "no input errors"


# --------------------------------------------------------------------------- the real corpus


def test_wikinews_corpus() -> None:
    shared = settings.shared_dir()  # CI always has ../shared; a missing one is an error
    path = shared / "corpus" / "wikinews" / "articles.jsonl"
    records = list(read([path]))
    errors = [r for r in records if isinstance(r, InputError)]
    found = [r for r in records if isinstance(r, Article)]
    assert errors == []
    assert len(found) == 294
    assert len({a.id for a in found}) == 294
    assert all(a.text.strip() and a.source == str(path) for a in found)
    assert [a.line for a in found] == list(range(1, 295))
    assert sum(a.published is not None for a in found) == 294
