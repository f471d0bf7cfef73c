"""A learned choice of speaker among a statement's candidate mentions.

The rules take a cue's grammatical subject as its speaker. That is right when the cue is the
attribution's own cue, but PolNeAR keeps the outer of two nested attributions, so when our
cue sits inside another one ("farmers applauded when the minister promised ...", "Ortiz said
she called the depot because she wanted ...") the source is often the subject of a verb the
cue hangs on, a passive's agent, or a name inside the subject phrase ("candidate and former
surgeon Tomas Reyes").

Each candidate mention gets short feature strings (where it came from, what kind of word it
is, the cue's lemma and relation, the governing verb's lemma); a logistic regression trained
on PolNeAR's *train* split by ``python -m analysis.dev.training`` scores them, and the best
candidate wins when it beats the subject by a margin learned out of fold. The weights live in
``speaker_model.json`` (feature strings and numbers only, no article text); scoring is a few
dictionary lookups per candidate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from analysis.extract.cue_model import source_type
from analysis.extract.vocab import (
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    POSITION_VERBS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
)

MODEL_PATH = Path(__file__).with_name("speaker_model.json")
_RELATIVE = frozenset({"who", "that", "which", "whom"})


@dataclass(frozen=True, slots=True)
class Option:
    """A candidate speaker token and where it came from ("own", "anc1", "agent", ...)."""

    token: Token
    source: str
    via: Token | None = None  # the governing word whose subject it is (ancestors)
    via_state: str = "-"  # "stated": the cue of another statement; "cue": a cue; "-"
    rank: int = 0  # 1 for the alternative nearest the cue, 2 for the next, ...


def mention_type(tok: Token | None) -> str:
    """A coarse class of a mention's head, as a feature."""
    if tok is None:
        return "none"
    if tok.lower_ in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass"):
        return "relative"
    return source_type(tok)


def _lexicon(lemma: str) -> str:
    for name, words in (
        ("report", REPORTING_VERBS),
        ("belief", BELIEF_VERBS),
        ("evidence", EVIDENCE_VERBS),
        ("position", POSITION_VERBS),
        ("noun", REPORTING_NOUNS),
    ):
        if lemma in words:
            return name
    return "-"


def _lemma(tok: Token) -> str:
    """A common word's lemma; names stay out of the model (it must not learn who is quoted)."""
    if tok.pos_ == "PROPN" or tok.ent_type_:
        return "<name>"
    return tok.lemma_.lower()


def _distance(n: int) -> str:
    for limit, name in ((1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (25, "13-25")):
        if n <= limit:
            return name
    return "26+"


def _path_dep(cue: Token, via: Token) -> str:
    """The relation under ``via`` on the path up from the cue ("advcl", "ccomp", ...)."""
    tok = cue
    while tok.head.i != via.i and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_


def features(opt: Option, cue: Token, own: Token | None, kind: str) -> list[str]:
    """The feature strings of one candidate (vocabulary words and tags, never text spans)."""
    src, tok = opt.source, opt.token
    lemma = cue.lemma_.lower()
    feats = [
        f"s={src}",
        f"s={src}|t={mention_type(tok)}",
        f"s={src}|own={mention_type(own)}",
        f"s={src}|t={mention_type(tok)}|own={mention_type(own)}",
        f"s={src}|cdep={cue.dep_}",
        f"s={src}|ctag={cue.tag_}",
        f"s={src}|kind={kind}",
        f"s={src}|cue={lemma}",
        f"s={src}|clex={_lexicon(lemma)}",
        f"s={src}|odep={tok.dep_}",
        f"s={src}|side={'before' if tok.i < cue.i else 'after'}",
        f"s={src}|d={_distance(abs(tok.i - cue.i))}",
        f"s={src}|rank={min(opt.rank, 3)}",
        f"s={src}|ol={_lemma(tok)}",
        f"s={src}|odep={tok.dep_}|t={mention_type(tok)}",
        f"s={src}|owndep={own.dep_ if own is not None else '-'}",
        f"s={src}|kind={kind}|t={mention_type(tok)}",
    ]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
        feats.append(f"s={src}|rootsubj")
    if opt.via is not None:
        via = opt.via.lemma_.lower()
        path = _path_dep(cue, opt.via)
        feats += [
            f"s={src}|via={via}",
            f"s={src}|vlex={_lexicon(via)}",
            f"s={src}|path={path}",
            f"s={src}|path={path}|clex={_lexicon(lemma)}",
            f"s={src}|path={path}|vlex={_lexicon(via)}",
            f"s={src}|vst={opt.via_state}",
            f"s={src}|vst={opt.via_state}|path={path}",
            f"s={src}|vst={opt.via_state}|t={mention_type(tok)}",
        ]
    return feats


def none_features(kind: str, cue: Token) -> list[str]:
    """The features of "no speaker", the option a statement without a subject starts from."""
    return ["s=none", f"s=none|kind={kind}", f"s=none|cdep={cue.dep_}"]


@dataclass(frozen=True, slots=True)
class SpeakerModel:
    """Pairwise weights over feature strings: a candidate replaces the subject when its score
    beats the subject's by more than ``margin``."""

    weights: dict[str, float]
    margin: float

    def score(self, feats: list[str]) -> float:
        w = self.weights
        return sum(w.get(f, 0.0) for f in feats)

    def choose(
        self, options: list[Option], cue: Token, own: Token | None, kind: str
    ) -> Token | None:
        """The own subject (or none), unless another candidate beats it by the margin."""
        base = None
        best: tuple[float, Token] | None = None
        for o in options:
            sc = self.score(features(o, cue, own, kind))
            if o.source == "own":
                base = sc
            elif best is None or sc > best[0]:
                best = (sc, o.token)
        if base is None:
            base = self.score(none_features(kind, cue))
        if best is not None and best[0] > base + self.margin:
            return best[1]
        return own


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> SpeakerModel | None:
    """The trained model, or None when ``speaker_model.json`` has not been built."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return SpeakerModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        margin=float(data["margin"]),
    )
