"""Statements: who said what, as ``Doc → list[Statement]`` with character offsets.

Three rule families, applied in this order, then resolved in text order so pronouns see the
speakers before them:

1. **Quote-centric** (direct): each quoted span of 4+ tokens looks for a reporting verb outside
   quotation marks in the sentences it touches; the verb's subject is the speaker. A quote
   with no verb of its own continues the statement before it when it follows the same speaker
   (``"A," he said. "B."`` → one statement, two fragments) or opens a paragraph right after
   that speaker's statement (the AP convention for long quotes).
2. **Cue-centric** (indirect, mixed, belief): a reporting or belief verb with a subject and a
   clausal complement (``X said that ...``, ``..., X said.``, ``X, he said, ...``); the
   complement is the content, ``mixed`` when it contains quotation marks.
3. **"according to X"**: the rest of the sentence is the content.
4. **Learned cues** (``cue_model``): (head word, argument) pairs the rules left, scored by a
   logistic regression trained on PolNeAR's train split ("X slammed the plan", "Trump's
   proposal to ban ...", "X spoke about ...").

Plus headline attribution in the title (``"Exports will double: Okafor"``).

The speaker is the cue's subject unless the learned speaker model (``speaker_model``) finds
a likelier one among the mentions around it: the subject of a verb the cue hangs on
("Kole said she asked for the meeting because she wanted ...": Kole), a passive's agent,
an "according to" source. A statement without a subject gets one only when the model
thinks it more likely right than wrong.
Refusals are counted by reason, never silently dropped.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from analysis.extract import cue_model, speaker_model
from analysis.extract.quotes import QuotedSpan, find_quotes
from analysis.extract.speaker_model import Option
from analysis.extract.speakers import ArticleSpeakers, Resolution, _is_dateline, mention_span
from analysis.extract.vocab import (
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    HEADLINE_LABELS,
    LEARNED_CUES,
    ORG_HEADS,
    POSITION_VERBS,
    PRONOUNS,
    QUOTE_VERBS,
    REPORTING_NOUNS,
    REPORTING_VERBS,
    SOURCE_NOUNS,
    SPEECH_CUES,
    TITLE_NOUNS,
)
from analysis.records import Statement, StatementKind

MIN_QUOTE_TOKENS = 4
_SUBJ = ("nsubj", "nsubjpass")
_EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "become", "remain", "look"})
_RELATIVE = {"who", "that", "which"}
_STRIP = " \t\n,;:.\u2014\u2013-"
_NAME = r"(?P<speaker>(?:[A-Z][\w.'\u2019-]+)(?:\s+[A-Z][\w.'\u2019-]+){0,3})"
# (pattern, the speaker must be someone the article names)
_HEADLINES: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(r"^(?P<content>.{12,}?\S)\s*[:\u2014\u2013]\s*" + _NAME + r"\s*$"), False),
    (
        re.compile(
            r"^(?P<content>.{12,}?\S),\s+" + _NAME + r"\s+(?P<cue>says|said|warns|claims)\s*$"
        ),
        False,
    ),
    (re.compile(r"^" + _NAME + r"\s*:\s*(?P<content>\S.{11,})$"), True),
)


@dataclass(slots=True)
class _Candidate:
    fragments: list[tuple[int, int]]
    kind: StatementKind
    cue: Token | None
    subject: Token | None
    inherit: bool = False  # speaker comes from the statement before
    merged: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.fragments[0][0]


class _Index:
    """Fast lookups over one doc: which quote a character is in, which paragraph."""

    def __init__(self, doc: Doc, quotes: list[QuotedSpan]) -> None:
        self.doc = doc
        self.quotes = quotes
        self.frags = sorted((s, e, qi) for qi, q in enumerate(quotes) for s, e in q.fragments)
        self.frag_starts = [f[0] for f in self.frags]
        text = _text(doc)
        ends, pos = [], text.find("\n\n")
        while pos != -1:
            ends.append(pos)
            pos = text.find("\n\n", pos + 2)
        self.par_ends = ends
        # tokens that head an attribution of their own (rule verbs with a subject and a
        # content, and the model's accepted heads): content is cut before side clauses
        # holding one (``_carve``)
        self.cues: set[int] = set()

    def quote_at(self, char: int) -> int:
        """Index of the quote containing ``char`` (marks included), or -1."""
        i = bisect.bisect_right(self.frag_starts, char) - 1
        if i >= 0:
            s, e, qi = self.frags[i]
            if s - 1 <= char <= e:
                return qi
        return -1

    def in_quote(self, tok: Token) -> bool:
        return self.quote_at(tok.idx) >= 0

    def paragraph(self, char: int) -> int:
        return bisect.bisect_left(self.par_ends, char)


def _text(doc: Doc) -> str:
    """``doc.text`` rebuilds the string on every call; extraction reads it hundreds of times."""
    cached = doc.user_data.get("quotedesk_text")
    if cached is None:
        cached = doc.user_data["quotedesk_text"] = doc.text
    return cached


def extract_statements(
    doc: Doc,
    title: str = "",
    learned: bool = True,
    options: list[tuple[int, list[Option], Token | None]] | None = None,
) -> tuple[list[Statement], Counter[str], ArticleSpeakers]:
    """Statements in ``doc`` (and its ``title``), refusals by reason, and the article's speakers.

    ``learned=False`` runs the hand rules alone (the training script needs them so). With an
    ``options`` list, speakers stay the rules' subjects and each statement's candidate
    speakers are appended to it as (statement index, options, cue) for training.
    """
    quotes, skipped = find_quotes(_text(doc))
    index = _Index(doc, quotes)
    model = cue_model.load() if learned else None
    scored = _score_candidates(doc, index, model) if model is not None else []
    index.cues = _rule_cues(doc, index) | {c.head.i for p, c in scored if p >= model.threshold}  # type: ignore[union-attr]
    used_cues: set[int] = set()
    cands = _direct(doc, index, used_cues, skipped)
    taken = [(c.fragments[0][0], c.fragments[-1][1]) for c in cands]
    cands += _according_to(doc, index, taken)
    cands += _indirect(doc, index, used_cues, taken)
    if model is not None:
        cands = _learned(doc, index, model, scored, cands)
    cands.sort(key=lambda c: c.start)
    speakers = ArticleSpeakers(doc, lambda char: index.quote_at(char) >= 0, index.quote_at)
    chooser = speaker_model.load() if learned and options is None else None
    statements = _resolve(doc, index, cands, speakers, skipped, chooser, options)
    if title:
        statements += _headline(title, speakers)
    return statements, skipped, speakers


# -------------------------------------------------------------------------- direct quotes
def _direct(doc: Doc, index: _Index, used: set[int], skipped: Counter[str]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for q in index.quotes:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or len(span) < MIN_QUOTE_TOKENS:
            continue  # short quotes are scare quotes or pieces of mixed quotes
        cue = _cue_for_quote(doc, index, q)
        prev = out[-1] if out else None
        if cue is not None and prev is not None and prev.cue is not None and prev.cue.i == cue.i:
            if prev.kind == "direct":
                prev.fragments.extend(q.fragments)  # "A," he said. "B." shares one verb
            continue
        if cue is None:
            out.append(_Candidate(list(q.fragments), "direct", None, None, inherit=True))
            continue
        used.add(cue.i)
        mixed = _mixed_content(_text(doc), cue, q)
        if mixed is not None:
            out.append(_Candidate([mixed], "mixed", cue, _quote_subject(cue, index)))
        else:
            out.append(_Candidate(list(q.fragments), "direct", cue, _quote_subject(cue, index)))
    return out


def _quote_subject(cue: Token, index: _Index) -> Token | None:
    """The speaker of a direct quote. A long quote can derail the parse so that a word
    inside the quote becomes the subject; then the words right next to the verb outside
    the marks are the speaker ('"...," Trump said.', '"...," said Trump.')."""
    subj = _subject(cue)
    if subj is not None and not index.in_quote(subj):
        return subj
    doc = cue.doc
    before = cue.i - 1
    while before >= 0 and doc[before].pos_ in ("ADV", "AUX", "PART"):
        before -= 1
    # '"...," Ramos, 58, told AFP': over an age or a short appositive in commas
    back = before
    while back > 0 and cue.i - back <= 4 and (doc[back].text == "," or doc[back].like_num):
        back -= 1
    if back != before and doc[back].pos_ == "PROPN" and doc[before].text == ",":
        before = back
    for i in (before, cue.i + 1):
        near = doc[i] if 0 <= i < len(doc) else None
        if near is None or near.pos_ not in ("PROPN", "PRON", "NOUN") or index.in_quote(near):
            continue
        if i > cue.i and cue.lemma_.lower() in LISTENER_VERBS:
            continue  # '"...," told AFP': who was told, not who spoke
        return near
    return None


_QUOTE_CUES = REPORTING_VERBS | QUOTE_VERBS

# verbs whose object is the listener ("told reporters"), never the speaker
LISTENER_VERBS = frozenset({"tell", "ask", "inform", "assure", "warn", "remind", "urge"})


def _mixed_content(text: str, cue: Token, q: QuotedSpan) -> tuple[int, int] | None:
    """The reported clause when the quote is only part of it: 'X said it was "a disaster".'"""
    content = _content(cue, objects=True)
    if not content:
        return None
    s, e = _trim(text, content[0][0], content[-1][1])
    if s < q.start - 1 and e > q.start:
        # the clause runs into the quote: it ends with the quote and its closing mark, as
        # PolNeAR marks it ('said the plan was "dead on arrival."')
        e = max(e, q.end + _closing_width(text, q.end))
    if s <= q.start and e >= q.end and (q.end - q.start) < 0.8 * (e - s):
        return s, e
    return None


def _closing_width(text: str, pos: int) -> int:
    if text.startswith("''", pos):
        return 2
    return 1 if pos < len(text) and text[pos] in '"\u201d' else 0


def _cue_for_quote(doc: Doc, index: _Index, q: QuotedSpan) -> Token | None:
    first = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
    last = doc.char_span(max(q.end - 1, q.start), q.end, alignment_mode="expand")
    if first is None or last is None:
        return None
    lo, hi = first[0].sent.start, last[-1].sent.end
    cue = _nearest_cue(doc[lo:hi], q, index)
    nxt = _next_words(doc, hi) if cue is None else None
    if (
        nxt is not None
        and index.paragraph(nxt.idx) == index.paragraph(q.end)
        and _short_tail(nxt.sent, index)
    ):
        # '"...?" Trump told the station.' split into two sentences; but not when the next
        # sentence reports something of its own ('Over the years, she said, email ...'),
        # nor across a paragraph break (the next paragraph is someone else's)
        cue = _nearest_cue(nxt.sent, q, index)
        if cue is not None and _content(cue):
            cue = None
    return cue


def _next_words(doc: Doc, i: int) -> Token | None:
    """The first token at or after ``i`` that is not white space."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _nearest_cue(span: Span, q: QuotedSpan, index: _Index) -> Token | None:
    """The reporting verb for quote ``q``: one whose clause holds the quote wins ('Mr. Minor
    said that while he ..., friends "had no insurance"'), else the nearest."""
    best: tuple[int, Token] | None = None
    for tok in span:
        if not _is_cue(tok, _QUOTE_CUES) or index.in_quote(tok):
            continue
        if tok.lemma_.lower() in QUOTE_VERBS and tok.dep_ not in ("ROOT", "parataxis"):
            continue  # '"...," she continued.', not "said the protest would continue"
        if _subject(tok) is None or _reports_elsewhere(tok, q):
            continue
        left, right = tok.left_edge.idx, tok.right_edge.idx
        governs = left <= q.start and right >= q.end - 1
        dist = min(abs(tok.idx - q.start), abs(tok.idx - q.end)) + (0 if governs else 10_000)
        if best is None or dist < best[0]:
            best = (dist, tok)
    return best[1] if best else None


def _can_hold_position(tok: Token) -> bool:
    """People, organisations and groups of people hold positions; "the delays" do not."""
    if tok.pos_ in ("PROPN", "PRON") and tok.lower_ not in ("it", "this", "that", "which"):
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    return lemma in TITLE_NOUNS or lemma in ORG_HEADS or lemma in SOURCE_NOUNS


def _reports_elsewhere(verb: Token, q: QuotedSpan) -> bool:
    """The verb has a clause of its own outside the quote ('"..." Obama said the accord ...')."""
    content = _content(verb)
    return bool(content) and not any(a < q.end and b > q.start for a, b in content)


def _short_tail(sent: Span, index: _Index) -> bool:
    """'"...?" Trump told the station in an interview.': a quote-less sentence that opens
    with its attribution verb belongs to the quote before it."""
    if any(index.in_quote(t) for t in sent):
        return False
    words = [t for t in sent if not t.is_punct]
    early = words[:5]
    return len(words) <= 8 or any(_is_cue(t, REPORTING_VERBS) for t in early)


def _after_dateline(dateline: Token, verb: Token) -> Token | None:
    """ "DUNMERE (VDW) — The ministry said ...": the subject is after the dash, not the place."""
    doc = verb.doc
    dash = next(
        (t.i for t in doc[dateline.i : verb.i] if t.text in ("\u2014", "\u2013", "-", "--")), None
    )
    if dash is None:
        return None
    words = [t for t in doc[dash + 1 : verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    roots = [t for t in words if not (dash < t.head.i < verb.i)]
    return roots[0] if roots else (words[-1] if words else None)


def _is_cue(tok: Token, lemmas: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lemmas


def _subject(verb: Token) -> Token | None:
    """The speaker token of a reporting verb, climbing through "saying", conjunctions,
    "likely to say" and "after determining"."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJ:
                if child.lower_ in ("it", "there") and child.dep_ == "nsubjpass":
                    return None
                if child.lower_ == "it" and verb.lemma_ in _EXPLETIVE_VERBS:
                    return None  # "it seems that ...", "it is clear that ..."
                if _is_dateline(child):
                    return _after_dateline(child, verb)
                return child
        for child in verb.rights:  # '"...," said Smith.' parsed without nsubj
            if (
                child.dep_ in ("dobj", "attr", "npadvmod")
                and child.pos_ == "PROPN"
                and child.left_edge.i == verb.i + 1
                and verb.lemma_ in REPORTING_VERBS
                and verb.lemma_ not in LISTENER_VERBS  # "telling Reuters": the listener
            ):
                return child
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a poll showing ...", "protesters chanting ..."
        if (
            verb.dep_ == "acl"
            and (
                verb.tag_ in ("VBD", "VBZ", "VBP")
                or (verb.tag_ == "VBN" and any(c.dep_ == "ccomp" for c in verb.children))
            )
            and verb.head.dep_ == "ROOT"
            and verb.head.pos_ in ("NOUN", "PROPN")
            and verb.head.i < verb.i
        ):
            return verb.head  # "A university poll found that ...": a finite verb parsed as
            # a modifier of the sentence's noun, which is its subject
        quantity = _quantity_subject(verb)
        if quantity is not None:
            return quantity  # "About 4 in 10 say ...", "Less than a third agreed that ..."
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "after determining that ...": the verb the clause hangs on
            continue
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acomp") and verb.head.pos_ in (
            "VERB",
            "AUX",
            "ADJ",
        ):
            head = verb.head
            # "Pence said it takes time but added ...": "added" hangs off the reported
            # clause; its speaker is the reporting verb's subject, not the clause's
            if verb.dep_ == "conj" and head.dep_ == "ccomp" and _is_cue(head.head, REPORTING_VERBS):
                head = head.head
            verb = head
            continue
        return None
    return None


def _quantity_subject(verb: Token) -> Token | None:
    """A share or count that opens the clause and is parsed as the verb's modifier rather than
    its subject ("About 4 in 10 say", "Less than a third agreed"); not a date or a time."""
    for child in verb.lefts:
        if (
            child.dep_ in ("nummod", "npadvmod")
            and child.pos_ in ("NUM", "NOUN")
            and child.ent_type_ not in ("DATE", "TIME")
            and all(t.is_punct for t in verb.doc[verb.sent.start : child.left_edge.i])
        ):
            return child
    return None


# ----------------------------------------------------------------- indirect and mixed
def _indirect(
    doc: Doc, index: _Index, used: set[int], taken: list[tuple[int, int]]
) -> list[_Candidate]:
    out: list[_Candidate] = []
    positions = POSITION_VERBS | LEARNED_CUES
    lemmas = REPORTING_VERBS | BELIEF_VERBS | EVIDENCE_VERBS | positions
    # speech first, then evidence, beliefs and positions: a weaker cue nested in a
    # reported clause ("..., which he's expected to win, Jones said") must not block it
    rank = [REPORTING_VERBS, EVIDENCE_VERBS, BELIEF_VERBS, positions]
    cues = [t for t in doc if t.i not in used and _is_cue(t, lemmas) and not index.in_quote(t)]
    cues.sort(
        key=lambda t: (_depth(t), next(i for i, r in enumerate(rank) if t.lemma_.lower() in r))
    )
    for tok in cues:
        subj = _subject(tok)
        position = tok.lemma_.lower() in positions
        if position and (subj is None or not _can_hold_position(subj)):
            continue  # a position needs someone who holds it: "the delays blamed ..." is no source
        frags = _content(tok, objects=position)
        if not frags:
            continue
        s, e = _trim(_text(doc), frags[0][0], frags[-1][1])
        cut = _carve(doc, index, s, e, tok)
        if cut < e:
            frags = [(a, min(b, cut)) for a, b in frags if a < cut]
            e = cut
        if e - s < 12 or _overlaps(s, e, taken):
            continue
        if subj is not None and _inside(subj, frags) and not _inside(tok, frags):
            # the "subject" is a word of the reported clause; but in "a rule which critics
            # said was unfair" the clause wraps its own cue, and the subject is the source
            if position:
                continue  # "calling Christmas a sham": the object is no source
            subj = None
        frags = [_trim(_text(doc), a, b) for a, b in frags]
        kind = _kind(tok, index, s, e)
        if subj is None and tok.lemma_.lower() in BELIEF_VERBS:
            continue  # "it is believed" without a source is not an attribution we keep
        out.append(_Candidate(frags, kind, tok, subj))
        taken.append((s, e))
    return out


def learned_candidates(
    doc: Doc,
    index: _Index,
    lemmas: frozenset[str] | None,
    taken: list[tuple[int, int]],
    nested: bool = False,
) -> Iterator[tuple[cue_model.Candidate, int, int]]:
    """The model's candidates outside quotes and outside what the rules found, trimmed.
    With ``nested``, also those whose content holds a statement the rules found."""
    found = (c for c in cue_model.candidates(doc, lemmas) if not index.in_quote(c.head))
    yield from _filter_learned(doc, index, found, taken, nested)


def _filter_learned(
    doc: Doc,
    index: _Index,
    found: Iterable[cue_model.Candidate],
    taken: list[tuple[int, int]],
    nested: bool = True,
) -> Iterator[tuple[cue_model.Candidate, int, int]]:
    text = _text(doc)
    for c in found:
        s, e = _trim(text, c.start, c.end)
        e = _carve(doc, index, s, e, c.head)
        if e - s < 2:
            continue
        if _overlaps(s, e, taken) and not (nested and _holds_only_nested(c, s, e, taken)):
            continue
        if (
            c.head.pos_ in ("NOUN", "ADJ") or c.head.lemma_.lower() in BELIEF_VERBS
        ) and _learned_source(c) is None:
            continue  # "a decision on whether ...", "ice expected in ...": no one's view
        yield c, s, e


def _holds_only_nested(
    c: cue_model.Candidate, s: int, e: int, spans: list[tuple[int, int]]
) -> bool:
    """Every span ``c``'s content (s, e) overlaps lies inside it, and ``c``'s head lies
    outside them all: the candidate reports those statements ("the nurses applauded as the
    minister promised ...")."""
    hit = [(a, b) for a, b in spans if a < e and b > s]
    return all(s <= a and b <= e for a, b in hit) and not any(a <= c.head.idx < b for a, b in hit)


def _learned_source(c: cue_model.Candidate) -> Token | None:
    """Who holds the view: the head's subject, else a possessor or a governing verb's
    subject; never a word inside the content itself."""
    for subj in (
        _subject(c.head) if c.head.pos_ in ("VERB", "AUX") else None,
        cue_model.subject_of(c.head),
    ):
        if subj is None or (c.start <= subj.idx < c.end) or subj.lower_ == "there":
            continue
        return subj
    return None


OUTER_MIN_P = 0.6


def _score_candidates(
    doc: Doc, index: _Index, model: cue_model.CueModel
) -> list[tuple[float, cue_model.Candidate]]:
    """Every model candidate outside quotes, with its probability."""
    text = _text(doc)
    return [
        (model.probability(cue_model.features(c, text)), c)
        for c in cue_model.candidates(doc, model.lemmas)
        if not index.in_quote(c.head)
    ]


def _rule_cues(doc: Doc, index: _Index) -> set[int]:
    """Verbs of the rules' lexicon outside quotes with a subject and a content."""
    positions = POSITION_VERBS | LEARNED_CUES
    lemmas = REPORTING_VERBS | BELIEF_VERBS | EVIDENCE_VERBS | positions
    return {
        t.i
        for t in doc
        if _is_cue(t, lemmas)
        and not index.in_quote(t)
        and _subject(t) is not None
        and _content(t, objects=t.lemma_.lower() in positions)
    }


_SIDE_DEPS = frozenset({"advcl", "conj", "relcl", "parataxis"})
_LINK_WORDS = frozenset(
    "and but or while as because after before when though although whereas which who".split()
)


def _carve(doc: Doc, index: _Index, s: int, e: int, head: Token) -> int:
    """The end of content [s, e) of ``head`` before a side clause that closes it and holds an
    attribution of its own: PolNeAR never nests attributions, it cuts the outer one there
    ("X argued that A, while Y has soared by saying that B": X said A, Y said B)."""
    if not index.cues:
        return e
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return e
    for t in span:
        if t.dep_ not in _SIDE_DEPS or t.i == head.i or not (span.start <= t.head.i < span.end):
            continue
        left, right = t.left_edge, t.right_edge
        if left.idx <= s or right.idx + len(right.text) < e - 1:
            continue
        if not any(c.dep_ in _SUBJ for c in t.children) and t.dep_ != "relcl":
            continue
        if not any(x.i in index.cues and x.i != head.i for x in t.subtree):
            continue
        cut = _trim_links(_text(doc), s, left.idx)
        if cut - s >= 12:
            return cut
    return e


def _trim_links(text: str, s: int, e: int) -> int:
    """``e`` moved back over white space, punctuation and linking words ("..., and")."""
    while True:
        s2, e2 = _trim(text, s, e)
        word_start = text.rfind(" ", s2, e2) + 1
        if e2 > s2 and text[max(word_start, s2) : e2].lower() in _LINK_WORDS:
            e = max(word_start, s2)
            continue
        return e2


def _learned(
    doc: Doc,
    index: _Index,
    model: cue_model.CueModel,
    all_scored: list[tuple[float, cue_model.Candidate]],
    rules: list[_Candidate],
) -> list[_Candidate]:
    """The rules' statements and the attributions they miss, accepted by the model, best
    first, never overlapping. PolNeAR keeps the outer of two nested attributions, so a
    confident candidate whose content holds statements the rules found replaces them."""
    spans = [(c.fragments[0][0], c.fragments[-1][1]) for c in rules]
    probs = {id(c): p for p, c in all_scored}
    scored = []
    accepted = [c for p, c in all_scored if p >= model.threshold]
    for c, s, e in _filter_learned(doc, index, accepted, spans):
        scored.append((probs[id(c)], s, e, c))
    scored.sort(key=lambda x: (_depth(x[3].head), -x[0]))
    live = [True] * len(rules)
    taken: list[tuple[int, int]] = []
    out: list[_Candidate] = []
    for p, s, e, c in scored:
        if _overlaps(s, e, taken):
            continue
        inner = [i for i, sp in enumerate(spans) if live[i] and _overlaps(s, e, [sp])]
        if inner:
            if p < OUTER_MIN_P or any(rules[i].inherit for i in inner):
                continue
            if not _holds_only_nested(c, s, e, [spans[i] for i in inner]):
                continue
            for i in inner:
                live[i] = False
        taken.append((s, e))
        subj = _learned_source(c)
        out.append(_Candidate([(s, e)], _learned_kind(c, index, s, e), c.head, subj))
    return [c for c, ok in zip(rules, live, strict=True) if ok] + out


def _learned_kind(c: cue_model.Candidate, index: _Index, s: int, e: int) -> StatementKind:
    lemma = c.head.lemma_.lower()
    if lemma in BELIEF_VERBS:
        return "belief"
    if not _speech_cue(c.head):
        return "position"  # "X wants to ...", "the truth is that ...": no saying reported
    if any(a < e and b > s for a, b, _ in index.frags):
        return "mixed"
    return "indirect" if c.rel in ("ccomp", "acl") else "position"


def _speech_cue(cue: Token) -> bool:
    """Whether ``cue`` reports something said, written or found (:data:`SPEECH_CUES`)."""
    lemma = cue.lemma_.lower()
    return lemma in SPEECH_CUES or lemma in REPORTING_NOUNS or cue.lower_ in REPORTING_NOUNS


def _depth(tok: Token) -> int:
    """Head hops to the sentence root: outer attributions come before those nested in them."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok = tok.head
        n += 1
    return n


def _content(verb: Token, objects: bool = False) -> list[tuple[int, int]]:
    """Character fragments of what ``verb`` reports: its clausal complement ("said that
    ..."), an infinitive or gerund ("promised to ...", "said legalizing it ..."), and with
    ``objects`` the object of a position verb ("endorsed Clinton", "called for a ban")."""
    for child in verb.children:
        if child.dep_ == "ccomp" and not (child.i < verb.i and _is_question(child)):
            return [_subtree_chars(child)]
    for child in verb.rights:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return [_subtree_chars(child)]
    if objects:
        found = _object_content(verb)
        if found:
            return found
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        sub = list(verb.subtree)
        left, right = head.left_edge, head.right_edge
        a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        frags = [(left.idx, a), (b, right.idx + len(right.text))]
        return [(x, y) for x, y in frags if y - x > 1]
    return []


def _subtree_chars(tok: Token) -> tuple[int, int]:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right.text)


def _object_content(verb: Token) -> list[tuple[int, int]]:
    """ "criticized [Trump's record]", "called [the plan] [a betrayal]", "called for [a ban]"."""
    parts = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "dative")]
    if not parts:
        parts = [
            pobj
            for c in verb.rights
            if c.dep_ in ("prep", "prt") and c.lower_ in ("for", "about", "on", "against", "to")
            for pobj in c.children
            if pobj.dep_ in ("pobj", "pcomp")
        ]
    if not parts:
        return []
    start = min(_subtree_chars(p)[0] for p in parts)
    end = max(_subtree_chars(p)[1] for p in parts)
    return [(start, end)]


def _is_question(tok: Token) -> bool:
    return any(t.text == "?" for t in tok.subtree)


def _kind(verb: Token, index: _Index, start: int, end: int) -> StatementKind:
    if verb.lemma_.lower() in BELIEF_VERBS:
        return "belief"
    if not _speech_cue(verb):
        return "position"  # "X plans to ...", "X seeks to ...": a stance, not a statement
    if any(s < end and e > start for s, e, _ in index.frags):
        return "mixed"
    clausal = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    if verb.lemma_.lower() in (POSITION_VERBS | LEARNED_CUES) and not clausal:
        return "position"
    return "indirect"


def _according_to(doc: Doc, index: _Index, taken: list[tuple[int, int]]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if index.in_quote(tok):
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in tok.children if c.dep_ == "pobj"
        ]
        if not objs:
            continue
        phrase_end = max(t.i for t in objs[0].subtree) + 1
        sent = tok.sent
        after = doc[phrase_end].idx if phrase_end < sent.end else sent.end_char
        # the sentence around "according to X": before it, after it, or both
        frags = [
            _trim(_text(doc), a, b) for a, b in ((sent.start_char, tok.idx), (after, sent.end_char))
        ]
        frags = [(a, b) for a, b in frags if b - a > 3]
        if not frags:
            continue
        s, e = frags[0][0], frags[-1][1]
        if e - s < 12 or _overlaps(s, e, taken):
            continue
        cand = _Candidate(frags, _kind(tok, index, s, e), tok, objs[0])
        if cand.kind == "belief":
            cand.kind = "indirect"
        out.append(cand)
        taken.append((s, e))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return s, e


def _inside(tok: Token, frags: list[tuple[int, int]]) -> bool:
    return any(a <= tok.idx < b for a, b in frags)


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if b <= s or a >= e:
            continue
        inter = (e if e < b else b) - (s if s > a else a)
        if inter >= 0.5 * min(e - s, b - a):
            return True
    return False


# -------------------------------------------------------------------------- speakers
def _resolve(
    doc: Doc,
    index: _Index,
    cands: list[_Candidate],
    speakers: ArticleSpeakers,
    skipped: Counter[str],
    chooser: speaker_model.SpeakerModel | None = None,
    record: list[tuple[int, list[Option], Token | None]] | None = None,
) -> list[Statement]:
    out: list[Statement] = []
    stated = {c.cue.i for c in cands if c.cue is not None}
    for cand in cands:
        if cand.inherit:
            merged = _continue(doc, index, cand, out)
            if merged is None:
                skipped["unattributed-quote"] += 1
            elif isinstance(merged, Statement):
                out.append(merged)
            continue
        subject = cand.subject
        if cand.cue is not None and (chooser is not None or record is not None):
            opts = _speaker_options(cand, index, stated)
            if record is not None:
                record.append((len(out), opts, cand.cue))
            elif chooser is not None and len(opts) > (subject is not None):
                subject = chooser.choose(opts, cand.cue, subject, cand.kind)
        res = speakers.resolve(subject, cand.kind) if subject is not None else None
        out.append(_statement(doc, cand, res))
    return out


def _cue_state(via: Token, index: _Index, stated: set[int]) -> str:
    """Whether the governing word is the cue of another statement, an attribution cue the
    rules or the model accepted, or neither."""
    if via.i in stated:
        return "stated"
    return "cue" if via.i in index.cues else "-"


_NP_INNER = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "pobj"})


def _sentence_mentions(sent: Span) -> tuple[list[Token], list[Token], list[Token]]:
    """The sentence's "according to" sources, its nominal subjects, and the heads of its
    PERSON and ORG names, in one pass."""
    accords, subjects, names = [], [], []
    for t in sent:
        dep = t.dep_
        if dep in _SUBJ and t.pos_ in ("PROPN", "NOUN", "PRON") and t.lower_ not in _RELATIVE:
            subjects.append(t)
        if t.ent_iob_ == "B" and t.ent_type_ in ("PERSON", "ORG"):
            root = t
            while root.head.ent_iob_ == "I" and t.i <= root.head.i and root.head.i != root.i:
                root = root.head
            names.append(root)
        if dep == "prep" and t.lower_ == "to" and t.i > sent.start:
            before = t.doc[t.i - 1]
            if before.lower_ == "according":
                objs = [c for c in t.children if c.dep_ == "pobj"]
                objs += [c for c in before.children if c.dep_ == "pobj"]
                if objs:
                    accords.append(objs[0])
    return accords, subjects, names


def _speaker_options(cand: _Candidate, index: _Index, stated: set[int]) -> list[Option]:
    """Who may have said it: the cue's subject; a passive's agent; a person named inside the
    subject phrase; a relative pronoun's antecedent; the objects of the verb an infinitive or
    gerund cue hangs on; the subjects of the words the cue hangs on (nearest first); and the
    sentence's "according to" sources, subjects and names. Never a word of the content or of
    a quotation, never two from one mention."""
    cue = cand.cue
    assert cue is not None
    own = cand.subject
    opts = [Option(own, "own")] if own is not None else []
    seen: set[int] = set()
    if own is not None:
        span = mention_span(own)
        seen.update(range(span.start, span.end))
        seen.add(own.i)

    def add(tok: Token | None, source: str, via: Token | None = None) -> None:
        if tok is None or tok.i in seen or tok.i == cue.i or tok.is_punct:
            return
        if _inside(tok, cand.fragments) or index.in_quote(tok):
            return
        span = mention_span(tok)
        seen.update(range(span.start, span.end))
        seen.add(tok.i)
        state = "-" if via is None else _cue_state(via, index, stated)
        opts.append(Option(tok, source, via, state))

    for child in cue.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
            add(next((c for c in child.children if c.dep_ == "pobj"), None), "agent")
    if own is not None:
        person = next((t for t in own.subtree if t.ent_type_ == "PERSON" and t.i not in seen), None)
        add(person, "inner")
    if own is not None and own.lower_ in _RELATIVE and own.head.dep_ == "relcl":
        add(own.head.head, "antecedent")
    gov = cue.head.head if cue.dep_ == "pcomp" else cue.head
    if cue.dep_ in ("xcomp", "advcl", "pcomp", "acl") and gov.i != cue.i:
        for child in gov.children:
            if child.dep_ in ("dobj", "dative"):
                add(child, "obj", gov)
            elif child.dep_ == "prep" and child.i < cue.i:
                add(next((c for c in child.children if c.dep_ == "pobj"), None), "obj", gov)
    tok, k = cue, 0
    while tok.head.i != tok.i and k < 4:
        tok, k = tok.head, k + 1
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok)
        elif tok.pos_ in ("NOUN", "ADJ"):
            subj = cue_model.subject_of(tok)
        else:
            continue
        add(subj, f"anc{min(k, 3)}", tok)
    sent_start = cue.sent.start
    for i in range(cue.i - 1, max(sent_start, cue.i - 12) - 1, -1):
        t = cue.doc[i]
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in _NP_INNER:
            add(t, "left")  # the nearest noun phrase before the cue, whatever the parse says
            break
    accords, subjects, names = _sentence_mentions(cue.sent)
    for t in accords:
        add(t, "accord")
    for t in subjects:
        add(t, "sent", t.head)
    for t in names:
        add(t, "ent", t.head if t.head.pos_ in ("VERB", "AUX") else None)
    others = sorted((o for o in opts if o.source != "own"), key=lambda o: abs(o.token.i - cue.i))
    ranks = {o.token.i: r for r, o in enumerate(others, 1)}
    return [replace(o, rank=ranks.get(o.token.i, 0)) for o in opts]


def _continue(
    doc: Doc, index: _Index, cand: _Candidate, out: list[Statement]
) -> Statement | bool | None:
    """A quote without its own verb: part of the previous direct statement, or a new one by
    the same speaker when it opens the paragraph right after; else None (refused)."""
    if not out:
        return None
    prev = out[-1]
    if prev.kind not in ("direct", "mixed") or prev.speaker_mention is None:
        return None
    p_prev, p_this = index.paragraph(prev.end), index.paragraph(cand.start)
    gap = _text(doc)[prev.end : cand.start]
    if p_this == p_prev and len(gap) < 200 and prev.kind == "direct":
        frags = (*(prev.fragments or ((prev.start, prev.end),)), *cand.fragments)
        out[-1] = _replace_fragments(doc, prev, frags)
        return True
    text = _text(doc)
    newline = text.rfind("\n", 0, max(cand.start - 1, 0))
    opens_line = newline >= 0 and text[newline + 1 : cand.start - 1].strip(" \t") == ""
    starts_par = cand.start <= 1 or opens_line
    if p_this == p_prev + 1 and starts_par:
        # the same speaker, no verb of its own
        cue_free = replace(prev, kind="direct", cue=None, cue_start=None, cue_end=None,
                           speaker_how="continues the quote before")  # fmt: skip
        return _replace_fragments(doc, cue_free, tuple(cand.fragments))
    return None


def _replace_fragments(doc: Doc, st: Statement, frags: tuple[tuple[int, int], ...]) -> Statement:
    """``st`` with new content fragments (a single piece is stored without fragments)."""
    return replace(
        st,
        start=frags[0][0],
        end=frags[-1][1],
        text=_join(_text(doc), frags),
        fragments=frags if len(frags) > 1 else (),
    )


def _join(text: str, frags: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> str:
    return " … ".join(text[s:e] for s, e in frags)


def _statement(doc: Doc, cand: _Candidate, res: Resolution | None) -> Statement:
    frags = tuple(cand.fragments)
    cue = cand.cue
    mention = res.mention if res is not None else None
    if mention is not None and mention.lower() == "there":
        res = None  # "it" stays as said, unresolved: "the bureau ... it declared that"
    return Statement(
        start=frags[0][0],
        end=frags[-1][1],
        text=_join(_text(doc), frags),
        kind=cand.kind,
        fragments=frags if len(frags) > 1 else (),
        cue=cue.text if cue is not None else None,
        cue_start=cue.idx if cue is not None else None,
        cue_end=cue.idx + len(cue.text) if cue is not None else None,
        speaker_mention=res.mention if res is not None else None,
        speaker_start=res.start if res is not None else None,
        speaker_end=res.end if res is not None else None,
        speaker=res.name if res is not None else None,
        speaker_role=res.role if res is not None else None,
        speaker_type=res.kind if res is not None else None,
        speaker_how=(res.how or "name") if res is not None else None,
        speaker_confidence=res.confidence if res is not None else None,
        antecedent_start=res.antecedent[0] if res is not None and res.antecedent else None,
        antecedent_end=res.antecedent[1] if res is not None and res.antecedent else None,
    )


def _headline(title: str, speakers: ArticleSpeakers) -> list[Statement]:
    """Headline attribution, in the three forms news desks use:
    "Exports will double: Okafor", "Exports will double, Okafor says" and
    "Okafor: exports will double" (the last only for a name the article knows)."""
    stripped = title.strip()
    offset = len(title) - len(title.lstrip())
    for pattern, must_know in _HEADLINES:
        m = pattern.match(stripped)
        if m is None:
            continue
        mention, content = m.group("speaker"), m.group("content")
        if mention.lower() in PRONOUNS or mention.lower() in HEADLINE_LABELS or len(mention) < 3:
            continue
        if len(content.split()) < 4:
            continue
        entry = speakers._find_full(mention) or (
            speakers._match_name(mention) if " " not in mention else None
        )
        if entry is None and must_know:
            continue
        return [
            Statement(
                start=offset + m.start("content"),
                end=offset + m.end("content"),
                text=content,
                kind="headline",
                cue=m.group("cue") if "cue" in m.groupdict() else None,
                speaker_mention=mention,
                speaker_start=offset + m.start("speaker"),
                speaker_end=offset + m.end("speaker"),
                speaker=entry.name if entry is not None else mention,
                speaker_role=entry.roles[0] if entry is not None and entry.roles else None,
                speaker_type=entry.kind if entry is not None else "person",
                section="title",
                speaker_how="headline",
            )
        ]
    return []
