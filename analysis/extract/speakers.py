"""Speakers within one article: who a mention ("Putin", "he", "the Russian leader") stands for.

Resolution is deliberately conservative (a misattributed quote is worse than an unresolved
one): a surname resolves only when one person introduced earlier carries it; a title phrase
only when one person was introduced with that title or nationality; a pronoun to the nearest
earlier speaker whose known gender does not contradict it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from analysis.extract.vocab import HONORIFICS, ORG_HEADS, PRONOUNS, TITLE_NOUNS

SpeakerType = Literal["person", "org", "other"]

_ROLE_DEPS = {"compound", "amod", "nmod", "appos"}
_DETS = {"the", "a", "an", "his", "her", "their", "its", "our"}


@dataclass(slots=True)
class PersonEntry:
    name: str
    kind: SpeakerType
    first_pos: int
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    gender: str = ""  # "m", "f" or "" when unknown

    def tokens(self) -> list[str]:
        return self.name.split()


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: str
    start: int
    end: int
    name: str | None
    role: str | None
    kind: SpeakerType | None


def _clean_name(span: Span) -> str:
    toks = [t for t in span if not (t.i == span.start and t.lower_ in _DETS)]
    text = " ".join(t.text for t in toks if t.tag_ != "POS" and t.text != "'s")
    return text.strip(" ,.'\u2019")


class ArticleSpeakers:
    """The people and organisations of one article, and the resolver of their mentions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: list[PersonEntry] = []
        # (char pos, person, was a sentence subject) for every person mention, in order
        self._mentions: list[tuple[int, PersonEntry, bool]] = []
        self._history: list[tuple[int, PersonEntry]] = []  # (char pos, speaker) in order
        self._register_entities()

    # ------------------------------------------------------------------ registry
    def _register_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                entry = self._register_person(ent)
                if entry is not None:
                    subj = ent.root.dep_ in ("nsubj", "nsubjpass")
                    self._mentions.append((ent.start_char, entry, subj))
            elif ent.label_ in ("ORG", "NORP") and ent.label_ == "ORG":
                self._register_org(ent)

    def _register_person(self, ent: Span) -> PersonEntry | None:
        name = _clean_name(ent)
        words = name.split()
        if not words or not any(w[:1].isupper() for w in words):
            return None
        entry = self._match_name(name) if len(words) == 1 else self._find_full(name)
        if entry is None and len(words) >= 2:
            # a longer form of someone already known by a short form is the same person
            entry = PersonEntry(name, "person", ent.start_char)
            self.people.append(entry)
        if entry is None:
            return None
        entry.aliases.add(name)
        role = self._role_of(ent)
        if role and role not in entry.roles:
            entry.roles.append(role)
        honor = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if HONORIFICS.get(honor):
            entry.gender = HONORIFICS[honor]
        return entry

    def _register_org(self, ent: Span) -> None:
        name = _clean_name(ent)
        if name and self._find_full(name) is None:
            self.people.append(PersonEntry(name, "org", ent.start_char, {name}))

    def _find_full(self, name: str) -> PersonEntry | None:
        low = name.lower()
        for p in self.people:
            if p.name.lower() == low or low in (a.lower() for a in p.aliases):
                return p
        return None

    def _match_name(self, short: str) -> PersonEntry | None:
        """The one known person whose name contains the word ``short``; None if 0 or >1."""
        low = short.lower()
        hits = [
            p
            for p in self.people
            if p.kind == "person" and low in (w.lower() for w in p.tokens()[1:] or p.tokens())
        ]
        if not hits:
            hits = [p for p in self.people if p.kind == "person" and low == p.tokens()[0].lower()]
        return hits[0] if len(hits) == 1 else None

    def _role_of(self, ent: Span) -> str | None:
        """Title words before the name ("Russian President") or an appositive ("a doctor")."""
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            # "his Belarusian counterpart Alexander Lukashenko": the head noun is the role
            head = root.head
            toks = [t for t in self.doc[head.left_edge.i : head.i + 1] if t.lower_ not in _DETS]
            if toks and len(toks) <= 6:
                return " ".join(t.text for t in toks)
        left = [
            t
            for t in root.lefts
            if t.i < ent.start and t.dep_ in _ROLE_DEPS and t.ent_type_ != "PERSON"
        ]
        if left:
            first = min(t.left_edge.i for t in left)
            toks = [t for t in self.doc[first : ent.start] if t.lower_ not in _DETS]
            toks = [t for t in toks if t.tag_ != "POS" and not t.is_punct]
            if toks and any(t.lower_ in TITLE_NOUNS or t.pos_ in ("ADJ", "PROPN") for t in toks):
                return " ".join(t.text for t in toks)
        for child in root.rights:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                span = self.doc[child.left_edge.i : child.right_edge.i + 1]
                words = [t for t in span if not t.is_punct]
                if 0 < len(words) <= 12:
                    return span.text.strip(" ,")
        if ent.end < len(self.doc) and self.doc[ent.end].text == ",":
            return None
        return None

    # ---------------------------------------------------------------- resolving
    def resolve(self, head: Token) -> Resolution:
        """Resolve the subject token ``head`` of a reporting verb to a speaker."""
        span = mention_span(head)
        mention = span.text
        low = head.lower_
        if head.pos_ == "PRON" or low in PRONOUNS:
            entry = self._pronoun(low, head.idx)
            return self._out(span, entry, role=None)
        ent = _entity_of(head)
        if ent is not None and ent.label_ == "PERSON":
            entry = self._register_person(ent)
            role = self._role_of(ent)
            return self._out(span, entry, role)
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
            name = _clean_name(ent)
            entry = self._find_full(name) or PersonEntry(name, "org", ent.start_char, {name})
            return self._out(span, entry, None)
        if low in TITLE_NOUNS or head.lemma_.lower() in TITLE_NOUNS:
            entry = self._title(head, span)
            if entry is not None:
                return self._out(span, entry, _title_text(span))
        if head.pos_ == "PROPN":
            entry = self._match_name(head.text)
            if entry is not None:
                return self._out(span, entry, None)
        if low in ORG_HEADS or head.lemma_.lower() in ORG_HEADS:
            if any(t.pos_ == "PROPN" or t.lower_ in ORG_HEADS for t in span):
                name = _clean_name(span)
                return self._out(span, PersonEntry(name, "org", span.start_char, {name}), None)
        return Resolution(mention, span.start_char, span.end_char, None, None, None)

    def _out(self, span: Span, entry: PersonEntry | None, role: str | None) -> Resolution:
        if entry is None:
            return Resolution(span.text, span.start_char, span.end_char, None, role, None)
        self._history.append((span.start_char, entry))
        if role is None and entry.roles:
            role = entry.roles[0]
        return Resolution(span.text, span.start_char, span.end_char, entry.name, role, entry.kind)

    def remember(self, pos: int, name: str) -> None:
        """Record that ``name`` spoke at ``pos`` (for pronouns that follow)."""
        entry = self._find_full(name)
        if entry is not None:
            self._history.append((pos, entry))

    def _pronoun(self, low: str, pos: int) -> PersonEntry | None:
        want = PRONOUNS.get(low, "")
        if want not in ("m", "f"):
            return None
        # the latest speaker nearby first, then the latest person who was a sentence subject,
        # then the latest person mentioned at all
        recent = [e for p, e in reversed(self._history) if pos - 1500 < p < pos]
        earlier = [(p, e, s) for p, e, s in reversed(self._mentions) if p < pos]
        candidates = recent + [e for _, e, s in earlier if s] + [e for _, e, _ in earlier]
        for entry in candidates:
            if entry.kind != "person":
                continue
            if entry.gender and entry.gender != want:
                continue
            if not entry.gender:
                entry.gender = want
            return entry
        return None

    def _title(self, head: Token, span: Span) -> PersonEntry | None:
        """ "the Russian leader" → the one person introduced as Russian or as a leader."""
        mods = {t.lower_ for t in span if t.i != head.i and t.lower_ not in _DETS}
        noun = head.lemma_.lower()
        matches = []
        for p in self.people:
            if p.kind != "person" or p.first_pos >= span.start_char:
                continue
            role_words = {w.lower().strip(",.") for r in p.roles for w in r.split()}
            if (mods and mods <= role_words) or (not mods and noun in role_words) or (mods & role_words and noun in role_words):
                matches.append(p)
        return matches[0] if len(matches) == 1 else None

    def entries(self) -> list[PersonEntry]:
        return list(self.people)


def _entity_of(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _title_text(span: Span) -> str:
    return " ".join(t.text for t in span if t.lower_ not in _DETS)


def mention_span(head: Token) -> Span:
    """The speaker mention: the subject's noun phrase without relative clauses or appositives."""
    doc = head.doc
    ent = _entity_of(head)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        start = ent.start
        for t in head.lefts:
            if t.dep_ in ("compound", "amod", "det", "poss", "nmod") and t.i < start:
                start = min(start, t.left_edge.i)
        return doc[start : ent.end]
    start, end = head.i, head.i + 1
    for t in head.lefts:
        if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod"):
            start = min(start, t.left_edge.i)
    for t in head.rights:
        if t.dep_ in ("compound", "flat") or (t.dep_ == "prep" and t.lower_ in ("of", "for")):
            end = max(end, t.right_edge.i + 1)
    end = min(end, start + 12)
    return doc[start:end]
