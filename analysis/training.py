"""Learn the attribution-verb lexicon from PolNeAR's train split (never dev or test).

``python -m analysis.training`` parses the train articles, finds the verb at the head of every
gold cue ("said", "endorsed", "called for"), and counts, for each verb lemma, how often an
occurrence with a subject and a complement is a gold cue. Lemmas that are cues often enough
(precision ≥ ``MIN_PRECISION`` over ≥ ``MIN_HITS`` hits) are written to
``analysis/extract/cues.json``, which extraction reads as data. The file holds lemmas and
counts only, no article text; rerunning the script reproduces it from ../shared.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc, Token

from analysis import settings
from analysis.extract import nlp as nlp_loader
from analysis.extract.vocab import BELIEF_VERBS, EVIDENCE_VERBS, REPORTING_VERBS

OUT = Path(__file__).parent / "extract" / "cues.json"
MIN_HITS = 5
MIN_PRECISION = 0.45
_COMPLEMENTS = {"ccomp", "xcomp", "dobj", "prep", "oprd", "dative"}


def _gold(gold_dir: Path, split: str) -> tuple[dict[str, str], dict[str, list[tuple[int, int]]]]:
    texts: dict[str, str] = {}
    for line in (gold_dir / "articles.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        if rec["split"] == split:
            texts[rec["doc_id"]] = rec["text"]
    cues: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in (gold_dir / "quotes.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["split"] == split and q.get("cue_start") is not None:
            cues[q["doc_id"]].append((q["cue_start"], q["cue_end"]))
    return texts, cues


def _candidate(tok: Token) -> bool:
    """A verb with a subject and something it could report."""
    if tok.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in tok.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and bool(deps & _COMPLEMENTS)


def count(docs: list[tuple[Doc, list[tuple[int, int]]]]) -> tuple[Counter[str], Counter[str]]:
    """(occurrences, gold-cue hits) per verb lemma."""
    occ: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for doc, spans in docs:
        for tok in doc:
            if not _candidate(tok):
                continue
            lemma = tok.lemma_.lower()
            occ[lemma] += 1
            if any(a <= tok.idx < b for a, b in spans):
                hits[lemma] += 1
    return occ, hits


def learn(gold_dir: Path, split: str = "train") -> dict[str, object]:
    if split != "train":
        raise ValueError("the lexicon is learned on train only; dev and test stay unseen")
    texts, cues = _gold(gold_dir, split)
    nlp = nlp_loader.load()
    ids = sorted(texts)
    docs = [
        (doc, cues.get(doc_id, []))
        for doc_id, doc in zip(ids, nlp.pipe(texts[i] for i in ids), strict=True)
    ]
    occ, hits = count(docs)
    known = REPORTING_VERBS | BELIEF_VERBS | EVIDENCE_VERBS
    learned = {
        lemma: {"hits": hits[lemma], "occurrences": occ[lemma], "precision": round(p, 3)}
        for lemma in sorted(hits)
        if hits[lemma] >= MIN_HITS
        and (p := hits[lemma] / occ[lemma]) >= MIN_PRECISION
        and lemma not in known
        and lemma.isalpha()
    }
    return {
        "_about": __doc__.strip().splitlines()[0] if __doc__ else "",
        "source": "PolNeAR train split",
        "min_hits": MIN_HITS,
        "min_precision": MIN_PRECISION,
        "verbs": learned,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--gold-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    gold = args.gold_dir or settings.shared_dir() / "gold" / "polnear"
    result = learn(gold)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    verbs = result["verbs"]
    print(f"{len(verbs)} cue verbs → {args.out}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
