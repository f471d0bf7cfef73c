"""Learn the cue lexicon, cue model and speaker model from PolNeAR's train split (never dev/test).

``python -m analysis.dev.training`` parses the train articles once and writes three data files:

- ``analysis/extract/cues.json``: for each verb lemma, how often an occurrence with a subject
  and a complement is a gold cue. Lemmas that are cues often enough (precision ≥
  ``MIN_PRECISION`` over ≥ ``MIN_HITS`` hits) are used by the hand rules.
- ``analysis/extract/cue_model.json``: a logistic regression over (head word, argument)
  candidates the hand rules leave (``analysis.extract.cue_model``). A candidate is labelled
  positive when it and a gold attribution's content each cover half of the other. The
  acceptance threshold is chosen on 5-fold out-of-fold probabilities (folds by article)
  by running the scorer on train: the best F1 at T=0.3 with precision ≥ ``MIN_SYSTEM_P``.
- ``analysis/extract/speaker_model.json``: pairwise weights that choose a statement's speaker
  among the cue's subject and the other mentions around it (``analysis.extract.speaker_model``),
  learned from the train statements matched at T=0.3: a candidate is right when its mention
  overlaps the gold speaker. The margin a candidate must beat the subject by is chosen on
  5-fold out-of-fold choices (folds by article). ``--speaker-only`` refits this file alone.

All files hold lemmas, feature names and numbers only, no article text; rerunning the script
reproduces them byte for byte from ../shared (``--cache`` reuses a parse saved by an earlier
run).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Doc, DocBin, Token

from analysis import settings
from analysis.extract import cue_model, speaker_model
from analysis.extract import nlp as nlp_loader
from analysis.extract.quotes import find_quotes
from analysis.extract.speakers import ArticleSpeakers
from analysis.extract.statements import (
    _Index,
    _overlaps,
    extract_statements,
    learned_candidates,
)
from analysis.extract.vocab import BELIEF_VERBS, EVIDENCE_VERBS, REPORTING_VERBS

OUT = Path(__file__).parent.parent / "extract" / "cues.json"
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


def parse_split(gold_dir: Path, split: str, cache: Path | None = None) -> dict[str, Doc]:
    """The split's articles parsed once, by doc id (read from or saved to ``cache``)."""
    if split != "train":
        raise ValueError("the lexicon is learned on train only; dev and test stay unseen")
    texts, _ = _gold(gold_dir, split)
    ids = sorted(texts)
    nlp = nlp_loader.load()
    if cache is not None and cache.exists():
        by_text = {doc.text: doc for doc in DocBin().from_disk(cache).get_docs(nlp.vocab)}
        docs = [by_text[texts[i]] for i in ids]
    else:
        docs = list(nlp.pipe(texts[i] for i in ids))
        if cache is not None:
            DocBin(docs=docs).to_disk(cache)
    return dict(zip(ids, docs, strict=True))


def learn(gold_dir: Path, docs: dict[str, Doc]) -> dict[str, object]:
    """The cue-verb lexicon (``cues.json``) from parsed train articles."""
    _, cues = _gold(gold_dir, "train")
    occ, hits = count([(doc, cues.get(doc_id, [])) for doc_id, doc in docs.items()])
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
        "_about": "Cue verbs learned from PolNeAR's train split by analysis/dev/training.py.",
        "source": "PolNeAR train split",
        "min_hits": MIN_HITS,
        "min_precision": MIN_PRECISION,
        "verbs": learned,
    }


# ------------------------------------------------------------------------ cue model
MODEL_OUT = Path(__file__).parent.parent / "extract" / "cue_model.json"
MODEL_C = 0.3  # inverse L2 strength; 0.3 beat 1.0 and 3.0 on train out-of-fold
MIN_SYSTEM_P = 0.82  # the product's floor is 0.80 on dev; keep a margin
FOLDS = 5


@dataclass
class _Rows:
    doc_ids: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    feats: list[list[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)


def _scorer(gold_dir: Path) -> Any:
    """../shared/eval/score.py, the same scorer ``quotedesk eval`` runs."""
    path = gold_dir.parent.parent / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _rows(
    docs: dict[str, Doc], gold: dict[str, list[dict[str, Any]]], sc: Any
) -> tuple[_Rows, dict[str, list[dict[str, Any]]]]:
    """Candidates left by the hand rules, labelled against gold; and the rules' own rows."""
    rows, base = _Rows(), {}
    for doc_id, doc in docs.items():
        found, _, _ = extract_statements(doc, learned=False)
        base[doc_id] = [_pred(s.start, s.end, s.fragments) for s in found if s.section == "text"]
        taken = [(s.start, s.end) for s in found]
        index = _Index(doc, find_quotes(doc.text)[0])
        spans = [sc.quote_spans(g) for g in gold.get(doc_id, [])]
        for c, s, e in learned_candidates(doc, index, None, taken):
            rows.doc_ids.append(doc_id)
            rows.spans.append((s, e))
            rows.feats.append(cue_model.features(c, doc.text))
            rows.labels.append(int(any(_mutual(sc, g, s, e) for g in spans)))
            rows.lemmas.append(c.head.lemma_.lower())
    return rows, base


def _pred(s: int, e: int, frags: tuple[tuple[int, int], ...] = ()) -> dict[str, Any]:
    return {"quote_start": s, "quote_end": e, "quote_fragments": [list(f) for f in frags] or None}


def _mutual(sc: Any, g: list[tuple[int, int]], s: int, e: int) -> bool:
    shared = sc.spans_overlap(g, [(s, e)])
    return bool(shared) and shared >= 0.5 * sc.spans_length(g) and shared >= 0.5 * (e - s)


def _system_scores(
    sc: Any, gold: Any, texts: Any, base: Any, rows: _Rows, probs: Any, t: float
) -> dict[str, float]:
    """The scorer's P/R/F1 on train when candidates with probability ≥ t join the rules',
    accepted best first without overlap, as extraction does."""
    preds = {d: list(rows_) for d, rows_ in base.items()}
    by_doc: dict[str, list[tuple[float, int, int]]] = defaultdict(list)
    for d, (s, e), p in zip(rows.doc_ids, rows.spans, probs, strict=True):
        if p >= t:
            by_doc[d].append((p, s, e))
    for d, cands in by_doc.items():
        taken: list[tuple[int, int]] = []
        for _, s, e in sorted(cands, reverse=True):
            if not _overlaps(s, e, taken):
                taken.append((s, e))
                preds[d].append(_pred(s, e))
    res = sc.score(gold, preds, texts, thresholds=(0.3,))["thresholds"]["0.3"]
    return {k: res[k] for k in ("precision", "recall", "f1")}


def learn_model(gold_dir: Path, docs: dict[str, Doc]) -> dict[str, object]:
    """Fit the cue model on train and choose its threshold out of fold."""
    sc = _scorer(gold_dir)
    texts, gold = sc.load_gold(str(gold_dir), "train")
    rows, base = _rows(docs, gold, sc)
    vec = CountVectorizer(analyzer=lambda x: x, min_df=2, binary=True)
    x = vec.fit_transform(rows.feats)
    y = np.array(rows.labels)
    groups = np.array(rows.doc_ids)
    oof = np.zeros(len(y))
    for train_i, test_i in GroupKFold(FOLDS).split(x, y, groups):
        fold = LogisticRegression(C=MODEL_C, solver="liblinear", max_iter=2000)
        fold.fit(x[train_i], y[train_i])
        oof[test_i] = fold.predict_proba(x[test_i])[:, 1]
    grid = [round(0.35 + 0.025 * i, 3) for i in range(7)]
    scores = {t: _system_scores(sc, gold, texts, base, rows, oof, t) for t in grid}
    ok = [t for t in grid if scores[t]["precision"] >= MIN_SYSTEM_P] or [max(grid)]
    threshold = max(ok, key=lambda t: scores[t]["f1"])
    model = LogisticRegression(C=MODEL_C, solver="liblinear", max_iter=2000).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    weights = {k: v for k, v in weights.items() if abs(v) >= 1e-3}
    positive = sorted({lem for lem, lab in zip(rows.lemmas, rows.labels, strict=True) if lab})
    return {
        "_about": "Cue model weights learned from PolNeAR's train split "
        "by analysis/dev/training.py.",
        "source": "PolNeAR train split",
        "candidates": len(y),
        "positives": int(y.sum()),
        "C": MODEL_C,
        "threshold": threshold,
        "train_out_of_fold": {str(t): {k: round(v, 4) for k, v in scores[t].items()} for t in grid},
        "lemmas": positive,
        "weights": dict(sorted(weights.items())),
    }


# ---------------------------------------------------------------------- speaker model
SPEAKER_OUT = Path(__file__).parent.parent / "extract" / "speaker_model.json"
SPEAKER_C = 0.3
SPEAKER_MIN_COUNT = 3  # features seen in fewer training pairs are dropped
_MARGINS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0)


@dataclass
class _Groups:
    """One group per matched statement whose gold has a speaker: the features of its
    subject (or of "no speaker") and of its other candidates, and whether each one's mention
    overlaps the gold speaker."""

    doc_ids: list[str] = field(default_factory=list)
    base: list[list[str]] = field(default_factory=list)
    base_label: list[int] = field(default_factory=list)
    has_subject: list[bool] = field(default_factory=list)
    feats: list[list[list[str]]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)


def _speaker_groups(
    docs: dict[str, Doc], gold: dict[str, list[dict[str, Any]]], sc: Any
) -> tuple[_Groups, int]:
    """Candidate groups of train statements matched at T=0.3, and how many matched
    statements with a gold speaker there are in all (the accuracy's denominator)."""
    groups, scored = _Groups(), 0
    for doc_id, doc in docs.items():
        record: list[tuple[int, list[speaker_model.Option], Token | None]] = []
        found, _, _ = extract_statements(doc, options=record)
        golds = gold.get(doc_id, [])
        preds = [sc.quote_spans(_pred(s.start, s.end, s.fragments)) for s in found]
        preds = [p if s.section == "text" else [] for s, p in zip(found, preds, strict=True)]
        pairs = sc.match_document([sc.quote_spans(g) for g in golds], preds, 0.3)
        matched = {
            pi: golds[gi] for gi, pi, *_ in pairs if golds[gi].get("speaker_start") is not None
        }
        scored += len(matched)
        resolver = ArticleSpeakers(doc)
        for i, opts, cue in record:
            g = matched.get(i)
            if g is None or cue is None or not any(o.source != "own" for o in opts):
                continue
            gspan = sc.speaker_spans(g)
            own = next((o.token for o in opts if o.source == "own"), None)
            kind = found[i].kind

            others = [o for o in opts if o.source != "own"]
            groups.doc_ids.append(doc_id)
            groups.has_subject.append(own is not None)
            if own is None:
                groups.base.append(speaker_model.none_features(kind, cue))
                groups.base_label.append(0)
            else:
                groups.base.append(speaker_model.features(opts[0], cue, own, kind))
                groups.base_label.append(_right(resolver, sc, gspan, own))
            groups.feats.append([speaker_model.features(o, cue, own, kind) for o in others])
            groups.labels.append([_right(resolver, sc, gspan, o.token) for o in others])
    return groups, scored


def _right(resolver: ArticleSpeakers, sc: Any, gspan: Any, tok: Token) -> int:
    """1 when the mention ``tok`` resolves to overlaps the gold speaker span."""
    res = resolver.resolve(tok)
    return int(sc.spans_overlap(gspan, [(res.start, res.end)]) > 0)


def _pairs(groups: _Groups, keep: Any) -> tuple[list[dict[str, float]], list[int]]:
    """(candidate − subject) feature differences where exactly one of the two is right."""
    rows, ys = [], []
    for k in keep:
        for f, lab in zip(groups.feats[k], groups.labels[k], strict=True):
            if lab == groups.base_label[k] and groups.has_subject[k]:
                continue  # without a subject, a wrong candidate loses to "no speaker"
            diff: dict[str, float] = dict.fromkeys(f, 1.0)
            for name in groups.base[k]:
                diff[name] = diff.get(name, 0.0) - 1.0
            rows.append(diff)
            ys.append(lab)
    return rows, ys


def _fit_pairs(rows: list[dict[str, float]], ys: list[int]) -> dict[str, float]:
    seen = Counter(name for row in rows for name in row)
    rows = [{k: v for k, v in row.items() if seen[k] >= SPEAKER_MIN_COUNT} for row in rows]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    model = LogisticRegression(
        C=SPEAKER_C, solver="liblinear", max_iter=2000, random_state=0, fit_intercept=False
    )
    model.fit(x, np.array(ys))
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}


def _speaker_gain(groups: _Groups, weights: dict[str, float], keep: Any, margin: float) -> int:
    """Statements the model makes right minus those it makes wrong, over groups ``keep``."""
    gain = 0
    for k in keep:
        base = sum(weights.get(f, 0.0) for f in groups.base[k])
        scores = [sum(weights.get(f, 0.0) for f in fs) for fs in groups.feats[k]]
        best = max(range(len(scores)), key=lambda j: scores[j])
        if scores[best] > base + margin:
            gain += groups.labels[k][best] - groups.base_label[k]
    return gain


def learn_speaker_model(gold_dir: Path, docs: dict[str, Doc]) -> dict[str, object]:
    """Fit the speaker model on train and choose its margin out of fold."""
    sc = _scorer(gold_dir)
    _, gold = sc.load_gold(str(gold_dir), "train")
    groups, scored = _speaker_groups(docs, gold, sc)
    base = sum(groups.base_label)  # subjects right among groups with a choice
    doc_of = np.array(groups.doc_ids)
    gains = dict.fromkeys(_MARGINS, 0)
    for train_k, test_k in GroupKFold(FOLDS).split(doc_of, doc_of, doc_of):
        weights = _fit_pairs(*_pairs(groups, train_k))
        for m in _MARGINS:
            gains[m] += _speaker_gain(groups, weights, test_k, m)
    margin = max(_MARGINS, key=lambda m: (gains[m], m))
    weights = _fit_pairs(*_pairs(groups, range(len(groups.base))))
    weights = {k: round(v, 4) for k, v in weights.items() if abs(v) >= 1e-3}
    return {
        "_about": "Speaker model weights learned from PolNeAR's train split "
        "by analysis/dev/training.py.",
        "source": "PolNeAR train split",
        "statements": scored,
        "groups": len(groups.base),
        "subjects_right_in_groups": base,
        "C": SPEAKER_C,
        "margin": margin,
        "train_out_of_fold_gain": {str(m): g for m, g in gains.items()},
        "weights": dict(sorted(weights.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--gold-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--model-out",
        type=Path,
        default=MODEL_OUT,
        help="the speaker model is always fitted on extraction with the installed cue model",
    )
    parser.add_argument("--speaker-out", type=Path, default=SPEAKER_OUT)
    parser.add_argument("--cache", type=Path, default=None, help="parsed train docs (DocBin)")
    parser.add_argument("--speaker-only", action="store_true", help="refit the speaker model alone")
    args = parser.parse_args()
    gold = args.gold_dir or settings.shared_dir() / "gold" / "polnear"
    docs = parse_split(gold, "train", args.cache)
    if not args.speaker_only:
        _learn_cues(args, gold, docs)
        cue_model.load.cache_clear()  # the speaker model trains on the new cue model's output
    speakers = learn_speaker_model(gold, docs)
    args.speaker_out.write_text(json.dumps(speakers, indent=0) + "\n", encoding="utf-8")
    gain = speakers["train_out_of_fold_gain"]
    print(
        f"speaker model: {len(speakers['weights'])} weights, margin {speakers['margin']}, "  # type: ignore[arg-type]
        f"out-of-fold gain {gain} of {speakers['statements']} → {args.speaker_out}"
    )


def _learn_cues(args: argparse.Namespace, gold: Path, docs: dict[str, Doc]) -> None:
    result = learn(gold, docs)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(result['verbs'])} cue verbs → {args.out}")  # type: ignore[arg-type]
    model = learn_model(gold, docs)
    args.model_out.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(
        f"cue model: {len(model['weights'])} weights, threshold {model['threshold']} "  # type: ignore[arg-type]
        f"→ {args.model_out}"
    )


if __name__ == "__main__":
    main()
