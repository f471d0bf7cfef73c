"""Labelling tool for the hand-checked figure sets (tests/gold/README.md).

    python tests/gold/figures_tool.py draw [PART]          # the AllSides articles of each part
    python tests/gold/figures_tool.py show ARTICLE_ID      # an article, its number expressions
    python tests/gold/figures_tool.py check FILE           # validate a labels file
    python tests/gold/figures_tool.py merge                # figures_parts/allsides-*.jsonl
                                                           #   -> allsides_figures.jsonl

Articles come from $QUOTEDESK_SHARED/corpus (default ../shared): AllSides' articles-5k.jsonl.gz
and Wikinews' articles.jsonl. The files written hold offsets, values and labels, never text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = Path(os.environ.get("QUOTEDESK_SHARED", ROOT.parent / "shared"))
ALLSIDES = SHARED / "corpus" / "allsides" / "articles-5k.jsonl.gz"
SAMPLE_300 = SHARED / "corpus" / "allsides" / "sample-300.jsonl"
WIKINEWS = SHARED / "corpus" / "wikinews" / "articles.jsonl"

DRAW_SEED = 20261206
SPLIT_SEED = 20261207
N_ARTICLES = 62
MAX_WORDS = 1200
PARTS = {"allsides-a": slice(0, 25), "allsides-b": slice(25, 50), "allsides-c": slice(50, 62)}

TYPES = ("count", "money", "percent", "measure", "age", "duration", "other")
NON_FIGURE = (
    "year",
    "date",
    "time",
    "ordinal",
    "name_code",
    "one_pronoun",
    "caption",
    "tally",
    "page_debris",
    "idiom",
    "other",
)

_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|"
    r"halves|quarters?|thirds?|score|single|double|triple|couple|several|few|percent"
)
CANDIDATE = re.compile(rf"\d(?:[\d,.]*\d)?|\b(?:{_WORDS})\b", re.I)


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def articles() -> dict[str, dict]:
    out = {a["id"]: a for a in _read_jsonl(ALLSIDES)}
    out.update({a["id"]: a for a in _read_jsonl(WIKINEWS)})
    return out


def drawn() -> list[str]:
    """The AllSides draw: articles of at most MAX_WORDS words that are not in sample-300
    (which tests use), sorted, shuffled with DRAW_SEED; the first N_ARTICLES."""
    seen = {a["id"] for a in _read_jsonl(SAMPLE_300)}
    ids = sorted(
        a["id"]
        for a in _read_jsonl(ALLSIDES)
        if len(a["text"].split()) <= MAX_WORDS and a["id"] not in seen
    )
    random.Random(DRAW_SEED).shuffle(ids)
    return ids[:N_ARTICLES]


def split_of(ids: list[str]) -> dict[str, str]:
    order = sorted(ids)
    random.Random(SPLIT_SEED).shuffle(order)
    half = len(order) // 2
    return {i: ("tune" if n < half else "heldout") for n, i in enumerate(order)}


def show(article_id: str) -> None:
    a = articles()[article_id]
    text = a["text"]
    print(
        f"# {article_id}  ({a.get('outlet')}, {a.get('published')})  sha256 "
        f"{hashlib.sha256(text.encode()).hexdigest()}\n# title: {a.get('title')}\n"
    )
    pos = 0
    for n, para in enumerate(text.split("\n\n")):
        print(f"[P{n} @{pos}] {para}\n")
        pos += len(para) + 2
    print(
        "# number expressions found by a regular expression (decide every one; add any it missed)"
    )
    for m in CANDIDATE.finditer(text):
        s, e = m.start(), m.end()
        left = text[max(0, s - 60) : s].replace("\n", " ")
        right = text[e : e + 60].replace("\n", " ")
        print(f"  [{s}:{e}] {m.group()!r:14}  ...{left}[[{m.group()}]]{right}...")


def check(path: Path) -> int:
    texts = articles()
    problems = []
    n_fig = 0
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        a = texts.get(r.get("article_id"))
        if a is None:
            problems.append(f"line {n}: unknown article {r.get('article_id')!r}")
            continue
        text = a["text"]
        if r.get("sha256") != hashlib.sha256(text.encode()).hexdigest():
            problems.append(f"line {n}: sha256 does not match the article's text")
        spans = []
        for f in r.get("figures", []):
            n_fig += 1
            where = f"line {n} figure [{f.get('start')}:{f.get('end')}]"
            if not (0 <= f["start"] < f["end"] <= len(text)):
                problems.append(f"{where}: offsets outside the text")
                continue
            if f.get("type") not in TYPES:
                problems.append(f"{where}: type {f.get('type')!r} not in {TYPES}")
            if not isinstance(f.get("value"), (int, float)):
                problems.append(f"{where}: value must be a number")
            if not isinstance(f.get("approx"), bool):
                problems.append(f"{where}: approx must be true or false")
            cs, ce = f.get("counts_start"), f.get("counts_end")
            hs, he = f.get("head_start"), f.get("head_end")
            if (
                (cs is None) != (ce is None)
                or (hs is None) != (he is None)
                or (cs is None) != (hs is None)
            ):
                problems.append(f"{where}: counts and head are both given or both null")
            elif cs is not None and not (cs <= hs < he <= ce):
                problems.append(f"{where}: the head must lie inside the counted span")
            spans.append((f["start"], f["end"]))
        for f in r.get("non_figures", []):
            if f.get("reason") not in NON_FIGURE:
                problems.append(
                    f"line {n} non-figure [{f.get('start')}:{f.get('end')}]: "
                    f"reason {f.get('reason')!r} not in {NON_FIGURE}"
                )
            spans.append((f["start"], f["end"]))
        if r.get("article_id", "").startswith("allsides-"):
            for m in CANDIDATE.finditer(text):
                if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in spans):
                    problems.append(
                        f"line {n}: candidate [{m.start()}:{m.end()}] {m.group()!r} is not decided"
                    )
        if "text" in r:
            problems.append(f"line {n}: no article text in the gold file")
    for p in problems:
        print(p)
    print(f"{n_fig} figures, {len(problems)} problems")
    return 1 if problems else 0


def merge() -> None:
    ids = drawn()
    rank = {i: n for n, i in enumerate(ids)}
    split = split_of(ids)
    rows = []
    for part in sorted((HERE / "figures_parts").glob("allsides-*.jsonl")):
        rows += [json.loads(line) for line in part.open(encoding="utf-8") if line.strip()]
    for r in rows:
        r["draw_rank"] = rank[r["article_id"]]
        r["split"] = split[r["article_id"]]
    rows.sort(key=lambda r: r["draw_rank"])
    with (HERE / "allsides_figures.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            keys = ["article_id", "draw_rank", "sha256", "split", "figures", "non_figures"]
            f.write(json.dumps({k: r.get(k, []) for k in keys}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles, {sum(len(r['figures']) for r in rows)} figures")


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "draw"
    if cmd == "draw":
        ids = drawn()
        for part, sl in PARTS.items():
            if len(argv) > 1 and argv[1] != part:
                continue
            print(f"{part}: {len(ids[sl])} articles")
            if len(argv) > 1:
                print("\n".join(ids[sl]))
        return 0
    if cmd == "show":
        show(argv[1])
        return 0
    if cmd == "check":
        return check(Path(argv[1]))
    if cmd == "merge":
        merge()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
