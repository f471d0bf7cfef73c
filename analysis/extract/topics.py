"""Topics from a curated keyword taxonomy (``topics.json``, editable data).

A first, transparent method: a topic scores by how many of its keywords an article or a
statement contains, normalised by length. Every article gets at least one topic
("general" when no keyword matches); a statement gets the topics its own words carry, else
its article's leading topic at half weight, so that every statement can be filtered by topic.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.records import TopicScore

TAXONOMY_PATH = Path(__file__).with_name("topics.json")
FALLBACK = "general"
MIN_ARTICLE_HITS = 2  # one stray keyword does not make an article about a topic
MAX_TOPICS = 3
_WORD = re.compile(r"[a-z][a-z'\-]*")


@dataclass(frozen=True, slots=True)
class Taxonomy:
    labels: dict[str, str]
    words: dict[str, tuple[str, ...]]  # single-word keyword → topics
    phrases: dict[str, tuple[str, ...]]  # multi-word keyword → topics


@lru_cache(maxsize=4)
def load_taxonomy(path: str | None = None) -> Taxonomy:
    """Read the taxonomy file (``QUOTEDESK_TOPICS`` overrides the shipped default)."""
    raw = json.loads(Path(path or os.environ.get("QUOTEDESK_TOPICS") or TAXONOMY_PATH).read_text())
    labels: dict[str, str] = {}
    words: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for topic, spec in raw.items():
        if topic.startswith("_"):
            continue
        labels[topic] = spec["label"]
        for kw in spec["keywords"]:
            (phrases if " " in kw else words).setdefault(kw.lower(), []).append(topic)
    labels.setdefault(FALLBACK, "General")
    return Taxonomy(
        labels,
        {k: tuple(v) for k, v in words.items()},
        {k: tuple(v) for k, v in phrases.items()},
    )


def _hits(text: str, tax: Taxonomy) -> tuple[Counter[str], int]:
    low = text.lower()
    tokens = _WORD.findall(low)
    counts: Counter[str] = Counter()
    for tok in tokens:
        for topic in tax.words.get(tok, ()):
            counts[topic] += 1
    for phrase, topics in tax.phrases.items():
        n = low.count(phrase)
        if n:
            for topic in topics:
                counts[topic] += n
    return counts, max(len(tokens), 1)


def score(text: str, min_hits: int = 1, tax: Taxonomy | None = None) -> list[TopicScore]:
    """Topics of ``text`` with a score in (0, 1]: hits per 100 words, capped at 1."""
    tax = tax or load_taxonomy()
    counts, n = _hits(text, tax)
    ranked = [(t, c) for t, c in counts.most_common() if c >= min_hits][:MAX_TOPICS]
    return [TopicScore(t, round(min(1.0, 100.0 * c / n / 5.0), 4)) for t, c in ranked]


def article_topics(title: str, text: str) -> list[TopicScore]:
    """Topics of an article; the title counts twice, as editors pack the topic into it."""
    found = score(f"{title}\n{title}\n{text}", min_hits=MIN_ARTICLE_HITS)
    return found or [TopicScore(FALLBACK, 0.0)]


def statement_topics(text: str, article: list[TopicScore]) -> list[TopicScore]:
    """A statement's own topics, else its article's leading topic at half weight."""
    own = score(text, min_hits=1)
    if own:
        return own
    lead = article[0]
    return [TopicScore(lead.topic, round(lead.score / 2, 4))]
