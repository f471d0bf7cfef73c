"""Learn the pronoun ranking (``analysis/extract/name_model.json``) from hand-resolved names.

``python -m analysis.dev.name_training`` parses the PolNeAR *train* articles whose speaker
mentions were resolved by hand (``tests/gold/names``: 80 articles; dev is never read), runs
the extractor on each, and for every gendered pronoun that PolNeAR marks as a speaker and the
gold resolves to a person, lists the people the article mentioned before it
(``ArticleSpeakers.candidates``). A candidate is positive when its name is the gold person
(full name or surname). A logistic regression over the feature strings of
``analysis.extract.name_model`` is fitted on all of them; the probability a best candidate
needs is chosen on 5-fold out-of-fold predictions (folds by article): the lowest threshold at
which at most ``MAX_WRONG`` of the pronouns get a wrong person. The file holds feature names
and numbers only.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from analysis import settings
from analysis.dev import names_eval
from analysis.extract import name_model
from analysis.extract import nlp as nlp_loader
from analysis.extract.statements import extract_statements
from analysis.extract.vocab import PRONOUNS

C = 0.5
FOLDS = 5
MAX_WRONG = 0.04  # at most 4% of the pronouns may get a wrong person (out of fold)
THRESHOLDS = [round(x, 2) for x in np.arange(0.05, 0.96, 0.05)]


@dataclass(slots=True)
class Instances:
    """One group per pronoun: its candidates' feature strings and labels, and its article."""

    feats: list[list[list[str]]] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)


def instances(gold_dir: Path, names_path: Path = names_eval.GOLD_PATH) -> Instances:
    names = names_eval.load_gold(names_path)
    docs = names_eval.drawn(gold_dir, "train")
    gold = names_eval._gold_rows(gold_dir, "train", docs)
    nlp = nlp_loader.load()
    out = Instances()
    articles = list(names_eval._articles(gold_dir, docs))
    texts = [a.text for a in articles]
    for article, doc in zip(articles, nlp.pipe(texts), strict=True):
        _, _, speakers = extract_statements(doc, article.title)
        for row in gold.get(article.id, []):
            label = names.get(row["quote_id"])
            if label is None or label["entity"] != "person" or label["mention"] != "pronoun":
                continue
            span = doc.char_span(row["speaker_start"], row["speaker_end"], "expand")
            if span is None:
                continue
            tok = span.root
            if PRONOUNS.get(tok.lower_, "") not in ("m", "f"):
                continue
            quoted = speakers._in_quote(tok.idx)
            kind = row.get("kind") or "indirect"
            feats, labels = [], []
            for entry, cand, _ in speakers.candidates(tok.lower_, tok.idx):
                feats.append(name_model.features(cand, tok.lower_, quoted, kind))
                labels.append(int(names_eval.judge(entry.name, label) in ("right", "surname")))
            out.feats.append(feats)
            out.labels.append(labels)
            out.docs.append(article.id)
    return out


def fit(inst: Instances, keep: Any) -> dict[str, float]:
    """A ranking: each (right − wrong) candidate difference, both ways, as a binary example
    (the conditional logit's pairwise form)."""
    rows, ys = [], []
    for k in keep:
        right = [f for f, y in zip(inst.feats[k], inst.labels[k], strict=True) if y]
        wrong = [f for f, y in zip(inst.feats[k], inst.labels[k], strict=True) if not y]
        for r in right[:1]:
            for w in wrong:
                diff = dict.fromkeys(r, 1.0)
                for name in w:
                    diff[name] = diff.get(name, 0.0) - 1.0
                rows.append(diff)
                ys.append(1)
                rows.append({n: -v for n, v in diff.items()})
                ys.append(0)
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    model = LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=0,
                               fit_intercept=False)  # fmt: skip
    model.fit(x, np.array(ys))
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}


def outcomes(
    inst: Instances, weights: dict[str, float], keep: Any, threshold: float
) -> dict[str, int]:
    """right / wrong / none over the pronouns ``keep`` at ``threshold``."""
    m = name_model.NameModel(weights, threshold)
    out = {"right": 0, "wrong": 0, "none": 0}
    for k in keep:
        if not inst.feats[k]:
            out["none"] += 1
            continue
        probs = m.probabilities(inst.feats[k])
        best = int(np.argmax(probs))
        if probs[best] < threshold:
            out["none"] += 1
        else:
            out["right" if inst.labels[k][best] else "wrong"] += 1
    return out


def fold_models(gold_dir: Path, threshold: float) -> list[tuple[set[str], dict[str, object]]]:
    """For each of the 5 folds (by article), the model fitted without it: (its articles,
    the model's file contents), for scoring train out of fold."""
    inst = instances(gold_dir)
    groups = np.array(inst.docs)
    idx = np.arange(len(inst.docs))
    docs = sorted(names_eval.drawn(gold_dir, "train"))
    out = []
    for k, (train_k, _) in enumerate(GroupKFold(FOLDS).split(idx, idx, groups)):
        held = {d for i, d in enumerate(docs) if i % FOLDS == k} - set(groups[train_k])
        held |= set(groups) - set(groups[train_k])
        out.append((held, {"threshold": threshold, "weights": fit(inst, train_k)}))
    return out


def learn(gold_dir: Path) -> dict[str, object]:
    inst = instances(gold_dir)
    groups = np.array(inst.docs)
    idx = np.arange(len(inst.docs))
    oof = {t: {"right": 0, "wrong": 0, "none": 0} for t in THRESHOLDS}
    for train_k, test_k in GroupKFold(FOLDS).split(idx, idx, groups):
        weights = fit(inst, train_k)
        for t in THRESHOLDS:
            for key, n in outcomes(inst, weights, test_k, t).items():
                oof[t][key] += n
    n = len(inst.docs)
    fine = [t for t in THRESHOLDS if oof[t]["wrong"] <= MAX_WRONG * n]
    threshold = min(fine) if fine else max(THRESHOLDS)
    weights = fit(inst, idx)
    weights = {k: round(v, 4) for k, v in weights.items() if abs(v) >= 1e-3}
    return {
        "_about": "Pronoun ranking weights learned from hand-resolved PolNeAR train mentions "
        "(tests/gold/names) by analysis/dev/name_training.py.",
        "pronouns": n,
        "articles": len(set(inst.docs)),
        "candidates": sum(len(f) for f in inst.feats),
        "gold_among_candidates": sum(any(lab) for lab in inst.labels),
        "C": C,
        "threshold": threshold,
        "out_of_fold": {str(t): oof[t] for t in THRESHOLDS},
        "weights": dict(sorted(weights.items())),
    }


def evaluate_out_of_fold(gold_dir: Path | None = None, n_process: int = 1) -> names_eval.NameScores:
    """Train's hand-resolved articles, each scored with a pronoun model fitted without its
    fold (5 folds by article; the corpus-wide pass runs over each fold's articles)."""
    gold_dir = gold_dir or settings.shared_dir() / "gold" / "polnear"
    installed = name_model.load()
    threshold = installed.threshold if installed is not None else 0.8
    parts = []
    with tempfile.TemporaryDirectory(prefix="quotedesk-oof-") as tmp:
        for k, (docs, model) in enumerate(fold_models(gold_dir, threshold)):
            path = Path(tmp) / f"fold-{k}.json"
            path.write_text(json.dumps(model), encoding="utf-8")
            old = os.environ.get("QUOTEDESK_NAME_MODEL")
            os.environ["QUOTEDESK_NAME_MODEL"] = str(path)
            try:
                parts.append(names_eval.evaluate("train", gold_dir, n_process=n_process, docs=docs))
            finally:
                if old is None:
                    os.environ.pop("QUOTEDESK_NAME_MODEL", None)
                else:
                    os.environ["QUOTEDESK_NAME_MODEL"] = old
    return names_eval.merge(parts, "train, out of fold")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--gold-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=name_model.MODEL_PATH)
    args = parser.parse_args()
    gold = args.gold_dir or settings.shared_dir() / "gold" / "polnear"
    data = learn(gold)
    args.out.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    oof = data["out_of_fold"][str(data["threshold"])]  # type: ignore[index]
    print(
        f"{data['pronouns']} pronouns in {data['articles']} articles; gold among candidates "
        f"{data['gold_among_candidates']}; threshold {data['threshold']}: out of fold {oof}"
    )


if __name__ == "__main__":
    main()
