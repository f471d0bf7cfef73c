"""Topics discovered from the corpus itself, each labelled by its top terms.

The curated taxonomy (``analysis/extract/topics.json``) is transparent but knows only the words
it was given. Discovered topics show the stories it does not know: non-negative matrix
factorisation (NMF) of the TF-IDF matrix of the articles (Lee & Seung, 1999; scikit-learn's
``NMF``), as in Greene & Cross (2017) on news and political text. Each topic is a weighted
list of words and two-word phrases; its label is its first few distinct terms
("supreme court · justices · ruling"). Latent Dirichlet allocation (Blei, Ng & Jordan, 2003)
over word counts is available for comparison (``method="lda"``).

Why NMF: on the AllSides sample (300 articles, 98 human topic labels) it agrees with the
labels better than both LDA and the taxonomy at the same number of topics (``evaluate``,
``quotedesk topics evaluate``; the table is in the README), and it is deterministic for a seed
and fast (seconds for thousands of articles).

``discover_topics`` fits on one copy per story (so a wire story carried ten times does not pull
a topic towards itself) and then assigns every article the topics that hold at least
``MIN_SHARE`` of its topic weight (at most ``MAX_TOPICS``). A statement belongs to its
article's discovered topics. Topics are recomputed from scratch on each run: ids are stable
only until the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

from analysis import runs, store
from analysis.extract.topics import article_topics, load_taxonomy
from analysis.records import Article

Method = Literal["nmf", "lda"]
METHODS: tuple[Method, ...] = ("nmf", "lda")
DEFAULT_K = 12
TOP_TERMS = 10  # stored per topic
LABEL_TERMS = 4  # shown in its label
MIN_SHARE = 0.2  # of an article's topic weight, for the article to carry the topic
MAX_TOPICS = 3
MAX_FIT = 20_000  # stories the model is fitted on; the rest are only assigned
ID_PREFIX = "discovered-"
# Words every news story uses, on top of scikit-learn's English stop words.
NEWS_STOP_WORDS = frozenset(
    """said says say saying told tell mr ms mrs dr would could also like just year years
    new time people including according added asked week day month today yesterday monday
    tuesday wednesday thursday friday saturday sunday going want know think make way""".split()
)
_TOKEN = r"(?u)\b[^\W\d_][^\W\d_]+\b"  # words of two or more letters; no numbers


@dataclass(frozen=True, slots=True)
class DiscoveredTopic:
    topic: str  # "discovered-01"
    label: str  # "supreme court · justices · ruling · case"
    terms: tuple[tuple[str, float], ...]  # heaviest first


@dataclass(slots=True)
class TopicModel:
    """A fitted vectoriser and factorisation, and the topics it found."""

    method: Method
    vectorizer: TfidfVectorizer | CountVectorizer
    model: NMF | LatentDirichletAllocation
    topics: list[DiscoveredTopic]

    def weights(self, docs: Iterable[str]) -> np.ndarray:
        """Documents × topics, each row summing to 1 (all zeros when no known word occurs)."""
        w = np.asarray(self.model.transform(self.vectorizer.transform(docs)), dtype=float)
        total = w.sum(axis=1, keepdims=True)
        return np.divide(w, total, out=np.zeros_like(w), where=total > 0)


def document(title: str, text: str) -> str:
    """The text a topic model reads: the title (twice, as editors pack the topic into it)
    and the body."""
    return f"{title}\n{title}\n{text}"


def fit(
    docs: Sequence[str], k: int = DEFAULT_K, method: Method = "nmf", seed: int = 0
) -> TopicModel:
    """Fit ``k`` topics to ``docs`` (fewer when there are fewer documents).

    >>> model = fit(docs, k=10)  # doctest: +SKIP
    >>> model.topics[0].label  # doctest: +SKIP
    'supreme court · justices · ruling · case'
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    k = max(1, min(k, len(docs)))
    options: dict[str, Any] = {
        "stop_words": sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS),
        "token_pattern": _TOKEN,
        "min_df": 2 if len(docs) >= 20 else 1,
        "max_df": 0.5 if len(docs) >= 20 else 1.0,
        "max_features": 20_000,
    }
    vectorizer: TfidfVectorizer | CountVectorizer
    model: NMF | LatentDirichletAllocation
    if method == "nmf":
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, **options)
        x = vectorizer.fit_transform(docs)
        k = min(k, x.shape[1])
        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=1000)
    else:  # LDA models word counts, not TF-IDF weights
        vectorizer = CountVectorizer(**options)
        x = vectorizer.fit_transform(docs)
        model = LatentDirichletAllocation(
            n_components=k, learning_method="batch", max_iter=30, random_state=seed
        )
    model.fit(x)
    vocab = vectorizer.get_feature_names_out()
    topics = []
    for i, row in enumerate(model.components_):
        top = np.argsort(row)[::-1][:TOP_TERMS]
        terms = tuple((str(vocab[j]), round(float(row[j]), 4)) for j in top if row[j] > 0)
        topics.append(DiscoveredTopic(f"{ID_PREFIX}{i + 1:02d}", label(terms), terms))
    return TopicModel(method, vectorizer, model, topics)


def label(terms: Sequence[tuple[str, float]], n: int = LABEL_TERMS) -> str:
    """The first ``n`` distinct terms: "white" is dropped after "white house", and "trump"
    gives way to "donald trump"."""
    chosen: list[str] = []
    for term, _ in terms:
        words = set(term.split())
        if words <= {w for c in chosen for w in c.split()}:
            continue
        chosen = [c for c in chosen if not set(c.split()) <= words] + [term]
        if len(chosen) == n:
            break
    return " · ".join(chosen) or "(no terms)"


def assign(weights: np.ndarray) -> list[list[tuple[int, float]]]:
    """Per document, the (topic index, share) pairs that carry at least ``MIN_SHARE`` of its
    weight, strongest first, at most ``MAX_TOPICS``; the strongest always, if any."""
    out = []
    for row in weights:
        order = np.argsort(row)[::-1][:MAX_TOPICS]
        kept = [(int(j), round(float(row[j]), 4)) for j in order if row[j] >= MIN_SHARE]
        if not kept and row.size and row[order[0]] > 0:
            kept = [(int(order[0]), round(float(row[order[0]]), 4))]
        out.append(kept)
    return out


# --------------------------------------------------------------------------- the store
@dataclass(frozen=True, slots=True)
class DiscoveryReport:
    topics: list[DiscoveredTopic]
    fitted_on: int  # stories
    articles: int  # articles assigned at least one topic
    seconds: float

    def summary(self) -> str:
        return (
            f"{len(self.topics)} topics from {self.fitted_on} stories; "
            f"{self.articles} articles assigned; {self.seconds:.1f}s"
        )


def discover_topics(
    db: str | Path, k: int = DEFAULT_K, method: Method = "nmf", seed: int = 0
) -> DiscoveryReport:
    """Fit topics on the store's stories and replace the store's discovered topics with them.

    Fits on one copy per story (at most ``MAX_FIT``, a fixed sample beyond that), then assigns
    every article in batches, and writes both tables in one transaction.

    >>> discover_topics("news.duckdb", k=15).summary()  # doctest: +SKIP
    '15 topics from 4,812 stories; 4,998 articles assigned; 21.4s'
    """
    started = time.perf_counter()
    n_stories = int(
        store.query(
            db,
            """SELECT count(*) FROM articles a LEFT JOIN article_stories k USING (article_id)
               WHERE coalesce(k.story_id, a.article_id) = a.article_id""",
        ).item()
    )
    step = -(-n_stories // MAX_FIT)  # keep one story in `step`, chosen by a hash of its id
    docs = [
        document(title, text)
        for batch in store.article_batches(db, stories_only=True)
        for article_id, title, text in batch
        if step == 1 or zlib.crc32(article_id.encode()) % step == 0
    ]
    if not docs:
        raise ValueError(f"{db} has no articles to discover topics in")
    model = fit(docs, k, method, seed)
    fitted = len(docs)
    del docs
    leading: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    for batch in store.article_batches(db):
        weights = model.weights(document(title, text) for _, title, text in batch)
        for (article_id, _, _), kept in zip(batch, assign(weights), strict=True):
            for rank, (j, share) in enumerate(kept):
                topic = model.topics[j].topic
                rows.append({"article_id": article_id, "topic": topic, "score": share})
                leading[topic] += rank == 0
    now = dt.datetime.now()
    topic_rows = [
        {
            "topic": t.topic,
            "label": t.label,
            "terms": json.dumps([list(term) for term in t.terms]),
            "method": method,
            "articles": leading[t.topic],
            "created_at": now,
        }
        for t in model.topics
    ]
    with (
        runs.write_run(db, "topics discover", [f"{method} k={k}"]) as run,
        run.transaction() as con,
    ):
        store.replace_discovered_topics(con, topic_rows, rows)
    assigned = len({r["article_id"] for r in rows})
    return DiscoveryReport(model.topics, fitted, assigned, time.perf_counter() - started)


# -------------------------------------------------------------------------- evaluation
@dataclass(frozen=True, slots=True)
class Agreement:
    """How well one method's topics agree with human labels."""

    method: str
    clusters: int  # distinct topics it used
    nmi: float  # normalised mutual information (arithmetic mean), 0..1
    purity: float  # each topic mapped to its most common label
    matched: float  # accuracy after a one-to-one topic → label mapping (Hungarian)
    ceiling: float  # the best purity any grouping into as many topics could reach


def agreement(method: str, labels: Sequence[str], found: Sequence[str]) -> Agreement:
    """Compare one topic per document (``found``) with the human ``labels``."""
    table: dict[str, Counter[str]] = {}
    for truth, topic in zip(labels, found, strict=True):
        table.setdefault(topic, Counter())[truth] += 1
    purity = sum(c.most_common(1)[0][1] for c in table.values()) / len(labels)
    names = sorted(set(labels))
    cost = np.array([[-table[t][n] for n in names] for t in table])
    rows, cols = linear_sum_assignment(cost)
    matched = -cost[rows, cols].sum() / len(labels)
    nmi = normalized_mutual_info_score(labels, found)
    sizes = sorted(Counter(labels).values(), reverse=True)
    ceiling = sum(sizes[: len(table)]) / len(labels)
    return Agreement(
        method, len(table), round(nmi, 3), round(purity, 3), round(matched, 3), round(ceiling, 3)
    )


def evaluate(
    articles: Sequence[Article], k: int | None = None, methods: Sequence[Method] = METHODS
) -> list[Agreement]:
    """Taxonomy vs discovered topics against the articles' ``category`` labels.

    Each article gets one topic per method: the taxonomy's leading topic, or the discovered
    topic with the largest weight. ``k`` defaults to the number of taxonomy topics, so both
    levels sort articles into as many groups.
    """
    labelled = [a for a in articles if a.category]
    labels = [a.category or "" for a in labelled]
    k = k or len(load_taxonomy().labels)
    taxonomy = [article_topics(a.title, a.text)[0].topic for a in labelled]
    out = [agreement("taxonomy", labels, taxonomy)]
    docs = [document(a.title, a.text) for a in labelled]
    for method in methods:
        model = fit(docs, k, method)
        found = [model.topics[int(j)].topic for j in model.weights(docs).argmax(axis=1)]
        out.append(agreement(f"discovered ({method}, k={k})", labels, found))
    return out


def format_agreement(rows: Sequence[Agreement], labels: int, articles: int) -> str:
    """A Markdown table of ``evaluate``'s rows."""
    lines = [
        f"{articles} articles, {labels} labels",
        "| method | topics used | NMI | purity | 1:1 accuracy | purity ceiling |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.method} | {r.clusters} | {r.nmi:.3f} | {r.purity:.3f} | {r.matched:.3f} "
        f"| {r.ceiling:.3f} |"
        for r in rows
    ]
    return "\n".join(lines)
