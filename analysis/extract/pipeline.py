"""One article → one ``Extraction``: statements, figures, topics and the people in it.

``extract_articles`` streams articles through ``nlp.pipe`` (one parse per article, batched,
optionally several processes) and yields each article with its extraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from analysis.extract import nlp as nlp_loader
from analysis.extract.figures import extract_figures
from analysis.extract.speakers import ArticleSpeakers
from analysis.extract.statements import extract_statements
from analysis.extract.topics import article_topics, statement_topics
from analysis.records import Article, Extraction, Figure, Person, Statement

# Bump when extraction output changes: stored rows record the version that made them.
EXTRACTOR_VERSION = "0.1.0"


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
                Person(entry.name, entry.kind, tuple(sorted(entry.aliases)), tuple(entry.roles))
            )
    for s in statements:  # speakers never registered as entities (e.g. "the Kremlin")
        if s.speaker in named:
            named.discard(s.speaker)
            people.append(Person(s.speaker, s.speaker_type or "other", (s.speaker,), ()))
    return tuple(people)


def extract_articles(
    articles: Iterable[Article],
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
) -> Iterator[tuple[Article, Extraction]]:
    """Parse and extract a stream of articles, lazily, in input order."""
    nlp = nlp or nlp_loader.load()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, extract_doc(doc, article.title, article.id)
