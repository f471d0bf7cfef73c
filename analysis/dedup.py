"""Near-duplicate articles: one wire story carried by several outlets is linked to one story.

So that "one agency quote carried by ten sites" counts once, every article gets a row in
``article_stories``: its ``story_id`` is the first copy ingested of the same story (itself when
there is none), ``duplicate_of`` the earlier copy it matched best. Queries then count either one
copy per story (``Filters(distinct=True)``, the default) or every copy.

Method, after Broder (1997) and Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
ch. 3:

1. **Shingles**: the set of word 5-grams of the lower-cased text (``\\w+`` tokens). An edited
   word changes at most five shingles, so light edits (a dateline dropped, "on Tuesday" →
   "on Tuesday afternoon", a new headline) keep the sets close, while two outlets writing
   their own story on the same event share only a few quoted phrases.
2. **MinHash** (``datasketch``, 120 permutations, scheme ``affine32``, fixed seed): a signature
   whose rows agree with probability equal to the Jaccard similarity of the shingle sets.
3. **LSH banding**: 40 bands of 3 rows; two articles become candidates when any band agrees.
   A pair at Jaccard 0.5 becomes a candidate with probability 1 - (1 - 0.5³)⁴⁰ = 99.5%; a pair
   at 0.1 with probability 4%. The bands are stored in the ``story_bands`` table, so a copy
   ingested in a later run finds the earlier story with one SQL join: no index is held in
   memory or pickled beside the store, and it can never disagree with the articles.
4. **Confirmation**: a candidate is a copy when the *exact* Jaccard similarity of the two
   shingle sets is at least 0.5 (a MinHash estimate has a standard error of ±0.05 there).

Why not ``datasketch.MinHashLSH``: it keeps the index in memory (or Redis), so it would have
to be rebuilt from every stored article at each ingest or saved beside the store, where a
crashed batch could leave it out of step. The band rows commit with the links, batch by batch.

Limits: a copy cut to less than about half of the original (Jaccard < 0.5) stays a story of its
own; so does any text under ``MIN_SHINGLES`` shingles (about 25 words), where a shared phrase is
no evidence. Copies chain: a copy of a copy joins the first copy's story even if it no longer
resembles the first. The signature depends on datasketch's hashing (pinned to 2.x; a test holds
a known band value so an upgrade that changes it fails loudly).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from datasketch import MinHash

from analysis import store

SHINGLE_WORDS = 5
NUM_PERM = 120
BANDS = 40
ROWS = NUM_PERM // BANDS  # 3
SEED = 20261125
THRESHOLD = 0.5  # exact Jaccard similarity of shingle sets for two articles to be copies
MIN_SHINGLES = 20
CHUNK = 500  # articles linked per transaction; bounds memory on a large store

_WORD = re.compile(r"\w+")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def shingles(text: str, k: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of word ``k``-grams of ``text``, lower-cased.

    >>> sorted(shingles("The port will reopen on Monday", k=5))
    ['port will reopen on monday', 'the port will reopen on']
    """
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def band_keys(shingle_set: Iterable[str]) -> list[tuple[int, int]]:
    """(band, bucket) of each LSH band of the set's MinHash signature; stable across runs."""
    m = MinHash(num_perm=NUM_PERM, scheme="affine32", permutations=_PERMUTATIONS)
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    values = m.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def link_pending(con: store.Connection, chunk: int = CHUNK) -> int:
    """Link every article that has no story yet to the earlier copy it duplicates, if any.

    Articles are taken in the order they were ingested, so a copy always joins the story of a
    copy ingested before it, in this run or an earlier one. Each chunk is committed on its own.
    Returns how many of them were copies of an earlier article.
    """
    pending = store.pending_stories(con)
    copies = 0
    for i in range(0, len(pending), chunk):
        copies += _link_chunk(con, pending[i : i + chunk])
    return copies


def _link_chunk(con: store.Connection, ids: Sequence[str]) -> int:
    texts = store.article_texts(con, ids)
    sets = {i: shingles(texts[i]) for i in ids if i in texts}
    bands = {i: band_keys(s) for i, s in sets.items() if len(s) >= MIN_SHINGLES}
    probes = [(b, k, i) for i, keys in bands.items() for b, k in keys]
    stored: dict[str, list[str]] = defaultdict(list)
    story_of: dict[str, str] = {}
    for probe, other, story in store.band_matches(con, probes):
        stored[probe].append(other)
        story_of[other] = story
    known = {o: shingles(t) for o, t in store.article_texts(con, list(story_of)).items()}
    local: dict[tuple[int, int], list[str]] = defaultdict(list)  # earlier in this chunk
    links: list[dict[str, Any]] = []
    copies = 0
    for i in ids:
        if i not in sets:
            continue
        s = sets[i]
        nearby = set(stored.get(i, ())) | {o for key in bands.get(i, ()) for o in local[key]}
        best, score = _best_match(s, nearby, known)
        if best is not None and score >= THRESHOLD:
            story, dup, sim = story_of[best], best, round(score, 4)
            copies += 1
        else:
            story, dup, sim = i, None, None
        story_of[i] = story
        links.append(
            {
                "article_id": i,
                "story_id": story,
                "duplicate_of": dup,
                "similarity": sim,
                "shingles": len(s),
            }
        )
        known[i] = s
        for key in bands.get(i, ()):
            local[key].append(i)
    store.write_stories(con, links, [(b, k, i) for i, keys in bands.items() for b, k in keys])
    return copies


def _best_match(
    s: frozenset[str], candidates: Iterable[str], known: dict[str, frozenset[str]]
) -> tuple[str | None, float]:
    """The candidate most similar to ``s`` (ties: smallest id), and its Jaccard similarity."""
    best: str | None = None
    score = 0.0
    for c in sorted(candidates):
        j = jaccard(s, known[c])
        if j > score:
            best, score = c, j
    return best, score


def link_store(db: str | Path) -> tuple[int, int]:
    """Bring the store at ``db`` to the current schema and link every article not linked yet
    (all of them, after a migration from schema 1). Returns (articles linked, copies)."""
    with store.writer(db) as con:
        pending = len(store.pending_stories(con))
        copies = link_pending(con)
    return pending, copies
