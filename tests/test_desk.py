"""The notebook API: ``Desk`` tells the numbers :mod:`analysis.queries` (and so the dashboard)
tells, lazily when asked, exports them, and stores discovered topics beside the taxonomy.

One real store for the module: the fictional sample corpus, ingested with real spaCy.
"""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from analysis import queries, store
from analysis.cli import SAMPLE_DIR, main
from analysis.desk import Desk
from analysis.ingest import ingest
from analysis.records import DEFAULT_KINDS
from analysis.topic_model import discover_topics

EXPECTED = json.loads((SAMPLE_DIR / "expected.json").read_text(encoding="utf-8"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("desk") / "sample.duckdb"
    ingest([SAMPLE_DIR / "articles.jsonl"], path, progress=False)
    discover_topics(path, k=6)
    return path


@pytest.fixture(scope="module")
def desk(db: Path) -> Desk:
    return Desk.open(db)


def test_topics_by_id_or_label_in_any_case_and_unknown_ones_refused(desk: Desk) -> None:
    labels = dict(desk.topics().select("topic", "label").iter_rows())
    economy = desk.statements(topic="economy", limit=10_000)
    assert economy.height > 0
    for name in (labels["economy"], labels["economy"].upper(), "ECONOMY", " Economy "):
        assert desk.statements(topic=name, limit=10_000).equals(economy), name
    discovered = desk.discovered_topics().row(0, named=True)
    assert desk.overview(topic=discovered["label"]) == desk.overview(topic=discovered["topic"])
    assert desk.figures(topic="Economy").height == desk.figures(topic="economy").height > 0
    with pytest.raises(ValueError, match=r"no topic 'Helth'; valid topics .*health \(Health\)"):
        desk.statements(topic="Helth")


# ------------------------------------------------------------------------ opening
def test_open_refuses_missing_and_older_stores(tmp_path: Path) -> None:
    with pytest.raises(store.StoreError, match="no quotedesk database"):
        Desk.open(tmp_path / "missing.duckdb")
    v1 = tmp_path / "v1.duckdb"
    with gzip.open(FIXTURES / "v1.duckdb.gz") as src, v1.open("wb") as out:
        shutil.copyfileobj(src, out)
    with pytest.raises(store.StoreError, match="quotedesk migrate"):
        Desk.open(v1)
    writable = Desk.open(v1, read_only=False)  # migrates and links
    assert writable.info()["schema_version"] == str(store.SCHEMA_VERSION)
    assert writable.stories()["copies"].to_list() == [2]


def test_writes_need_a_writable_desk(desk: Desk) -> None:
    with pytest.raises(store.StoreError, match="read_only=False"):
        desk.discover_topics(k=3)


def test_open_defaults_to_the_configured_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    assert Desk.open().path == db


# ------------------------------------------------------------- same numbers as queries
def test_desk_tells_the_numbers_queries_tell(desk: Desk, db: Path) -> None:
    okafor = queries.Filters(speakers=("tomas-okafor",))
    assert desk.overview() == queries.overview(db)
    assert desk.overview()["articles"] == EXPECTED["articles"]
    assert_frame_equal(desk.speakers(limit=10), queries.speakers(db, limit=10))
    assert_frame_equal(desk.statements(speaker="Okafor"), queries.statements(db, okafor))
    assert_frame_equal(
        desk.timeline(freq="month", by="outlet"),
        queries.statements_over_time(db, freq="month", by="outlet"),
    )
    assert_frame_equal(desk.figures(counts="contracts"), queries.figures(db, counts="contracts"))
    assert_frame_equal(desk.outlets(), queries.outlets(db))
    assert_frame_equal(desk.figure_series(), queries.figure_series(db))
    top = queries.top_speakers(db, limit=5)
    mine = desk.speakers(limit=5)
    cols = ["speaker_id", "speaker", "statements", "articles", "first_seen", "last_seen"]
    assert mine.select(cols).equals(top.select(cols))  # the dashboard's table, same numbers


def test_speakers_have_roles_outlets_and_dates(desk: Desk) -> None:
    okafor = desk.speakers(speaker="Tomas Okafor").row(0, named=True)
    assert okafor["statements"] >= 33 and okafor["articles"] >= 13  # README's known answers
    assert "Finance Minister" in okafor["roles"]
    assert len(okafor["outlet_names"]) == okafor["outlets"] >= 2
    assert okafor["first_seen"] <= okafor["last_seen"]
    profile = desk.speaker("Okafor")
    assert profile is not None and profile.name == "Tomas Okafor"


def test_keyword_filters(desk: Desk) -> None:
    everything = desk.overview()["statements"]
    parts = [desk.overview(outlet=o)["statements"] for o in EXPECTED["articles_per_outlet"]]
    assert sum(parts) == everything
    direct = desk.statements(kind="direct", limit=10_000)
    assert set(direct["kind"]) == {"direct"}
    window = desk.statements(start="2025-06-01", end="2025-06-30", limit=10_000)
    assert window.height and all(d.month == 6 for d in window["published"])
    economy = desk.overview(topic="economy")["statements"]
    assert 0 < economy < everything
    assert desk.overview(distinct=False) == desk.overview()  # the sample has no copies
    with pytest.raises(ValueError, match="several speakers"):
        desk.statements(speaker="Berg")  # Anna Berg and Lars Berg: refuse to guess
    with pytest.raises(ValueError, match="no speaker"):
        desk.statements(speaker="Nobody Atall")


def test_figure_history_follows_the_known_series(desk: Desk) -> None:
    (series,) = [s for s in EXPECTED["figure_series"] if s["series"] == "contracts"]
    history = desk.figure_history("Radek Sorn", "signed contracts")
    assert history["value"].to_list() == [p["value"] for p in series["points"]]
    assert history["article_id"].to_list() == [p["article_id"] for p in series["points"]]


def test_co_quotation_agrees_with_co_speakers(desk: Desk, db: Path) -> None:
    pairs = desk.co_quotation(speaker="Ilse Marrow")
    assert set(pairs["speaker_id"]) == {"ilse-marrow"}
    alongside = queries.co_speakers(db, "ilse-marrow", limit=1000)
    assert dict(zip(pairs["other_id"], pairs["articles"], strict=True)) == dict(
        zip(alongside["speaker_id"], alongside["articles"], strict=True)
    )
    everyone = desk.co_quotation(limit=10_000)
    assert (everyone["speaker_id"] < everyone["other_id"]).all()  # each pair once
    marrow = everyone.filter(
        (pl.col("speaker_id") == "ilse-marrow") | (pl.col("other_id") == "ilse-marrow")
    )
    assert marrow["articles"].sum() == pairs["articles"].sum()


def test_outlet_comparison_shares(desk: Desk) -> None:
    cmp = desk.outlet_comparison("Tomas Okafor")
    assert cmp["share"].sum() == pytest.approx(1.0)
    assert cmp["statements"].sum() == desk.speakers(speaker="Tomas Okafor")["statements"][0]
    per_outlet = dict(zip(desk.outlets()["outlet"], desk.outlets()["statements"], strict=True))
    for row in cmp.iter_rows(named=True):
        assert row["outlet_statements"] == per_outlet[row["outlet"]]
        assert row["outlet_share"] == pytest.approx(row["statements"] / row["outlet_statements"])
    two = desk.outlet_comparison(["Tomas Okafor", "Ilse Marrow"])
    assert set(two["speaker_id"]) == {"tomas-okafor", "ilse-marrow"}


# ------------------------------------------------------------------------------ lazy
def test_lazy_frames_hold_what_the_queries_count(db: Path, tmp_path: Path) -> None:
    desk = Desk.open(db, cache_dir=tmp_path / "snapshots")
    counts = desk.overview(topic="economy")
    statements = desk.lazy("statements", topic="economy")
    assert statements.select(pl.len()).collect().item() == counts["statements"]
    assert desk.lazy("figures", topic="economy").collect().height == counts["figures"]
    assert desk.lazy("articles", topic="economy").collect().height == counts["articles"]
    by_outlet = (
        desk.lazy("statements")
        .group_by("outlet")
        .agg(pl.len().alias("statements"))
        .sort("outlet")
        .collect(engine="streaming")
    )
    eager = desk.outlets().select("outlet", "statements").sort("outlet")
    assert by_outlet.rows() == eager.rows()
    files = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    desk.lazy("statements", topic="economy")  # the same question: the same snapshot
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == files
    with pytest.raises(ValueError, match="lazy"):
        desk.lazy("speakers")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- export
def test_export_any_result_to_csv_and_parquet(desk: Desk, tmp_path: Path) -> None:
    speakers = desk.speakers(limit=5)
    back = pl.read_parquet(desk.export(speakers, tmp_path / "out" / "speakers.parquet"))
    assert_frame_equal(back, speakers)
    csv = pl.read_csv(desk.export(speakers, tmp_path / "speakers.csv"), try_parse_dates=True)
    assert csv["speaker"].to_list() == speakers["speaker"].to_list()
    assert csv["roles"][0] == "; ".join(speakers["roles"][0])
    lazy = desk.export(desk.lazy("figures"), tmp_path / "figures.parquet")
    assert pl.read_parquet(lazy).height == desk.overview()["figures"]
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        desk.export(speakers, tmp_path / "speakers.xlsx")


def test_export_the_whole_store_one_parquet_file_per_table(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "parquet"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    line = capsys.readouterr().out
    names = store.tables(db)
    assert sorted(p.stem for p in out.glob("*.parquet")) == names
    for name in names:
        rows = store.query(db, f'SELECT count(*) FROM "{name}"').item()
        assert pl.read_parquet(out / f"{name}.parquet").height == rows
    assert f"{len(names)} tables" in line and str(out) in line
    statements = pl.read_parquet(out / "statements.parquet")
    assert statements.height == store.query(db, "SELECT count(*) FROM statements").item()


# -------------------------------------------------------------------- discovered topics
def test_discovered_topics_are_stored_beside_the_taxonomy(desk: Desk, db: Path) -> None:
    found = desk.discovered_topics()
    assert found.height == 6
    assert all(len(terms) >= 4 for terms in found["terms"])
    assert found["articles"].sum() == desk.overview()["articles"]  # each article's lead topic
    levels = desk.topics()
    assert set(levels["level"]) == {"taxonomy", "discovered"}
    first = found.row(0, named=True)
    articles = store.query(
        db,
        "SELECT DISTINCT article_id FROM article_discovered_topics WHERE topic = ?",
        [first["topic"]],
    )["article_id"].to_list()
    by_topic = desk.statements(topic=first["topic"], kind="all", limit=10_000)
    assert set(by_topic["article_id"]) <= set(articles)
    assert (
        by_topic.height
        == store.query(
            db, "SELECT count(*) FROM statements WHERE list_contains(?, article_id)", [articles]
        ).item()
    )
    shown = desk.statements(topic=first["topic"], limit=10_000)  # the default kinds
    assert 0 < shown.height < by_topic.height and set(shown["kind"]) <= set(DEFAULT_KINDS)
    timeline = desk.timeline(freq="month", by="discovered")
    assert set(timeline["group"]) <= set(found["topic"])


def test_cli_topics_discover(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    assert main(["topics", "discover", "--db", str(copy), "--k", "4"]) == 0
    out = capsys.readouterr().out
    assert out.count("discovered-0") == 4 and "4 topics from 74 stories" in out


def test_new_commands_have_help_with_an_example() -> None:
    from analysis.cli import build_parser

    choices = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in ("export", "migrate", "topics"):
        text = choices[command].format_help()
        assert "example:" in text and f"quotedesk {command}" in text


def test_speaker_rules_and_corpus_speakers_through_the_desk(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "rules.duckdb"
    shutil.copy(db, path)
    desk = Desk.open(path, read_only=False)
    before = desk.speaker_detail("Sorn")  # a surname alias leads to the one Sorn
    assert before.name == "Radek Sorn"
    assert before.members["statements"].sum() > 0
    assert not before.rules
    rules = tmp_path / "speakers.toml"
    rules.write_text(
        '# ours\n[[rename]]\nspeaker = "radek-sorn"\nname = "Defence Minister Sorn"\n',
        encoding="utf-8",
    )
    assert "rules: 1 (file)" in desk.apply_speaker_rules(rules)
    row = desk.speaker_index(search="Sorn").row(0, named=True)
    assert (row["speaker_id"], row["name"], row["by_hand"]) == (
        "radek-sorn",
        "Defence Minister Sorn",
        True,
    )
    after = desk.speaker_detail("radek-sorn")
    assert after.rules and after.rules[0].startswith(f"{rules}:2:")
    assert after.members.equals(before.members)  # renamed, not re-joined
    assert set(desk.ambiguous_speakers().columns) >= {"name", "note"}
    with pytest.raises(store.StoreError, match="read_only=False"):
        Desk.open(path).apply_speaker_rules(rules)


def test_default_views_leave_stances_and_beliefs_out_and_say_how_to_bring_them_back(
    desk: Desk,
) -> None:
    shown = desk.statements(limit=10_000)
    every = desk.statements(kind="all", limit=10_000)
    assert set(shown["kind"]) == set(DEFAULT_KINDS)
    assert {"position", "belief"} <= set(every["kind"])
    assert desk.overview()["statements"] == shown.height < every.height
    assert desk.overview(kind="all")["statements"] == every.height
    stances = desk.statements(kind="position", limit=10_000)
    assert stances.height and set(stances["kind"]) == {"position"}
    with pytest.raises(ValueError, match=r"unknown statement kind 'quote'.*'all'"):
        desk.statements(kind="quote")


def test_leaderboard_ranks_people_and_organisations_unless_asked(db: Path) -> None:
    board = queries.top_speakers(db, limit=100)
    assert set(board["kind"]) <= {"person", "org"}
    everyone = queries.top_speakers(db, limit=100, speaker_kinds=())
    assert set(everyone["kind"]) - {"person", "org"}  # the sample quotes groups or documents


def test_article_statements_say_how_each_speaker_was_found(db: Path) -> None:
    found = store.query(
        db,
        """SELECT article_id FROM statements WHERE antecedent_start IS NOT NULL
           ORDER BY statement_id LIMIT 1""",
    ).item()
    rows = queries.article_statements(db, found).filter(pl.col("found").str.contains(" via “"))
    assert rows.height
    row = rows.row(0, named=True)
    assert row["found"].startswith(f"{row['speaker_mention']} → {row['speaker']}, via “")
    assert "paragraph" in row["found"] and row["speaker_how"] in row["found"]


def test_changes_list_each_revision_of_the_known_series(desk: Desk) -> None:
    """The sample's contracts series (270,000 → 300,000 → about 320,000 → 345,000): each
    step is a revision by Radek Sorn, "about 320,000" included (over 5% from 300,000)."""
    (series,) = [s for s in EXPECTED["figure_series"] if s["series"] == "contracts"]
    points = [(p["article_id"], p["value"]) for p in series["points"]]
    revised = desk.changes().filter(pl.col("series") == "contract", pl.col("change") == "revised")
    pairs = revised.sort("after_published").select(
        "before_article_id", "before_value", "after_article_id", "after_value"
    )
    assert pairs.rows() == [(*a, *b) for a, b in itertools.pairwise(points)]
    assert set(revised["after_speaker"]) == {"Radek Sorn"}


def test_sure_names_keep_only_names_written_out_or_resolved_with_high_confidence(
    desk: Desk, db: Path
) -> None:
    every = desk.statements(limit=10_000)
    sure = desk.statements(sure_names=True, limit=10_000)
    assert 0 < sure.height < every.height
    left_out = set(every["statement_id"]) - set(sure["statement_id"])
    unsure = store.query(
        db,
        "SELECT speaker_id, speaker_how, speaker_confidence FROM statements "
        "WHERE list_contains(?, statement_id)",
        [sorted(left_out)],
    )
    assert unsure.height == len(left_out)
    assert unsure["speaker_id"].null_count() == 0  # no name claims nothing: always kept
    assert not set(unsure["speaker_how"]) & set(store.SURE_HOWS)
    assert (unsure["speaker_confidence"].fill_null(0) < store.SURE_CONFIDENCE).all()
    # the dashboard's facts say the same
    assert desk.overview(sure_names=True)["statements"] == sure.height
