"""Properties that hold for any input: extraction never raises, and every offset it returns
lies inside the text and reproduces the stored words. Hostile search strings stay literal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from analysis import queries
from analysis.extract.pipeline import extract_doc
from analysis.ingest import ingest

# Text built from the pieces that trip extractors: quote marks of every kind, numbers,
# currency, newlines, names, reporting verbs, and arbitrary unicode.
PIECES = st.sampled_from(
    [
        '"', "\u201c", "\u201d", "''", "'", " said ", " told reporters ", "according to ",
        "Putin", "Mr. Smith", "he", "she", "$2bn", "300,000", "5%", "three", "\n\n", "\n",
        ", ", ". ", ": ", " \u2014 ", "(", ")", "the minister", "that", "1990s", "-",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, title=st.text(max_size=40))
def test_extraction_never_raises_and_offsets_hold(nlp: Language, text: str, title: str) -> None:
    ex = extract_doc(nlp(text), title=title, article_id="x")
    for s in ex.statements:
        source = title if s.section == "title" else text
        assert 0 <= s.start <= s.end <= len(source)
        pieces = s.fragments or ((s.start, s.end),)
        assert all(0 <= a <= b <= len(source) for a, b in pieces)
        assert s.text == " … ".join(source[a:b] for a, b in pieces)
        if s.speaker_start is not None and s.section == "text":
            assert text[s.speaker_start : s.speaker_end] == s.speaker_mention
        if s.cue_start is not None and s.section == "text":
            assert text[s.cue_start : s.cue_end] == s.cue
    for f in ex.figures:
        assert text[f.start : f.end] == f.surface
        if f.counts_start is not None:
            assert text[f.counts_start : f.counts_end] == f.counts


INJECTIONS = [
    "'; DROP TABLE statements; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM articles WHERE ('1'='1",
    "%' UNION SELECT text FROM articles --",
    "\\x00\\' ; ATTACH 'evil.db'",
]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inj")
    rows = [
        {"id": "i1", "outlet": "O'Brien Times", "text": "Mayor Lena Dahl said the bridge "
         "would reopen on Friday after repairs that cost 2 million dollars."},
        {"id": "i2", "outlet": "Harbour", "text": "Judge Anna Berg said the trial "
         "would resume on Monday; DROP TABLE statements was written on a placard."},
    ]  # fmt: skip
    src = folder / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = folder / "t.duckdb"
    ingest([src], db, progress=False)
    return db


@pytest.mark.parametrize("attack", INJECTIONS)
def test_hostile_search_and_filters_are_literal(small_db: Path, attack: str) -> None:
    before = queries.overview(small_db)
    found = queries.statements(small_db, search=attack)
    filtered = queries.statements(small_db, queries.Filters(outlets=(attack,), speakers=(attack,)))
    assert filtered.height == 0
    assert found.height <= before["statements"]
    assert queries.overview(small_db) == before  # nothing dropped, nothing changed


def test_an_outlet_with_a_quote_in_its_name_is_found(small_db: Path) -> None:
    got = queries.statements(small_db, queries.Filters(outlets=("O'Brien Times",)))
    assert got["outlet"].to_list() == ["O'Brien Times"]
