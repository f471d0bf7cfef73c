"""A learned attribution detector for what the hand rules miss.

PolNeAR annotates any source's stance as an attribution: "X criticized the plan", "X spoke
about her ties to the church", "Trump's proposal to ban ...". The cue can be almost any verb,
noun or adjective; what marks it is the combination of the word, the argument that holds
the content (object, clause, infinitive, prepositional object) and who the source is.

Each candidate is a (head word, argument) pair read off the dependency parse; its features
are short strings (lemma, argument relation, preposition, subject type, ...). A logistic
regression trained on PolNeAR's *train* split by ``python -m analysis.dev.training`` scores
them; its weights live in ``cue_model.json`` (feature strings and numbers only, no article
text). Scoring is a sum of dictionary lookups, so extraction stays fast.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from analysis.extract.vocab import (
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    ORG_HEADS,
    POSITION_VERBS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SOURCE_NOUNS,
    TITLE_NOUNS,
)

MODEL_PATH = Path(__file__).with_name("cue_model.json")
HEAD_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
ARG_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acl"})
_FIRST_WORDS = frozenset("that to whether if how what why who when where".split())
_QUOTE_CHARS = frozenset('"\u201c\u201d')


@dataclass(frozen=True, slots=True)
class Candidate:
    """A head word and the argument that may hold what a source said, thought or wanted."""

    head: Token
    arg: Token  # the root of the content
    rel: str  # "dobj", "ccomp", "xcomp", "prep:about", ...
    prep: Token | None
    start: int
    end: int


def candidates(doc: Doc, lemmas: frozenset[str] | None) -> Iterator[Candidate]:
    """Every (head, argument) pair whose head lemma the model knows (any, with None)."""
    pos_ids = {doc.vocab.strings[p] for p in HEAD_POS}
    for head in doc:
        # integer ids first: this loop sees every token of the article
        if head.pos not in pos_ids:
            continue
        if lemmas is not None and head.lemma_ not in lemmas:
            continue
        for child in head.rights:
            dep = child.dep_
            if dep in ARG_DEPS:
                if dep == "acl" and head.pos_ != "NOUN":
                    continue
                yield _make(head, child, dep, None)
            elif dep == "prep":
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        yield _make(head, obj, "prep:" + child.lower_, child)


_OBJECT_TAIL = frozenset({"prep", "oprd", "xcomp", "ccomp", "dobj", "dative"})


def _make(head: Token, arg: Token, rel: str, prep: Token | None) -> Candidate:
    left, right = arg.left_edge, arg.right_edge
    if rel in ("dobj", "dative"):
        # PolNeAR's content runs on past the object: "accused [Smith of lying]",
        # "called [the plan a betrayal]"
        for sib in head.rights:
            if sib.i > right.i and sib.dep_ in _OBJECT_TAIL:
                right = sib.right_edge
    return Candidate(head, arg, rel, prep, left.idx, right.idx + len(right.text))


def subject_of(head: Token) -> Token | None:
    """The source: a verb's subject (or passive agent), a noun's possessor or its verb's
    subject ("Trump's claim that ...", "X made the claim that ..."), an adjective's subject."""
    for _ in range(3):
        for child in head.children:
            if child.dep_ in ("nsubj", "poss"):
                return child
        for child in head.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if head.dep_ in ("xcomp", "conj", "dobj", "acomp", "attr", "advcl", "pobj", "prep"):
            head = head.head
            continue
        return None
    return None


def source_type(tok: Token | None) -> str:
    """A coarse class of the source token, as a feature."""
    if tok is None:
        return "none"
    low = tok.lower_
    if tok.pos_ == "PRON":
        return "pron-" + ("it" if low in ("it", "this", "that", "which") else "person")
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return tok.ent_type_.lower()
    if tok.pos_ == "PROPN":
        return "propn"
    lemma = tok.lemma_.lower()
    if lemma in TITLE_NOUNS:
        return "title"
    if lemma in SOURCE_NOUNS or lemma in ORG_HEADS:
        return "source"
    return "noun" if tok.pos_ == "NOUN" else "other"


def _length_bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def _lists(lemma: str) -> str:
    if lemma in REPORTING_VERBS:
        return "report"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in EVIDENCE_VERBS:
        return "evidence"
    if lemma in POSITION_VERBS:
        return "position"
    if lemma in REPORTING_NOUNS:
        return "noun"
    return "-"


def features(c: Candidate, text: str) -> list[str]:
    """The feature strings of one candidate (words of the vocabulary, never text spans)."""
    h = c.head
    lemma = h.lemma_.lower()
    subj = subject_of(h)
    st = source_type(subj)
    n_tokens = c.arg.right_edge.i - c.arg.left_edge.i + 1
    first = c.arg.left_edge.lower_
    children = {ch.dep_ for ch in h.children}
    feats = [
        "bias",
        f"l={lemma}",
        f"r={c.rel}",
        f"l={lemma}|r={c.rel}",
        f"pos={h.pos_}|r={c.rel}",
        f"tag={h.tag_}",
        f"hdep={h.dep_}",
        f"l={lemma}|hdep={h.dep_}",
        f"s={st}",
        f"s={st}|r={c.rel}",
        f"l={lemma}|s={st}",
        f"len={_length_bucket(n_tokens)}",
        f"r={c.rel}|len={_length_bucket(n_tokens)}",
        f"apos={c.arg.pos_}",
        f"r={c.rel}|apos={c.arg.pos_}",
        f"list={_lists(lemma)}",
        f"list={_lists(lemma)}|r={c.rel}",
    ]
    if first in _FIRST_WORDS:
        feats.append(f"first={first}|r={c.rel}")
    if c.arg.ent_type_:
        feats.append(f"aent={c.arg.ent_type_}")
    if "neg" in children:
        feats.append("neg")
    if "auxpass" in children or "nsubjpass" in children:
        feats.append("passive")
    if h.dep_ in ("xcomp", "ccomp", "conj", "advcl"):
        feats.append(f"govl={h.head.lemma_.lower()}")
    if any(ch in _QUOTE_CHARS for ch in text[c.start : c.end]):
        feats.append("quoted")
    return feats


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic-regression weights over feature strings, and the acceptance threshold."""

    weights: dict[str, float]
    threshold: float
    lemmas: frozenset[str]

    def probability(self, feats: list[str]) -> float:
        w = self.weights
        z = sum(w.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> CueModel | None:
    """The trained model, or None when ``cue_model.json`` has not been built."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        threshold=float(data["threshold"]),
        lemmas=frozenset(data["lemmas"]),
    )
