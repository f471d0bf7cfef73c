"""Reporters correct the record (issue 18), on real stores built by the real pipeline from
articles written here: each action, re-application after re-extraction and re-ingest, orphans,
export and import, two writers, a SIGKILL mid-correction, the migration, the CLI and the
dashboard's widgets (AppTest)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from analysis import cli, corrections, queries, runs, settings, store
from analysis.desk import Desk
from analysis.ingest import ingest
from analysis.queries import Filters
from analysis.reextract import reextract

APP = settings.PROJECT_ROOT / "dashboard" / "app.py"

ARTICLES: list[dict[str, str]] = [
    {
        "id": "harbor-1",
        "title": "Harbor council approves new ferry line",
        "text": "The harbor council approved a new ferry line on Tuesday.\n\n"
        '"This line will carry 4,000 passengers a day," said Mayor Lina Farrow, who chaired '
        "the meeting.\n\nCouncillor Dev Patel said the budget of $12 million was too high. "
        '"We cannot afford it," Patel said.\n\nResidents have long asked for a second '
        "crossing. The old bridge was closed in 2019 after inspectors found cracks.",
        "outlet": "Harbor Times",
        "published": "2025-03-04",
    },
    {
        "id": "harbor-2",
        "title": "Ferry line faces delays",
        "text": "The new ferry line will open late, officials said on Friday.\n\n"
        '"We expect the first boats in June," said Mayor Lina Farrow.\n\n'
        "The operator hired 120 crew members, according to a company statement. "
        '"Safety comes first," said Anja Berg, the operator\'s chief executive.',
        "outlet": "Coast Daily",
        "published": "2025-04-11",
    },
    {
        "id": "school-1",
        "title": "School board debates lunch prices",
        "text": "The school board met on Monday to discuss lunch prices.\n\n"
        '"Prices will rise by 5 percent," said board chair Maria Okonjo.\n\n'
        'Parents protested outside. "Our children deserve better food," said Tom Reyes, a '
        "parent of two.\n\nThe board will vote again next month.",
        "outlet": "Harbor Times",
        "published": "2025-05-02",
    },
]
MISSED = "The board will vote again next month."


def write_articles(path: Path, articles: list[dict[str, str]] = ARTICLES) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("corrections")
    db = tmp / "news.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("QUOTEDESK_ALIASES", raising=False)
        assert ingest([write_articles(tmp / "articles.jsonl")], db, progress=False).ok
    return db


@pytest.fixture
def db(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("QUOTEDESK_ALIASES", raising=False)
    monkeypatch.delenv("QUOTEDESK_REPORTER", raising=False)
    copy = tmp_path / "news.duckdb"
    shutil.copy(base, copy)
    return copy


def sid(db: Path, words: str) -> str:
    """The id of the statement whose text starts with ``words``."""
    df = store.query(db, "SELECT statement_id FROM statements WHERE starts_with(text, ?)", [words])
    assert df.height == 1, (words, df)
    return str(df.item())


def fid(db: Path, surface: str) -> str:
    return str(store.query(db, "SELECT figure_id FROM figures WHERE surface = ?", [surface]).item())


def row(db: Path, table: str, key: str, id_: str) -> dict[str, Any]:
    return store.query(db, f"SELECT * FROM {table} WHERE {key} = ?", [id_]).row(0, named=True)


def shown(db: Path) -> dict[str, tuple[Any, ...]]:
    """What every view reads: each statement's text → (kind, speaker id, name), each figure's
    surface → (counts, value, speaker), and what is marked verified or corrected."""
    st = store.query(db, "SELECT text, kind, speaker_id, speaker_name FROM statements")
    fi = store.query(db, "SELECT surface, counts, value, speaker_name FROM figures")
    marks = store.query(
        db,
        """SELECT coalesce(s.text, f.surface) AS words, c.corrected, c.verified
           FROM corrected_rows c LEFT JOIN statements s ON s.statement_id = c.target_id
           LEFT JOIN figures f ON f.figure_id = c.target_id""",
    )
    out: dict[str, tuple[Any, ...]] = {r[0]: r[1:] for r in st.iter_rows()}
    out.update({"fig " + r[0]: r[1:] for r in fi.iter_rows()})
    out.update({"mark " + r[0]: r[1:] for r in marks.iter_rows()})
    return out


def correct_everything(desk: Desk, db: Path) -> None:
    """One correction of every kind, as the tests below check them."""
    desk.correct_speaker(sid(db, "The operator hired"), "Anja Berg", who="Ann")
    desk.correct_speaker(sid(db, "This line will carry"), None, who="Ann", note="two speakers")
    desk.mark_not_statement(sid(db, "a new ferry line"), who="Ann")
    desk.set_kind(sid(db, "the budget of"), "mixed", who="Bob")
    desk.add_statement("school-1", text=MISSED, speaker="Maria Okonjo", who="Bob", kind="indirect")
    desk.set_figure_counts(fid(db, "120"), "crew", who="Ann")
    desk.set_figure_value(fid(db, "$12 million"), 12_500_000, who="Ann")
    desk.verify(sid(db, "Safety comes first"), who="Bob")
    desk.verify(fid(db, "5 percent"), who="Bob")


# -------------------------------------------------------------------------- each action
def _speaker(db: Path, s: str) -> tuple[Any, ...]:
    r = row(db, "statements", "statement_id", s)
    return r["speaker_id"], r["speaker_name"]


ACTIONS: list[tuple[str, Callable[[Desk, Path], Any], Callable[[Path], Any], Any]] = [
    # (name, the correction, what to read afterwards, what it must be)
    (
        "set speaker to a corpus speaker",
        lambda d, db: d.correct_speaker(sid(db, "The operator hired"), "Anja Berg", who="A"),
        lambda db: _speaker(db, sid(db, "The operator hired")),
        ("anja-berg", "Anja Berg"),
    ),
    (
        "set speaker to a typed new name",
        lambda d, db: d.correct_speaker(sid(db, "Safety comes"), "Karin Holm", who="A"),
        lambda db: (
            _speaker(db, sid(db, "Safety comes")),
            store.query(db, "SELECT name FROM speakers WHERE speaker_id = 'karin-holm'")[
                "name"
            ].to_list(),
        ),
        (("karin-holm", "Karin Holm"), ["Karin Holm"]),
    ),
    (
        "clear speaker",
        lambda d, db: d.correct_speaker(sid(db, "We cannot afford"), None, who="A"),
        lambda db: _speaker(db, sid(db, "We cannot afford")),
        (None, None),
    ),
    (
        "not a statement hides the row from every view",
        lambda d, db: d.mark_not_statement(sid(db, "Our children"), who="A"),
        lambda db: (
            "Our children deserve better food," in queries.statements(db)["text"].to_list(),
            "Our children deserve better food,"
            in queries.statements(db, Filters(kinds=()))["text"].to_list(),
            "Our children deserve better food,"
            in queries.article_statements(db, "school-1")["text"].to_list(),
        ),
        (False, False, False),
    ),
    (
        "set kind, seen through the default kinds filter",
        lambda d, db: d.set_kind(sid(db, "a second crossing"), "indirect", who="A"),
        lambda db: "a second crossing" in queries.statements(db)["text"].to_list(),
        True,
    ),
    (
        "add a missed statement by pasted words",
        lambda d, db: d.add_statement("school-1", text=MISSED, speaker="Tom Reyes", who="A"),
        lambda db: (
            queries.statements(db, Filters(speakers=("tom-reyes",)))
            .filter(pl.col("text") == MISSED)
            .select("kind", "speaker", "start_char")
            .rows()
        ),
        [("direct", "Tom Reyes", ARTICLES[2]["text"].index(MISSED))],
    ),
    (
        "add a missed statement by offsets",
        lambda d, db: d.add_statement(
            "school-1", 0, 55, speaker="Maria Okonjo", who="A", kind="indirect"
        ),
        lambda db: store.query(
            db, "SELECT text, kind, speaker_name FROM statements WHERE ordinal >= 1000000"
        ).rows(),
        [(ARTICLES[2]["text"][:55], "indirect", "Maria Okonjo")],
    ),
    (
        "set what a figure counts",
        lambda d, db: d.set_figure_counts(fid(db, "120"), "crew", who="A"),
        lambda db: queries.figures(db, counts="crew")["counts"].to_list(),
        ["crew"],
    ),
    (
        "set a figure's value",
        lambda d, db: d.set_figure_value(fid(db, "$12 million"), 12.5e6, who="A"),
        lambda db: row(db, "figures", "figure_id", fid(db, "$12 million"))["value"],
        12.5e6,
    ),
    (
        "verify a statement: counted, and the only row verified_only keeps",
        lambda d, db: d.verify(sid(db, "Safety comes"), who="A"),
        lambda db: (
            queries.overview(db)["verified"],
            queries.statements(db, Filters(verified_only=True))["text"].to_list(),
            queries.statements(db, Filters(corrected=True)).height,
        ),
        (1, ["Safety comes first,"], 0),
    ),
]


@pytest.mark.parametrize(
    ("name", "correct", "read", "expected"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_each_action_shows_in_the_views(
    db: Path,
    name: str,
    correct: Callable[[Desk, Path], Any],
    read: Callable[[Path], Any],
    expected: Any,
) -> None:
    desk = Desk.open(db, read_only=False)
    before = read(db)
    assert before != expected, f"{name}: already so before the correction"
    correct(desk, db)
    assert read(db) == expected
    audit = desk.corrections()
    assert audit.height == 1 and audit["status"].to_list() == ["applied"]
    assert store.facts_fresh(db)  # the run rebuilt the facts the pages read


def test_a_corrected_row_is_found_by_the_corrected_filter_and_keeps_the_old_value(
    db: Path,
) -> None:
    desk = Desk.open(db, read_only=False)
    s = sid(db, "the budget of")
    desk.set_kind(s, "mixed", who="Bob", note="a quote inside")
    assert queries.statements(db, Filters(corrected=True))["statement_id"].to_list() == [s]
    audit = desk.corrections().row(0, named=True)
    assert (audit["old_value"], audit["new_value"], audit["who"], audit["note"]) == (
        "indirect", "mixed", "Bob", "a quote inside",
    )  # fmt: skip


def test_a_hidden_row_shown_again_gets_its_kind_back(db: Path) -> None:
    desk = Desk.open(db, read_only=False)
    s = sid(db, "a new ferry line")
    desk.mark_not_statement(s, who="Ann")
    assert row(db, "statements", "statement_id", s)["kind"] == "rejected"
    assert queries.statements(db, Filters(kinds=("rejected",)))["statement_id"].to_list() == [s]
    desk.mark_not_statement(s, hide=False, who="Bob")
    assert row(db, "statements", "statement_id", s)["kind"] == "position"
    assert desk.corrections()["status"].to_list() == ["applied", "superseded"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d, db: d.set_kind(sid(db, "Safety"), "rumour", who="A"), "unknown kind"),
        (lambda d, db: d.correct_speaker(sid(db, "Safety"), "X"), "say who"),
        (lambda d, db: d.correct_speaker("harbor-1:s99", "X", who="A"), "no statement"),
        (lambda d, db: d.add_statement("school-1", text="not in it", who="A"), "not in the"),
        (lambda d, db: d.add_statement("school-1", text="board", who="A"), "more than once"),
        (lambda d, db: d.add_statement("school-1", 10, 5000, who="A"), "outside the article"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_stored(
    db: Path, call: Callable[[Desk, Path], Any], message: str
) -> None:
    desk = Desk.open(db, read_only=False)
    with pytest.raises(ValueError, match=message):
        call(desk, db)
    assert desk.corrections().is_empty()


def test_a_read_only_desk_refuses_corrections(db: Path) -> None:
    with pytest.raises(store.StoreError, match="read-only"):
        Desk.open(db).verify(sid(db, "Safety"), who="A")


# ------------------------------------------------------------------ applied again, always
def test_corrections_survive_a_forced_reextraction(db: Path) -> None:
    desk = Desk.open(db, read_only=False)
    correct_everything(desk, db)
    after = shown(db)
    report = reextract(db, force=True, progress=False)
    assert report.counts.updated == len(ARTICLES)
    assert shown(db) == after
    assert set(desk.corrections()["status"]) == {"applied"}
    assert store.facts_fresh(db)
    assert queries.overview(db)["verified"] == 1


def test_corrections_survive_a_speaker_rules_change(db: Path, tmp_path: Path) -> None:
    desk = Desk.open(db, read_only=False)
    correct_everything(desk, db)
    rules = tmp_path / "speakers.toml"
    rules.write_text('[[rename]]\nspeaker = "Tom Reyes"\nname = "Thomas Reyes"\n')
    runs.apply_speaker_rules(db, rules)
    after = shown(db)
    assert after["Safety comes first,"][1:] == ("anja-berg", "Anja Berg")
    assert after["The operator hired 120 crew members"][1:] == ("anja-berg", "Anja Berg")
    assert after["This line will carry 4,000 passengers a day,"][1:] == (None, None)


def test_an_edited_article_relocates_its_corrections_or_reports_them_orphaned(
    db: Path, tmp_path: Path
) -> None:
    desk = Desk.open(db, read_only=False)
    correct_everything(desk, db)
    before = shown(db)
    edited = [dict(a) for a in ARTICLES]
    # school-1: a paragraph added above (every offset moves); harbor-2: the operator's
    # sentence rewritten (the corrections on it lose their words)
    edited[2]["text"] = "UPDATED: the vote was moved.\n\n" + edited[2]["text"]
    edited[1]["text"] = edited[1]["text"].replace(
        "The operator hired 120 crew members, according to a company statement. ", ""
    )
    assert ingest([write_articles(tmp_path / "v2.jsonl", edited)], db, progress=False).ok
    audit = desk.corrections()
    status = dict(zip(audit["action"] + " " + audit["target_text"], audit["status"], strict=True))
    assert status["add_statement " + MISSED] == "applied"  # found again below the new paragraph
    assert status["set_speaker The operator hired 120 crew members"] == "orphaned"
    assert status["set_counts 120"] == "orphaned"
    assert len(status) == 9 and list(status.values()).count("orphaned") == 2
    after = shown(db)
    assert after[MISSED] == before[MISSED] == ("indirect", "maria-okonjo", "Maria Okonjo")
    assert after["Prices will rise by 5 percent,"] == before["Prices will rise by 5 percent,"]
    # listed, never dropped: the CLI and the Desk both report them
    orphans = desk.corrections(orphaned=True)
    assert sorted(orphans["action"]) == ["set_counts", "set_speaker"]
    out = _cli(["corrections", "list", "--orphaned", "--db", str(db)])
    assert "2 corrections orphaned" in out and "[orphaned]" in out


def test_a_fresh_store_of_the_same_articles_takes_the_exported_corrections(
    db: Path, tmp_path: Path
) -> None:
    desk = Desk.open(db, read_only=False)
    correct_everything(desk, db)
    path = tmp_path / "corrections.jsonl"
    assert desk.export_corrections(path) == 9
    fresh = tmp_path / "fresh.duckdb"
    assert ingest([write_articles(tmp_path / "a.jsonl")], fresh, progress=False).ok
    other = Desk.open(fresh, read_only=False)
    assert other.import_corrections(path) == 9
    assert shown(fresh) == shown(db)
    assert other.import_corrections(path) == 0  # idempotent
    assert other.corrections().height == 9
    assert (
        other.corrections()
        .drop("status", "target_id")
        .equals(desk.corrections().drop("status", "target_id"))
    )
    # and a re-ingest of the same articles (nothing changed) leaves them as they are
    assert ingest([write_articles(tmp_path / "a.jsonl")], fresh, progress=False).ok
    assert shown(fresh) == shown(db)


def test_an_older_store_migrates_to_schema_5(db: Path) -> None:
    """A schema-4 store (the corrections tables dropped, the version set back) opens for
    writing, migrates and takes corrections."""
    con = duckdb.connect(str(db))
    for table in ("corrections", "correction_state", "corrected_rows"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP SEQUENCE correction_seq")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(store.StoreError, match="quotedesk migrate"):
        store.info(db)
    assert "schema 5" in _cli(["migrate", "--db", str(db)])
    Desk.open(db, read_only=False).verify(sid(db, "Safety"), who="A")
    assert queries.overview(db)["verified"] == 1


# ---------------------------------------------------------------------- several writers
def test_two_tabs_on_the_same_row_the_later_edit_wins_and_both_are_kept(db: Path) -> None:
    tab1, tab2 = Desk.open(db, read_only=False), Desk.open(db, read_only=False)
    s = sid(db, "Safety comes")
    tab1.correct_speaker(s, "Karin Holm", who="Ann")
    tab2.correct_speaker(s, "Anja Berg", who="Bob")
    assert _speaker(db, s) == ("anja-berg", "Anja Berg")
    audit = tab1.corrections()
    assert audit.select("who", "new_value", "status").rows() == [
        ("Bob", "Anja Berg", "applied"),
        ("Ann", "Karin Holm", "superseded"),
    ]


def test_two_processes_correcting_at_once_both_land(db: Path, tmp_path: Path) -> None:
    s = sid(db, "Safety comes")
    procs = [_writer(db, s, who, tmp_path / f"{who}.log", n=3) for who in ("Ann", "Bob")]
    for p in procs:
        assert p.wait(timeout=120) == 0
    audit = corrections.audit(db)
    assert audit.height == 6 and set(audit["who"]) == {"Ann", "Bob"}
    latest = audit.row(0, named=True)  # newest first: the one shown
    assert latest["status"] == "applied"
    assert _speaker(db, s)[1] == latest["new_value"]
    assert audit["status"].to_list().count("superseded") == 5


WRITER = """
import sys
from analysis.desk import Desk
db, sid, who, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
desk = Desk.open(db, read_only=False)
i = 0
while n == 0 or i < n:
    uid = desk.correct_speaker(sid, f"{who} Name {i}", who=who)
    print(uid, flush=True)  # acknowledged: record() returned
    i += 1
"""


def _writer(db: Path, statement: str, who: str, log: Path, n: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(settings.PROJECT_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), statement, who, str(n)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )


def test_sigkill_during_corrections_loses_none_acknowledged(db: Path, tmp_path: Path) -> None:
    s = sid(db, "Safety comes")
    proc = _writer(db, s, "Kim", tmp_path / "kill.log", n=0)
    assert proc.stdout is not None
    acked: list[str] = []
    deadline = time.monotonic() + 120
    while len(acked) < 5 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acked.append(line.strip())
    time.sleep(0.15)  # into the next correction's write or cleanup
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert len(acked) >= 5, (tmp_path / "kill.log").read_text()[-2000:]
    stored = set(store.query(db, "SELECT uid FROM corrections")["uid"])
    assert set(acked) <= stored
    runs.migrate(db)  # the next run applies whatever the killed one had not
    audit = corrections.audit(db)
    assert set(audit["status"]) <= {"applied", "superseded"}
    assert _speaker(db, s)[1] == audit.row(0, named=True)["new_value"]


# --------------------------------------------------------------------------------- CLI
def _cli(argv: list[str]) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "analysis.cli", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(settings.PROJECT_ROOT)},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_cli_export_import_list(db: Path, tmp_path: Path) -> None:
    correct_everything(Desk.open(db, read_only=False), db)
    path = tmp_path / "c.jsonl"
    assert "9 corrections →" in _cli(["corrections", "export", str(path), "--db", str(db)])
    fresh = tmp_path / "fresh.duckdb"
    shutil.copy(db.parent / "news.duckdb", fresh)
    con = duckdb.connect(str(fresh))
    con.execute("DELETE FROM corrections")
    con.close()
    out = _cli(["corrections", "import", str(path), "--db", str(fresh)])
    assert "9 corrections read" in out and "9 new" in out
    assert "0 new" in _cli(["corrections", "import", str(path), "--db", str(fresh)])
    listed = _cli(["corrections", "list", "--who", "Bob", "--db", str(fresh)])
    assert "4 corrections" in listed and "set_kind" in listed


def test_a_damaged_corrections_file_names_its_line(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"uid": "x"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:1: not a correction"):
        corrections.import_jsonl(db, path)


def test_the_corrections_commands_have_help_with_an_example() -> None:
    parser = cli.build_parser()
    for name in ("list", "export", "import"):
        with pytest.raises(SystemExit):
            parser.parse_args(["corrections", name, "--help"])


# --------------------------------------------------------------------------- dashboard
@pytest.fixture
def app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    monkeypatch.setenv("QUOTEDESK_CORRECTIONS", "1")
    return AppTest.from_file(str(APP), default_timeout=60)


def _article(at: AppTest, article: str, statement: str | None = None) -> AppTest:
    at.query_params["article"] = article
    if statement:
        at.query_params["statement"] = statement
    at.run()
    return at.switch_page("app_pages/article.py").run()


def _button(at: AppTest, label: str, nth: int = 0) -> Any:
    return [b for b in at.button if b.label == label][nth]


def test_the_dashboard_is_read_only_by_default(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEDESK_DB", str(db))
    monkeypatch.delenv("QUOTEDESK_CORRECTIONS", raising=False)
    at = _article(AppTest.from_file(str(APP), default_timeout=60), "harbor-2")
    assert not at.exception
    assert not [b for b in at.button if b.label == "Set speaker"]
    assert not [t for t in at.sidebar.text_input if t.label == "Your name"]


def test_a_correction_without_a_name_is_refused_with_a_message(app: AppTest, db: Path) -> None:
    at = _article(app, "harbor-2", sid(db, "The operator hired"))
    at.text_input(key=f"typed-{sid(db, 'The operator hired')}").input("Anja Berg")
    _button(at, "Set speaker").click().run()
    assert not at.exception
    assert any("enter your name" in e.value for e in at.error)
    assert corrections.audit(db).is_empty()


def test_article_page_corrects_a_speaker_kind_and_verifies(app: AppTest, db: Path) -> None:
    s = sid(db, "The operator hired")
    at = _article(app, "harbor-2", s)
    assert not at.exception
    at.sidebar.text_input(key="who").input("Ann").run()
    at.selectbox(key=f"pick-{s}").set_value("Anja Berg")
    at.text_input(key=f"note-{s}").input("in the company statement")
    _button(at, "Set speaker").click().run()
    assert not at.exception
    assert _speaker(db, s) == ("anja-berg", "Anja Berg")
    assert any("Speaker saved" in m.value for m in at.success)
    at.selectbox(key=f"kind-{s}").set_value("direct")
    _button(at, "Set kind").click().run()
    _button(at, "Mark verified").click().run()
    assert not at.exception
    audit = corrections.audit(db)
    assert audit.select("who", "action").rows() == [
        ("Ann", "verify"), ("Ann", "set_kind"), ("Ann", "set_speaker"),
    ]  # fmt: skip
    assert audit["note"].to_list()[-1] == "in the company statement"
    assert row(db, "statements", "statement_id", s)["kind"] == "direct"
    assert [b.label for b in at.button if "verified" in b.label] == [
        "Unmark verified",
        "Mark verified",
    ]


def test_article_page_types_a_name_hides_a_row_and_adds_a_missed_one(
    app: AppTest, db: Path
) -> None:
    s = sid(db, "Our children")
    at = _article(app, "school-1", s)
    at.sidebar.text_input(key="who").input("Bob").run()
    at.text_input(key=f"typed-{s}").input("Tomas Reyes-Ortiz")
    _button(at, "Set speaker").click().run()
    assert _speaker(db, s) == ("tomas-reyes-ortiz", "Tomas Reyes-Ortiz")
    _button(at, "Not a statement").click().run()
    assert not at.exception
    assert s not in queries.article_statements(db, "school-1")["statement_id"].to_list()
    at.text_area(key="add-text").input(MISSED)
    at.text_input(key="add-speaker").input("Maria Okonjo")
    at.selectbox(key="add-kind").set_value("indirect")
    _button(at, "Add statement").click().run()
    assert not at.exception
    said = queries.article_statements(db, "school-1")
    assert said.filter(pl.col("text") == MISSED).select("kind", "speaker").rows() == [
        ("indirect", "Maria Okonjo")
    ]
    # the page shows it: its statements table lists the added one
    assert any(MISSED in str(df.value["text"].to_list()) for df in at.dataframe)


def test_article_page_fixes_a_figure(app: AppTest, db: Path) -> None:
    f = fid(db, "120")
    at = _article(app, "harbor-2")
    at.sidebar.text_input(key="who").input("Ann").run()
    at.text_input(key=f"counts-{f}").input("crew")
    _button(at, "Set counts").click().run()
    at.number_input(key=f"value-{f}").set_value(125.0)
    _button(at, "Set value").click().run()
    assert not at.exception
    r = row(db, "figures", "figure_id", f)
    assert (r["counts"], r["value"]) == ("crew", 125.0)


def test_statements_table_pick_opens_the_form_and_the_filters_find_it(
    app: AppTest, db: Path
) -> None:
    app.run()
    at = app.switch_page("app_pages/statements.py").run()
    at.sidebar.text_input(key="who").input("Ann").run()
    # AppTest cannot click a dataframe row: the selection is set in its state, as a click would
    event = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.session_state["table-statements"] = event
    at.run()
    assert not at.exception
    first = queries.statements(db, Filters()).row(0, named=True)
    _button(at, "Mark verified").click().run()
    assert not at.exception
    assert queries.statements(db, Filters(verified_only=True))["statement_id"].to_list() == [
        first["statement_id"]
    ]
    at.sidebar.checkbox(key="verified").check().run()
    assert not at.exception
    assert at.sidebar.checkbox(key="verified").value
    assert "1 statements" in " ".join(c.value for c in at.caption)


def test_audit_page_lists_by_person_and_flags_orphans(
    app: AppTest, db: Path, tmp_path: Path
) -> None:
    correct_everything(Desk.open(db, read_only=False), db)
    edited = [dict(a) for a in ARTICLES]
    edited[1]["text"] = edited[1]["text"].replace("The operator hired 120", "It hired 120")
    assert ingest([write_articles(tmp_path / "v2.jsonl", edited)], db, progress=False).ok
    app.run()
    at = app.switch_page("app_pages/audit.py").run()
    assert not at.exception
    assert any("1 correction(s) are orphaned" in w.value for w in at.warning)
    people = at.dataframe[0].value
    assert dict(zip(people["who"], people["corrections"], strict=True)) == {"Ann": 5, "Bob": 4}
    at.toggle(key="audit-orphaned").set_value(True).run()
    assert at.dataframe[1].value["status"].to_list() == ["⚠ orphaned"]
