"""Draw the stored statements a person judges for the default-views check (issue 15).

    python tests/gold/statements_check/draw.py build   # ingest the drawn AllSides articles
    python tests/gold/statements_check/draw.py rows    # the drawn statements, with context,
                                                       # to /tmp/statements_check/rows.jsonl

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
                para_start = text.rfind("\n\n", 0, s)
                para_start = max(0, text.rfind("\n\n", 0, max(para_start, 0))) if para_start > 0 else 0
                para_end = text.find("\n\n", e)
                r["context"] = text[para_start : para_end if para_end > 0 else len(text)]
                r["earlier"] = text[max(0, para_start - 1500) : para_start]
            f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    print(f"{len(picked)} of {len(all_rows)} statements → {out}")


if __name__ == "__main__":
    {"build": build, "rows": rows}[sys.argv[1]]()
