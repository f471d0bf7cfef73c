"""Draw the stored statements a person judges for the default-views check (issue 15).

    python tests/gold/statements_check/draw.py build   # ingest the drawn AllSides articles
    python tests/gold/statements_check/draw.py rows    # the drawn statements, with context,
                                                       # to /tmp/statements_check/rows.jsonl
    python tests/gold/statements_check/draw.py report  # the judgements against the store
                                                       # the current extractor built

120 AllSides articles (articles-5k, ids sorted, shuffled with random.Random(20261209)) are
ingested into a store by the real `quotedesk ingest`; 360 of their stored statements are drawn
with random.Random(20261210). The context file (article text excerpts) stays outside the
repository; judgements.jsonl holds ids, offsets and labels only. See README.md.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = Path(os.environ.get("QUOTEDESK_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "allsides" / "articles-5k.jsonl.gz"
WORK = Path(os.environ.get("QUOTEDESK_CHECK_DIR", "/tmp/statements_check"))
ARTICLES, ROWS = 120, 360


def drawn_articles() -> list[dict]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f]
    ids = sorted(a["id"] for a in arts)
    random.Random(20261209).shuffle(ids)
    keep = set(ids[:ARTICLES])
    return [a for a in arts if a["id"] in keep]


def build() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    src = WORK / "articles.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for a in drawn_articles():
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    db = WORK / "check.duckdb"
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "analysis.cli", "ingest", str(src), "--db", str(db)],
                   check=False)  # fmt: skip


def rows() -> None:
    sys.path.insert(0, str(ROOT))
    from analysis import store

    db = WORK / "check.duckdb"
    df = store.query(
        db,
        """SELECT s.statement_id, s.article_id, s.section, s.start_char, s.end_char, s.kind,
                  s.text, s.cue, s.speaker_mention, s.speaker_start, s.speaker_end,
                  s.speaker_name, s.speaker_how, sp.kind AS speaker_kind, a.text AS article,
                  a.title, a.outlet
           FROM statements s JOIN articles a USING (article_id)
           LEFT JOIN speakers sp USING (speaker_id) ORDER BY s.statement_id""",
    )
    all_rows = list(df.iter_rows(named=True))
    picked = random.Random(20261210).sample(all_rows, min(ROWS, len(all_rows)))
    out = WORK / "rows.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for r in sorted(picked, key=lambda r: r["statement_id"]):
            text = r.pop("article")
            s, e = r["start_char"], r["end_char"]
            if r["section"] == "title":
                r["context"] = r["title"]
            else:
                prev = text.rfind("\n\n", 0, s)  # the paragraph before the statement's too
                para_start = max(0, text.rfind("\n\n", 0, prev)) if prev > 0 else 0
                para_end = text.find("\n\n", e)
                r["context"] = text[para_start : para_end if para_end > 0 else len(text)]
                r["earlier"] = text[max(0, para_start - 1500) : para_start]
            f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    print(f"{len(picked)} of {len(all_rows)} statements → {out}")


def report() -> None:
    """The judgements against the store as the current extractor builds it (``build`` first):
    per kind, and for the rows the default views show. A judged row is found again by its
    article and offsets; a row the extractor no longer stores counts as gone."""
    sys.path.insert(0, str(ROOT))
    from analysis import store
    from analysis.records import DEFAULT_KINDS

    judged = [json.loads(x) for x in (HERE / "judgements.jsonl").open(encoding="utf-8")]
    now = store.query(
        WORK / "check.duckdb",
        "SELECT article_id, start_char, end_char, kind, speaker_name FROM statements",
    )
    kinds = {(r[0], r[1], r[2]): (r[3], r[4]) for r in now.iter_rows()}
    table: dict[str, list[dict]] = {}
    for r in judged:
        kind, _ = kinds.get((r["article_id"], r["start_char"], r["end_char"]), ("gone", None))
        r["kind_now"] = kind
        table.setdefault(kind, []).append(r)
    print(f"{'kind now':<10} {'rows':>5} {'real':>6} {'wrong name':>11} {'usable':>7}")
    for kind, rs in sorted(table.items(), key=lambda kv: -len(kv[1])):
        print(_line(kind, rs))
    shown = [r for r in judged if r["kind_now"] in DEFAULT_KINDS]
    print(_line("default", shown))
    hidden = [r for r in judged if r["kind_now"] not in DEFAULT_KINDS and r["kind_now"] != "gone"]
    real_hidden = sum(r["real"] == "statement" for r in hidden)
    print(f"hidden by default: {len(hidden)} rows, {real_hidden} of them real statements")


def _line(label: str, rs: list[dict]) -> str:
    """rows, % real statements, % real statements with a wrong name (of all rows), % usable."""
    n = len(rs) or 1
    real = sum(r["real"] == "statement" for r in rs)
    wrong = sum(r["real"] == "statement" and r["speaker"] == "wrong" for r in rs)
    usable = sum(
        r["real"] == "statement"
        and r["speaker"] in ("right", "none_ok")
        and r["boundaries"] == "ok"
        for r in rs
    )
    return (
        f"{label:<10} {len(rs):>5} {100 * real / n:>5.1f}% {100 * wrong / n:>10.1f}% "
        f"{100 * usable / n:>6.1f}%"
    )


if __name__ == "__main__":
    {"build": build, "rows": rows, "report": report}[sys.argv[1]]()
