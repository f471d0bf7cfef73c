"""spaCy's attribute ruler and lemmatizer, applied to whole arrays instead of token by token.

In ``en_core_web_sm`` the two components set no annotation the parser or NER read, yet
they cost a fifth of the pipeline's time (measured on AllSides articles: attribute ruler 12%,
lemmatizer 8%): the ruler builds a ``Span`` and sets attributes through Python for every
match, and every token matches its tag's rule; the lemmatizer creates a ``Token`` and looks
its (text, POS, morphology) up for every token. Both are pure functions of a few token
attributes, so here they run on ``Doc.to_array`` columns:

- :class:`ArrayAttributeRuler` evaluates each of the ruler's patterns as a vector predicate
  over the tokens' TAG, LOWER, DEP and IS_SPACE values (all patterns are matched on the doc
  as the parser left it, then applied in the ruler's order, later rules winning, as
  ``AttributeRuler`` does), and writes POS, MORPH, LEMMA and TAG back in one
  ``Doc.from_array``;
- :class:`ArrayLemmatizer` looks each distinct (ORTH, POS, MORPH) of the doc up once, with
  the pipeline's own lemmatizer for a key it has not seen.

The annotations are the same as the original components', token for token
(``tests/test_arrays.py`` compares every attribute on real articles). A ruler whose
patterns use anything else (operators, other attributes or predicates) is not replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.util import minibatch

# what patterns may match on, and what rules may set, with their spaCy attribute ids; DEP is
# set token by token (a space the parser attached), the others in one from_array
_MATCH_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET_ATTRS = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG}
_SET_COLUMN = {name: i for i, name in enumerate(_SET_ATTRS)}
_CACHE_MAX = 500_000  # entries of a per-process cache before it starts again

Predicate = Callable[[dict[str, np.ndarray]], np.ndarray]


class Unsupported(ValueError):
    """A pattern this vectorised ruler does not handle (the original one is kept)."""


class ArrayAttributeRuler:
    """The patterns of a spaCy ``AttributeRuler``, matched and applied on arrays."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.vocab = nlp.vocab
        self._regex: dict[tuple[str, int], bool] = {}
        self.rules: list[tuple[list[Predicate], int, dict[str, int]]] = []
        for rule in patterns:
            attrs = self._values(rule["attrs"])
            for pattern in rule["patterns"]:
                preds = [self._token_predicate(spec) for spec in pattern]
                index = int(rule.get("index", 0))
                if not 0 <= index < len(preds):
                    raise Unsupported(f"index {index} of a {len(preds)}-token pattern")
                self.rules.append((preds, index, attrs))

    def _values(self, attrs: dict[str, Any]) -> dict[str, int]:
        out: dict[str, int] = {}
        strings = self.vocab.strings
        for name, value in attrs.items():
            if (name not in _SET_ATTRS and name != "DEP") or not isinstance(value, str):
                raise Unsupported(f"sets {name}={value!r}")
            if name == "POS":
                out[name] = POS_IDS[value]
            elif name == "MORPH":  # as normalize_token_attrs does it
                out[name] = self.vocab.morphology.add(value)
            else:
                out[name] = strings.add(value)
        return out

    def _token_predicate(self, spec: dict[str, Any]) -> Predicate:
        tests: list[Predicate] = []
        for name, cond in spec.items():
            if name not in _MATCH_ATTRS:
                raise Unsupported(f"matches on {name}")
            tests.append(self._attr_predicate(name, cond))

        def test(cols: dict[str, np.ndarray]) -> np.ndarray:
            mask = np.ones(len(cols["TAG"]), dtype=bool)
            for t in tests:
                mask &= t(cols)
            return mask

        return test

    def _key(self, name: str, value: Any) -> int:
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                raise Unsupported(f"IS_SPACE={value!r}")
            return int(value)
        if not isinstance(value, str):
            raise Unsupported(f"{name}={value!r}")
        return 0 if value == "" else int(self.vocab.strings.add(value))

    def _attr_predicate(self, name: str, cond: Any) -> Predicate:
        if not isinstance(cond, dict):
            key = self._key(name, cond)
            return lambda cols: cols[name] == key
        if len(cond) != 1:
            raise Unsupported(f"{name}: {cond!r}")
        ((op, arg),) = cond.items()
        if op in ("IN", "NOT_IN"):
            keys = np.array([self._key(name, v) for v in arg], dtype=np.uint64)
            invert = op == "NOT_IN"
            return lambda cols: np.isin(cols[name], keys, invert=invert)
        if op == "REGEX" and name == "LOWER":
            pattern = re.compile(arg)
            return lambda cols: self._regex_mask(cols[name], pattern)
        raise Unsupported(f"{name}: {op}")

    def _regex_mask(self, col: np.ndarray, pattern: re.Pattern[str]) -> np.ndarray:
        uniq, inverse = np.unique(col, return_inverse=True)
        hits = np.empty(len(uniq), dtype=bool)
        for i, key in enumerate(uniq.tolist()):
            memo = (pattern.pattern, key)
            if memo not in self._regex:
                if len(self._regex) > _CACHE_MAX:
                    self._regex.clear()
                self._regex[memo] = pattern.search(self.vocab.strings[key]) is not None
            hits[i] = self._regex[memo]
        return hits[inverse]

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Docs in batches: one set of vector predicates over a batch's tokens, so a stream
        of short docs (one-line records) does not pay the ~190 predicates per doc."""
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            self._apply(docs)
            yield from docs

    def _apply(self, docs: list[Doc]) -> None:
        docs = [d for d in docs if len(d)]
        if not docs:
            return
        lengths = np.array([len(d) for d in docs])
        n = int(lengths.sum())
        matched = np.concatenate([d.to_array(list(_MATCH_ATTRS.values())) for d in docs])
        cols = {name: matched[:, i] for i, name in enumerate(_MATCH_ATTRS)}
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        same: dict[int, np.ndarray] = {}  # k -> token i and token i+k are in one doc
        # every pattern is matched on the docs as they came in, then applied in order
        hits: list[tuple[np.ndarray, dict[str, int]]] = []
        for preds, index, attrs in self.rules:
            mask = preds[0](cols)
            for k, pred in enumerate(preds[1:], 1):
                if k not in same:
                    same[k] = doc_of[: n - k] == doc_of[k:]
                mask[: n - k] &= pred(cols)[k:] & same[k]
                mask[n - k :] = False
            where = np.flatnonzero(mask) + index
            if where.size:
                hits.append((where, attrs))
        if not hits:
            return
        out: Any = np.concatenate([d.to_array(list(_SET_ATTRS.values())) for d in docs])
        deps: dict[int, int] = {}
        for where, attrs in hits:
            for name, value in attrs.items():
                if name == "DEP":
                    deps.update(dict.fromkeys(where.tolist(), value))
                else:
                    out[where, _SET_COLUMN[name]] = value
        starts = np.concatenate([[0], np.cumsum(lengths)])
        for j, doc in enumerate(docs):
            doc.from_array(list(_SET_ATTRS.values()), out[starts[j] : starts[j + 1]])
        for i, value in deps.items():  # spaces that the parser attached: rare
            j = int(doc_of[i])
            docs[j][i - int(starts[j])].dep = value


class ArrayLemmatizer:
    """A spaCy rule lemmatizer's lemmas, looked up once per distinct (ORTH, POS, MORPH)."""

    def __init__(self, nlp: Language, lemmatizer: Any) -> None:
        self.vocab = nlp.vocab
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self.cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size):
            docs = list(batch)
            self._apply(docs)
            yield from docs

    def _apply(self, docs: list[Doc]) -> None:
        docs = [d for d in docs if len(d)]
        if not docs:
            return
        lengths = np.array([len(d) for d in docs])
        starts = np.concatenate([[0], np.cumsum(lengths)])
        arr = np.concatenate([d.to_array([ORTH, POS, MORPH, LEMMA]) for d in docs])
        todo = np.arange(len(arr)) if self.overwrite else np.flatnonzero(arr[:, 3] == 0)
        if todo.size == 0:
            return
        keys, first, inverse = np.unique(
            arr[todo, :3], axis=0, return_index=True, return_inverse=True
        )
        strings = self.vocab.strings
        cache = self.cache
        found = np.empty(len(keys), dtype=np.uint64)
        for k, (key, i) in enumerate(zip(map(tuple, keys.tolist()), first.tolist(), strict=True)):
            lemma = cache.get(key)
            if lemma is None:
                if len(cache) > _CACHE_MAX:  # a long ingest meets ever more rare words
                    cache.clear()
                    self.lemmatizer.cache.clear()  # spaCy's own, filled by the same misses
                at = int(todo[i])
                j = int(np.searchsorted(starts, at, side="right")) - 1
                lemma = cache[key] = self.lemmatizer.lemmatize(docs[j][at - int(starts[j])])[0]
            found[k] = strings.add(lemma)  # again per batch: a memory zone forgets new strings
        lemmas: Any = arr[:, 3].copy()
        lemmas[todo] = found[inverse.reshape(-1)]
        for j, doc in enumerate(docs):
            doc.from_array([LEMMA], lemmas[starts[j] : starts[j + 1]].reshape(-1, 1))


ARRAY_ATTRIBUTES = "quotedesk_array_attributes"
ARRAY_LEMMAS = "quotedesk_array_lemmas"


@Language.factory(ARRAY_ATTRIBUTES, default_config={"source": "attribute_ruler"})
def make_array_attributes(nlp: Language, name: str, source: str) -> ArrayAttributeRuler:
    ruler: Any = nlp.get_pipe(source)
    return ArrayAttributeRuler(nlp, ruler.patterns)


@Language.factory(ARRAY_LEMMAS, default_config={"source": "lemmatizer"})
def make_array_lemmas(nlp: Language, name: str, source: str) -> ArrayLemmatizer:
    return ArrayLemmatizer(nlp, nlp.get_pipe(source))


def replace_slow_components(nlp: Language) -> list[str]:
    """Swap the attribute ruler and the rule lemmatizer for their array versions, where the
    pipeline has them in a form these handle; returns the names replaced."""
    replaced = []
    for source, factory in (("attribute_ruler", ARRAY_ATTRIBUTES), ("lemmatizer", ARRAY_LEMMAS)):
        if source not in nlp.pipe_names:
            continue
        if source == "lemmatizer" and getattr(nlp.get_pipe(source), "mode", "") != "rule":
            continue
        try:
            nlp.add_pipe(factory, before=source, config={"source": source})
        except Unsupported:
            continue
        nlp.remove_pipe(source)
        replaced.append(source)
    return replaced
