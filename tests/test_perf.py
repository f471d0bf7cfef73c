"""The performance machinery, checked for what it does (not for how fast: ``quotedesk bench``
prints that): the bench command's table, the 1%-changed corpus, word-capped batches, worker
processes giving the same extractions as one process, and a vocabulary that does not grow."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from spacy.language import Language

from analysis import articles, settings
from analysis.dev import perf
from analysis.extract.pipeline import word_batches
from analysis.extract.run import Extractor
from analysis.records import Article

SAMPLE = settings.PROJECT_ROOT / "data" / "sample" / "articles.jsonl"


def _sample(n: int) -> list[Article]:
    return [a for a in articles.read([SAMPLE]) if isinstance(a, Article)][:n]


def test_bench_prints_every_measure_with_ratios_and_the_incremental_share(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "analysis.cli", "bench", "--corpus", str(SAMPLE)]
    cmd += ["--limit", "6", "--runs", "1", "--processes", "1", "--quiet"]
    cmd += ["--measures", "extraction", "ingest", "tiny", "--tiny", "300"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=True).stdout
    assert "6 articles" in out and "medians of 1 runs" in out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    for label in perf.LABELS.values():
        cells = [c.strip() for c in rows[label].split("|")[2:-1]]
        assert cells[0] == "1" and float(cells[1]) > 0 and float(cells[2].replace(",", "")) > 0
    ratio = rows["quotedesk extraction"].split("|")[6].strip()
    assert 0.2 < float(ratio) < 2.0  # quotedesk / bare spaCy, same texts
    found = re.search(
        r"1 of 6 articles changed \(1 updated, 5 unchanged\): [\d.]+s = ([\d.]+)%", out
    )
    assert found, out
    tiny = re.search(r"tiny records, 1 process: ([\d,]+) records/s \(300 one-sentence", out)
    assert tiny and int(tiny[1].replace(",", "")) > 0, out


def test_the_changed_corpus_differs_in_one_article_in_a_hundred(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": f"Text {i}."}) + "\n" for i in range(250))
    )
    first, changed, n = perf.write_slice(src, 220, tmp_path)
    before, after = first.read_text().splitlines(), changed.read_text().splitlines()
    assert len(before) == len(after) == 220
    edited = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert edited == [50, 150] and n == 2
    assert json.loads(after[50])["text"] == "Text 50." + perf.EDIT
    _, _, n_small = perf.write_slice(src, 10, tmp_path)
    assert n_small == 1  # a slice under a hundred articles still changes one


def test_word_batches_cap_words_and_articles_and_keep_order() -> None:
    arts = [Article(id=str(i), text=" ".join(["w"] * n)) for i, n in enumerate([10, 10, 25, 3, 3])]
    batches = [[a.id for a in b] for b in word_batches(arts, max_articles=2, max_words=20)]
    assert batches == [["0", "1"], ["2"], ["3", "4"]]
    assert [a.id for b in word_batches(arts, 16, 1000) for a in b] == ["0", "1", "2", "3", "4"]


def test_two_worker_processes_extract_what_one_process_does(nlp: Language) -> None:
    arts = _sample(12)
    with Extractor(1, nlp=nlp) as one:
        serial = list(one(arts))
    with Extractor(2) as two:
        parallel = list(two(arts))
    assert [a.id for a, _ in parallel] == [a.id for a in arts]
    assert [ex for _, ex in parallel] == [ex for _, ex in serial]
    assert sum(len(ex.statements) for _, ex in serial) > 20


def test_extraction_leaves_the_vocabulary_as_it_found_it(nlp: Language) -> None:
    """New words of each batch are freed with it (spaCy memory zones), so a long ingest does
    not grow the vocabulary with every name and typo of the corpus."""
    text = (
        "Councillor Zyrpha Quendolin said the Vortellan bridge would reopen. "
        '"We have fixed 1,240 brackets," the Graddlewick engineer told reporters.'
    )
    arts = [Article(id=f"v{i}", text=text.replace("Vortellan", f"Vortellan{i}")) for i in range(5)]
    with Extractor(1, nlp=nlp) as extractor:
        list(extractor(arts[:1]))  # words the pipeline itself adds once, at first use
        before = len(nlp.vocab.strings)
        found = list(extractor(arts))
    assert len(nlp.vocab.strings) == before
    assert all(ex.statements and ex.figures for _, ex in found)
    assert found[0][1].statements[0].speaker == "Zyrpha Quendolin"


def test_tree_memory_counts_this_process() -> None:
    assert perf.tree_rss_mb() > 10


def _jsonl(path: Path, texts: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    return path


def test_reingest_parses_and_writes_only_the_changed_articles(tmp_path: Path) -> None:
    from analysis.ingest import IngestReport, ingest

    texts = {f"a{i}": f"Mayor Lena Dahl{i} said the bridge {i} would reopen." for i in range(7)}
    db = tmp_path / "s.duckdb"
    ingest([_jsonl(tmp_path / "one.jsonl", texts)], db, batch_size=2, progress=False)
    texts["a3"] = "Mayor Lena Dahl3 said the bridge would not reopen before 2030."
    batches: list[int] = []

    def seen(report: IngestReport) -> None:
        batches.append(report.counts.updated)

    again = ingest([_jsonl(tmp_path / "two.jsonl", texts)], db, batch_size=2, progress=False,
                   on_batch=seen)  # fmt: skip
    c = again.counts
    assert (c.new, c.updated, c.unchanged, c.statements) == (0, 1, 6, 1)
    assert batches == [1]  # one write batch, not one per two articles read


def test_a_second_copy_of_an_id_is_an_error_and_the_first_is_stored(tmp_path: Path) -> None:
    """Which of two records with one id is the article cannot be known: the first read is
    stored (here it updates the stored one), the second is a duplicate-id error naming it."""
    from analysis import store
    from analysis.ingest import ingest

    db = tmp_path / "s.duckdb"
    first = {"x": "Minister Ada Varg said taxes would fall."}
    ingest([_jsonl(tmp_path / "one.jsonl", first)], db, progress=False)
    src = tmp_path / "two.jsonl"
    edited = json.dumps({"id": "x", "text": "Minister Ada Varg said taxes would rise."})
    src.write_text(edited + "\n" + json.dumps({"id": "x", "text": first["x"]}) + "\n")
    report = ingest([src], db, progress=False)
    assert (report.counts.updated, report.counts.unchanged) == (1, 0)
    (error,) = report.errors
    assert (error.line, error.reason) == (2, "duplicate-id") and f"{src}:1" in error.detail
    stored = store.query(db, "SELECT text FROM articles")["text"].to_list()
    assert stored == ["Minister Ada Varg said taxes would rise."]
