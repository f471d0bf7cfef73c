"""Speaker names, cleaned and compared: titles and honorifics dropped, ids that ignore accents
and spacing, surnames, given names, initials, and the full names a text gives for a word.
Pure functions of strings; ``analysis.identity`` resolves speakers with them and
``analysis.aliases`` checks rules files with them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# data only: importing vocab does not import spaCy
from analysis.extract.vocab import HONORIFICS, ORG_HEADS, TITLE_NOUNS
from analysis.records import speaker_key

# A speaker's id from a name (records.speaker_key), cached: resolution asks for it often.
name_id = lru_cache(maxsize=1 << 16)(speaker_key)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a name that are a title, not part of it. TITLE_NOUNS plus the abbreviated and
# legal forms seen in news copy.
TITLE_WORDS: frozenset[str] = (
    TITLE_NOUNS
    | frozenset(HONORIFICS)
    | _words(
        """mr mrs ms dr sen rep gov gen lt col sgt cpl pvt capt cmdr adm prof rev hon atty supt
    insp det pres vice defendant plaintiff suspect witness victim sheriff chancellor premier
    president-elect congressmember assemblyman assemblywoman alderman secretary-general
    councilmember councilman councilwoman first lady"""
    )
)
# Titles that are part of how a person is named when only one word follows: "Pope Francis",
# "Prince Harry" are not "Francis" and "Harry".
STYLED_TITLES: frozenset[str] = _words(
    """pope king queen prince princess emperor empress sheikh ayatollah sultan emir lord lady
    dame sir saint cardinal archbishop"""
)
# Words that make a phrase a role ("Republican fundraiser"): titles, plus common trades.
ROLE_WORDS: frozenset[str] = TITLE_NOUNS | _words(
    """adviser advisor aide strategist pollster fundraiser member owner resident organizer
    organiser coordinator physician surgeon veteran chairperson treasurer cofounder co-founder
    president-elect politician host anchor correspondent banker investor trader worker employee
    supervisor principal dean provost rector counsel solicitor barrister advocate whip mp mep
    secretary-general spokesperson photographer producer director filmmaker musician artist
    comedian entrepreneur businessman businesswoman billionaire attorney-general"""
)
NAME_SUFFIXES: frozenset[str] = _words("jr sr ii iii iv")
# Particles joined to a surname by a hyphen: "al-Assad" is also called "Assad".
SURNAME_PARTICLES: frozenset[str] = _words("al el bin ibn abu ben ould")
# Capitalised words after a surname that make a name of a thing, not a person: "Trump Tower".
_NAME_OF_THING: frozenset[str] = (
    ORG_HEADS
    | NAME_SUFFIXES
    | _words(
        """administration organization organisation foundation tower towers hotel international
    inc corp ltd llc co plaza center centre street avenue road park square bridge airport
    station stadium media news times post trust fund era doctrine act law bill plan cabinet
    voters supporters family team rally presidency policies policy tweets"""
    )
)
_LETTERS = r"[^\W\d_]"
# A word that can be part of a person's name: "Putin", "O'Malley", "al-Assad", "J.", "de";
# not "NASA" (no lower-case letter) nor "2020".
_NAME_WORD = (
    rf"(?:[A-Z]\.|(?:[a-z]{{1,3}}-)?[A-Z](?=(?:{_LETTERS}|['\u2019-])*[a-z\u00df-\u024f])"
    rf"(?:{_LETTERS}|['\u2019](?={_LETTERS})|-(?=[A-Z]))*"
    rf"|(?:de|da|di|del|della|van|von|der|den|le|la|du|bin|ibn|al))"
)
_GAP = r"[^\S\n]+"  # spaces within one line: a name never runs across a line break
_RUN_BEFORE = re.compile(rf"(?<![\w.'\u2019-])(?:{_NAME_WORD}{_GAP})+$")
_RUN_AFTER = re.compile(rf"(?:{_GAP}{_NAME_WORD}(?![\w'\u2019-]))*")
# Capitalised words that open sentences and clauses, not names: "Although Berg", "Both Berg".
# (A word the same article also writes in lower case is caught without this list.)
NOT_NAMES: frozenset[str] = _words(
    """the a an and but or nor if as at in on of for to by with from yesterday today tomorrow
    tonight when while after before then also so that this these those his her their its our
    my your we they he she it i asked meanwhile however later earlier according both former
    late new said says told added where why how what who which once since until though
    although because instead still even only just now here there again last next whereas
    under over upon another unless within without among between during despite about above
    below across against along around behind beyond into toward towards every each either
    neither many much more most other others some such than whose whom whether yet not no
    all any few several like unlike"""
)

_PARAGRAPH = re.compile(r"\n\s*\n")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_POSSESSIVE = re.compile(r"\s*['\u2019]s?$")
_TRAILING_PAREN = re.compile(r"\s*\(\s*[^()]*\)?\s*$")
INITIAL = re.compile(r"^(?:[A-Z]\.?)+$")


# ---------------------------------------------------------------------------- names
@lru_cache(maxsize=1 << 16)  # names repeat across thousands of articles
def tidy(text: str) -> str:
    """Undo what tokenization and mention spans do to a name: the part after the last
    paragraph break, one space between words, "al - Assad" → "al-Assad", "( WHO" and "'s"
    at the end dropped."""
    text = _PARAGRAPH.split(text.strip())[-1]
    text = " ".join(text.split())
    text = _SPACED_HYPHEN.sub("-", text)
    text = re.sub(r" (['\u2019]s)\b", r"\1", text)
    text = _TRAILING_PAREN.sub("", text) or text
    return _POSSESSIVE.sub("", text).strip(' ,.;:-"\u201c\u201d') or text.strip()


@lru_cache(maxsize=1 << 16)
def clean_name(name: str, kind: str = "person") -> str:
    """The name without titles, "the", possessives and tokenizer spacing.

    "Russian President Vladimir Putin" → "Vladimir Putin"; "Mr. Putin's" → "Putin";
    "the Kremlin" → "Kremlin"; "Pope Francis" stays (a styled title with one name after it).
    """
    words = tidy(name).split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if kind == "org":
        return " ".join(words)
    # drop everything up to the last title word that is followed by a capitalised name
    cut = 0
    for i, w in enumerate(words[:-1]):
        low = w.lower().strip(".,")
        nxt = words[i + 1]
        if low in TITLE_WORDS | STYLED_TITLES and nxt[:1].isupper() and nxt.lower() != "of":
            rest = core_words(words[i + 1 :])
            if low in STYLED_TITLES and len(rest) < 2:
                break
            cut = i + 1
    rest = words[cut:]
    if all(w.lower().strip(".,") in TITLE_WORDS for w in rest):
        return " ".join(words)  # "Indian Prime Minister" is a role, not a name to shorten
    return " ".join(rest)


def core_words(words: Sequence[str]) -> list[str]:
    """The words of a name without trailing suffixes ("Jr.", "III")."""
    out = list(words)
    while len(out) > 1 and out[-1].lower().strip(".,") in NAME_SUFFIXES:
        out.pop()
    return out


def name_keys(name: str) -> set[str]:
    """The ids a name written in a rules file can stand for: as written, and cleaned."""
    return {name_id(name), name_id(clean_name(name, "person"))}


_FULL_NAME = re.compile(rf"^{_NAME_WORD}\.?(?: {_NAME_WORD}\.?)+$")


def is_full_name(name: str) -> bool:
    """ "Rand Paul", "Donald Trump Jr.": two or more name words, first and last different,
    not "Trump Jr. rebuff WikiLeaks" nor "Obama Doctrine"."""
    words = name.split()
    core = core_words(words)
    return (
        len(core) >= 2
        and _FULL_NAME.match(name) is not None
        and core[0].lower() != core[-1].lower()
        and core[-1].lower() not in _NAME_OF_THING
    )


def surname_keys(name: str) -> set[str]:
    """Keys of the words a person with this full name is called by alone ("Putin")."""
    core = core_words(name.split())
    if len(core) < 2:
        return set()
    last = core[-1]
    keys = {name_id(last)}
    head, _, tail = last.partition("-")
    if tail and head.lower() in SURNAME_PARTICLES:
        keys.add(name_id(tail))
    return keys


def given_key(name: str) -> str | None:
    """Key of a full name's first word, unless it is an initial ("J. Smith")."""
    core = core_words(name.split())
    if len(core) < 2 or INITIAL.match(core[0]):
        return None
    return name_id(core[0])


def _initials_base(name: str) -> str | None:
    """ "Donald J. Trump" → key of "Donald Trump"; None unless every middle word is an initial."""
    core = core_words(name.split())
    if len(core) < 3 or not all(INITIAL.match(w) for w in core[1:-1]):
        return None
    return name_id(" ".join([core[0], core[-1], *name.split()[len(core) :]]))


@lru_cache(maxsize=1 << 16)
def role_words(role: str) -> frozenset[str]:
    """The title words of a role phrase: "Russian President" → {"president"}."""
    out: set[str] = set()
    for w in role.lower().replace("-", " ").split():
        w = w.strip(".,;:()\"'").removesuffix("'s").removesuffix("\u2019s")
        if w in ROLE_WORDS:
            out.add(w)
        elif w.endswith("s") and w[:-1] in ROLE_WORDS:
            out.add(w[:-1])
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def clean_role(role: str) -> str | None:
    """A role as shown: tidied, without a leading article; None if it names no role of one
    person ("ministers" is a group)."""
    text = tidy(role)
    words = text.split()
    while words and words[0].lower() in ("a", "an", "the", "his", "her", "their", "its"):
        words = words[1:]
    text = " ".join(words)
    singular = {w.lower().strip(".,;:()\"'") for w in words} & ROLE_WORDS
    return text if text and len(words) <= 12 and singular else None


@dataclass(frozen=True, slots=True)
class TextNames:
    """The full names an article gives a one-word name: as surname ("Lars Berg" for "Berg")
    and as first name ("Paul Ryan" for "Paul")."""

    surname: tuple[str, ...]
    given: tuple[str, ...]


def names_in_text(word: str, text: str, lower_words: set[str] | None = None) -> TextNames:
    """Full names in ``text`` that contain the one-word name ``word``.

    A name is a run of capitalised words on one line. Words the same text also writes in
    lower case are ordinary words, not names ("Under Obama", "Does Smith"), as are titles;
    both are dropped from the front. "Donald J. Trump" and "Donald Trump" are one name.
    """
    lower = lower_words if lower_words is not None else lowercase_words(text)
    pat = re.compile(rf"(?<![\w.'\u2019-]){re.escape(word)}(?![\w'\u2019-])")
    surname: dict[tuple[str, ...], str] = {}
    given: dict[tuple[str, ...], str] = {}
    for m in pat.finditer(text):
        start = max(0, m.start() - 120)
        run = _RUN_BEFORE.search(text, start, m.start())
        front = run.group(0) if run else ""
        back = _RUN_AFTER.match(text, m.end())
        before = _name_front(front.split(), lower)
        after = _name_back(back.group(0).split() if back else [], lower)
        if _after_office(text, m.start() - len(front)):  # "Minister of Information Moammar"
            before = before[1:]
        if before:
            name = " ".join([*before, word, *after])
            surname.setdefault(_same_person(name), name)
        elif after:
            name = " ".join([word, *after])
            given.setdefault(_same_person(name), name)
    return TextNames(tuple(sorted(surname.values())), tuple(sorted(given.values())))


def lowercase_words(text: str) -> set[str]:
    return set(re.findall(r"\b[a-z][a-z'\u2019-]*\b", text))


def _name_front(words: list[str], lower: set[str]) -> list[str]:
    """The words before a surname that are a name: after the last title or ordinary word."""
    keep: list[str] = []
    for w in reversed(words):
        low = w.lower().strip(".")
        if low in TITLE_WORDS or low in STYLED_TITLES or low in NOT_NAMES:
            break
        if low in lower and not INITIAL.match(w):
            break
        keep.insert(0, w)
    while keep and keep[0].islower():  # a particle cannot start a name
        keep.pop(0)
    return keep


def _name_back(words: list[str], lower: set[str]) -> list[str]:
    """The words after a name word that continue the name ("Nevares", "Jr."), up to a thing
    word ("Trump Tower" is no person)."""
    keep: list[str] = []
    for w in words[:3]:
        low = w.lower().strip(".")
        if low in lower or (low in _NAME_OF_THING and low not in NAME_SUFFIXES):
            break  # "Trump Tower", "Trump Cabinet" (the text also writes "cabinet")
        keep.append(w)
    return keep


_OFFICE_OF = re.compile(r"\b([A-Za-z]+)[^\S\n]+of[^\S\n]+$")


def _after_office(text: str, pos: int) -> bool:
    """Whether a run of capitalised words follows "<title> of": its first word is the
    office's ("Secretary of State Mike Pompeo")."""
    m = _OFFICE_OF.search(text[max(0, pos - 40) : pos])
    return m is not None and m.group(1).lower() in TITLE_WORDS


def _same_person(name: str) -> tuple[str, ...]:
    """Names one article uses for one person: first and last name, without middle initials."""
    core = [w for w in name.split() if not INITIAL.match(w)]
    return (core[0].lower(), core[-1].lower()) if len(core) > 1 else tuple(core)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
