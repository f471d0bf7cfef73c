"""Properties that hold for any input: extraction never raises, and every offset it returns
lies inside the text and reproduces the stored words. Hostile search strings stay literal."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import robustness
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from analysis import queries, store
from analysis.desk import Desk
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


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inj")
    rows = [
        {"id": "i1", "outlet": "O'Brien Times", "text": "Mayor Lena Dahl said the bridge "
         "would reopen on Friday after repairs that cost 2 million dollars."},
        {"id": "i2", "outlet": "Harbour", "text": "Judge Anna Berg said the trial "
         "would resume on Monday; DROP TABLE statements was written on a placard."},
        *(robustness.quoting(i, attack) for i, (attack, _) in enumerate(robustness.INJECTIONS)),
    ]  # fmt: skip
    src = folder / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = folder / "t.duckdb"
    ingest([src], db, progress=False)
    return db


def _state(db: Path) -> tuple[Any, ...]:
    """Everything an injection could change: tables, rows, and their contents."""
    tables = store.query(db, "SELECT table_name FROM duckdb_tables() ORDER BY ALL")[
        "table_name"
    ].to_list()
    rows = store.query(
        db,
        """SELECT (SELECT count(*) FROM articles), (SELECT sum(hash(article_id, text, outlet))
                   FROM articles), (SELECT count(*) FROM statements),
                  (SELECT sum(hash(statement_id, text)) FROM statements)""",
    ).row(0)
    return (tuple(tables), rows)


@pytest.mark.parametrize(("attack", "found"), robustness.INJECTIONS)
def test_hostile_search_and_filters_are_literal(
    small_db: Path, attack: str, found: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where an ATTACH or COPY would leave a file
    before = _state(small_db)
    planted = f"attack-{[a for a, _ in robustness.INJECTIONS].index(attack)}"
    hits = queries.statements(small_db, search=attack)
    if found:  # the statement quoting the attack, word for word, comes first
        assert hits["article_id"][0] == planted and attack in hits["text"][0]
    else:
        assert hits.height == 0
    every = queries.Filters(distinct=False)
    by_outlet = queries.statements(small_db, replace(every, outlets=(attack,)))
    assert set(by_outlet["article_id"]) == {planted}  # the outlet named so, and only it
    for field in ("speakers", "topics", "kinds"):
        assert queries.statements(small_db, replace(every, **{field: (attack,)})).height == 0
    assert queries.figures(small_db, counts=attack).height == 0
    assert queries.article(small_db, attack) is None
    desk = Desk(small_db)
    mine = desk.statements(search=attack, outlet=attack, distinct=False)
    assert set(mine["article_id"]) == ({planted} if found else set())
    with pytest.raises(ValueError, match="no speaker called"):
        desk.speaker(attack)
    assert _state(small_db) == before  # nothing dropped, deleted, copied or attached
    assert list(tmp_path.iterdir()) == [] and not (small_db.parent / "evil.db").exists()


def test_an_outlet_with_a_quote_in_its_name_is_found(small_db: Path) -> None:
    got = queries.statements(small_db, queries.Filters(outlets=("O'Brien Times",)))
    assert got["outlet"].to_list() == ["O'Brien Times"]


def test_wildcards_in_the_counts_and_speaker_searches_are_characters(small_db: Path) -> None:
    with_counts = queries.figures(small_db).filter(pl.col("counts").is_not_null())
    assert with_counts.height > 0
    for wild in ("%", "_", "%_%"):
        literal = with_counts.filter(pl.col("counts").str.contains(wild, literal=True))
        assert queries.figures(small_db, counts=wild).height == literal.height
        assert queries.find_speakers(small_db, search=wild).height == 0
        assert queries.speaker_index(small_db, search=wild).height == 0
    some = with_counts["counts"][0]
    assert queries.figures(small_db, counts=some.upper()).height >= 1  # still case-blind
