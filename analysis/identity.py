"""Speakers across the corpus: one speaker per person, with every form of their name and their
roles over time, joined by conservative rules and corrected by hand.

Extraction resolves a speaker within one article ("he" → "Vladimir Putin") and stores it as an
*article speaker* (table ``article_speakers``: the name as resolved there, its kind, the forms
and roles seen, the statements made). This module maps every article speaker to a *corpus
speaker* (table ``speakers``) and rewrites the speaker of every statement and figure, after
each ingest, each re-extraction and each ``quotedesk speakers apply``. The mapping is
recomputed from the article speakers every time, so it can never drift from them, and hand
rules (``analysis.aliases``) survive re-ingest and re-extraction. This module is pure: it
reads no store. ``runs.apply_speakers`` reads the article speakers, resolves them here and
stores the result; the reports on them (``speaker_index``, ``speaker_detail``...) are in
``analysis.queries``.

The rules, in order (each article speaker's ``how`` records which one placed it):

1. ``name``/``cleaned``: names with the same id after cleaning are one speaker. Cleaning drops
   titles and honorifics before a person's name ("President Putin", "Mr. Putin" → "Putin"),
   a leading "the" ("the Kremlin" → "Kremlin"), possessives ("Putin's"), tokenizer spacing
   ("al - Assad" → "al-Assad") and text from an earlier paragraph that a mention swallowed.
2. ``split``/``merge`` (by hand): the reporter's rules win over every automatic rule.
3. A one-word name ("Berg") is looked up in its own article's text first:
   ``surname+text`` when the text gives exactly one full name ending in it ("Lars Berg"),
   even one the corpus never quoted in full. Several full names there ("Anna Berg" and "Lars
   Berg"), or the word used as a first name there ("Paul Ryan" for "Paul"): ``ambiguous``,
   unless the title seen with the speaker fits only one of them (``surname+role``).
4. When the text gives no full name, ``surname``: the one person in the corpus whose surname
   it is. Refused when the word is also someone's first name in the corpus ("Paul": "Rand
   Paul", "Paul Ryan"), or when a keep_apart rule says so. When several people share the
   surname, ``surname+role`` if the title seen with it ("President Trump") is a title of
   exactly one of them ("Donald Trump", not "Mary Trump"); two presidents Bush stay apart.
5. ``ambiguous``: a name refused by 3 and 4 stays a speaker of its own, with the candidates
   in ``note``: an honest "Trump" rather than a guess; ``kept_apart`` when a keep_apart rule
   refused it. ``quotedesk speakers list --ambiguous`` lists them for the reporter to merge or
   split by hand, and ``--suggest`` the names that differ only by middle initials ("Donald J.
   Trump", "Donald Trump"), which are never joined automatically: "George Bush" may be
   either president.

An organisation joins a person only when its own article names, in full, a person the corpus
has quoted (the NER often takes an unfamiliar surname for an organisation). A statement that
extraction left without a speaker stays unresolved: no rule here gives it one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from analysis import aliases
from analysis.aliases import Rule, Rules
from analysis.names import (
    INITIAL,
    NOT_NAMES,
    TITLE_WORDS,
    clean_name,
    clean_role,
    core_words,
    fold,
    given_key,
    is_full_name,
    lowercase_words,
    name_id,
    name_keys,
    names_in_text,
    role_words,
    surname_keys,
    tidy,
)

DOMINANCE = 5
MIN_DOMINANT = 10


# ------------------------------------------------------------------------ resolution
@dataclass(slots=True)
class ArticleSpeaker:
    """One speaker as resolved within one article, and where the corpus puts them."""

    article_id: str
    outlet: str | None
    name: str
    kind: str
    aliases: list[str]
    roles: list[str]
    statements: int
    clean: str = ""
    key: str = ""
    speaker_id: str = ""
    how: str = ""
    note: str | None = None


@dataclass(slots=True)
class Resolution:
    """The corpus speakers made from a set of article speakers, and what each rule did."""

    locals: list[ArticleSpeaker]
    speakers: dict[str, dict[str, str]] = field(default_factory=dict)  # id → name, kind
    aliases: set[tuple[str, str]] = field(default_factory=set)
    roles: set[tuple[str, str, str]] = field(default_factory=set)
    matched: dict[int, int] = field(default_factory=dict)  # rule line → article speakers

    def counts(self) -> Counter[str]:
        """Article speakers per rule that placed them (``how``)."""
        return Counter(a.how for a in self.locals)


class _Resolver:
    """Runs the rules of the module docstring over every article speaker of the store."""

    def __init__(
        self, locals: list[ArticleSpeaker], rules: Rules, texts: Mapping[str, str]
    ) -> None:
        self.locals = locals
        self.rules = rules
        self.texts = texts
        self.target: dict[str, tuple[str, str, str | None]] = {}  # key → (key, how, note)
        self.kind: dict[str, Counter[str]] = defaultdict(Counter)
        self.names: dict[str, Counter[str]] = defaultdict(Counter)  # key → cleaned names
        self.apart = [{k for n in r.names for k in name_keys(n)} for r in rules.of("keep_apart")]
        self.matched: Counter[int] = Counter()
        self._cand: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
        self._roles_by_root: dict[str, set[str]] = defaultdict(set)
        self._lower_cache: tuple[str, set[str]] = ("", set())
        self._quoted: Counter[str] | None = None  # statements per corpus speaker
        weight: Counter[tuple[str, str]] = Counter()  # (name, kind) → statements
        for a in locals:
            a.clean = clean_name(a.name, a.kind)
            a.key = name_id(a.clean)
            weight[a.name, a.kind] += a.statements
        for (name, kind), n in weight.items():  # a few thousand names, not every article's
            clean = clean_name(name, kind)
            self.kind[name_id(clean)][kind] += n
            self.names[name_id(clean)][clean] += n

    def run(self) -> None:
        self._merges()
        for a in self.locals:
            if not self._split(a):
                self._place(a)

    # -- hand rules
    def _merges(self) -> None:
        for r in self.rules.of("merge"):
            to = name_id(r.name)
            for n in (r.name, *r.names):
                for k in name_keys(n):
                    if k != to:
                        self.target[k] = (to, "merge", f"line {r.line}")
            self.target.setdefault(to, (to, "merge", f"line {r.line}"))

    def _split(self, a: ArticleSpeaker) -> bool:
        for r in self.rules.of("split"):
            scoped = (
                a.article_id == r.article
                if r.article
                else fold(a.outlet or "") == fold(r.outlet or "")
            )
            if scoped and a.key in name_keys(r.name):
                a.speaker_id = self._root(name_id(clean_name(r.speaker, a.kind)))[0]
                a.how, a.note = "split", f"line {r.line}"
                self.matched[r.line] += 1
                return True
        return False

    # -- automatic rules
    def _persons(self) -> list[str]:
        return [k for k, c in self.kind.items() if c.most_common(1)[0][0] == "person"]

    def _root(self, key: str) -> tuple[str, str, str | None]:
        """Follow joins from ``key`` to the speaker it ends in: (id, first how, note)."""
        how, note, seen = "", None, {key}
        while key in self.target:
            nxt, h, n = self.target[key]
            if not how:
                how, note = h, n
            if nxt in seen:
                break
            seen.add(nxt)
            key = nxt
        return key, how, note

    def _members(self, root: str) -> set[str]:
        return {root} | {k for k in self.target if self._root(k)[0] == root}

    def _kept_apart(self, key: str, root: str) -> bool:
        if not self.apart:
            return False
        mine = self._members(key) if key not in self.target else {key}
        theirs = self._members(root)
        return any(mine & keys and theirs & keys for keys in self.apart)

    def _candidates(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Surname key → roots of persons called so; given-name key → full names using it."""
        by_surname: dict[str, set[str]] = defaultdict(set)
        given: dict[str, set[str]] = defaultdict(set)
        for k in self._persons():
            name = self.names[k].most_common(1)[0][0]
            if not is_full_name(name):
                continue
            for s in surname_keys(name):
                by_surname[s].add(self._root(k)[0])
            g = given_key(name)
            if g is not None:
                given[g].add(name)
        return by_surname, given

    def _place(self, a: ArticleSpeaker) -> None:
        root, how, note = self._root(a.key)
        if how == "merge":
            a.speaker_id, a.how, a.note = root, how, note
            return
        a.speaker_id = a.key
        a.how = "name" if a.clean == a.name else "cleaned"
        if len(a.clean.split()) == 1 and a.key not in self.target:
            self._one_word(a)

    def _one_word(self, a: ArticleSpeaker) -> None:
        """ "Berg": the person the article names in full, else the corpus's only Berg.

        Only a speaker the NER took for a person may become someone the corpus has not
        quoted under a full name ("Berg" → "Lars Berg" from the text); an organisation or
        an unknown kind joins only a person already quoted ("Halvik" → "Petr Halvik").
        """
        if a.clean.lower() in TITLE_WORDS:
            return  # "President" alone names no one
        text = self.texts.get(a.article_id)
        if text is not None:
            found = names_in_text(a.clean, text, self._lower(a.article_id, text))
            named = list(found.surname)
            if a.kind != "person":
                named = [n for n in named if self._known_person(n)]
            if found.given and (named or a.kind != "org"):
                if named or self._cache()[0].get(a.key):
                    a.how = "ambiguous"
                    a.note = "the article names: " + ", ".join([*named, *found.given])
                return  # a first name there ("Paul Ryan"): no surname rule applies
            if named:
                self._named_in_text(a, named)
                return
        if a.kind != "org":
            self._surname(a)

    def _lower(self, article_id: str, text: str) -> set[str]:
        if self._lower_cache[0] != article_id:
            self._lower_cache = (article_id, lowercase_words(text))
        return self._lower_cache[1]

    def _known_person(self, name: str) -> str | None:
        """The corpus speaker a full name found in a text stands for, if a quoted person."""
        root = self._root(name_id(clean_name(name)))[0]
        return root if root in self.kind and self._is_person(root) else None

    def _named_in_text(self, a: ArticleSpeaker, named: list[str]) -> None:
        """Rule 3 of the module docstring: the article's own full names decide."""
        known = {n: r for n in named if (r := self._known_person(n)) is not None}
        fits = [r for r in dict.fromkeys(known.values()) if not self._kept_apart(a.key, r)]
        if known and not fits:
            a.how, a.note = "kept_apart", ", ".join(known)
            return
        if len(named) == 1 and (fits or not known):
            a.speaker_id = fits[0] if fits else name_id(clean_name(named[0]))
            a.how, a.note = "surname+text", named[0]
            if not fits:  # a person quoted only by surname: shown under the text's full name
                self.names[a.speaker_id][clean_name(named[0])] += 0
            return
        mine = set().union(*(role_words(r) for r in a.roles)) if a.roles else set()
        by_role = [r for r in fits if mine & self._role_words_of(r)]
        if len(by_role) == 1 and len(fits) == len(named):
            a.speaker_id, a.how = by_role[0], "surname+role"
            a.note = f"{', '.join(sorted(mine))} (of {', '.join(named)})"
            return
        a.how, a.note = "ambiguous", "the article names: " + ", ".join(named)

    def _is_person(self, key: str) -> bool:
        return self.kind[key].most_common(1)[0][0] == "person"

    def _surname(self, a: ArticleSpeaker) -> None:
        """Rule 4 of the module docstring: the corpus's full names decide."""
        by_surname, given = self._cache()
        every = sorted(r for r in by_surname.get(a.key, set()) if r != a.key)
        roots = [r for r in every if not self._kept_apart(a.key, r)]
        if not roots:
            if every:
                a.how, a.note = "kept_apart", ", ".join(self._display(r) for r in every)
            return
        names = [self._display(r) for r in roots]
        if a.key in given:
            a.how = "ambiguous"
            a.note = "also a first name: " + ", ".join(sorted(given[a.key])[:5])
            return
        if len(roots) == 1:
            a.speaker_id, a.how, a.note = roots[0], "surname", None
            return
        mine = set().union(*(role_words(r) for r in a.roles)) if a.roles else set()
        fits = [r for r in roots if mine & self._role_words_of(r)]
        if len(fits) == 1:
            a.speaker_id, a.how = fits[0], "surname+role"
            a.note = f"{', '.join(sorted(mine))} (of {', '.join(names)})"
            return
        top = self._dominant(roots)
        if top is not None:
            a.speaker_id, a.how = top, "surname, most quoted"
            a.note = "of " + ", ".join(names)
            return
        a.how, a.note = "ambiguous", "could be: " + ", ".join(names)

    def _dominant(self, roots: list[str]) -> str | None:
        """Of several people sharing a surname, the one quoted at least DOMINANCE times as
        often as each of the others (and MIN_DOMINANT times in all) across the corpus: in
        2016 campaign news "Trump" alone, in an article naming no other Trump, is Donald
        Trump, though Melania and Ivanka Trump are quoted too."""
        if self._quoted is None:
            self._quoted = Counter()
            for b in self.locals:
                self._quoted[self._root(b.key)[0]] += b.statements
        counts = sorted(((self._quoted[r], r) for r in roots), reverse=True)
        (best, root), rest = counts[0], counts[1:]
        if best >= MIN_DOMINANT and all(best >= DOMINANCE * max(n, 1) for n, _ in rest):
            return root
        return None

    def _cache(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Candidates and their title words, computed once after the key-level joins."""
        if self._cand is None:
            self._cand = self._candidates()
            for b in self.locals:
                if b.kind == "person" and len(b.clean.split()) > 1:
                    root = self._root(b.key)[0]
                    for r in b.roles:
                        self._roles_by_root[root] |= role_words(r)
        return self._cand

    def _role_words_of(self, root: str) -> set[str]:
        self._cache()
        return self._roles_by_root.get(root, set())

    def _display(self, root: str) -> str:
        return self.names[root].most_common(1)[0][0] if root in self.names else root


def resolve(
    locals: list[ArticleSpeaker],
    rules: Rules = aliases.NO_RULES,
    texts: Mapping[str, str] | None = None,
) -> Resolution:
    """Place every article speaker in a corpus speaker (sets ``speaker_id``, ``how``, ``note``)
    and build the corpus speakers' names, kinds, aliases and roles.

    ``texts``: article id → text, for the articles of one-word speakers (rule 3 looks there
    for the full name); without it only the corpus's names are used.
    """
    r = _Resolver(locals, rules, texts or {})
    r.run()
    res = Resolution(locals)
    groups: dict[str, list[ArticleSpeaker]] = defaultdict(list)
    for a in locals:
        groups[a.speaker_id].append(a)
    for sid, members in groups.items():
        name = _group_name(sid, members, rules, r)
        res.speakers[sid] = {"name": name, "kind": _group_kind(members)}
        res.aliases |= _group_aliases(sid, name, members)
    res.roles = _roles(locals)
    for rule in rules.of("merge"):
        to = name_id(rule.name)
        r.matched[rule.line] += sum(a.speaker_id == to and a.how == "merge" for a in locals)
    for rule in rules.of("rename"):
        r.matched[rule.line] += sum(len(groups.get(k, [])) for k in _rename_ids(rule, groups))
    for rule in rules.of("keep_apart"):
        keys = {k for n in rule.names for k in name_keys(n)}
        r.matched[rule.line] += sum(a.key in keys for a in locals)
    res.matched = dict(r.matched)
    return res


def _rename_ids(rule: Rule, groups: dict[str, list[ArticleSpeaker]]) -> list[str]:
    keys = name_keys(rule.speaker)
    return [sid for sid, members in groups.items() if sid in keys]


def _group_name(sid: str, members: list[ArticleSpeaker], rules: Rules, r: _Resolver) -> str:
    for rule in reversed(rules.of("rename")):
        if sid in name_keys(rule.speaker):
            return rule.name
    for rule in rules.of("merge"):
        if name_id(rule.name) == sid:
            return rule.name
    for rule in rules.of("split"):
        if name_id(clean_name(rule.speaker)) == sid:
            return clean_name(rule.speaker)
    votes: Counter[str] = Counter(dict.fromkeys(r.names.get(sid, ()), 0))
    for a in members:
        votes[a.clean] += a.statements
    own = [n for n in votes if name_id(n) == sid] or list(votes)
    # a full name before a surname, mixed case before CAPITALS, then the most statements
    return max(own, key=lambda n: (len(core_words(n.split())) > 1, not n.isupper(), votes[n], n))


def _group_kind(members: list[ArticleSpeaker]) -> str:
    votes: Counter[str] = Counter()
    for a in members:
        votes[a.kind] += a.statements
    order = {"person": 2, "org": 1, "other": 0}
    return max(votes, key=lambda k: (votes[k], order.get(k, 0)))


def _group_aliases(sid: str, name: str, members: list[ArticleSpeaker]) -> set[tuple[str, str]]:
    """Forms seen for the speaker that lead back to them: "President Putin", "Putin"; not
    "the president" or "he" (they name no one), nor a mention that swallowed other words."""
    keys = {sid, name_id(name)} | {a.key for a in members}
    keys |= surname_keys(name)
    out = {(sid, name)}
    forms = {(form, a.kind) for a in members for form in (a.name, *a.aliases)}
    for form, kind in forms:
        alias, key = _alias(form, kind)
        if alias and key in keys:
            out.add((sid, alias))
    return out


@lru_cache(maxsize=1 << 16)
def _alias(form: str, kind: str) -> tuple[str, str]:
    """A form as shown among aliases, and the id it leads to."""
    words = tidy(form).split()
    while len(words) > 1 and words[0].lower() in NOT_NAMES:
        words = words[1:]  # "Both President Trump" → "President Trump"
    alias = " ".join(words)
    return alias, name_id(clean_name(alias, kind))


def _roles(locals: list[ArticleSpeaker]) -> set[tuple[str, str, str]]:
    """(speaker, article, role) with one spelling per role across the corpus ("President")."""
    seen: list[tuple[str, str, str]] = []
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for a in locals:
        for role in a.roles:
            text = clean_role(role)
            if text is not None:
                seen.append((a.speaker_id, a.article_id, text))
                spellings[fold(text)][text] += 1
    best = {k: max(c, key=lambda t: (c[t], not t.islower(), t)) for k, c in spellings.items()}
    return {(sid, art, best[fold(text)]) for sid, art, text in seen}


def rule_rows(res: Resolution, rules: Rules) -> list[dict[str, Any]]:
    """``speaker_rules`` rows: each rule, where it is written and the speakers it touched."""
    rows = []
    for no, r in enumerate(rules.rules, 1):
        ids = _rule_speaker_ids(r, res)
        rows.append(
            {
                "rule_no": no,
                "action": r.action,
                "file": rules.source,
                "line": r.line,
                "rule": aliases.rule_json(r),
                "description": r.describe(),
                "speaker_id": ids[0] if len(ids) == 1 else None,
                "speaker_ids": ids,
                "matched": res.matched.get(r.line, 0),
            }
        )
    return rows


def _rule_speaker_ids(r: Rule, res: Resolution) -> list[str]:
    if r.action == "merge":
        return [name_id(r.name)]
    if r.action == "split":
        return [name_id(clean_name(r.speaker))]
    if r.action == "rename":
        return sorted(k for k in name_keys(r.speaker) if k in res.speakers)
    keys = {k for n in r.names for k in name_keys(n)}
    return sorted({a.speaker_id for a in res.locals if a.key in keys})


# ------------------------------------------------------------- helpers for the reports
def speaker_ids_for(name: str) -> tuple[str, str]:
    """The corpus speaker ids a name a person typed may mean: as typed, and cleaned."""
    return name_id(name), name_id(clean_name(name))


def merge_suggestions(speakers: Sequence[tuple[str, str, int]], limit: int = 50) -> list[str]:
    """Rules a reporter may want, as TOML: of ``speakers`` (id, name, statements; most quoted
    first), the names that differ only by middle initials ("Donald J. Trump", "Donald Trump"),
    never joined automatically because "George Bush" may be either president."""
    by_base: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for _sid, name, n in speakers:
        core = [w for w in name.split() if not INITIAL.match(w)]
        if is_full_name(name) and len(core) >= 2:
            by_base[name_id(" ".join(core))].append((name, n))
    out = []
    for names in by_base.values():
        if len(names) < 2:
            continue
        names.sort(key=lambda x: -x[1])
        (main, n), others = names[0], names[1:]
        shown = ", ".join(f"{name} ({k})" for name, k in others)
        out.append(
            f"# {main} ({n} statements) and {shown}: one person?\n[[merge]]\n"
            f"name = {json.dumps(main)}\naliases = {json.dumps([x for x, _ in others])}"
        )
    return out[:limit]
