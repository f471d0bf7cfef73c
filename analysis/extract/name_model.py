"""Who "he" or "she" is: a learned ranking of the people an article mentioned before.

For a gendered pronoun that is a statement's speaker, every person the article named earlier
is a candidate. Each gets short feature strings: whether their gender is known to agree (from
an honorific or a given name) or to clash, how many sentences back they were last mentioned
and whether as a subject or inside a quotation, whether they spoke the statement before (or
the one before that), their rank by recency among the candidates whose gender fits, how often
they are mentioned, whether the pronoun sits in their paragraph. A logistic regression
trained by ``python -m analysis.dev.training --names-only`` on the hand-resolved PolNeAR *train*
mentions (``tests/gold/names``) scores each candidate; the best wins when its probability
reaches the threshold chosen out of fold (folds by article) so that few pronouns get a wrong
person, and otherwise the pronoun stays unresolved. Weights live in ``name_model.json``
(feature strings and numbers, no text); scoring is a few dictionary lookups per candidate.

Evidence used: Hobbs-style recency and grammatical role, the speaker of the previous quote
(quote chains, Muzny et al. 2017, "A Two-stage Sieve Approach for Quote Attribution"), gender
agreement (honorifics; given names, ``analysis/extract/given_names.py``).
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("name_model.json")


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the ranking knows of one earlier person, seen from the pronoun."""

    gender: str  # "match-honorific", "match-given", "unknown", "clash-honorific", "clash-given"
    sentences_back: int  # from the pronoun's sentence to the person's last mention before it
    last_subject: bool  # that mention was a sentence subject
    last_in_quote: bool  # that mention was inside quotation marks
    speaker_rank: int  # 0: spoke the statement just before; 1: the one before; 9: not recently
    recency_rank: int  # among the candidates whose gender does not clash, 0 = most recent
    mentions: int  # mentions before the pronoun
    first_person: bool  # the first person the article names
    same_paragraph: bool  # mentioned earlier in the pronoun's paragraph
    named_rank: int = 9  # as speaker_rank, counting only speakers named (not pronouns)
    back_outside: int = 99  # sentences back to the last mention outside quotation marks
    salience_rank: int = 9  # by mentions before the pronoun, 0 = the most mentioned
    own_quote: bool = False  # the last mention is inside the quotation this pronoun attributes


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f"{edges[-1]}+"


def features(c: Candidate, pronoun: str, pronoun_in_quote: bool, kind: str) -> list[str]:
    """Feature strings of one candidate for one pronoun."""
    g = c.gender
    d = _bucket(c.sentences_back, (0, 1, 2, 4, 9))
    spk = str(min(c.speaker_rank, 3)) if c.speaker_rank < 9 else "-"
    rank = str(min(c.recency_rank, 3))
    named = str(min(c.named_rank, 3)) if c.named_rank < 9 else "-"
    out = _bucket(c.back_outside, (0, 1, 2, 4, 9))
    sal = str(min(c.salience_rank, 3))
    f = [
        f"g={g}",
        f"d={d}",
        f"subj={c.last_subject}",
        f"lq={c.last_in_quote}",
        f"spk={spk}",
        f"rank={rank}",
        f"n={_bucket(c.mentions, (1, 3, 7))}",
        f"first={c.first_person}",
        f"para={c.same_paragraph}",
        f"pron={pronoun}",
        f"pq={pronoun_in_quote}",
        f"kind={kind}",
        f"g={g}|d={d}",
        f"g={g}|spk={spk}",
        f"g={g}|rank={rank}",
        f"d={d}|subj={c.last_subject}",
        f"spk={spk}|kind={kind}",
        f"spk={spk}|d={d}",
        f"rank={rank}|subj={c.last_subject}",
        f"pq={pronoun_in_quote}|lq={c.last_in_quote}",
        f"named={named}",
        f"out={out}",
        f"sal={sal}",
        f"own={c.own_quote}",
        f"g={g}|named={named}",
        f"g={g}|out={out}",
        f"g={g}|sal={sal}",
        f"own={c.own_quote}|d={d}",
        f"spk={spk}|named={named}",
        f"out={out}|subj={c.last_subject}",
        f"sal={sal}|spk={spk}",
    ]
    return f


@dataclass(frozen=True, slots=True)
class NameModel:
    weights: dict[str, float]
    threshold: float

    def score(self, feats: list[str]) -> float:
        return sum(self.weights.get(x, 0.0) for x in feats)

    def probabilities(self, candidates: list[list[str]]) -> list[float]:
        """Each candidate's probability of being the one meant: a softmax over the scores
        (the conditional logit the pairwise weights fit). A lone plausible candidate is
        likely; two close ones share the probability, and the pronoun stays unresolved."""
        if not candidates:
            return []
        scores = [self.score(f) for f in candidates]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def load(path: Path | None = None) -> NameModel | None:
    """The trained model (``$QUOTEDESK_NAME_MODEL`` overrides the file, for the out-of-fold
    evaluation of train), or None when ``name_model.json`` has not been built."""
    return _load(path or Path(os.environ.get("QUOTEDESK_NAME_MODEL") or MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: Path) -> NameModel | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return NameModel({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))
