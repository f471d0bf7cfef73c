"""The attribute ruler and lemmatizer on arrays give spaCy's own annotations, token for token."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc

from analysis.extract import arrays
from analysis.extract import nlp as nlp_loader

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
NAMES = ["tag", "pos", "morph", "lemma", "dep", "head", "ent_iob", "ent_type", "sent_start"]

# Sentences written for this test, each reaching rules of the ruler that news text seldom does
# (contractions, "gonna", "y'all", "ain't", an expletive "there is", auxiliaries, "that" as a
# relative pronoun, a space the parser attaches) and the lemmatizer's exceptions.
SENTENCES = [
    "I'd say we're gonna win, y'all, and it ain't over till it's over.",
    "There is nothing he couldn't do; there were 3 people who'd been told.",
    "Let's go.  She said that the mice, which we'd fed, were better off.",
    "They've got ta be kidding: nobody wants 'em, an' somethin' ol' isn't enough.",
    "He does what he has to do, and she did it herself, as it should've been done.",
    "The children ran faster than the geese; the best-known of them was Gov. Tom Reyes.",
    "Can't we?  Won't they?  Sha'n't I?  C'mon, it's doin' nothin'.",
    "Mr. Smith, 54, said: 'I am here.'\n\n'We are too,' added the ministers' spokeswomen.",
]


@pytest.fixture(scope="module")
def original() -> Language:
    return nlp_loader.load(array_components=False)


@pytest.fixture(scope="module")
def on_arrays() -> Language:
    return nlp_loader.load()


def _differences(a: Doc, b: Doc) -> list[str]:
    x, y = a.to_array(ATTRS), b.to_array(ATTRS)
    if np.array_equal(x, y):
        return []
    return [
        f"{a[i].text!r} {NAMES[j]}: {a.vocab.strings[int(x[i, j])]!r} != "
        f"{b.vocab.strings[int(y[i, j])]!r}"
        for i, j in np.argwhere(x != y)[:10]
    ]


def test_the_pipeline_runs_both_on_arrays(on_arrays: Language, original: Language) -> None:
    assert arrays.ARRAY_ATTRIBUTES in on_arrays.pipe_names
    assert arrays.ARRAY_LEMMAS in on_arrays.pipe_names
    assert "attribute_ruler" not in on_arrays.pipe_names
    assert "lemmatizer" not in on_arrays.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(original.pipe_names)


@pytest.mark.parametrize("text", SENTENCES)
def test_written_sentences_get_spacys_annotations(
    text: str, on_arrays: Language, original: Language
) -> None:
    assert _differences(original(text), on_arrays(text)) == []


def test_news_articles_get_spacys_annotations(
    shared: Path, on_arrays: Language, original: Language
) -> None:
    path = shared / "corpus" / "wikinews" / "articles.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, 40)]
    diffs: list[str] = []
    tokens = 0
    for a, b in zip(original.pipe(texts), on_arrays.pipe(texts), strict=True):
        tokens += len(a)
        diffs += _differences(a, b)
    assert tokens > 10_000
    assert diffs == []


def test_lemmas_stay_right_inside_a_memory_zone(on_arrays: Language, original: Language) -> None:
    # the lemmatizer's cache holds strings, not hashes a memory zone could have forgotten
    text = "The zorblaxes were florping the quindles, officials said."
    for _ in range(2):
        with on_arrays.memory_zone():
            doc = on_arrays(text)
            lemmas = [t.lemma_ for t in doc]
        assert lemmas == [t.lemma_ for t in original(text)]


def test_a_ruler_with_patterns_it_cannot_vectorise_is_kept(original: Language) -> None:
    patterns = [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}]
    with pytest.raises(arrays.Unsupported):
        arrays.ArrayAttributeRuler(original, patterns)
