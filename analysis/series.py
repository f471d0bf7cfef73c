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
APPROX_TOLERANCE = 0.10  # "about 300,000" agrees with anything within 10%


def tolerance(surface: str | None, value: float, approx: bool) -> float:
    """How far another number may lie from ``value`` and still be the same number: 10% of it
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
