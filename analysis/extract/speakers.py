"""Speakers within one article: who a mention ("Putin", "he", "the Russian leader") stands for.

Resolution is deliberately conservative (a misattributed quote is worse than an unresolved
one): a surname resolves only when one person introduced earlier carries it; a title phrase
only when one person was introduced with that title or nationality; a pronoun to the nearest
earlier speaker whose known gender does not contradict it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from analysis.extract import name_model
from analysis.extract.given_names import gender_of
from analysis.extract.source_vocab import (
    CAMPAIGN_HEADS,
    DOCUMENT_HEADS,
    DOCUMENT_NOISE,
    GROUP_HEADS,
    OFFICES,
    ORG_CLASSES,
    TITLE_ABBREVIATIONS,
)
from analysis.extract.vocab import (
    HONORIFICS,
    ORG_HEADS,
    PRONOUNS,
    SELF_NAMED_ORGS,
    TITLE_NOUNS,
)

SpeakerType = Literal["person", "org", "group", "document", "other"]

_ROLE_DEPS = {"compound", "amod", "nmod", "appos", "poss"}
_DETS = {"the", "a", "an", "his", "her", "their", "its", "our"}


@dataclass(slots=True)
class PersonEntry:
    name: str
    kind: SpeakerType
    first_pos: int
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    gender: str = ""  # "m", "f" or "" when unknown: from an honorific ("Mrs. Ilves")
    evidence: list[str] = field(default_factory=list)  # the text's evidence of gender, said

    def tokens(self) -> list[str]:
        return self.name.split()

    def given_gender(self) -> str:
        """The gender a given name suggests ("Hillary Clinton": "f"), for resolution only."""
        words = self.name.split()
        return gender_of(words[0]) if len(words) >= 2 else ""


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: str
    start: int
    end: int
    name: str | None
    role: str | None
    kind: SpeakerType | None
    how: str = ""  # the rule or model that gave the name: "name", "surname", "pronoun", ...
    confidence: float | None = None  # the model's probability, where a model chose
    antecedent: tuple[int, int] | None = None  # the earlier mention it was resolved through


@dataclass(frozen=True, slots=True)
class _Mention:
    pos: int  # start character
    end: int
    entry: PersonEntry
    subject: bool  # a sentence subject
    in_quote: bool  # inside quotation marks


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
    toks = [t for t in toks if t.tag_ != "POS" and t.text not in ("'s", "\u2019s")]
    toks = [t for t in toks if not t.is_space and "\n" not in t.text]
    if span.label_ == "PERSON":
        toks = _name_core(toks)
    return " ".join(t.text for t in toks).strip(" ,.'\u2019")


def _name_core(toks: list[Token]) -> list[Token]:
    """A person's name without the words the NER ran on to in title case or a live blog
    ("Telling Jeb Bush", "Trump Wants", "9:52PMBush"): from the first to the last proper
    noun, when there is one."""
    proper = [i for i, t in enumerate(toks) if t.tag_ in ("NNP", "NNPS") and t.text[:1].isalpha()]
    if not proper:
        return toks
    return toks[proper[0] : proper[-1] + 1]


class ArticleSpeakers:
    """The people and organisations of one article, and the resolver of their mentions."""

    def __init__(
        self,
        doc: Doc,
        in_quote: Callable[[int], bool] | None = None,
        quote_of: Callable[[int], int] | None = None,
    ) -> None:
        self.doc = doc
        self.people: list[PersonEntry] = []
        self._in_quote = in_quote or (lambda _: False)
        self._quote_of = quote_of or (lambda _: -1)  # which quotation holds a character
        # every person mention, in order
        self._mentions: list[_Mention] = []
        self._history: list[tuple[int, PersonEntry]] = []  # (char pos, speaker) in order
        self._named: list[tuple[int, PersonEntry]] = []  # ... of them, named (not pronouns)
        self._sent_starts = [s.start_char for s in doc.sents]
        text = doc.user_data.get("quotedesk_text") or doc.text
        self._para_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.model = name_model.load()
        self._register_entities()

    # ------------------------------------------------------------------ registry
    def _register_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON":
                entry = self._register_person(ent)
                if entry is not None:
                    subj = ent.root.dep_ in ("nsubj", "nsubjpass")
                    quoted = self._in_quote(ent.start_char)
                    self._mentions.append(
                        _Mention(ent.start_char, ent.end_char, entry, subj, quoted)
                    )
            elif ent.label_ in ("ORG", "NORP") and ent.label_ == "ORG":
                self._register_org(ent)

    def _register_person(self, ent: Span) -> PersonEntry | None:
        name = _clean_name(ent)
        words = name.split()
        if not words or not any(w[:1].isupper() for w in words):
            return None
        honor_tok = self._honorific(ent)
        honor = HONORIFICS.get(honor_tok.lower_, "") if honor_tok is not None else ""
        single = len(words) == 1
        entry = self._single(name, honor) if single else self._full(name, ent.start_char)
        if entry is None:
            return None
        entry.aliases.add(name)
        role = self._role_of(ent)
        if role and role not in entry.roles:
            entry.roles.append(role)
        if honor and honor_tok is not None:
            entry.gender = honor
            said = f"honorific {honor_tok.text}"
            if said not in entry.evidence:
                entry.evidence.append(said)
        return entry

    def _honorific(self, ent: Span) -> Token | None:
        """ "Mrs." in "Mrs. Clinton", inside the entity or just before it."""
        for i in (ent.start, ent.start - 1):
            if 0 <= i < len(self.doc) and self.doc[i].lower_ in HONORIFICS:
                return self.doc[i]
        return None

    def _single(self, name: str, gender: str = "") -> PersonEntry | None:
        """A one-word name: the one person carrying it, or a new entry; None if ambiguous.
        An honorific's gender tells apart two people sharing it ("Mrs. Clinton")."""
        hits = self._name_hits(name)
        if len(hits) > 1 and gender:
            hits = [h for h in hits if (h.gender or h.given_gender()) == gender] or hits
        if len(hits) > 1:
            hits = self._dominant(hits)
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None  # two people share the word: refuse to guess
        entry = PersonEntry(name, "person", self._pos_of(name))
        self.people.append(entry)
        return entry

    def _dominant(self, hits: list[PersonEntry]) -> list[PersonEntry]:
        """Of several people sharing a surname, the one the article is about when it names
        them at least three times as often as each other (news style: "Sanders" is Bernie
        Sanders in a story that mentions his wife Jane once)."""
        counts = {id(h): sum(1 for m in self._mentions if m.entry is h) for h in hits}
        top = max(hits, key=lambda h: counts[id(h)])
        if all(counts[id(top)] >= 3 * max(counts[id(h)], 1) for h in hits if h is not top):
            return [top]
        return hits

    def _full(self, name: str, pos: int) -> PersonEntry:
        """A full name: the known entry, an earlier one-word entry it completes, one it
        extends or is extended by ("Ben Carson" and a headline's "Ben Carson Defends": the
        NER ran on into a word of title case; the shorter name wins), or a new one."""
        entry = self._find_full(name)
        if entry is not None:
            return entry
        words = name.lower().split()
        for p in self.people:
            if p.kind != "person" or " " not in p.name:
                continue
            have = p.name.lower().split()
            n = min(len(have), len(words))
            if have[:n] == words[:n]:
                if len(words) < len(have):
                    p.name = name
                return p
            if have[0] == words[0] and have[-1] == words[-1]:
                return p  # "Hillary Rodham Clinton", "Hillary Clinton": a middle name
            if 2 <= len(words) < len(have) and have[-len(words) :] == words:
                return p  # "Eskelsen García" of "Lily Eskelsen García": a two-word surname
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
        if len(hits) > 1:
            hits = self._dominant(hits)
        return hits[0] if len(hits) == 1 else None

    def _role_of(self, ent: Span) -> str | None:
        """The role seen with a name, only from a title before it or an appositive, cleaned
        of words that are not part of a role ("Both President ...", "himself a veteran")."""
        return _clean_role(self._raw_role(ent))

    def _raw_role(self, ent: Span) -> str | None:
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
    def resolve(self, head: Token, kind: str = "") -> Resolution:
        """Resolve the subject token ``head`` of a reporting verb to a speaker (``kind``: the
        statement's kind, which the pronoun model weighs)."""
        if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
            # "Smith, who said ...": the mention is "who", the speaker its antecedent
            res = self.resolve(head.head.head, kind)
            ante = (res.start, res.end) if res.name else None
            return Resolution(
                head.text, head.idx, head.idx + len(head.text), res.name, res.role, res.kind,
                "relative pronoun", res.confidence, ante,
            )  # fmt: skip
        span = mention_span(head)
        low = head.lower_
        if _is_dateline(head):
            return Resolution(span.text, span.start_char, span.end_char, None, None, None)
        if head.pos_ == "PRON" or low in PRONOUNS:
            return self._pronoun_resolution(span, low, head.idx, kind)
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
            if ent.label_ == "NORP" and _quantified(head):
                # "some Democrats", "many Republicans": a generic source, not the party
                return Resolution(span.text, span.start_char, span.end_char, None, None, None,
                                  "generic group")  # fmt: skip
            return self._out(span, self._named_org(ent, head), None)
        if (low in TITLE_NOUNS or head.lemma_.lower() in TITLE_NOUNS) and head.tag_ != "NNS":
            entry = self._title(head, span)
            if entry is not None:
                how = "description: the one person introduced with these words"
                return self._out(span, entry, _title_text(span), how=how)
        if head.pos_ == "PROPN":
            entry = self._match_name(head.text)
            if entry is None and not self._name_hits(head.text):
                # a proper name the NER missed: keep it as said, kind unknown
                name = _clean_name(span)
                entry = self._find_full(name) or PersonEntry(name, "other", span.start_char, {name})
            if entry is not None:
                return self._out(span, entry, None)
        lemma = head.lemma_.lower()
        described: Resolution | None = None
        if lemma in CAMPAIGN_HEADS:
            described = self._campaign(head, span)
        if described is None and lemma in GROUP_HEADS and head.tag_ == "NNS":
            described = self._group(head, span)
        if described is None and lemma in DOCUMENT_HEADS and head.pos_ == "NOUN":
            described = self._document(head, span)
        if described is not None:
            return described
        if (
            lemma in ORG_CLASSES
            and head.pos_ == "NOUN"
            and not any(t.pos_ == "PROPN" for t in span)
        ):
            entry = self._org_of_class(lemma, span.start_char)
            if entry is not None:
                return self._out(span, entry, None, how="description: the one such organisation")
        if low in ORG_HEADS or head.lemma_.lower() in ORG_HEADS:
            entry = self._org_alias(head, span)
            if entry is not None:
                return self._out(span, entry, None)
            by_name = any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE") for t in span)
            if by_name or low in SELF_NAMED_ORGS:
                cut = next((t.i for t in span if t.text == "," or t.tag_ == "WDT"), span.end)
                name = _clean_name(self.doc[span.start : max(cut, head.i + 1)])
                return self._out(span, PersonEntry(name, "org", span.start_char, {name}), None)
        return Resolution(span.text, span.start_char, span.end_char, None, None, None)

    def _campaign(self, head: Token, span: Span) -> Resolution | None:
        """ "his campaign", "Trump's campaign", "the Clinton campaign": the campaign of the
        person its owner is (named as news style does: "Trump campaign")."""
        owner = next((c for c in head.children if c.dep_ in ("poss", "compound")), None)
        if owner is None:
            return None
        res = self.resolve(owner)
        if res.name is None or res.kind != "person":
            return None
        name = f"{res.name.split()[-1]} campaign"
        entry = self._find_full(name) or PersonEntry(name, "org", span.start_char, {name})
        if entry not in self.people:
            self.people.append(entry)
        out = self._out(span, entry, None, how="campaign of its owner")
        return Resolution(out.mention, out.start, out.end, out.name, None, "org",
                          out.how, res.confidence, (res.start, res.end))  # fmt: skip

    def _document(self, head: Token, span: Span) -> Resolution | None:
        """ "A new Gallup poll", "a Wall Street Journal article": a document whose name is in
        the phrase (from its first name word to its head). None without a name."""
        toks = [
            t for t in self.doc[span.start : head.i + 1]
            if not (t.text.islower() and t.lower_ in DOCUMENT_NOISE)
        ]  # fmt: skip
        named = [t for t in toks if t.i != head.i and (t.pos_ == "PROPN" or t.ent_type_)]
        if not named:
            return None
        words = self.doc[named[0].i : head.i + 1]
        name = " ".join(
            t.text for t in words if t.tag_ != "POS" and t.text not in ("'s", "\u2019s")
        )
        entry = self._find_full(name) or PersonEntry(name, "document", span.start_char, {name})
        if entry not in self.people:
            self.people.append(entry)
        return self._out(span, entry, None, how="document named in the mention")

    def _group(self, head: Token, span: Span) -> Resolution | None:
        """ "Trump supporters", "Clinton aides", "Republican senators": people the phrase
        names by whose they are; without a name ("officials") it stays a generic source."""
        mods = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
        named = [t for t in mods if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "PERSON", "ORG")]
        if not named or any(
            t.lower_ in DOCUMENT_NOISE or t.dep_ == "det"
            for t in head.lefts
            if t.lower_ in ("some", "many", "several", "other", "most")
        ):
            return None
        first = named[0]
        if first.ent_type_ == "PERSON":
            res = self.resolve(first)
            owner = res.name.split()[-1] if res.name else first.text
        else:
            owner = first.text
        name = f"{owner} {head.text}"
        entry = self._find_full(name) or PersonEntry(name, "group", span.start_char, {name})
        if entry not in self.people:
            self.people.append(entry)
        return self._out(span, entry, None, how="group named in the mention")

    def _org_of_class(self, lemma: str, pos: int) -> PersonEntry | None:
        """ "the network": the one organisation named before whose name marks it as one."""
        marks = ORG_CLASSES[lemma]
        hits = [
            p for p in self.people
            if p.kind == "org" and p.first_pos < pos
            and any(w.lower().strip(".'") in marks for w in p.name.split())
        ]  # fmt: skip
        return hits[0] if len(hits) == 1 else None

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
        kind: SpeakerType = "group" if ent.label_ == "NORP" else "org"
        entry = PersonEntry(name, kind, ent.start_char, {name})
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

    def _out(
        self, span: Span, entry: PersonEntry | None, role: str | None, how: str = "name"
    ) -> Resolution:
        if entry is None:
            return Resolution(span.text, span.start_char, span.end_char, None, role, None, how)
        self._history.append((span.start_char, entry))
        if not how.startswith("pronoun"):
            self._named.append((span.start_char, entry))
        if role is None and entry.roles:
            role = entry.roles[0]
        return Resolution(
            span.text, span.start_char, span.end_char, entry.name, role, entry.kind, how
        )

    def remember(self, pos: int, name: str) -> None:
        """Record that ``name`` spoke at ``pos`` (for pronouns that follow)."""
        entry = self._find_full(name)
        if entry is not None:
            self._history.append((pos, entry))
            self._named.append((pos, entry))

    def _pronoun_resolution(self, span: Span, low: str, pos: int, kind: str) -> Resolution:
        """A gendered pronoun through the learned ranking (when trained); others as before."""
        want = PRONOUNS.get(low, "")
        if self.model is None or want not in ("m", "f"):
            return self._out(span, self._pronoun(low, pos), role=None, how="pronoun rule")
        ranked = self.rank_candidates(low, pos, kind)
        if not ranked:
            return Resolution(span.text, span.start_char, span.end_char, None, None, None,
                              "pronoun: no candidate")  # fmt: skip
        p, entry, mention = ranked[0]
        if p < self.model.threshold:
            return Resolution(span.text, span.start_char, span.end_char, None, None, None,
                              "pronoun: below threshold", round(p, 3))  # fmt: skip
        said = f"pronoun {span.text.lower()}"
        if said not in entry.evidence:
            entry.evidence.append(said)
        res = self._out(span, entry, role=None, how="pronoun model")
        ante = (mention.pos, mention.end) if mention is not None else None
        return Resolution(res.mention, res.start, res.end, res.name, res.role, res.kind,
                          "pronoun model", round(p, 3), ante)  # fmt: skip

    def candidates(
        self, low: str, pos: int
    ) -> list[tuple[PersonEntry, name_model.Candidate, _Mention | None]]:
        """Every person mentioned (or speaking) before ``pos``, seen from the pronoun ``low``."""
        want = PRONOUNS.get(low, "")
        sent = self._sentence(pos)
        para = self._paragraph(pos)
        last: dict[int, _Mention] = {}
        outside: dict[int, _Mention] = {}
        count: dict[int, int] = {}
        for seen_m in self._mentions:
            if seen_m.pos >= pos:
                break
            last[id(seen_m.entry)] = seen_m
            if not seen_m.in_quote:
                outside[id(seen_m.entry)] = seen_m
            count[id(seen_m.entry)] = count.get(id(seen_m.entry), 0) + 1
        speakers = self._recent_speakers(self._history, pos)
        named = self._recent_speakers(self._named, pos)
        own = self._own_quote(pos)
        people = [e for e in self.people if e.kind == "person"]
        seen = [e for e in people if id(e) in last or id(e) in speakers]
        first = min(self._mentions, key=lambda m: m.pos).entry if self._mentions else None
        genders = {id(e): self._gender(e, want) for e in seen}
        fits = [e for e in seen if not genders[id(e)].startswith("clash")]
        fits.sort(key=lambda e: -(last[id(e)].pos if id(e) in last else -1))
        salient = sorted(seen, key=lambda e: -count.get(id(e), 0))
        out: list[tuple[PersonEntry, name_model.Candidate, _Mention | None]] = []
        for e in seen:
            m: _Mention | None = last.get(id(e))
            back = sent - self._sentence(m.pos) if m is not None else 99
            o = outside.get(id(e))
            c = name_model.Candidate(
                gender=genders[id(e)],
                sentences_back=back,
                last_subject=bool(m and m.subject),
                last_in_quote=bool(m and m.in_quote),
                speaker_rank=speakers.index(id(e)) if id(e) in speakers else 9,
                recency_rank=fits.index(e) if e in fits else 9,
                mentions=count.get(id(e), 0),
                first_person=e is first,
                same_paragraph=m is not None and self._paragraph(m.pos) == para,
                named_rank=named.index(id(e)) if id(e) in named else 9,
                back_outside=sent - self._sentence(o.pos) if o is not None else 99,
                salience_rank=salient.index(e),
                own_quote=m is not None and own >= 0 and self._quote_of(m.pos) == own,
            )
            out.append((e, c, m))
        return out

    @staticmethod
    def _recent_speakers(history: list[tuple[int, PersonEntry]], pos: int) -> list[int]:
        """Distinct speakers before ``pos``, most recent first (as ids)."""
        out: list[int] = []
        for p, e in sorted(history, key=lambda x: -x[0]):
            if p < pos and id(e) not in out:
                out.append(id(e))
        return out

    def _own_quote(self, pos: int) -> int:
        """The quotation that a speaker mention at ``pos`` attributes, when one closes just
        before it in its sentence ('"...," he said'): its index, else -1."""
        doc = self.doc
        text = doc.user_data.get("quotedesk_text") or doc.text
        i = pos - 1
        while i >= 0 and (text[i].isspace() or text[i] in ",.;:!?"):
            i -= 1
        return self._quote_of(i) if i >= 0 else -1

    def rank_candidates(
        self, low: str, pos: int, kind: str
    ) -> list[tuple[float, PersonEntry, _Mention | None]]:
        """The candidates with the model's probability, best first."""
        assert self.model is not None
        quoted = self._in_quote(pos)
        cands = self.candidates(low, pos)
        probs = self.model.probabilities(
            [name_model.features(c, low, quoted, kind) for _, c, _ in cands]
        )
        scored = [(p, e, m) for p, (e, _, m) in zip(probs, cands, strict=True)]
        return sorted(scored, key=lambda x: -x[0])

    @staticmethod
    def _gender(entry: PersonEntry, want: str) -> str:
        if entry.gender:
            return ("match" if entry.gender == want else "clash") + "-honorific"
        given = entry.given_gender()
        if given:
            return ("match" if given == want else "clash") + "-given"
        return "unknown"

    def _sentence(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._para_starts, pos) - 1

    def _pronoun(self, low: str, pos: int) -> PersonEntry | None:
        want = PRONOUNS.get(low, "")
        if want not in ("m", "f"):
            return None
        # the nearest earlier speaker or sentence subject, then anyone mentioned
        subjects = [(p, e) for p, e in self._history if p < pos]
        subjects += [(m.pos, m.entry) for m in self._mentions if m.subject and m.pos < pos]
        subjects.sort(key=lambda pe: -pe[0])
        others = [m.entry for m in reversed(self._mentions) if m.pos < pos]
        candidates = [e for _, e in subjects] + others
        for entry in candidates:
            if entry.kind != "person":
                continue
            if entry.gender and entry.gender != want:
                continue
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


_NOT_ROLE_START = frozenset(
    "both all each either neither close then also even only just and or but".split()
)


def _clean_role(role: str | None) -> str | None:
    """A role without leading words that belong to the sentence, not the title; none when
    what is left starts with a pronoun or is not a phrase of title case or a noun phrase."""
    if not role:
        return None
    words = role.split()
    while words and words[0].lower().strip(",") in _NOT_ROLE_START:
        words = words[1:]
    if not words or words[0].lower() in PRONOUNS or words[0].lower() in (
        "himself", "herself", "themselves", "itself", "who", "which", "that"
    ):  # fmt: skip
        return None
    if words[0].isupper() and len(words[0]) > 3 and words[0].lower() not in TITLE_NOUNS:
        return None  # "CLOSE President": page furniture before the title
    return " ".join(words)


_QUANTIFIERS = frozenset(
    "some many most several few other others all both veteran younger older".split()
)


def _quantified(head: Token) -> bool:
    """ "some Democrats", "many Republicans", "veteran Republicans": part of a group."""
    return any(
        c.dep_ in ("det", "amod", "nummod", "quantmod", "predet") and c.lower_ in _QUANTIFIERS
        for c in head.lefts
    )


def _role_words(p: PersonEntry) -> list[str]:
    words = [w.lower() for r in p.roles for w in r.split()]
    return [
        TITLE_ABBREVIATIONS.get(w, w).strip(",.").removesuffix("'s").removesuffix("\u2019s")
        for w in words
    ]


def _proper_mods(mods: list[Token]) -> list[str]:
    """Capitalised modifiers inside a title phrase: "Vastavian", "Norland's"."""
    return [m.lower_ for m in mods if m.text[:1].isupper() and m.i != m.sent.start]


def _title_score(p: PersonEntry, mods: list[str], noun: str, proper: list[str]) -> int:
    words = _role_words(p)
    noun_fits = any(_same_stem(noun, w) for w in words)
    if noun in OFFICES and not noun_fits and any(w in OFFICES for w in words):
        return 0  # "the Florida senator" is not the former Florida governor
    if mods and all(any(_same_stem(m, w) for w in words) for m in mods):
        return 2
    if not any(_same_stem(noun, w) for w in words):
        return 0
    own_proper = [w for r in p.roles for w in r.split() if w[:1].isupper()]
    own = {
        TITLE_ABBREVIATIONS.get(w.lower(), w.lower()).removesuffix("'s").removesuffix("\u2019s")
        for w in own_proper
    }
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
