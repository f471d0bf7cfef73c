"""Labelling tool for the PolNeAR speaker-name gold set (tests/gold/names/README.md).

    python tests/gold/names/tool.py draw                 # the articles of each part
    python tests/gold/names/tool.py show DOC_ID          # an article and its gold speaker mentions
    python tests/gold/names/tool.py check FILE [DOC_ID ...]   # validate a labels file
    python tests/gold/names/tool.py merge                # parts/*.jsonl -> polnear_names.jsonl

Reads PolNeAR from $QUOTEDESK_SHARED/gold/polnear (default ../shared). Writes no article text.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = Path(os.environ.get("QUOTEDESK_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "gold" / "polnear"

ENTITIES = (
    "person",
    "organisation",
    "group",
    "document",
    "generic",
    "unresolvable",
    "not_a_source",
)
MENTIONS = ("full_name", "short_name", "pronoun", "description", "org_name")
NAMED = ("person", "organisation", "group", "document")

# The draw: all dev articles; 40 train articles by a seeded shuffle of the sorted ids.
TRAIN_SEED = 20261205
TRAIN_N = 80
# parts handed to labellers: name -> (split, slice of the split's drawn order)
PARTS = {
    "dev-a": ("dev", slice(0, 21)),
    "dev-b": ("dev", slice(21, 42)),
    "dev-c": ("dev", slice(42, 63)),
    "dev-d": ("dev", slice(63, 84)),
    "train-a": ("train", slice(0, 20)),
    "train-b": ("train", slice(20, 40)),
    "train-c": ("train", slice(40, 60)),
    "train-d": ("train", slice(60, 80)),
}


def load() -> tuple[dict[str, dict], list[dict]]:
    arts = {}
    with (GOLD / "articles.jsonl").open(encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts[a["doc_id"]] = a
    with (GOLD / "quotes.jsonl").open(encoding="utf-8") as f:
        quotes = [json.loads(line) for line in f]
    return arts, quotes


def drawn(split: str, quotes: list[dict]) -> list[str]:
    ids = sorted({q["doc_id"] for q in quotes if q["split"] == split})
    if split == "train":
        random.Random(TRAIN_SEED).shuffle(ids)
        return ids[:TRAIN_N]
    random.Random(TRAIN_SEED + 1).shuffle(ids)
    return ids


def part_docs(part: str, quotes: list[dict]) -> list[str]:
    split, sl = PARTS[part]
    return drawn(split, quotes)[sl]


def mentions(doc_id: str, quotes: list[dict]) -> list[dict]:
    qs = [q for q in quotes if q["doc_id"] == doc_id and q.get("speaker_start") is not None]
    return sorted(qs, key=lambda q: (q["speaker_start"], q["quote_start"]))


def show(doc_id: str) -> None:
    arts, quotes = load()
    a = arts[doc_id]
    text = a["text"]
    print(f"# {doc_id}  ({a['source']}, {a['published']}, split {a['split']})\n")
    pos = 0
    for n, para in enumerate(text.split("\n\n")):
        print(f"[P{n} @{pos}] {para}\n")
        pos += len(para) + 2
    print("# gold speaker mentions (label every one)\n")
    for q in mentions(doc_id, quotes):
        s, e = q["speaker_start"], q["speaker_end"]
        para = text.count("\n\n", 0, s)
        content = q["quote_text"].replace("\n", " ")
        if len(content) > 110:
            content = content[:110] + "..."
        print(
            f"{q['quote_id']}\n    speaker [{s}:{e}] P{para} {text[s:e]!r}   cue {q.get('cue')!r}\n"
            f"    content: {content}"
        )


def check(path: Path, docs: list[str] | None = None) -> int:
    _, quotes = load()
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    by_id = {q["quote_id"]: q for q in quotes}
    seen: set[str] = set()
    problems = []
    for n, r in enumerate(rows, 1):
        q = by_id.get(r.get("quote_id"))
        if q is None:
            problems.append(f"line {n}: unknown quote_id {r.get('quote_id')!r}")
            continue
        if r["quote_id"] in seen:
            problems.append(f"line {n}: {r['quote_id']} labelled twice")
        seen.add(r["quote_id"])
        if (r.get("speaker_start"), r.get("speaker_end")) != (q["speaker_start"], q["speaker_end"]):
            problems.append(f"line {n}: speaker offsets differ from the gold")
        if r.get("entity") not in ENTITIES:
            problems.append(f"line {n}: entity {r.get('entity')!r} not in {ENTITIES}")
        if r.get("mention") not in MENTIONS:
            problems.append(f"line {n}: mention {r.get('mention')!r} not in {MENTIONS}")
        if r.get("entity") in NAMED and not r.get("name"):
            problems.append(f"line {n}: entity {r['entity']} needs a name")
        if r.get("entity") not in NAMED and r.get("name"):
            problems.append(f"line {n}: entity {r['entity']} takes no name")
        if not isinstance(r.get("aliases", []), list):
            problems.append(f"line {n}: aliases must be a list")
        if r.get("entity") in NAMED and not isinstance(r.get("named_in_article"), bool):
            problems.append(f"line {n}: named_in_article must be true or false")
        if "text" in r or "mention_text" in r:
            problems.append(f"line {n}: no article text in the gold file")
    for d in docs or sorted(
        {by_id[r["quote_id"]]["doc_id"] for r in rows if r.get("quote_id") in by_id}
    ):
        for q in mentions(d, quotes):
            if q["quote_id"] not in seen:
                problems.append(f"{q['quote_id']}: not labelled")
    for p in problems:
        print(p)
    print(f"{len(rows)} rows, {len(problems)} problems")
    return 1 if problems else 0


def merge() -> None:
    _, quotes = load()
    order = {q["quote_id"]: i for i, q in enumerate(quotes)}
    rows = []
    for part in sorted((HERE / "parts").glob("*.jsonl")):
        rows += [json.loads(line) for line in part.open(encoding="utf-8") if line.strip()]
    rows.sort(key=lambda r: order[r["quote_id"]])
    with (HERE / "polnear_names.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows")


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "draw"
    if cmd == "draw":
        _, quotes = load()
        for part in PARTS:
            docs = part_docs(part, quotes)
            n = sum(len(mentions(d, quotes)) for d in docs)
            print(f"{part}: {len(docs)} articles, {n} mentions")
            if len(argv) > 1 and argv[1] == part:
                print("\n".join(docs))
                return 0
        return 0
    if cmd == "show":
        show(argv[1])
        return 0
    if cmd == "check":
        return check(Path(argv[1]), argv[2:] or None)
    if cmd == "merge":
        merge()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
