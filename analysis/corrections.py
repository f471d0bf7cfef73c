"""Reporters correct the record: corrections kept in the store and applied after every write.

A correction names its target the way a person would find it again: the article, the
character offsets and the words (a statement's text, a figure's surface) as they were when it
was made. It never names a row id, because a re-extraction renumbers rows. Actions:

- on a statement: ``set_speaker`` (a corpus speaker's name or a typed one), ``clear_speaker``,
  ``not_a_statement`` ("true" hides the row, "false" shows it again), ``set_kind``,
  ``add_statement`` (a missed span, with its speaker and kind);
- on a figure: ``set_counts`` (what it counts), ``set_value``;
- on either: ``verify`` ("true" or "false").

``corrections`` is the audit trail: every correction is kept, none is ever updated or
deleted; for each target and field the latest (by ``made_at``, then arrival) wins, the earlier
ones are 'superseded'. :func:`apply` runs in every write run's cleanup
(:func:`analysis.runs.write_run`), after the corpus speakers are recomputed, so every ingest,
re-extraction, load, speaker-rules change and correction re-applies all of them; a correction
whose words are no longer in its article is 'orphaned' (``correction_state``), listed by
``quotedesk corrections list --orphaned`` and on the dashboard's Audit page, never dropped.

Why corrected values are written into the base tables' shown columns (``statements.kind``,
``speaker_id``, ``speaker_name``, ``figures.counts``, ``value``) rather than kept aside with a
new facts version: every reader already reads those columns, the Desk, the search index
(speaker names), the facts and the pages' joins alike, so none of them needs to know that a
correction exists and none can forget one. What makes this exact is that the extractor's own
value is never lost: the extraction writes it again on each re-extraction, the first
correction of a field keeps it as ``old_value``, and :func:`apply` writes the corrections on
top again. "Not a statement" sets the kind to :data:`~analysis.records.REJECTED_KIND`, which no
view shows unless asked (``Filters.kinds`` never includes it by default, and ``kinds=()``
leaves it out too). Added statements get ordinals from :data:`ADDED_ORDINAL` up, so their ids
cannot meet the extractor's. What a correction changes is part of the facts' signature
(``store._SIGNATURE``), so the facts are rebuilt after it, as after an ingest; what is
verified or corrected lives in ``corrected_rows``, which the filters read.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from analysis import settings, store
from analysis.records import REJECTED_KIND, STATEMENT_KINDS

# action → (what it targets, the field it sets: the latest correction per target and field wins)
ACTIONS: dict[str, tuple[str, str]] = {
    "set_speaker": ("statement", "speaker"),
    "clear_speaker": ("statement", "speaker"),
    "not_a_statement": ("statement", "hidden"),
    "set_kind": ("statement", "kind"),
    "add_statement": ("statement", "add"),
    "set_counts": ("figure", "counts"),
    "set_value": ("figure", "value"),
    "verify": ("either", "verified"),
}
ADDED_ORDINAL = 1_000_000  # added statements' ordinals start here (their ids: article:s1000042)
_FIELDS = ("uid", "target", "article_id", "start_char", "end_char", "target_text", "action",
           "old_value", "new_value", "who", "made_at", "note")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction: its target (article, offsets, words), what it sets, who and when."""

    target: str  # statement, figure
    article_id: str
    start_char: int
    end_char: int
    target_text: str
    action: str
    new_value: str | None
    who: str
    old_value: str | None = None
    note: str | None = None
    made_at: dt.datetime = field(default_factory=dt.datetime.now)
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown correction {self.action!r}: one of {', '.join(ACTIONS)}")
        wants = ACTIONS[self.action][0]
        if self.target not in ("statement", "figure") or wants not in ("either", self.target):
            raise ValueError(f"{self.action} corrects a {wants}, not a {self.target}")
        if not self.who.strip():
            raise ValueError("a correction needs the name of who made it (who=...)")
        if not 0 <= self.start_char < self.end_char:
            raise ValueError(f"bad span {self.start_char}-{self.end_char}")
        if self.action == "set_kind" and self.new_value not in STATEMENT_KINDS:
            kinds = ", ".join(STATEMENT_KINDS)
            raise ValueError(f"unknown kind {self.new_value!r}: one of {kinds}")
        if self.action == "set_speaker" and not (self.new_value or "").strip():
            raise ValueError("set_speaker needs a name (clear_speaker removes one)")
        if self.action in ("verify", "not_a_statement") and self.new_value not in ("true", "false"):
            raise ValueError(f"{self.action} takes 'true' or 'false', not {self.new_value!r}")
        if self.action == "set_value":
            float(self.new_value or "")  # ValueError for a value that is not a number

    def row(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in _FIELDS}


@dataclass(frozen=True, slots=True)
class ApplyReport:
    """What re-applying the corrections did."""

    applied: int = 0
    superseded: int = 0
    orphaned: int = 0
    rows_changed: int = 0  # statements and figures whose shown values were rewritten

    def summary(self) -> str:
        return (f"corrections: {self.applied} applied, {self.superseded} superseded, "
                f"{self.orphaned} orphaned; {self.rows_changed} rows rewritten")  # fmt: skip


def reporter(who: str | None = None) -> str:
    """The name corrections are recorded under: ``who``, else the ``reporter`` setting."""
    name = (who or settings.get("reporter")).strip()
    if not name:
        raise ValueError("say who makes the correction: who=... or QUOTEDESK_REPORTER=Name")
    return name


# ------------------------------------------------------------------------- making them
def record(db: str | Path, corrections: Sequence[Correction], command: str = "corrections") -> int:
    """Store ``corrections`` (one short write transaction; ones already stored, by uid, are
    left alone) and re-apply every correction in the run's cleanup. Returns how many were new.
    Once this returns, they are committed: a process killed afterwards loses none."""
    from analysis import runs  # runs imports this module for its cleanup

    uids = [c.uid for c in corrections][:20]
    with runs.write_run(db, command, uids) as run, run.transaction() as con:
        new = insert(con, corrections)
    return new


def insert(con: store.Connection, corrections: Sequence[Correction]) -> int:
    """Append ``corrections`` to the audit trail in one transaction; returns how many were new."""
    if not corrections:
        return 0
    data = pa.Table.from_pylist([c.row() for c in corrections])
    con.register("_corrections", data)
    try:
        before = _count(con)
        con.execute("BEGIN")
        cols = ", ".join(_FIELDS)
        con.execute(
            f"INSERT INTO corrections ({cols}) SELECT {cols} FROM _corrections "
            "WHERE uid NOT IN (SELECT uid FROM corrections) ORDER BY made_at"
        )
        con.execute("COMMIT")
    except BaseException:
        store._rollback(con)
        raise
    finally:
        con.unregister("_corrections")
    return _count(con) - before


def _count(con: store.Connection) -> int:
    row = con.sql("SELECT count(*) FROM corrections").fetchone()
    return int(row[0]) if row else 0


def statement(db: str | Path, statement_id: str) -> dict[str, Any]:
    """The statement as shown now (ValueError if there is none)."""
    df = store.query(
        db,
        """SELECT statement_id, article_id, start_char, end_char, text, kind,
                  speaker_name AS speaker FROM statements WHERE statement_id = ?""",
        [statement_id],
    )
    if not df.height:
        raise ValueError(f"no statement {statement_id!r}")
    return df.row(0, named=True)


def figure(db: str | Path, figure_id: str) -> dict[str, Any]:
    """The figure as shown now (ValueError if there is none)."""
    df = store.query(
        db,
        """SELECT figure_id, article_id, start_char, end_char, surface, counts, value
           FROM figures WHERE figure_id = ?""",
        [figure_id],
    )
    if not df.height:
        raise ValueError(f"no figure {figure_id!r}")
    return df.row(0, named=True)


_OLD = {"set_speaker": "speaker", "clear_speaker": "speaker", "set_kind": "kind",
        "not_a_statement": "kind", "set_counts": "counts", "set_value": "value"}  # fmt: skip


def on_statement(
    db: str | Path, statement_id: str, action: str, new_value: str | None,
    who: str | None = None, note: str | None = None,
) -> Correction:  # fmt: skip
    """A correction of the statement ``statement_id`` as shown now (not yet stored)."""
    s = statement(db, statement_id)
    old = s.get(_OLD.get(action, ""))
    return Correction(
        "statement", s["article_id"], s["start_char"], s["end_char"], s["text"], action,
        new_value, reporter(who), None if old is None else str(old), note or None,
    )  # fmt: skip


def on_figure(
    db: str | Path, figure_id: str, action: str, new_value: str | None,
    who: str | None = None, note: str | None = None,
) -> Correction:  # fmt: skip
    """A correction of the figure ``figure_id`` as shown now (not yet stored)."""
    f = figure(db, figure_id)
    old = f.get(_OLD.get(action, ""))
    return Correction(
        "figure", f["article_id"], f["start_char"], f["end_char"], f["surface"], action,
        new_value, reporter(who), None if old is None else str(old), note or None,
    )  # fmt: skip


def added(
    db: str | Path, article_id: str, start: int | None, end: int | None, speaker: str | None,
    who: str | None = None, kind: str = "direct", note: str | None = None, text: str = "",
) -> Correction:  # fmt: skip
    """A missed statement of ``article_id``: the span ``start``-``end`` of its text, or the
    one place ``text`` (pasted from the article) occurs in it."""
    doc = store.query(db, "SELECT text FROM articles WHERE article_id = ?", [article_id])
    if not doc.height:
        raise ValueError(f"no article {article_id!r}")
    body: str = doc["text"][0]
    if start is None or end is None:
        start, end = find_span(body, text)
    if not 0 <= start < end <= len(body):
        raise ValueError(f"span {start}-{end} is outside the article ({len(body)} characters)")
    if kind not in STATEMENT_KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(STATEMENT_KINDS)}")
    value = json.dumps({"speaker": (speaker or "").strip() or None, "kind": kind})
    return Correction(
        "statement", article_id, start, end, body[start:end], "add_statement", value,
        reporter(who), None, note or None,
    )  # fmt: skip


def find_span(body: str, text: str) -> tuple[int, int]:
    """Where ``text`` occurs in ``body`` (it must occur exactly once; outer spaces ignored)."""
    needle = text.strip()
    if not needle:
        raise ValueError("paste the statement's exact words, or give its start and end")
    at = body.find(needle)
    if at < 0:
        raise ValueError("those words are not in the article (paste them exactly)")
    if body.find(needle, at + 1) >= 0:
        raise ValueError("those words occur more than once in the article: paste more of them")
    return at, at + len(needle)


# ------------------------------------------------------------------------- applying them
@dataclass(slots=True)
class _Row:
    """A current statement or figure the corrections can land on."""

    target_id: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Plan:
    status: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # uid → state
    winners: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
    added: dict[str, dict[str, Any]] = field(default_factory=dict)  # statement_id → row
    hidden_was: dict[str, str] = field(default_factory=dict)  # the kind a hidden row had
    targets: dict[str, str] = field(default_factory=dict)  # target id → statement/figure

    def win(self, uid: str, target_id: str, name: str, value: Any) -> None:
        earlier = self.winners.get((target_id, name))
        if earlier is not None and earlier[0] != uid:
            self.status[earlier[0]] = ("superseded", target_id)
        self.winners[(target_id, name)] = (uid, value)
        self.status[uid] = ("applied", target_id)


def apply(con: store.Connection) -> ApplyReport:
    """Apply every stored correction to the current statements and figures (one transaction).

    Each target is found by article, offsets and words; failing that, by its words alone
    where they occur once among the article's rows (the article was edited above it);
    failing that, the correction is 'orphaned'. Only rows whose shown value differs are
    written."""
    rows = con.sql(
        """SELECT uid, seq, target, article_id, start_char, end_char, target_text, action,
                  old_value, new_value FROM corrections ORDER BY made_at, seq"""
    ).fetchall()
    if not rows and not _count_state(con):
        return ApplyReport()
    articles = sorted({r[3] for r in rows})
    texts = store.article_texts(con, articles)
    statements, figures = _current(con, articles)
    plan = _Plan()
    for uid, seq, target, art, start, end, words, action, old, new in rows:
        if action == "add_statement":
            _plan_add(plan, (uid, seq), art, start, end, words, new, texts, statements)
            continue
        pool = statements if target == "statement" else figures
        hit = _find(pool.get(art, []), start, end, words)
        if hit is None:
            plan.status[uid] = ("orphaned", None)
            continue
        plan.targets[hit.target_id] = target
        name = ACTIONS[action][1]
        value: Any = None if action == "clear_speaker" else new
        plan.win(uid, hit.target_id, name, value)
        if action == "not_a_statement" and new == "true" and old and old != REJECTED_KIND:
            plan.hidden_was[hit.target_id] = old
    return _write(con, plan)


def _count_state(con: store.Connection) -> int:
    row = con.sql("SELECT count(*) FROM correction_state").fetchone()
    return int(row[0]) if row else 0


def _current(
    con: store.Connection, articles: list[str]
) -> tuple[dict[str, list[_Row]], dict[str, list[_Row]]]:
    """The extractor's statements and the figures of ``articles``, by article."""
    statements: dict[str, list[_Row]] = {}
    for sid, art, a, b, text in con.execute(
        """SELECT statement_id, article_id, start_char, end_char, text FROM statements
           WHERE list_contains(?, article_id) AND ordinal < ? ORDER BY article_id, ordinal""",
        [articles, ADDED_ORDINAL],
    ).fetchall():
        statements.setdefault(art, []).append(_Row(sid, a, b, text))
    figures: dict[str, list[_Row]] = {}
    for fid, art, a, b, surface in con.execute(
        """SELECT figure_id, article_id, start_char, end_char, surface FROM figures
           WHERE list_contains(?, article_id) ORDER BY article_id, ordinal""",
        [articles],
    ).fetchall():
        figures.setdefault(art, []).append(_Row(fid, a, b, surface))
    return statements, figures


def _find(rows: list[_Row], start: int, end: int, words: str) -> _Row | None:
    for r in rows:
        if r.start == start and r.end == end and r.text == words:
            return r
    same = [r for r in rows if r.text == words]
    return same[0] if len(same) == 1 else None


def _plan_add(
    plan: _Plan, key: tuple[str, int], art: str, start: int, end: int, words: str, new: str | None,
    texts: dict[str, str], statements: dict[str, list[_Row]],
) -> None:  # fmt: skip
    uid, seq = key
    body = texts.get(art)
    if body is None:
        plan.status[uid] = ("orphaned", None)
        return
    if body[start:end] != words:  # the article was edited: the same words elsewhere, once
        at = body.find(words)
        if at < 0 or body.find(words, at + 1) >= 0:
            plan.status[uid] = ("orphaned", None)
            return
        start, end = at, at + len(words)
    value = json.loads(new or "{}")
    rows = statements.setdefault(art, [])
    hit = _find(rows, start, end, words)
    if hit is None:  # not found by the extractor (nor added before): a new row
        sid = store.statement_id(art, ADDED_ORDINAL + seq)
        hit = _Row(sid, start, end, words)
        rows.append(hit)
        plan.added[sid] = {
            "statement_id": sid, "article_id": art, "ordinal": ADDED_ORDINAL + seq,
            "section": "text", "start_char": start, "end_char": end, "text": words,
            "kind": value.get("kind") or "direct", "speaker_how": "correction",
        }  # fmt: skip
    plan.targets[hit.target_id] = "statement"
    plan.win(uid, hit.target_id, "speaker", value.get("speaker"))
    plan.win(uid, hit.target_id, "kind", value.get("kind") or "direct")


def _write(con: store.Connection, plan: _Plan) -> ApplyReport:
    now = dt.datetime.now()
    state = [
        {"uid": uid, "status": s, "target_id": t, "checked_at": now}
        for uid, (s, t) in plan.status.items()
    ]
    marks = _marks(plan)
    names = {v for (_, f), (_, v) in plan.winners.items() if f == "speaker" and v}
    con.execute("BEGIN")
    try:
        speakers = _speaker_ids(con, sorted(names))
        changed = _write_added(con, plan.added)
        changed += _write_statements(con, plan, speakers)
        changed += _write_figures(con, plan)
        con.execute("DELETE FROM correction_state")
        store._insert(con, "correction_state", state)
        con.execute("DELETE FROM corrected_rows")
        store._insert(con, "corrected_rows", marks)
        con.execute("COMMIT")
    except BaseException:
        store._rollback(con)
        raise
    counts = {k: sum(1 for s, _ in plan.status.values() if s == k) for k in
              ("applied", "superseded", "orphaned")}  # fmt: skip
    return ApplyReport(counts["applied"], counts["superseded"], counts["orphaned"], changed)


def _marks(plan: _Plan) -> list[dict[str, Any]]:
    """``corrected_rows``: each target a correction applies to, corrected and/or verified."""
    out: dict[str, dict[str, Any]] = {}
    for (tid, name), (_, value) in plan.winners.items():
        row = out.setdefault(
            tid, {"target_id": tid, "target": plan.targets[tid], "corrected": False,
                  "verified": False},
        )  # fmt: skip
        if name == "verified":
            row["verified"] = value == "true"
        elif not (name == "hidden" and value == "false"):
            row["corrected"] = True
    return list(out.values())


def _speaker_ids(con: store.Connection, names: list[str]) -> dict[str, tuple[str, str]]:
    """name → (speaker id, the name shown): the corpus speaker of that name or alias (when
    there is one only), else a new speaker with the name as given."""
    out: dict[str, tuple[str, str]] = {}
    for name in names:
        found = con.execute(
            """SELECT DISTINCT speaker_id, name FROM speakers WHERE name = $n
               UNION SELECT DISTINCT a.speaker_id, s.name FROM speaker_aliases a
               JOIN speakers s USING (speaker_id) WHERE a.alias = $n""",
            {"n": name},
        ).fetchall()
        if len({f[0] for f in found}) == 1:
            out[name] = (found[0][0], found[0][1])
            continue
        sid = store.speaker_key(name)
        row = con.execute("SELECT name FROM speakers WHERE speaker_id = ?", [sid]).fetchone()
        if row is None:
            con.execute("INSERT INTO speakers VALUES (?, ?, 'person')", [sid, name])
            con.execute("INSERT OR IGNORE INTO speaker_aliases VALUES (?, ?)", [sid, name])
        out[name] = (sid, row[0] if row else name)
    return out


def _write_added(con: store.Connection, added: dict[str, dict[str, Any]]) -> int:
    """Make the added statements exactly ``added``."""
    have = {
        r[0]: (r[1], r[2], r[3])
        for r in con.execute(
            "SELECT statement_id, start_char, end_char, text FROM statements WHERE ordinal >= ?",
            [ADDED_ORDINAL],
        ).fetchall()
    }
    gone = [sid for sid in have if sid not in added]
    fresh = [r for sid, r in added.items()
             if have.get(sid) != (r["start_char"], r["end_char"], r["text"])]  # fmt: skip
    stale = gone + [r["statement_id"] for r in fresh if r["statement_id"] in have]
    if stale:
        con.execute("DELETE FROM statements WHERE list_contains(?, statement_id)", [stale])
    store._insert(con, "statements", fresh)
    return len(gone) + len(fresh)


def _write_statements(
    con: store.Connection, plan: _Plan, speakers: dict[str, tuple[str, str]]
) -> int:
    """The winning speaker and kind of each corrected statement, where they differ."""
    kinds = con.execute(
        "SELECT statement_id, kind FROM statements WHERE list_contains(?, statement_id)",
        [[t for t, k in plan.targets.items() if k == "statement"]],
    ).fetchall()
    speaker_rows: list[dict[str, Any]] = []
    kind_rows: list[dict[str, Any]] = []
    for sid, kind in kinds:
        if (sid, "speaker") in plan.winners:
            name = plan.winners[(sid, "speaker")][1]
            spk_id, shown = speakers[name] if name else (None, None)
            speaker_rows.append({"statement_id": sid, "speaker_id": spk_id, "name": shown})
        want = _kind(plan, sid, kind)
        if want != kind:
            kind_rows.append({"statement_id": sid, "kind": want})
    changed = 0
    if speaker_rows:
        con.register("_spk", pa.Table.from_pylist(speaker_rows, schema=_SPK))
        try:
            row = con.execute(
                """UPDATE statements SET speaker_id = u.speaker_id, speaker_name = u.name
                   FROM _spk u WHERE statements.statement_id = u.statement_id
                     AND (statements.speaker_id IS DISTINCT FROM u.speaker_id
                          OR statements.speaker_name IS DISTINCT FROM u.name)"""
            ).fetchone()
            changed += int(row[0]) if row else 0
            con.execute(
                """UPDATE figures SET speaker_id = u.speaker_id, speaker_name = u.name
                   FROM _spk u WHERE figures.statement_id = u.statement_id
                     AND (figures.speaker_id IS DISTINCT FROM u.speaker_id
                          OR figures.speaker_name IS DISTINCT FROM u.name)"""
            )
        finally:
            con.unregister("_spk")
    if kind_rows:
        con.register("_kinds", pa.Table.from_pylist(kind_rows))
        try:
            con.execute(
                """UPDATE statements SET kind = u.kind FROM _kinds u
                   WHERE statements.statement_id = u.statement_id"""
            )
        finally:
            con.unregister("_kinds")
        changed += len(kind_rows)
    return changed


_SPK = pa.schema([("statement_id", pa.string()), ("speaker_id", pa.string()),
                  ("name", pa.string())])  # fmt: skip


def _kind(plan: _Plan, sid: str, kind: str) -> str:
    """The kind a statement shows: hidden, else the corrected kind, else its own (a row
    hidden before and shown again gets back the kind it had)."""
    hidden = plan.winners.get((sid, "hidden"))
    if hidden is not None and hidden[1] == "true":
        return REJECTED_KIND
    fixed = plan.winners.get((sid, "kind"))
    if fixed is not None:
        return str(fixed[1])
    if kind == REJECTED_KIND:
        return plan.hidden_was.get(sid, "direct")
    return kind


def _write_figures(con: store.Connection, plan: _Plan) -> int:
    rows = [
        {"figure_id": tid,
         "counts": plan.winners.get((tid, "counts"), (None, None))[1],
         "value": plan.winners.get((tid, "value"), (None, None))[1],
         "set_counts": (tid, "counts") in plan.winners,
         "set_value": (tid, "value") in plan.winners}
        for tid, k in plan.targets.items() if k == "figure"
    ]  # fmt: skip
    rows = [r for r in rows if r["set_counts"] or r["set_value"]]
    if not rows:
        return 0
    for r in rows:
        r["value"] = float(r["value"]) if r["value"] is not None else None
    con.register("_figs", pa.Table.from_pylist(rows))
    try:
        row = con.execute(
            """UPDATE figures SET
                 counts = CASE WHEN u.set_counts THEN u.counts ELSE figures.counts END,
                 value = CASE WHEN u.set_value THEN u.value ELSE figures.value END
               FROM _figs u WHERE figures.figure_id = u.figure_id
                 AND ((u.set_counts AND figures.counts IS DISTINCT FROM u.counts)
                      OR (u.set_value AND figures.value IS DISTINCT FROM u.value))"""
        ).fetchone()
    finally:
        con.unregister("_figs")
    return int(row[0]) if row else 0


# ------------------------------------------------------------------- reading, sharing
def audit(db: str | Path, orphaned: bool = False, who: str | None = None) -> pl.DataFrame:
    """Every correction, newest first, with its status now ('applied', 'superseded',
    'orphaned') and the statement or figure it applies to."""
    conds, params = ["TRUE"], []
    if orphaned:
        conds.append("coalesce(s.status, 'pending') = 'orphaned'")
    if who:
        conds.append("c.who = ?")
        params.append(who)
    return store.query(
        db,
        f"""SELECT c.made_at, c.who, c.action, c.target, c.article_id, c.start_char, c.end_char,
                   c.target_text, c.old_value, c.new_value, c.note,
                   coalesce(s.status, 'pending') AS status, s.target_id, c.uid
            FROM corrections c LEFT JOIN correction_state s USING (uid)
            WHERE {" AND ".join(conds)} ORDER BY c.made_at DESC, c.seq DESC""",
        params or None,
    )


def export_jsonl(db: str | Path, path: str | Path) -> int:
    """Write every correction to ``path`` as JSON lines (oldest first); returns how many."""
    df = store.query(db, f"SELECT {', '.join(_FIELDS)} FROM corrections ORDER BY made_at, seq")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for row in df.iter_rows(named=True):
            row["made_at"] = row["made_at"].isoformat()
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return df.height


def read_jsonl(path: str | Path) -> list[Correction]:
    """Corrections from a file :func:`export_jsonl` wrote (ValueError naming a bad line)."""
    out: list[Correction] = []
    with Path(path).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                d["made_at"] = dt.datetime.fromisoformat(d["made_at"])
                out.append(Correction(**{k: d.get(k) for k in _FIELDS}))
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"{path}:{n}: not a correction ({exc})") from None
    return out


def import_jsonl(db: str | Path, path: str | Path) -> tuple[int, int]:
    """Add the corrections of ``path`` not yet in the store (by uid), and apply them all:
    importing the same file twice adds nothing. Returns (read, new)."""
    items = read_jsonl(path)
    return len(items), record(db, items, command="corrections import")
