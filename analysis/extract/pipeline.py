"""One article → one ``Extraction``: statements, figures, topics and the people in it.

``extract_texts`` parses one batch through ``nlp.pipe`` (one parse per article) and extracts
each. ``analysis.extract.run`` feeds it: ``extract_articles`` streams articles (optionally on
several processes, ``analysis.extract.pool``) and yields each with its extraction;
``Extractor`` does the same for a caller that extracts many batches (ingest), keeping its
worker processes between them.

Memory stays flat however many articles pass through:
- spaCy batches are capped by words, not only by articles: the parser's working memory grows
  with the tokens in a batch (32 AllSides articles at once peaked at ~735 MB, 4 at ~270 MB, for
  the same CPU time);
- each batch is parsed inside ``nlp.memory_zone()``, so the strings and lexemes its new words
  added to the vocabulary are freed afterwards (they would otherwise grow with the corpus).
  Extraction records hold plain Python values, never spaCy objects, so nothing outlives it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from analysis.extract import debris
from analysis.extract.figures import extract_figures
from analysis.extract.speakers import ArticleSpeakers
from analysis.extract.statements import extract_statements
from analysis.extract.topics import article_topics, statement_topics
from analysis.records import Article, Extraction, Figure, Person, Statement

# Bump when extraction output changes: stored rows record the version that made them.
# 0.2: learned cue model; 0.3: paragraph breaks end sentences, outer attributions win (issue 3)
# 0.5: speakers resolved with the pronoun model, kinds group and document, provenance
EXTRACTOR_VERSION = "0.6.0"


def extract_doc(doc: Doc, title: str = "", article_id: str = "") -> Extraction:
    """Everything quotedesk extracts from one parsed article."""
    statements, skipped, speakers = extract_statements(doc, title)
    figures = _link_figures(extract_figures(doc), statements)
    topics = article_topics(title, doc.text)
    st_topics = tuple(tuple(statement_topics(s.text, topics)) for s in statements)
    return Extraction(
        article_id=article_id,
        statements=tuple(statements),
        figures=tuple(figures),
        topics=tuple(topics),
        statement_topics=st_topics,
        people=_people(speakers, statements),
        skipped=dict(skipped),
    )


def _link_figures(figures: list[Figure], statements: list[Statement]) -> list[Figure]:
    """A figure inside a statement's words was cited by that statement's speaker."""
    spans = [
        (i, a, b)
        for i, s in enumerate(statements)
        if s.section == "text"
        for a, b in (s.fragments or ((s.start, s.end),))
    ]
    out = []
    for f in figures:
        hit = next((i for i, a, b in spans if a <= f.start and f.end <= b), None)
        if hit is not None:
            f = replace(f, statement_index=hit, speaker=statements[hit].speaker)
        out.append(f)
    return out


def _people(speakers: ArticleSpeakers, statements: list[Statement]) -> tuple[Person, ...]:
    """The resolved speakers of the article, with every form and role seen for them."""
    named = {s.speaker for s in statements if s.speaker}
    people = []
    for entry in speakers.entries():
        if entry.name in named:
            named.discard(entry.name)
            people.append(
                Person(
                    entry.name,
                    entry.kind,
                    tuple(sorted(entry.aliases)),
                    tuple(entry.roles),
                    tuple(entry.evidence),
                )
            )
    for s in statements:  # speakers never registered as entities (e.g. "the Kremlin")
        if s.speaker in named:
            named.discard(s.speaker)
            people.append(Person(s.speaker, s.speaker_type or "other", (s.speaker,), ()))
    return tuple(people)


# ~8,000 words (~10,000 tokens) keeps the parser's working memory near 100 MB; larger
# batches parse no faster on CPU. News articles reach the word cap after ~10 articles; the
# article cap matters for one-line records, whose per-call costs a large batch spreads thin.
BATCH_WORDS = 8_000
BATCH_ARTICLES = 512


def word_batches(
    articles: Iterable[Article], max_articles: int, max_words: int = BATCH_WORDS
) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``max_articles`` articles and about ``max_words`` words
    (an article longer than that is a batch of its own)."""
    batch: list[Article] = []
    words = 0
    for article in articles:
        n = article.text.count(" ") + 1  # a cheap word count: only bounds the batch
        if batch and (len(batch) >= max_articles or words + n > max_words):
            yield batch
            batch, words = [], 0
        batch.append(article)
        words += n
    if batch:
        yield batch


def extract_texts(nlp: Language, items: Sequence[tuple[str, str, str]]) -> list[Extraction]:
    """Extractions of ``(text, title, article id)`` items, parsed as one batch.

    An exception on one article becomes that article's ``Extraction.error``, never the
    batch's: a parse that fails is retried article by article to find the one it was."""
    blanked = [debris.blank(text) for text, _, _ in items]  # page furniture, offsets kept
    with nlp.memory_zone():
        try:
            docs = list(nlp.pipe([text for text, _ in blanked], batch_size=max(len(items), 1)))
        except Exception:
            if len(items) == 1:
                return [_failed(items[0][2], "parse")]
            return [x for item in items for x in extract_texts(nlp, [item])]
        pairs = zip(docs, items, blanked, strict=True)
        return [
            _with_debris(_safe_extract(doc, title, aid), n)
            for doc, (_, title, aid), (_, n) in pairs
        ]


def _with_debris(ex: Extraction, n: int) -> Extraction:
    """Count the page debris blanked out before the parse among the article's refusals."""
    if not n or ex.error is not None:
        return ex
    return replace(ex, skipped={**ex.skipped, "page-debris": ex.skipped.get("page-debris", 0) + n})


def _safe_extract(doc: Doc, title: str, article_id: str) -> Extraction:
    try:
        return extract_doc(doc, title, article_id)
    except Exception:
        return _failed(article_id, "extraction")


def _failed(article_id: str, step: str) -> Extraction:
    import traceback

    exc_type, exc, tb = sys.exc_info()
    frame = traceback.extract_tb(tb)[-1] if tb is not None else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame is not None else ""
    name = exc_type.__name__ if exc_type is not None else "Error"
    detail = f"{step} failed: {name}: {str(exc)[:200]}{where}"
    return Extraction(article_id, (), (), (), (), (), error=detail)
