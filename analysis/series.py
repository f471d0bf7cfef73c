"""What a figure counts, as a series a reporter can follow across articles and speakers.

One definition, used everywhere: the store's facts compute ``counts_key`` with
:func:`series_key` (registered in DuckDB as ``quotedesk_series_key``), and the queries, the
Desk and the dashboard look series up with the same function.

The key is the counted thing's head noun, lemmatised ("signed contracts", "contracts signed",
"contracts" → ``contract``), because a reporter follows a thing by its noun: within one
speaker and one unit, "signed army contracts" and "contracts" are the same story, and keying
on head plus modifiers would split the story the reporter is after into a series per wording.
Heads too generic to name one thing ("people", "rate", "percent") keep their modifiers,
lemmatised and sorted ("people killed" = "killed people" ≠ "people injured"; "unemployment
rate" ≠ "inflation rate"). Where a head-only key would join two different things ("initial
claims", "continuing claims"), :func:`compatible` tells them apart: two wordings are the same
thing only if one's modifiers include the other's, which the Changes view requires before it
calls two numbers a revision or a conflict.

Pure string rules, no spaCy: the key must be computable inside a database query.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import polars as pl

# Heads that do not name one thing on their own: the whole phrase is the series.
GENERIC_HEADS = (
    "people", "persons", "person", "men", "man", "women", "woman", "children", "child",
    "times", "time", "others", "other", "units", "unit", "percent", "per", "cent", "rate",
    "share", "number", "total", "level", "amount", "cost", "price", "figure", "part",
)  # fmt: skip
# Words that carry no part of what is counted.
_STOP = frozenset(
    "a an the this that these those its their his her our your my some any all more most "
    "than about around nearly almost roughly approximately over under at least just only "
    "another such".split()
)
# A counted phrase ends at a preposition: "members of the union" counts members...
_PREPOSITIONS = frozenset("of in on for from to by with among across between into per".split())
# ...unless what comes before is a quantity: "millions of Latinos" counts Latinos.
_QUANTITIES = frozenset(
    "dozens hundreds thousands millions billions tens scores lots number numbers".split()
)
_IRREGULAR = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "data": "data", "media": "media",
    "police": "police", "staff": "staff", "news": "news", "series": "series",
    "species": "species", "crises": "crisis", "analyses": "analysis",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Participles that follow what they qualify ("contracts signed", "people displaced"); "-ing"
# is left out: "government spending" counts spending.
_PARTICIPLE = re.compile(r"[a-z]{2,}[^e]ed$")
_IRREGULAR_PARTICIPLES = frozenset(
    "held sold built won lost made paid hurt left taken given born seen spent sent kept bought "
    "caught brought cut shot hit struck".split()
)


def lemma(word: str) -> str:
    """A noun's singular, by rule: contracts → contract, casualties → casualty."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _words(counts: str) -> list[str]:
    """The phrase's words that name what is counted, in order, cut at a preposition."""
    words = [w for w in _WORD.findall(counts.lower()) if w not in _STOP]
    for i, w in enumerate(words):
        if w in _PREPOSITIONS and 0 < i < len(words) - 1:
            before, after = words[:i], words[i + 1 :]
            if all(b in _QUANTITIES for b in before):
                return after
            # "rate of unemployment" is the unemployment rate: a generic head keeps its object
            return [*after, *before] if lemma(before[-1]) in GENERIC_HEADS else before
    return words


def _split(counts: str) -> tuple[str, list[str]]:
    """(head lemma, modifier lemmas) of a counted phrase; ("", []) for an empty one.

    The head is the last word, unless trailing words are participles ("contracts signed",
    "people killed"): then it is the last word before them."""
    words = _words(counts)
    if not words:
        return "", []
    end = len(words)
    while end > 1 and (
        _PARTICIPLE.match(words[end - 1]) or words[end - 1] in _IRREGULAR_PARTICIPLES
    ):
        end -= 1
    head = lemma(words[end - 1])
    mods = [lemma(w) for i, w in enumerate(words) if i != end - 1]
    return head, mods


@lru_cache(maxsize=65536)
def series_key(counts: str | None) -> str | None:
    """The series a counted thing belongs to: its head lemma, or for a generic head
    (:data:`GENERIC_HEADS`) the head with its modifiers, lemmatised and sorted.

    >>> series_key("contracts signed"), series_key("Signed contracts")
    ('contract', 'contract')
    >>> series_key("people killed"), series_key("killed people")
    ('killed people', 'killed people')
    """
    if counts is None:
        return None
    head, mods = _split(counts)
    if not head:
        return ""
    if head in GENERIC_HEADS:
        return " ".join([*sorted(set(mods)), head])
    return head


def compatible(a: str, b: str) -> bool:
    """Whether two wordings of one series can name the same thing: one's modifiers include
    the other's ("contracts" and "signed contracts" yes; "initial claims" and "continuing
    claims" no)."""
    (ha, ma), (hb, mb) = _split(a), _split(b)
    if ha != hb:
        return series_key(a) == series_key(b)
    sa, sb = set(ma), set(mb)
    return sa <= sb or sb <= sa


# A number written with decimals and a scale word is rounded to its last decimal:
# "1.6 million" stands for anything from 1.55 to 1.65 million.
_SCALED = re.compile(
    r"(\d+)(?:\.(\d+))?\s*(thousand|million|billion|trillion|[kmb]n?|tn)\b", re.IGNORECASE
)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "b": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
APPROX_TOLERANCE = 0.05  # "about 300,000" agrees with anything within 5% (285,000-315,000)


def tolerance(surface: str | None, value: float, approx: bool) -> float:
    """How far another number may lie from ``value`` and still be the same number: 5% of it
    when it is approximate ("about 300,000"), half its last written digit when it is written
    rounded to a scale ("1.6 million": 50,000), else nothing."""
    allowed = abs(value) * APPROX_TOLERANCE if approx else 0.0
    m = _SCALED.search(surface or "")
    if m:
        scale = _SCALE.get(m.group(3).lower(), 1.0)
        allowed = max(allowed, 0.5 * scale * 10.0 ** -len(m.group(2) or ""))
    return allowed


def same_number(
    a: float, b: float, a_surface: str | None = None, b_surface: str | None = None,
    a_approx: bool = False, b_approx: bool = False,
) -> bool:  # fmt: skip
    """Whether two citations give the same number, within the looser one's tolerance."""
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
        return True
    allowed = max(tolerance(a_surface, a, a_approx), tolerance(b_surface, b, b_approx))
    return abs(a - b) <= allowed + 1e-9


# ------------------------------------------------------------------------------ changes
CONFLICT_DAYS = 6  # two sources "in the same week": at most six days apart
# Numbers more than ten times apart are taken to count different things that share a noun
# ("two members" of a committee, "450,000 members" of a union), not one thing revised.
MAX_RATIO = 10.0
_WINDOW = 500  # citations of one series looked back over for a conflict (a busy week's worth)
# "Thousands of Gazans" is no number anyone can revise or contradict.
_VAGUE = re.compile(
    r"^\W*(?:tens of |hundreds of )?(?:dozens|scores|hundreds|thousands|millions|billions)\b",
    re.IGNORECASE,
)
_SIDE = (
    "value", "surface", "approx", "counts", "speaker_id", "speaker", "outlet", "published",
    "article_id", "title", "statement_id", "sentence", "start_char", "end_char",
)  # fmt: skip
CHANGE_COLUMNS = (
    "change", "series", "unit", *(f"before_{c}" for c in _SIDE), *(f"after_{c}" for c in _SIDE),
)  # fmt: skip


def _source(row: dict[str, Any]) -> str:
    """Who gives the number: the speaker, or the outlet when the article says it itself."""
    return f"speaker:{row['speaker_id']}" if row["speaker_id"] else f"outlet:{row['outlet']}"


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return same_number(a["value"], b["value"], a["surface"], b["surface"], a["approx"], b["approx"])


def _comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two citations can be one thing's numbers: compatible wordings, the same sign
    and at most :data:`MAX_RATIO` apart."""
    lo, hi = sorted((abs(a["value"]), abs(b["value"])))
    return (
        (a["value"] > 0) == (b["value"] > 0)
        and hi <= lo * MAX_RATIO
        and compatible(a["counts"], b["counts"])
    )


def changes(citations: pl.DataFrame) -> pl.DataFrame:
    """Pairs of citations of one series (``counts_key`` and ``unit``) whose numbers differ.

    ``revised``: one source (a speaker, or an outlet in its own voice) gives a number in a
    later article that differs from every number it gave for the series in its previous
    article citing it. ``conflict``: two sources give different numbers for the series in
    articles at most :data:`CONFLICT_DAYS` apart, each paired with the other source's latest
    citation since the source's own previous one (so a source repeating itself is not set
    against the same number again). Never within one article (which states its own contrast), never
    between wordings that name different things (:func:`compatible`), never when the numbers
    agree within :func:`tolerance`. Expects one row per citation with ``counts_key``,
    ``unit``, ``article_no`` (ordered by date), ``ordinal`` and the columns of :data:`_SIDE`.
    """
    rows: list[dict[str, Any]] = []
    ordered = citations.filter(
        ~pl.col("surface").str.contains(_VAGUE.pattern),
        pl.col("value") != 0,
        # "two states", "one such attack": AP style spells out one to nine, and a number
        # spelled out in running prose is an incidental count, not a figure anyone tracks
        pl.col("surface").str.contains(r"\d") | (pl.col("value").abs() >= 10),
    ).sort(["published", "article_no", "ordinal"], nulls_last=True)
    for (_, _), group in ordered.group_by(["counts_key", "unit"], maintain_order=True):
        cites = group.to_dicts()
        by_source: dict[str, list[dict[str, Any]]] = {}
        for i, after in enumerate(cites):
            if after["published"] is None:  # sorted last: nothing after it has a date
                break
            mine = by_source.setdefault(_source(after), [])
            rows += _revision(after, mine) + _conflicts(after, cites, i)
            mine.append(after)
    out = pl.DataFrame(rows, schema=_change_schema(citations), orient="row")
    return out.sort(
        ["after_published", "series", "after_article_id", "change", "before_published"],
        descending=[True, False, False, False, False],
        nulls_last=True,
        maintain_order=True,
    )


def _revision(after: dict[str, Any], mine: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``after`` against the source's citations in its previous article on the series."""
    previous: list[dict[str, Any]] = []
    for c in reversed(mine):
        if previous and c["article_no"] != previous[0]["article_no"]:
            break
        if c["article_no"] != after["article_no"] and _comparable(c, after):
            previous.append(c)
    if not previous or any(_same(c, after) for c in previous):
        return []
    return [_pair("revised", previous[0], after)]


def _conflicts(after: dict[str, Any], cites: list[dict[str, Any]], i: int) -> list[dict[str, Any]]:
    """``after`` against each other source's latest citation in the week before it, back to
    the source's own previous citation (which answered what came before)."""
    latest: dict[str, dict[str, Any]] = {}
    for c in reversed(cites[max(0, i - _WINDOW) : i]):
        if (after["published"] - c["published"]).days > CONFLICT_DAYS:
            break
        if c["article_no"] == after["article_no"] or not _comparable(c, after):
            continue
        if _source(c) == _source(after):
            break
        latest.setdefault(_source(c), c)
    return [_pair("conflict", c, after) for c in latest.values() if not _same(c, after)]


def _pair(change: str, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    row = {"change": change, "series": after["counts_key"], "unit": after["unit"]}
    row |= {f"before_{c}": before[c] for c in _SIDE}
    row |= {f"after_{c}": after[c] for c in _SIDE}
    return row


def _change_schema(citations: pl.DataFrame) -> dict[str, pl.DataType]:
    side = {c: citations.schema[c] for c in _SIDE}
    schema: dict[str, Any] = {"change": pl.String, "series": pl.String, "unit": pl.String}
    schema |= {f"before_{c}": t for c, t in side.items()}
    schema |= {f"after_{c}": t for c, t in side.items()}
    return schema
