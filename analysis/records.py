"""The small typed records that flow through the pipeline.

Every statement and figure carries its article id and character offsets into the article's
``text`` (or, for headline attributions, into its ``title``), so every number on a chart leads
back to a sentence a person can read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

StatementKind = Literal["direct", "indirect", "mixed", "belief", "position", "headline"]
STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)
# The kinds every view shows unless a reporter asks for others. Read by hand on 360 stored rows
# from 110 AllSides articles (tests/gold/statements_check): direct 98% real statements,
# indirect and mixed ~80%, but "position" (endorsed, opposed, wants to) 33% and "belief" 19%,
# so those two stay out of the default views. "headline" ("Deficit widens, Okafor says") is
# shown: it is rare (4 of those 3,007 rows, none drawn) and written as an attribution.
DEFAULT_KINDS: tuple[StatementKind, ...] = ("direct", "indirect", "mixed", "headline")
# The kind of a row a reporter marked "not a statement" (analysis/corrections.py): never one
# of the kinds above, so no view shows it unless asked for it by name.
REJECTED_KIND = "rejected"
FigureType = Literal["count", "money", "percent", "measure", "age", "duration", "other"]
Section = Literal["text", "title"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from an input file."""

    id: str
    text: str
    title: str = ""
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    category: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # the file it came from
    line: int | None = None  # 1-based line (JSONL/CSV) where the record starts


@dataclass(frozen=True, slots=True)
class InputError:
    """A record that could not be read: where, and why. Never silently dropped."""

    source: str
    line: int | None
    reason: str  # a short class, e.g. "invalid-json", "missing-text", "undecodable"
    detail: str = ""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what. Offsets index ``section`` of the article (``text`` or ``title``)."""

    start: int
    end: int
    text: str
    kind: StatementKind
    fragments: tuple[tuple[int, int], ...] = ()
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # resolved name within the article, None = unresolved
    speaker_role: str | None = None  # the title/role seen with the speaker ("Russian President")
    speaker_type: Literal["person", "org", "group", "document", "other"] | None = None
    section: Section = "text"
    # how the name was found: "name", "surname", "pronoun model", "title", "continues the
    # quote before", ...; the model's probability where one chose; the earlier mention the
    # name came through ("he" -> "Vladimir Putin" at these offsets)
    speaker_how: str | None = None
    speaker_confidence: float | None = None
    antecedent_start: int | None = None
    antecedent_end: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that counts or measures something."""

    start: int  # the number expression: "300,000", "$2bn", "5%", "three"
    end: int
    surface: str
    value: float | None
    unit: str | None  # "USD", "%", "km", None for plain counts
    type: FigureType
    approx: bool
    counts: str | None  # what it counts: "signed contracts"
    counts_start: int | None = None
    counts_end: int | None = None
    speaker: str | None = None  # filled when the figure sits inside a statement
    statement_index: int | None = None  # index into the article's statements


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    score: float


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker introduced in an article: canonical name, the forms seen, the roles seen."""

    name: str
    kind: Literal["person", "org", "group", "document", "other"]
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # the text's evidence of gender ("honorific Mrs.")


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    statements: tuple[Statement, ...]
    figures: tuple[Figure, ...]
    topics: tuple[TopicScore, ...]
    statement_topics: tuple[tuple[TopicScore, ...], ...]  # parallel to statements
    people: tuple[Person, ...]
    skipped: dict[str, int] = field(default_factory=dict)  # refusals by reason
    error: str | None = None  # why extraction failed on this article (then it holds nothing)


# --------------------------------------------------------------------------- ids
# Letters NFKD does not take apart: without these "Jarosław" would key as "jarosaw".
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip


def speaker_key(name: str) -> str:
    """A stable id for a speaker name: accents, case, dots, apostrophes and spacing do not
    matter ("O'Malley" and "O’Malley" are both ``omalley``)."""
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    folded = re.sub(r"['\u2019`]", "", folded.encode("ascii", "ignore").decode())
    folded = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return folded or "unknown"
