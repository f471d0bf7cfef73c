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

from analysis.extract.vocab import (
    HONORIFICS,
    ORG_HEADS,
    PRONOUNS,
    SELF_NAMED_ORGS,
    TITLE_NOUNS,
)

SpeakerType = Literal["person", "org", "other"]

_ROLE_DEPS = {"compound", "amod", "nmod", "appos", "poss"}
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


def _name_start(span: Span) -> int:
    """Index of the first token of the name proper: skips "the", titles the NER swallowed
    ("Striker Lars Berg") and honorifics ("Mr.")."""
    i = span.start
    while i < span.end - 1 and (
        span.doc[i].lower_ in _DETS
        or span.doc[i].lower_ in TITLE_NOUNS
        or span.doc[i].lower_ in HONORIFICS
    ):
        i += 1
    return i


def _clean_name(span: Span) -> str:
    start = _name_start(span) if span.label_ == "PERSON" else span.start
    toks = [t for t in span.doc[start : span.end] if not (t.i == span.start and t.lower_ in _DETS)]
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
        entry = self._single(name) if len(words) == 1 else self._full(name, ent.start_char)
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

    def _single(self, name: str) -> PersonEntry | None:
        """A one-word name: the one person carrying it, or a new entry; None if ambiguous."""
        hits = self._name_hits(name)
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None  # two people share the word: refuse to guess
        entry = PersonEntry(name, "person", self._pos_of(name))
        self.people.append(entry)
        return entry

    def _full(self, name: str, pos: int) -> PersonEntry:
        """A full name: the known entry, an earlier one-word entry it completes, or a new one."""
        entry = self._find_full(name)
        if entry is not None:
            return entry
        last = name.split()[-1].lower()
        for p in self.people:
            if p.kind == "person" and " " not in p.name and p.name.lower() == last:
                p.name = name  # "Johnson" seen first, "Boris Johnson" later: one person
                return p
        entry = PersonEntry(name, "person", pos)
        self.people.append(entry)
        return entry

    def _pos_of(self, name: str) -> int:
        text = self.doc.user_data.get("quotedesk_text")
        if text is None:  # doc.text rebuilds the string on every call
            text = self.doc.user_data["quotedesk_text"] = self.doc.text
        pos = text.find(name)
        return pos if pos >= 0 else 0

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

    def _name_hits(self, short: str) -> list[PersonEntry]:
        """Known people with the word ``short`` in their name (surname first, then given)."""
        low = short.lower()
        people = [p for p in self.people if p.kind == "person"]
        hits = [p for p in people if low in (w.lower() for w in p.tokens()[1:] or p.tokens())]
        return hits or [p for p in people if low == p.tokens()[0].lower()]

    def _match_name(self, short: str) -> PersonEntry | None:
        """The one known person whose name contains the word ``short``; None if 0 or >1."""
        hits = self._name_hits(short)
        return hits[0] if len(hits) == 1 else None

    def _role_of(self, ent: Span) -> str | None:
        """Title words before the name ("Russian President") or an appositive ("a doctor")."""
        root = ent.root
        inner = _name_start(ent)
        if inner > ent.start:
            words = [t.text for t in self.doc[ent.start : inner] if t.lower_ not in _DETS]
            words = [w for w in words if w.lower() not in HONORIFICS]
            if words:
                return " ".join(words)
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
            toks = [
                t for t in toks if t.tag_ != "POS" and not t.is_punct and t.lower_ not in HONORIFICS
            ]
            if toks and any(t.lower_ in TITLE_NOUNS or t.pos_ in ("ADJ", "PROPN") for t in toks):
                return " ".join(t.text for t in toks)
        for child in root.rights:
            if child.dep_ == "appos" and child.ent_type_ != "PERSON":
                span = self.doc[child.left_edge.i : child.right_edge.i + 1]
                n_words = sum(not t.is_punct for t in span)
                if 0 < n_words <= 12:
                    return span.text.strip(" ,")
        if ent.end < len(self.doc) and self.doc[ent.end].text == ",":
            return None
        return None

    # ---------------------------------------------------------------- resolving
    def resolve(self, head: Token) -> Resolution:
        """Resolve the subject token ``head`` of a reporting verb to a speaker."""
        if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
            # "Smith, who said ...": the mention is "who", the speaker its antecedent
            res = self.resolve(head.head.head)
            return Resolution(
                head.text, head.idx, head.idx + len(head.text), res.name, res.role, res.kind
            )
        span = mention_span(head)
        low = head.lower_
        if _is_dateline(head):
            return Resolution(span.text, span.start_char, span.end_char, None, None, None)
        if head.pos_ == "PRON" or low in PRONOUNS:
            return self._out(span, self._pronoun(low, head.idx), role=None)
        ent = _entity_of(head)
        if ent is None or ent.label_ != "PERSON":
            # "The opposition leader, Edvin Rask, said": the name is an appositive
            named = [_entity_of(c) for c in head.children if c.dep_ == "appos"]
            people = [e for e in named if e is not None and e.label_ == "PERSON"]
            if people:
                role = _title_text(span) if low in TITLE_NOUNS else None
                return self._out(span, self._register_person(people[0]), role)
        if ent is not None and ent.label_ == "PERSON":
            return self._out(span, self._register_person(ent), self._role_of(ent))
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
            return self._out(span, self._named_org(ent, head), None)
        if low in TITLE_NOUNS or head.lemma_.lower() in TITLE_NOUNS:
            entry = self._title(head, span)
            if entry is not None:
                return self._out(span, entry, _title_text(span))
        if head.pos_ == "PROPN":
            entry = self._match_name(head.text)
            if entry is None and not self._name_hits(head.text):
                # a proper name the NER missed: keep it as said, kind unknown
                name = _clean_name(span)
                entry = self._find_full(name) or PersonEntry(name, "other", span.start_char, {name})
            if entry is not None:
                return self._out(span, entry, None)
        if low in ORG_HEADS or head.lemma_.lower() in ORG_HEADS:
            entry = self._org_alias(head, span)
            if entry is not None:
                return self._out(span, entry, None)
            if any(t.pos_ == "PROPN" for t in span) or low in SELF_NAMED_ORGS:
                name = _clean_name(span)
                return self._out(span, PersonEntry(name, "org", span.start_char, {name}), None)
        return Resolution(span.text, span.start_char, span.end_char, None, None, None)

    def _named_org(self, ent: Span, head: Token) -> PersonEntry:
        """An ORG/GPE entity — unless it is really a person the NER mislabelled ("Halvik")."""
        toks = [t for t in ent if t.i >= _after_comma(ent, head)]
        name = " ".join(t.text for t in toks if t.lower_ not in _DETS).strip(" ,.")
        known = self._find_full(name)
        if known is not None:
            return known
        if len(name.split()) == 1:
            hits = [p for p in self._name_hits(name) if p.kind == "person"]
            if len(hits) == 1:
                return hits[0]
        entry = PersonEntry(name, "org", ent.start_char, {name})
        self.people.append(entry)
        return entry

    def _org_alias(self, head: Token, span: Span) -> PersonEntry | None:
        """ "the port authority", "the ministry" → the one organisation named so earlier."""
        words = {t.lower_ for t in span if t.lower_ not in _DETS}
        hits = [
            p
            for p in self.people
            if p.kind == "org"
            and p.first_pos < span.start_char
            and words <= {w.lower() for w in p.name.split()}
        ]
        return hits[0] if len(hits) == 1 else None

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
        # the nearest earlier speaker or sentence subject, then anyone mentioned
        subjects = [(p, e) for p, e in self._history if p < pos]
        subjects += [(p, e) for p, e, s in self._mentions if s and p < pos]
        subjects.sort(key=lambda pe: -pe[0])
        others = [e for p, e, _ in reversed(self._mentions) if p < pos]
        candidates = [e for _, e in subjects] + others
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
        """ "the Russian leader" → the one person introduced as Russian (or as a leader).

        A person scores 2 when every modifier matches a word of a role seen with them
        ("Norlandic" matches "Norland's"), 1 when only the head noun matches and none of
        their role words contradicts a capitalised modifier. The unique best wins; a tie
        is refused.
        """
        mods = [t for t in span if t.i != head.i and t.lower_ not in _DETS]
        noun = head.lemma_.lower()
        scored: list[tuple[int, PersonEntry]] = []
        for p in self.people:
            if p.kind != "person" or p.first_pos >= span.start_char:
                continue
            score = _title_score(p, [m.lower_ for m in mods], noun, _proper_mods(mods))
            if score:
                scored.append((score, p))
        if not scored:
            return None
        top = max(sc for sc, _ in scored)
        best = [p for sc, p in scored if sc == top]
        return best[0] if len(best) == 1 else None

    def entries(self) -> list[PersonEntry]:
        return list(self.people)


def _role_words(p: PersonEntry) -> list[str]:
    return [
        w.lower().strip(",.").removesuffix("'s").removesuffix("\u2019s")
        for r in p.roles
        for w in r.split()
    ]


def _proper_mods(mods: list[Token]) -> list[str]:
    """Capitalised modifiers inside a title phrase: "Vastavian", "Norland's"."""
    return [m.lower_ for m in mods if m.text[:1].isupper() and m.i != m.sent.start]


def _title_score(p: PersonEntry, mods: list[str], noun: str, proper: list[str]) -> int:
    words = _role_words(p)
    if mods and all(any(_same_stem(m, w) for w in words) for m in mods):
        return 2
    if not any(_same_stem(noun, w) for w in words):
        return 0
    own_proper = [w for r in p.roles for w in r.split() if w[:1].isupper()]
    own = {w.lower().removesuffix("'s").removesuffix("\u2019s") for w in own_proper}
    own -= TITLE_NOUNS
    if proper and own and not any(_same_stem(m, w) for m in proper for w in own):
        return 0  # "the Vastavian president" is not Norland's president
    return 1


def _same_stem(a: str, b: str) -> bool:
    """ "norlandic" ~ "norland", "vastavian" ~ "vastavia", but "minister" !~ "ministry"."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(5, shortest - 1)


_DATELINE_MARKS = frozenset({"(", "\u2014", "\u2013", "-", "--"})


def _is_dateline(tok: Token) -> bool:
    """ "ARVENHOLM (Northern Ledger) —": the all-caps place line that opens wire copy.
    An acronym that speaks ("CNN reported ...") is not one: a dateline opens its
    paragraph and is followed by a bracket or a dash."""
    if not (tok.is_upper and len(tok.text) > 2 and not tok.like_num and tok.text.isalpha()):
        return False
    doc, j = tok.doc, tok.i - 1
    while j >= 0 and not doc[j].is_space and (doc[j].is_upper or doc[j].text in ",."):
        j -= 1
    if j >= 0 and not (doc[j].is_space and "\n" in doc[j].text) and doc[j].text != "\n":
        return False
    return any(t.text in _DATELINE_MARKS for t in doc[tok.i + 1 : tok.i + 7])


def _after_comma(ent: Span, head: Token) -> int:
    """First token after the last comma before ``head`` inside ``ent`` ("the Chamber, Okafor")."""
    start = ent.start
    for t in ent:
        if t.i < head.i and t.text == ",":
            start = t.i + 1
    return start


def _entity_of(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of, found from its IOB tags (no scan of doc.ents)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _title_text(span: Span) -> str:
    return " ".join(t.text for t in span if t.lower_ not in _DETS)


def mention_span(head: Token) -> Span:
    """The speaker mention: the subject's noun phrase without relative clauses or appositives."""
    doc = head.doc
    ent = _entity_of(head)
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        start = _after_comma(ent, head)
        for t in head.lefts:
            if t.dep_ in ("compound", "amod", "det", "poss", "nmod") and t.i < start:
                start = min(start, t.left_edge.i)
        return _strip_dateline(doc[start : ent.end])
    start, end = head.i, head.i + 1
    for t in head.lefts:
        if t.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod"):
            start = min(start, t.left_edge.i)
    for t in head.rights:
        if t.dep_ in ("compound", "flat") or (t.dep_ == "prep" and t.lower_ in ("of", "for")):
            end = max(end, t.right_edge.i + 1)
    end = min(end, start + 12)
    return _strip_dateline(doc[start:end])


def _strip_dateline(span: Span) -> Span:
    i = span.start
    for t in span[:-1]:
        if t.is_space or t.text == ".":
            i = t.i + 1  # a paragraph break or sentence end the parser ran across
    if i >= span.end:
        i = span.end - 1
    while i < span.end - 1 and (_is_dateline(span.doc[i]) or span.doc[i].is_punct):
        i += 1
    return span.doc[i : span.end]
