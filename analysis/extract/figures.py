"""Figures: numbers in an article that count or measure something.

A *figure* is a number a reader could put on a chart: a count ("300,000 signed contracts",
"three soldiers", "tens of thousands of protesters"), an amount of money ("$2bn",
"£1.5 million", "500 million roubles"), a percentage ("5%", "5 per cent"), a measure with a
unit ("2,500 km", "a 6.5-magnitude earthquake") or an age ("a 45-year-old man", "aged 45").
Each carries its normalised value, its unit, whether the text hedges it ("about", "over",
"up to"), and the short noun phrase it counts, read off the dependency parse.

Numbers that only *name* or *place* something are not figures, because charting them would be
nonsense: years and decades ("in 2019", "the 1990s"), dates and times ("5 March", "at 5 pm",
"10:30"), durations ("three days", "a five-year plan" — spaCy tags them DATE), ordinals
("3rd", "the second time"), phone numbers, list numbering, labels and codes ("Article 5",
"Resolution 2231", "Boeing 737", "COVID-19", "G20", "Route 66"), scores and vote tallies
("3-2"), and "one" as a pronoun ("no one", "one of the", "one day"). Precision comes first:
a missed figure costs less than a wrong one on a dashboard.

The extractor walks the tokens once, reading a number expression wherever one can start,
and uses spaCy's entity labels (DATE, TIME, ORDINAL and name labels veto) together with
token checks, because the small model's NER misses many numbers and mislabels others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from analysis.extract import vocab
from analysis.records import Figure, FigureType

__all__ = ["extract_figures"]

# "300,000", "1.5", "2bn", "50k": digits with optional thousands commas, decimals, suffix.
_DIGITS = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?([a-zA-Z]*)")
# "60–80", "2-3bn": a range spaCy keeps as one token.
_RANGE_TOKEN = re.compile(r"([0-9][0-9,.]*[a-zA-Z]*)[–-]([0-9][0-9,.]*[a-zA-Z]*)")
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"}
)
_ASCII_DIGITS = frozenset("0123456789")
_DATE_LABELS = frozenset({"DATE", "TIME"})
_NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_RANGE_WORDS = frozenset({"to", "and", "or", "-", "–"})
_DASHES = frozenset({"-", "–", "—"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_NOT_BETWEEN = frozenset({"CCONJ", "PUNCT", "ADP", "NUM", "SYM", "VERB", "AUX"})
_AGE_UNITS = {"year": "years", "month": "months", "week": "weeks", "day": "days"}
_AGE_WORDS = frozenset({"aged", "age", "ages"})
_AGE_LINKS = frozenset(
    {"of", "the", "from", "between", "to", "and", "in", "above", "over", "under", "below"}
)
_CHAIN_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "advmod", "npadvmod"})
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
_PREPS_COUNTS = frozenset({"of"})
_PREPS_MONEY = frozenset({"of", "in", "for"})
_NOT_COUNTED = frozenset({"PRON", "NUM", "DET", "PUNCT", "SYM", "ADP", "CCONJ", "SCONJ"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# "what's one issue ...?" asks for an example, it counts nothing.
_ONE_BEFORE_BLOCK = frozenset(
    {"no", "the", "any", "each", "every", "this", "that", "which", "'s", "’s"}
)
# 'at least one company', 'only one vote': hedged or limited, 'one' counts.
_ONE_COUNTS_AFTER = frozenset({"least", "most", "only", "just", "exactly", "than", "single"})
_OF_PRONOUNS = frozenset({"them", "those", "these"})
_FEW = frozenset({"few", "several"})  # 'a few hundred', 'several thousand'
_STARTERS = _FEW.union({"a", "an"}).union(
    vocab.NUMBER_WORDS, vocab.VAGUE_NUMBERS, vocab.FRACTION_WORDS, vocab.CURRENCY_SYMBOLS
)
_MAX_COUNTS_TOKENS = 4
_COMPARATIVES = frozenset({"more", "fewer", "less"})
_HEDGE_WORDS = frozenset(w for phrase in vocab.APPROX_BEFORE for w in phrase)
_MEASURE_PREPS = frozenset(
    {"at", "to", "by", "for", "of", "near", "around", "about", "over", "under", "than"}
)
_CONVERSION_HEDGES = frozenset({"about", "around", "roughly", "some", "approximately", "or"})
_RELATIVES = frozenset({"which", "that", "who"})
_COUNT_SUBJECTS = vocab.GENERIC_COUNT_NOUNS | {"toll", "tolls"}
_DURATION_PREPS = frozenset(
    {"for", "over", "within", "than", "about", "around", "nearly", "almost", "just", "only"}
    | {"between"}
)
_METRES = frozenset({"m", "metre", "metres", "meter", "meters"})
# "2:14:04": a race time (hours, minutes, seconds) is a duration; "10:30" stays a clock time.
_RACE_TIME = re.compile(r"([0-9]{1,2}):([0-5][0-9]):([0-5][0-9])")


@lru_cache(maxsize=65536)
def _parse_digits(text: str) -> tuple[float, str] | None:
    """'300,000' → (300000.0, ''); '2bn' → (2.0, 'bn'); '3rd', '0100', '1990s' → None."""
    m = _DIGITS.fullmatch(text)
    if m is None:
        return None
    whole, frac, suffix = m.groups()
    if len(whole) > 1 and whole[0] == "0":
        return None  # codes and phone parts: "0100", "007"
    if suffix and suffix.lower() not in vocab.SCALE_SUFFIXES:
        return None
    return float(whole.replace(",", "") + (frac or "")), suffix.lower()


def _is_digits(tok: Token) -> bool:
    return tok.text[0] in _ASCII_DIGITS and _parse_digits(tok.text) is not None


@dataclass(slots=True)
class _Number:
    """A number expression read from tokens ``start:end``."""

    start: int
    end: int
    value: float
    digits: bool = False  # written with digits ("300", not "three")
    scaled: bool = False  # has a scale word or suffix ("million", "bn")
    vague: bool = False  # "tens of thousands"
    ranged: bool = False  # "20-30%", "$2-3 billion": the value is the lower bound
    scale: float = 1.0  # the multiplier read from scale words or suffixes
    bare_b: bool = False  # scale from a bare "b" (billion only next to a currency)
    year_like: bool = False  # four digits from 1000 to 2100, no comma
    decimal: bool = False  # written with a decimal point ("5.0", "2.48")
    fraction: bool = False  # a share written in words ("two-thirds", "a quarter of")
    hedged: bool = False  # "~23", "several thousand": approximate by its own words
    race_time: bool = False  # "2:14:04", read in seconds

    def __post_init__(self) -> None:
        # vocabulary tables hold ints ("hundreds" -> 100); int.is_integer() exists only from
        # Python 3.12, and every later use wants a float
        self.value = float(self.value)


@dataclass(slots=True)
class _Marks:
    """What surrounds a number: currency, percent sign, unit, age, hedges."""

    start: int  # first token of the surface (currency symbol or number)
    end: int  # one past the last token of the surface
    unit: str | None = None
    kind: FigureType | None = None  # money / percent / measure / age, None = plain
    approx: bool = False
    age_prefix: bool = False  # "aged 45", "at the age of 95"
    age_word: int = -1  # the token "aged"/"age"/"ages" that makes it an age
    symbol: bool = False  # money from a symbol before the number
    pair_rejected: bool = False  # the other end of a range is not a figure


# ---------------------------------------------------------------- reading numbers


def _read_number(doc: Doc, i: int) -> _Number | None:
    """The longest number expression starting at token ``i``, or None."""
    tok = doc[i]
    low = tok.lower_
    if low in vocab.VAGUE_NUMBERS:
        return _read_vague(doc, i)
    if low in _FEW:
        return _read_few(doc, i)
    if tok.text[0] in _ASCII_DIGITS:
        race = _RACE_TIME.fullmatch(tok.text)
        if race is not None:
            h, m, sec = (int(g) for g in race.groups())
            return _Number(i, i + 1, h * 3600 + m * 60 + sec, digits=True, race_time=True)
        return _read_digits(doc, i)
    if tok.text[0] == "~":
        num = _read_digits(doc, i, tok.text[1:])
        if num is not None:
            num.hedged = True
        return num
    odds = _read_odds(doc, i)
    if odds is not None:
        return odds
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in vocab.DENOMINATORS or (nxt == "-" and low in vocab.NUMBER_WORDS) or low == "half":
        fraction = _read_fraction(doc, i)
        if fraction is not None:
            return fraction
    if low in ("a", "an"):
        return _read_words(doc, i, i + 1, 1.0) if nxt in vocab.SCALE_WORDS else None
    if low in vocab.FRACTION_WORDS:
        ok = nxt in ("a", "an") and i + 2 < len(doc) and doc[i + 2].lower_ in vocab.SCALE_WORDS
        return _read_words(doc, i, i + 2, vocab.FRACTION_WORDS[low]) if ok else None
    if low in vocab.NUMBER_WORDS:
        return _read_words(doc, i, i, 0.0)
    return None


def _read_odds(doc: Doc, i: int) -> _Number | None:
    """'a one-in-five chance' (0.2): odds written as one hyphenated word (guideline: type
    other); 'one in five voters' with spaces is left alone."""
    if i + 4 >= len(doc) or [t.text.lower() for t in doc[i + 1 : i + 4]] != ["-", "in", "-"]:
        return None
    if any(t.whitespace_ for t in doc[i : i + 4]):
        return None
    top, bottom = (_small_number(doc[k]) for k in (i, i + 4))
    if top is None or not bottom or top >= bottom:
        return None
    return _Number(i, i + 5, top / bottom, fraction=True)


def _small_number(tok: Token) -> float | None:
    if tok.lower_ in vocab.NUMBER_WORDS:
        return float(vocab.NUMBER_WORDS[tok.lower_])
    parsed = _parse_digits(tok.text) if tok.text[0] in _ASCII_DIGITS else None
    return parsed[0] if parsed is not None and not parsed[1] else None


def _read_fraction(doc: Doc, i: int) -> _Number | None:
    """'two-thirds', 'three quarters', 'a quarter of', 'half of': a share (0.6667, 0.75,
    0.25, 0.5); 'a quarter (of a) million' is a count of 250,000."""
    low = doc[i].lower_
    if low == "half":
        return _Number(i, i + 1, 0.5, fraction=True) if _followed_by_of(doc, i + 1) else None
    top = 1 if low in ("a", "an") else vocab.NUMBER_WORDS.get(low, 0)
    j = i + 1
    hyphen = j < len(doc) and doc[j].text == "-" and not doc[i].whitespace_
    j += hyphen
    if not 0 < top < 10 or j >= len(doc) or doc[j].lower_ not in vocab.DENOMINATORS:
        return None
    den = doc[j].lower_
    if j + 1 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_:
        return None  # 'one half-sister'
    num = _Number(i, j + 1, top / vocab.DENOMINATORS[den], fraction=True)
    if _read_fraction_scale(doc, num):
        return num
    ordinal = den in vocab.ORDINAL_DENOMINATORS
    article = low in ("a", "an")
    if _followed_by_of(doc, j + 1) or (not article and (hyphen or not ordinal)):
        return num  # 'a third of', 'one-third', 'two thirds'; not 'a third, Jared Golden'
    return None


def _followed_by_of(doc: Doc, j: int) -> bool:
    return j < len(doc) and doc[j].lower_ == "of"


def _read_fraction_scale(doc: Doc, num: _Number) -> bool:
    """'a quarter million', 'a quarter of a million': the fraction scales a count."""
    j = num.end
    if j + 2 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in ("a", "an"):
        j += 2
    if j >= len(doc) or doc[j].lower_ not in vocab.SCALE_WORDS:
        return False
    num.scale = vocab.SCALE_WORDS[doc[j].lower_]
    num.value *= num.scale
    num.end, num.fraction, num.scaled = j + 1, False, True
    return True


def _read_digits(doc: Doc, i: int, text: str | None = None) -> _Number | None:
    text = doc[i].text if text is None else text
    parsed = _parse_digits(text)
    if parsed is None:
        return _read_range_token(doc, i, text)
    value, suffix = parsed
    num = _Number(i, i + 1, value, digits=True)
    num.year_like = len(text) == 4 and text.isdigit() and 1000 <= value <= 2100
    num.decimal = "." in text
    if suffix:
        num.scale = vocab.SCALE_SUFFIXES[suffix]
        num.value *= num.scale
        num.scaled, num.bare_b, num.year_like = True, suffix == "b", False
        return num
    _read_half(doc, num)
    _read_scales(doc, num)
    return num


def _read_range_token(doc: Doc, i: int, text: str) -> _Number | None:
    """'60–80' (one token): the lower bound, ranged, scaled like the upper ('2-3bn')."""
    m = _RANGE_TOKEN.fullmatch(text)
    if m is None:
        return None
    low, high = _parse_digits(m[1]), _parse_digits(m[2])
    if low is None or high is None or low[0] > high[0] or (low[1] and not high[1]):
        return None
    scale = vocab.SCALE_SUFFIXES[high[1]] if high[1] else 1.0
    num = _Number(i, i + 1, low[0] * scale, digits=True, ranged=True, scale=scale)
    num.scaled, num.bare_b = bool(high[1]), high[1] == "b"
    num.decimal = "." in m[1]
    if not num.scaled:
        _read_scales(doc, num)
    return num


def _read_glued_code(doc: Doc, i: int) -> tuple[_Number, str] | None:
    """'USD15', 'EUR2bn': a currency code written onto the number."""
    text = doc[i].text
    code = text[:3]
    if len(text) < 4 or code not in vocab.CURRENCY_CODES or text[3] not in _ASCII_DIGITS:
        return None
    num = _read_digits(doc, i, text[3:])
    return (num, code) if num is not None else None


def _read_half(doc: Doc, num: _Number) -> None:
    """'two and a half million': add the half before the scale."""
    j = num.end
    if j + 2 < len(doc) and [t.lower_ for t in doc[j : j + 3]] == ["and", "a", "half"]:
        num.value += 0.5
        num.end = j + 3
        num.year_like = False


def _read_scales(doc: Doc, num: _Number) -> None:
    """Multiply by the scale words that follow: '1.5 million', '5 m', '300 thousand'."""
    j = num.end
    while j < len(doc):
        tok, low = doc[j], doc[j].lower_
        if low in vocab.SCALE_WORDS:
            factor = vocab.SCALE_WORDS[low]
        elif low in vocab.SCALE_SUFFIXES and not doc[j - 1].whitespace_ and not num.scaled:
            factor = vocab.SCALE_SUFFIXES[low]
            num.bare_b = low == "b"
        else:
            break
        num.value *= factor
        num.scale *= factor
        num.scaled, num.year_like = True, False
        j += 1
        if tok.lower_ not in ("hundred", "thousand"):
            break
    num.end = j


def _join_range(doc: Doc, num: _Number) -> None:
    """'20-30%', '$2-3 billion', '3-2', '555-1234': read the second number into ``num``."""
    j = num.end
    if j + 1 >= len(doc) or doc[j].text not in _DASHES or not num.digits:
        return
    if doc[j - 1].whitespace_ or doc[j].whitespace_ or doc[j + 1].text[0] not in _ASCII_DIGITS:
        return
    other = _read_digits(doc, j + 1)
    if other is None:
        return
    if num.scale == 1.0 and other.scale != 1.0 and num.value < other.value / other.scale:
        num.value *= other.scale
        num.scale = other.scale
    num.end, num.ranged, num.year_like = other.end, True, False
    num.scaled = num.scaled or other.scaled
    num.bare_b = num.bare_b or other.bare_b


def _read_words(doc: Doc, start: int, i: int, lead: float) -> _Number | None:
    """Number words from ``i`` ('twenty-five', 'two hundred thousand', 'a dozen').

    ``lead`` is the value of the article or fraction at ``start`` ('a', 'half a').
    """
    total, current, j, prev, scale = 0.0, lead, i, "", 1.0
    while j < len(doc):
        low = doc[j].lower_
        if low in vocab.NUMBER_WORDS and _word_may_follow(prev, low):
            current += vocab.NUMBER_WORDS[low]
        elif low == "hundred":
            current = (current or 1) * 100
        elif low in vocab.SCALE_WORDS:
            scale = vocab.SCALE_WORDS[low]
            total, current = total + (current or 1) * scale, 0.0
        elif _is_joiner(doc, j, prev):
            j, prev = j + 1, low
            continue
        else:
            break
        j, prev = j + 1, low
    if j == i:
        return None
    num = _Number(start, j, total + current, scale=scale)
    num.scaled = any(doc[k].lower_ in vocab.SCALE_WORDS for k in range(i, j))
    _read_half(doc, num)
    if not num.scaled:
        _read_scales(doc, num)
    return num


def _word_may_follow(prev: str, low: str) -> bool:
    """A units word may follow nothing, a scale, 'and', a hyphen, or a tens word."""
    if prev in ("", "-", "and") or prev in vocab.SCALE_WORDS:
        return True
    return vocab.NUMBER_WORDS.get(prev, 0) >= 20 and vocab.NUMBER_WORDS[low] < 10


def _is_joiner(doc: Doc, j: int, prev: str) -> bool:
    """A hyphen inside 'twenty-five' or the 'and' of 'three hundred and fifty'."""
    if j + 1 >= len(doc) or doc[j + 1].lower_ not in vocab.NUMBER_WORDS:
        return False
    low = doc[j].lower_
    if low == "-":
        return vocab.NUMBER_WORDS.get(prev, 0) >= 20 and not doc[j - 1].whitespace_
    return low == "and" and prev in vocab.SCALE_WORDS


def _read_few(doc: Doc, i: int) -> _Number | None:
    """'a few hundred', 'several thousand' (3 x the scale, approximate: guideline v2); 'a few
    months', 'several decades' (3, a duration read by the unit that follows)."""
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in vocab.DURATION_UNITS:
        return _Number(i, i + 1, vocab.FEW_VALUE, hedged=True)
    if nxt not in vocab.SCALE_WORDS:
        return _read_few_of(doc, i)
    value = vocab.FEW_VALUE * vocab.SCALE_WORDS[nxt]
    return _Number(i, i + 2, value, scaled=True, hedged=True, scale=vocab.SCALE_WORDS[nxt])


def _read_few_of(doc: Doc, i: int) -> _Number | None:
    """'several books', 'a few questions' (3, approximate: guideline v2); not a bare 'few'
    ('few people agree' says almost none)."""
    tok = doc[i]
    if tok.lower_ == "few" and (i == 0 or doc[i - 1].lower_ not in ("a", "last", "next", "past")):
        return None
    head = tok.head
    if head.i <= i or head.pos_ not in _NOUNS or tok.dep_ not in ("amod", "nummod", "det"):
        return None
    return _Number(i, i + 1, vocab.FEW_VALUE, hedged=True)


def _read_vague(doc: Doc, i: int) -> _Number:
    """'tens of thousands', 'hundreds', 'dozens': the order of magnitude, approximate."""
    num = _Number(i, i + 1, vocab.VAGUE_NUMBERS[doc[i].lower_], vague=True)
    j = i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in vocab.VAGUE_NUMBERS:
        num.value *= vocab.VAGUE_NUMBERS[doc[j + 1].lower_]
        num.end = j + 2
    return num


# ---------------------------------------------------------------- markers around a number


def _match(doc: Doc, j: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
    """Longest entry of ``table`` starting at token ``j``: (value, end)."""
    for size in (3, 2, 1):
        key = tuple(t.lower_ for t in doc[j : j + size])
        if len(key) == size and key in table:
            return table[key], j + size
    return None


def _currency_before(doc: Doc, i: int) -> str | None:
    """ISO code of a currency symbol or code at token ``i`` ('$', 'US$', 'EUR')."""
    tok = doc[i]
    if tok.text in vocab.CURRENCY_CODES:
        return tok.text
    return vocab.CURRENCY_SYMBOLS.get(tok.lower_)


def _read_markers(doc: Doc, num: _Number, currency: str | None, start: int) -> _Marks:
    marks = _Marks(start, num.end, currency, "money" if currency else None)
    marks.symbol = currency is not None
    j = num.end
    if num.race_time:
        marks.kind, marks.unit = "duration", "second"
    elif currency is None:
        _read_after(doc, num, marks)
    elif j < len(doc) and doc[j].text in vocab.CURRENCY_CODES:
        marks.end = j + 1  # "$5 USD" is still dollars
    marks.approx = (
        num.vague
        or num.ranged
        or num.hedged
        or _approx_before(doc, marks.start)
        or _approx_after(doc, marks.end)
        or _approx_after(doc, num.end)  # "1,000 or more kilograms"
    )
    return marks


def _read_after(doc: Doc, num: _Number, marks: _Marks) -> None:
    """Percent, currency word or code, unit or age after the number."""
    j = num.end
    if j >= len(doc):
        return
    if num.vague and doc[j].lower_ == "of" and j + 1 < len(doc):
        j += 1  # "millions of dollars"
    elif _approx_after(doc, j) and j + 2 < len(doc) and doc[j].lower_ == "or":
        j += 2  # "1,000 or more kilograms"
    found = _match(doc, j, vocab.PERCENT_WORDS)
    if found and not num.vague:
        marks.unit, marks.kind, marks.end = found[0], "percent", found[1]
        return
    code = _currency_after(doc, num, j)
    if code:
        marks.unit, marks.kind, marks.end = code
        return
    age = _age_after(doc, j)
    if age and not num.vague:
        marks.unit, marks.end, marks.kind = age[0], age[1], "age"
        return
    duration = _duration_after(doc, num, j)
    if duration is not None:
        marks.unit, marks.end, marks.kind = duration[0], duration[1], "duration"
        return
    unit = _unit_after(doc, j)
    if unit and not num.vague:
        marks.unit, marks.end, marks.kind = unit[0], unit[1], "measure"
        _per_time(doc, marks)
    elif _is_multiplier(doc, j):
        marks.unit, marks.end, marks.kind = "×", j + 1, "other"


def _per_time(doc: Doc, marks: _Marks) -> None:
    """'37 miles per second' → 'mi/s'; 'barrels per day' → 'bbl/d'; 'mg per liter' → 'mg/l'."""
    j = marks.end
    if j + 1 < len(doc) and doc[j].lower_ == "per" and "/" not in (marks.unit or "/"):
        per = _match(doc, j + 1, vocab.PER_UNITS)
        if per is not None:
            marks.unit, marks.end = f"{marks.unit}/{per[0]}", per[1]


def _is_multiplier(doc: Doc, j: int) -> bool:
    """'2.6 times more lethal', '2.4 times the mass of the Sun'."""
    if j + 1 >= len(doc) or doc[j].lower_ != vocab.MULTIPLIER_WORD:
        return False
    nxt = doc[j + 1]
    return nxt.lower_ in vocab.MULTIPLIER_FOLLOWERS or nxt.tag_ in ("JJR", "RBR")


def _currency_after(doc: Doc, num: _Number, j: int) -> tuple[str, FigureType, int] | None:
    tok = doc[j]
    if tok.text in vocab.CURRENCY_CODES:
        return tok.text, "money", j + 1
    found = _match(doc, j, vocab.CURRENCY_WORDS)
    if found is None:
        return None
    if found[0] == "KRW" and not num.scaled:
        return None  # "30 won" is the verb
    if tok.lower_ in vocab.POUND_WORDS and found[1] == j + 1 and not _pounds_are_money(doc, num):
        return None
    return found[0], "money", found[1]


def _pounds_are_money(doc: Doc, num: _Number) -> bool:
    """'2 million pounds' and 'paid 500 pounds' are money; '200 pounds of cocaine' is not."""
    if num.scaled and num.value >= 1e6:
        return True
    head = doc[num.end].head
    for _ in range(3):
        if head.lemma_ in vocab.MONEY_VERBS:
            return True
        head = head.head
    return False


def _age_after(doc: Doc, j: int) -> tuple[str, int] | None:
    """'-year-old', ' years old', '-month-old' → ('years', end)."""
    k = j + (doc[j].text in _DASHES)
    if k >= len(doc) or doc[k].lower_.rstrip("s") not in _AGE_UNITS:
        return None
    unit = _AGE_UNITS[doc[k].lower_.rstrip("s")]
    k += 1
    k += k < len(doc) and doc[k].text in _DASHES
    if k < len(doc) and doc[k].lower_ == "old":
        return unit, k + 1
    return None


def _duration_after(doc: Doc, num: _Number, j: int) -> tuple[str, int] | None:
    """'18 months', 'a 20-year [sentence]', 'three days': (singular unit, end); not 'two
    years ago' or 'a few days later' (dates), nor vague plurals ('millions of years')."""
    if num.vague or num.year_like or (num.scaled and num.scale >= 1000):
        return None
    if num.start > 0 and _age_word_before(doc, num.start) is not None:
        return None  # 'aged 84 years' is an age
    k = j + (doc[j].text in _DASHES and not doc[j - 1].whitespace_)
    if k >= len(doc) or doc[k].lower_ not in vocab.DURATION_UNITS:
        return None
    # 'two years ago', 'a few days later'; but 'for 18 months before resigning'
    after = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    if after in vocab.DATE_AFTER_DURATION and (
        after == "ago" or not _duration_one(doc, _skip_hedges(doc, num.start))
    ):
        return None
    if doc[num.start].lower_ == "one" and not _duration_one(doc, num.start):
        return None  # 'one day he will', 'one year in ten'
    unit = vocab.DURATION_UNITS[doc[k].lower_]
    return unit, _read_smaller_unit(doc, num, unit, k + 1)


def _read_smaller_unit(doc: Doc, num: _Number, unit: str, j: int) -> int:
    """'320 minutes [and 37 seconds]': add the smaller part, in the first unit; the end."""
    if j + 2 >= len(doc) or doc[j].lower_ != "and" or not _is_digits(doc[j + 1]):
        return j
    smaller = vocab.DURATION_UNITS.get(doc[j + 2].lower_)
    parsed = _parse_digits(doc[j + 1].text)
    if smaller is None or parsed is None or parsed[1]:
        return j
    ratio = vocab.DURATION_SECONDS[smaller] / vocab.DURATION_SECONDS[unit]
    if ratio >= 1:
        return j
    num.value += parsed[0] * ratio
    return j + 3


def _skip_hedges(doc: Doc, start: int) -> int:
    while start > 0 and _is_hedge(doc[start - 1]):
        start -= 1
    return start


def _duration_one(doc: Doc, start: int) -> bool:
    """'one' + unit is a duration after a preposition of time ('for one year')."""
    return start > 0 and doc[start - 1].lower_ in _DURATION_PREPS


def _unit_after(doc: Doc, j: int) -> tuple[str, int] | None:
    if doc[j].text in _DASHES and not doc[j - 1].whitespace_ and j + 1 < len(doc):
        return _match(doc, j + 1, vocab.UNITS)
    if doc[j].text in vocab.SPACED_UNITS and doc[j - 1].whitespace_:
        return vocab.SPACED_UNITS[doc[j].text], j + 1
    return _match(doc, j, vocab.UNITS)


def _approx_before(doc: Doc, start: int) -> bool:
    for size in range(vocab.APPROX_MAX_LEN, 0, -1):
        if start - size >= 0:
            key = tuple(t.lower_ for t in doc[start - size : start])
            if key in vocab.APPROX_BEFORE:
                return True
    return False


def _approx_after(doc: Doc, end: int) -> bool:
    key2 = tuple(t.lower_ for t in doc[end : end + 2])
    return key2 in vocab.APPROX_AFTER or key2[:1] in vocab.APPROX_AFTER


# ---------------------------------------------------------------- what is not a figure


def _rejected(doc: Doc, num: _Number, marks: _Marks) -> bool:
    """True when the number names, dates or labels something instead of counting."""
    if marks.kind == "age" or num.fraction:
        return False
    if marks.pair_rejected and marks.kind is None:
        return True
    if marks.kind is not None:  # money, percent, measure, multiplier
        return (
            _is_date_or_code(doc, num, True)
            or _is_numbering(doc, num)
            or (marks.unit == "°" and _is_position(doc, marks.end))
        )
    if _is_gallery_counter(doc, num):
        return True
    return (
        _is_date_or_code(doc, num, False)
        or _is_numbering(doc, num)
        or _is_label(doc, num)
        or _is_glued(doc, num)
        or (num.ranged and not num.scaled)
        or (num.vague and not _vague_is_count(doc, num))
        or _is_name_word(doc, num)
        or _is_tally(doc, num)
        or (not num.scaled and not num.vague and _is_bare_word(doc, num))
    )


def _is_gallery_counter(doc: Doc, num: _Number) -> bool:
    """'Hide Caption 10 of 16 Photos', 'Photos: Flooding in the city 3 of 12': the page's
    photo counter (guideline v2: page debris), either number of 'N of M'."""
    if not num.digits:
        return False
    i, j = num.start, num.end
    if j + 1 < len(doc) and doc[j].lower_ == "of" and _is_digits(doc[j + 1]):
        first, last = i, j + 1
    elif i >= 2 and doc[i - 1].lower_ == "of" and _is_digits(doc[i - 2]):
        first, last = i - 2, i
    else:
        return False
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is None or "\n" in doc[last].whitespace_ or after.lower_ in vocab.GALLERY_WORDS:
        return True
    line_start = first
    while (
        line_start > 0 and "\n" not in doc[line_start - 1].whitespace_ and first - line_start < 12
    ):
        line_start -= 1
    return any(t.lower_ in vocab.GALLERY_WORDS for t in doc[line_start:first])


def _is_position(doc: Doc, end: int) -> bool:
    """'67.5° to the north', '30°N': a latitude or longitude."""
    return any(t.lower_ in vocab.COMPASS_WORDS for t in doc[end : end + 3])


def _is_name_word(doc: Doc, num: _Number) -> bool:
    """'Six Flags', 'Formula One', '36 Quai des Orfèvres', 'the 737 Max', 'three quarters'."""
    first = doc[num.start]
    if not num.digits and first.is_title and not first.is_sent_start:
        return True
    if num.end < len(doc) and doc[num.end].lower_ in vocab.FRACTION_NOUNS:
        glued = num.end + 1 < len(doc) and doc[num.end + 1].text == "-"
        return not (glued and not doc[num.end].whitespace_)  # 'one half-sister' counts
    noun = _counted_noun_right(doc, num)
    if noun is None and num.end < len(doc):
        noun = doc[num.end] if doc[num.end].is_title else None  # '51 Pegasi b'
    countable = noun is not None and noun.lower_ in vocab.COUNTABLE_ACRONYMS  # 'one MP'
    return noun is not None and noun.tag_ == "NNP" and noun.ent_type_ != "NORP" and not countable


def _is_tally(doc: Doc, num: _Number) -> bool:
    """Votes and scores without a noun: 'voted 66 to 27', 'won 3 to 2'."""
    if _counted_noun_right(doc, num) is not None:
        return False
    after = doc[num.end : num.end + 2]
    before = doc[max(num.start - 2, 0) : num.start]
    return (len(after) == 2 and after[0].lower_ == "to" and _is_digits(after[1])) or (
        len(before) == 2 and before[1].lower_ == "to" and _is_digits(before[0])
    )


def _vague_is_count(doc: Doc, num: _Number) -> bool:
    """'thousands of people', 'thousands protested' yes; 'the tens digit', 'millions of
    years' (a duration) no."""
    if num.end < len(doc) and doc[num.end].lower_ == "of":
        after = doc[num.end + 1].lower_ if num.end + 1 < len(doc) else ""
        return after not in vocab.DURATION_WORDS
    if doc[num.start].lower_ in ("score", "scores"):
        return False  # 'higher scores': the noun, unless 'scores of people'
    dep = _root(doc, num.start, num.end).dep_
    return dep in _SUBJ_DEPS or dep == "dobj"


def _is_date_or_code(doc: Doc, num: _Number, strong: bool) -> bool:
    labels = {doc[k].ent_type_ for k in range(num.start, num.end)}
    if "ORDINAL" in labels:
        return True
    if strong:
        return False
    if labels & _NAME_LABELS - _PLACE_LABELS:
        return True
    if labels & _DATE_LABELS and not _counts_despite_date(doc, num):
        return True
    if num.year_like and not _approx_before(doc, num.start):
        return True
    nxt = doc[num.end] if num.end < len(doc) else None
    prev = doc[num.start - 1] if num.start > 0 else None
    if nxt is not None and (
        nxt.lower_ in vocab.ERA_WORDS
        or nxt.lower_ in vocab.TIME_WORDS
        or nxt.lower_ in vocab.DURATION_WORDS
        or nxt.text in vocab.MONTHS
    ):
        return True
    if prev is None:
        return False
    after_date = prev.lower_ in _RANGE_WORDS and num.start > 2
    if after_date and doc[num.start - 3].text in vocab.MONTHS:
        return True  # "on March 4 and 5"
    return prev.text in vocab.MONTHS


def _counts_despite_date(doc: Doc, num: _Number) -> bool:
    """The NER says DATE but the number counts a noun: 'between 36 and 40 [miners]'."""
    if num.year_like:
        return False
    noun = _counted_noun_right(doc, num)
    if noun is None:
        return _generic_subject(doc, num)
    return noun.ent_type_ not in _DATE_LABELS and noun.text not in vocab.MONTHS


def _generic_subject(doc: Doc, num: _Number) -> bool:
    """'the number of justices remains at [nine]', 'the toll rose to [39]' (not 'the
    meeting was at nine'): a bare number whose subject is a count."""
    subject = _subject_of_change(doc, _root(doc, num.start, num.end))
    return subject is not None and subject.lower_ in _COUNT_SUBJECTS


def _is_numbering(doc: Doc, num: _Number) -> bool:
    """List numbering: tagged LS, or a number opening a line followed by '.' or ')'."""
    if doc[num.start].tag_ == "LS":
        return True
    nxt = doc[num.end].text if num.end < len(doc) else ""
    prev = doc[num.start - 1].text_with_ws if num.start > 0 else "\n"
    if nxt == ")" and "(" not in prev and num.digits and num.value < 30:
        return True  # "... and 2) determining"
    return "\n" in prev and nxt in (".", ")")


def _is_label(doc: Doc, num: _Number) -> bool:
    """'Article 5', 'page 3', 'No. 10', 'Boeing 737', 'Windows 10'."""
    if num.start == 0:
        return False
    prev = doc[num.start - 1]
    if prev.lower_ in vocab.LABEL_WORDS:
        return True
    if prev.text == "." and num.start > 1 and doc[num.start - 2].lower_ == "no":
        return True  # 'the No. 3 man' when the tokenizer splits 'No.'
    if prev.is_quote and num.end < len(doc) and doc[num.end].is_quote:
        return True  # '"19" for the year': a number quoted as a word
    if prev.pos_ != "PROPN":
        return False
    return prev.ent_type_ not in _PLACE_LABELS or not _counted_noun_right(doc, num)


def _is_glued(doc: Doc, num: _Number) -> bool:
    """Numbers glued to codes, ranges, scores and phone numbers: 'MiG-29', '3-2', '555 0100'."""
    first, last = doc[num.start], doc[num.end - 1]
    if num.start > 0:
        prev = doc[num.start - 1]
        if prev.text in _DASHES and not prev.whitespace_:
            return True
        if prev.text == "(" and num.end < len(doc) and doc[num.end].text == ")":
            return True
        if prev.text[0] in _ASCII_DIGITS or prev.text in ("#", "/", "+"):
            return True
        if prev.text == ":" and not prev.whitespace_:
            return True  # '10:30'; but 'Deaths: 1,200' counts
    if num.end < len(doc):
        nxt = doc[num.end]
        if nxt.text[0] in _ASCII_DIGITS or (nxt.text in _DASHES and not last.whitespace_):
            return not _approx_after(doc, num.end)
        if _street_follows(doc, num.end):
            return True
    return first.text[0] == "0" and not num.scaled and num.value != 0


def _street_follows(doc: Doc, j: int) -> bool:
    for tok in doc[j : j + 3]:
        if not tok.is_title:
            return False
        if tok.lower_ in vocab.STREET_WORDS:
            return True
    return False


def _is_bare_word(doc: Doc, num: _Number) -> bool:
    """Unscaled numbers need support: a noun they count, 'of', or the NER's agreement."""
    first = doc[num.start]
    if first.lower_ == "one" and num.end - num.start == 1:
        return not _one_is_count(doc, num)
    if _counted_noun_right(doc, num) is not None:
        return False
    if num.decimal or not num.value.is_integer():
        return True  # '5.3', '2.0', '2.48': versions, sizes, magnitudes without a unit
    if _of_pobj(doc, num.end) is not None or _of_them(doc, num.end):
        return False
    prev = doc[num.start - 1].lower_ if num.start > 0 else ""
    root = _root(doc, num.start, num.end)
    if prev == "the" and not num.digits and root.dep_ in _SUBJ_DEPS | {"dobj"}:
        return False  # 'the twelve were arrested', 'saw the two': people named before
    if prev in _DETERMINERS or root.head.lemma_ in vocab.PHONE_VERBS:
        return True  # 'the 707 was a freighter', 'phoned 911'
    if _casualty_word(doc, num.start, num.end) is not None:
        return False  # 'killed twelve', '5,000 were killed'
    if _generic_subject(doc, num):
        return False  # 'the number of justices remains at nine'
    return not (num.digits and first.ent_type_ in _NUMBER_LABELS)


def _casualty_word(doc: Doc, start: int, end: int) -> Token | None:
    """The casualty verb or adjective a bare number counts: '[killed] twelve',
    '190 were [dead]', 'dozens [died]'."""
    root = _root(doc, start, end)
    if root.head.lower_ in _COMPARATIVES and root.head.i == end:
        root = root.head  # 'injured twenty more'
    if root.dep_ == "dobj" and root.head.lemma_ in vocab.CASUALTY_LEMMAS:
        return root.head
    for tok in doc[end : end + 3]:
        if tok.lemma_ in vocab.CASUALTY_LEMMAS or tok.lower_ in vocab.CASUALTY_LEMMAS:
            return tok if tok.pos_ in ("VERB", "ADJ") else None
        if tok.pos_ != "AUX":
            return None
    return None


def _one_is_count(doc: Doc, num: _Number) -> bool:
    """'one person died' yes; 'no one', 'one day', 'one of the', 'the one who' no."""
    if num.start > 0 and doc[num.start - 1].lower_ in _ONE_BEFORE_BLOCK:
        return False
    noun = _counted_noun_right(doc, num)
    more = num.end < len(doc) and doc[num.end].lower_ == "more"  # 'one more case'
    if noun is None or not (more or noun.lower_ not in vocab.ONE_BLOCKED_HEADS):
        return False
    return more or not _one_is_indefinite(doc, num, noun)


def _one_is_indefinite(doc: Doc, num: _Number, noun: Token) -> bool:
    """'One company told us', 'one leading expert cautions', 'one man's [view]': 'one' +
    the subject (or owner) of a clause picks someone out, it does not count (v2's
    one_pronoun); 'at least one company', 'only one vote', 'one suspect was arrested' count."""
    if noun.dep_ not in ("nsubj", "poss"):
        return False
    prev = doc[num.start - 1].lower_ if num.start > 0 else ""
    return prev not in _ONE_COUNTS_AFTER


# ---------------------------------------------------------------- what it counts


def _root(doc: Doc, start: int, end: int) -> Token:
    """The token of ``start:end`` whose head lies outside it (the last such)."""
    root = doc[end - 1]
    for tok in doc[start:end]:
        if not start <= tok.head.i < end or tok.head.i == tok.i:
            root = tok
    return root


def _counted_noun_right(doc: Doc, num: _Number) -> Token | None:
    """The noun the number modifies, to its right: '300,000 [contracts]'."""
    tok = _root(doc, num.start, num.end)
    for _ in range(3):
        head = tok.head
        if (
            tok.dep_ == "conj"
            and head.i < num.start
            and (_is_digits(head) or _is_word_number(head))
        ):
            tok = head  # "between 36 and [40] miners": 40 hangs on 36
            continue
        if tok.dep_ not in _CHAIN_DEPS or head.i < num.end:
            return None
        if (head.pos_ in _NOUNS or _nominal_verb(head)) and not _is_unitlike(head):
            ok = _attached(doc, num.start, num.end, head) and _is_word(head)
            return head if ok else None
        if head.pos_ != "NUM" and not _is_digits(head):
            return None
        tok = head  # a range: "2 and 3 [million] people"
    return None


def _nominal_verb(tok: Token) -> bool:
    """A noun the tagger took for a verb, placed as a noun: 'a 40 percent [cut] in ...'."""
    return tok.pos_ == "VERB" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr")


def _attached(doc: Doc, start: int, end: int, noun: Token) -> bool:
    """Every token between the number and its noun modifies one of them ('signed'), or
    completes a range ('36 and 40 miners')."""
    ranged = end < noun.i and doc[end].lower_ in _RANGE_WORDS
    return all(
        (start <= tok.head.i <= noun.i and _may_sit_between(tok) and not tok.like_num)
        or tok.text == "-"
        or tok.is_quote  # 'over 370 "jackal horns"'
        or (ranged and (tok.lower_ in _RANGE_WORDS or _is_digits(tok) or _is_word_number(tok)))
        for tok in doc[end : noun.i]
    )


def _is_word_number(tok: Token) -> bool:
    return tok.lower_ in vocab.NUMBER_WORDS


def _may_sit_between(tok: Token) -> bool:
    # participles used as adjectives ("300,000 [signed] contracts") are tagged VERB
    return tok.pos_ not in _NOT_BETWEEN or (tok.pos_ == "VERB" and tok.dep_ == "amod")


def _noun_next(doc: Doc, j: int) -> Token | None:
    """Fallback when the parse is broken: a plain noun right after the number ('2.5m people')."""
    if j >= len(doc) or not (doc[j].pos_ in ("NOUN", "ADJ") or doc[j].tag_ == "VBN"):
        return None  # 'VBN': '21 [confirmed] cases' when the parse makes 21 the subject
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and doc[j].head.i == j + 1:
        return nxt if _countable(nxt) else None
    return doc[j] if doc[j].pos_ == "NOUN" and _countable(doc[j]) else None


def _is_unitlike(tok: Token) -> bool:
    low = tok.lower_
    return (
        low in vocab.SCALE_WORDS
        or low in vocab.SCALE_SUFFIXES
        or low in vocab.DURATION_WORDS
        or (low,) in vocab.UNITS
        or (low,) in vocab.PERCENT_WORDS
        or (low,) in vocab.CURRENCY_WORDS
        or low in ("cent", "percentage", "per")
    )


def _of_pobj(doc: Doc, j: int, preps: frozenset[str] = _PREPS_COUNTS) -> Token | None:
    """The noun of a prepositional phrase at token ``j``: 'of [voters]', 'in [aid]'."""
    if j >= len(doc) or doc[j].lower_ not in preps:
        return None
    for child in doc[j].children:
        if child.dep_ == "pobj" and child.pos_ in _NOUNS and _countable(child):
            bare = not any(c.dep_ in ("det", "poss") for c in child.children)
            return child if bare or doc[j].lower_ != "in" else None
    return None


def _is_word(tok: Token) -> bool:
    return tok.text.replace("-", "").isalpha()


def _countable(tok: Token) -> bool:
    return (
        _is_word(tok)
        and tok.ent_type_ not in _DATE_LABELS
        and tok.ent_type_ not in ("GPE", "LOC", "CARDINAL", "MONEY", "PERCENT")
        and not _is_unitlike(tok)
    )


def _counts(doc: Doc, num: _Number, marks: _Marks) -> Span | None:
    """The short noun phrase the figure counts, or None."""
    noun = _counts_noun(doc, num, marks)
    if noun is None or noun.pos_ in _NOT_COUNTED or marks.start <= noun.i < marks.end:
        return None
    if not _is_word(noun):
        return None
    # 'the number of cases rose to 58' counts cases; but v2 says a percentage or a sum counts
    # the rate, cut, total or drop it is ('a 30 percent cut', 'a total of $78.6 billion')
    generic = noun.lower_ in vocab.GENERIC_COUNT_NOUNS and marks.kind is None
    if generic and not num.fraction:  # 'a two-thirds majority'
        noun = _of_pobj(doc, noun.i + 1)
        if noun is None:
            return None
    return _phrase(doc, noun, marks.end if noun.i >= marks.end else 0)


def _counts_noun(doc: Doc, num: _Number, marks: _Marks) -> Token | None:
    if marks.kind == "age":
        return _age_noun(doc, num, marks)
    preps = _PREPS_MONEY if marks.kind == "money" else _PREPS_COUNTS
    right = _of_pobj(doc, marks.end, preps)
    if right is not None:
        return right
    if _of_them(doc, marks.end):
        return _plural_before(doc, num.start, num.start)
    if marks.kind is None:
        noun = _counted_noun_right(doc, num)
    else:
        noun = _counted_noun_right(doc, _Number(marks.start, marks.end, 0.0))
    if noun is not None:
        return noun
    if marks.end < len(doc) and doc[marks.end].lower_ in vocab.CASUALTY_WORDS:
        return doc[marks.end]
    if marks.kind is None and (word := _casualty_word(doc, num.start, num.end)) is not None:
        return word
    if marks.kind is None and (noun := _noun_next(doc, marks.end)) is not None:
        return noun
    if marks.kind is None and (noun := _noun_before(doc, num)) is not None:
        return noun
    if marks.kind == "percent" and (noun := _compared_noun(doc, marks.end)) is not None:
        return noun
    root = _root(doc, marks.start, marks.end)
    found = _subject_of_change(doc, root) or _noun_of(doc, marks)
    if found is None and marks.kind == "duration":
        found = _lasting_thing(root)
    if found is None and marks.kind in ("money", "percent"):
        found = _share_or_sum_of_verb(root, marks.kind == "money")
    if found is None and marks.kind in ("money", "measure"):
        found = _per_noun(doc, marks) or _valued_thing(root, marks.kind == "money")
    return found


def _lasting_thing(root: Token) -> Token | None:
    """What a duration is the length of, when a verb says so: '[the hearing] lasted 320
    minutes', '[the war] has been ongoing for seventeen years', '[most prorogations] have
    been for at most two weeks'. Adverbial durations ('worked for 18 months') count nothing."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "for":
        head = head.head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "attr"):
            head = head.head  # 'has been ongoing for ...'
        if head.lemma_ != "be":
            return None
        subject = _clause_subject(head)  # a thing, not 'Clinton had been in office for ...'
        return subject if subject is not None and subject.pos_ == "NOUN" else None
    if root.dep_ not in ("dobj", "npadvmod") or head.lemma_ not in vocab.LASTING_VERBS:
        return None
    return _clause_subject(head)


def _share_or_sum_of_verb(root: Token, money: bool) -> Token | None:
    """What a percentage or a sum hanging from a verb counts (guideline v2): the money verb
    itself ('spent [$24 billion]', 'raising $1 trillion', '$80 billion [budgeted]'); the
    object a change applies to ('lowering [the corporate rate] to 20 percent', 'reduces
    [spending] 4 percent'); else the subject ('[Haddad] had 44.5 percent', '[the market] grew
    23%')."""
    if money:
        for child in root.children:
            if child.dep_ == "acl" and child.lemma_ in vocab.MONEY_VERBS:
                return child  # '$80 billion budgeted for ...'
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # 'cost between $300 and [$400 billion]'
    via, verb = root, root.head
    if root.dep_ == "pobj" and verb.lower_ == "with" and not money:
        # 'Clinton leads with 45%', 'passed with 61%': the share the subject holds
        return _clause_subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if root.dep_ == "pobj" and verb.lower_ == "at" and money:
        # 'bail was set at $50,000', 'the house is valued at £2 million'
        return _clause_subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if root.dep_ == "pobj" and verb.lower_ in ("to", "by", "from", "at"):
        via, verb = verb, verb.head
    elif root.dep_ not in ("dobj", "attr", "npadvmod", "nsubjpass"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == root.i:
        return None
    if money and verb.lemma_ in vocab.MONEY_VERBS and via is root and root.dep_ == "dobj":
        return verb
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i != root.i), None)
    if obj is not None and (via is not root or root.dep_ == "npadvmod"):
        return obj if obj.pos_ in _NOUNS else None
    if money and verb.lemma_ not in vocab.CHANGE_VERBS:
        return None
    return _clause_subject(verb)  # 'the market grew 23%', '... and went for X by 47 points'


def _noun_before(doc: Doc, num: _Number) -> Token | None:
    """An elliptical count whose noun came first: 'Deaths: [1,200]', 'registered reservists
    by then, [41,000]', 'the most pledged delegates, with [60]': after a comma or colon, the
    nearest plural noun earlier in the sentence (guideline: an elliptical number counts the
    noun earlier in the same sentence)."""
    k = num.start - 1
    while k >= 0 and (_is_hedge(doc[k]) or doc[k].lower_ == "with"):
        k -= 1
    if k < 1 or doc[k].text not in (",", ":"):
        return None
    return _plural_before(doc, num.start, k, stop_at_numbers=True)


def _of_them(doc: Doc, j: int) -> bool:
    """'three of them', 'three-fourths of those': a share of something named before."""
    return j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in _OF_PRONOUNS


def _plural_before(doc: Doc, num_start: int, k: int, stop_at_numbers: bool = False) -> Token | None:
    """The nearest plural noun before token ``k`` in the sentence of ``num_start`` (within
    20 tokens)."""
    sent_start = doc[num_start].sent.start
    for tok in reversed(doc[max(sent_start, k - 12) : k]):
        if (
            tok.tag_ in ("NNS", "NNPS")
            and _countable(tok)
            and tok.lower_ not in vocab.GALLERY_WORDS
        ):
            return tok
        if stop_at_numbers and (tok.like_num or tok.lower_ in vocab.NUMBER_WORDS):
            return None  # a noun with its own number: 'tanks, 40 in all' stays open
    return None


def _compared_noun(doc: Doc, j: int) -> Token | None:
    """'85% more [wildfires]', '20 percent fewer [flights]'."""
    if j + 1 < len(doc) and doc[j].lower_ in _COMPARATIVES and doc[j + 1].pos_ == "NOUN":
        return doc[j + 1]
    return None


def _per_noun(doc: Doc, marks: _Marks) -> Token | None:
    """'US$80 million per [astronaut]'."""
    j = marks.end
    if marks.kind == "money" and j + 1 < len(doc) and doc[j].lower_ == "per":
        return doc[j + 1] if doc[j + 1].pos_ == "NOUN" else None
    return None


def _valued_thing(root: Token, money: bool) -> Token | None:
    """What a sum values or a measure measures, read through the verb it hangs from:
    '[the contract] is valued at $4.2bn', '[missions], which ran $1.5bn apiece',
    'a [trust fund] worth $5m', 'raise [the wage] to $15', '[Easter Island] is located
    2,300 miles off ...', '[Humberto] was moving at 3 mph'."""
    tok = root
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and not _is_unitlike(tok.head):
        return tok.head  # 'levels typical of sea water, [0.2 moles per cubic meter]'
    for _ in range(4):
        head = tok.head
        if tok.dep_ == "conj" and head.i < tok.i:
            tok = head  # '2,300 miles off the coast and [1,100 miles] from ...'
            continue
        if head.lower_ == "worth":
            return head.head if head.head.pos_ in _NOUNS else None
        if head.pos_ in ("VERB", "AUX"):
            return _thing_of_verb(head, tok, money)
        if head.pos_ in _NOUNS and tok.i != root.i and tok.pos_ == "ADJ":
            return head  # 'waves [over 30 feet] high', 'a 75 ft long boat'
        if head.i == tok.i or head.pos_ in _NOUNS:
            return None
        if tok.i == root.i and tok.dep_ == "pobj" and head.lower_ not in _MEASURE_PREPS:
            return None  # 'warned of floods, with 30 inches of rain': not the subject's
        tok = head
    return None


def _thing_of_verb(verb: Token, via: Token, money: bool) -> Token | None:
    if via.lower_ == "to":  # 'raise the wage to $15'
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ in _NOUNS:
            return obj
    if money and verb.lemma_ not in vocab.VALUE_VERBS:
        return None
    if not money:  # 'placed [Humberto] 785 miles west of Bermuda'
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < via.i), None)
        if obj is not None and obj.pos_ in _NOUNS and not _is_unitlike(obj):
            return obj
    if verb.dep_ == "relcl" and any(c.lower_ in _RELATIVES for c in verb.children):
        return verb.head if verb.head.pos_ in _NOUNS else None
    return _clause_subject(verb)


def _age_noun(doc: Doc, num: _Number, marks: _Marks) -> Token | None:
    if marks.age_prefix:
        word = doc[marks.age_word]
        if word.lower_ == "aged" and word.head.pos_ in _NOUNS and word.head.i != word.i:
            return word.head  # "a man aged 45", "Brenton Tarrant, aged 28"
        return _age_holder(word)
    root = _root(doc, marks.start, marks.end)
    if root.head.pos_ in _NOUNS and root.head.i >= marks.end:
        return root.head
    if root.dep_ == "attr" and (subj := _age_subject(root.head)) is not None:
        return subj if subj.pos_ == "PROPN" else None
    return _subject_of_change(doc, root)


def _age_holder(word: Token) -> Token | None:
    """Whose age 'at the age of 95' gives: the noun the phrase hangs from, else the subject
    of its clause ('Vanderbilt died at the age of 95'); None for a pronoun."""
    tok = word
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        # a noun it hangs from, but not 'at 10 am local time'
        if (
            tok.pos_ in _NOUNS
            and tok.lower_ not in _AGE_WORDS
            and tok.ent_type_ not in _DATE_LABELS
        ):
            return tok
        if tok.pos_ in ("VERB", "AUX"):
            return _clause_subject(tok)
    return None


def _clause_subject(verb: Token) -> Token | None:
    """The noun subject of ``verb``, or of the verb it is coordinated with."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in _SUBJ_DEPS:
                return child if child.pos_ in _NOUNS else None
        if verb.dep_ not in ("conj", "xcomp"):
            return None
        verb = verb.head
    return None


def _subject_of_change(doc: Doc, root: Token) -> Token | None:
    """'unemployment rose to [5%]', 'the death toll reached [39]', 'the toll is [39]'."""
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ in ("to", "at", "by"):
        verb = verb.head
    elif root.dep_ not in ("dobj", "attr"):
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in vocab.CHANGE_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in _SUBJ_DEPS and child.pos_ == "NOUN":
            return child
    return None


def _noun_of(doc: Doc, marks: _Marks) -> Token | None:
    """'a population of [300,000]', 'a crowd of 5,000': the noun the 'of' hangs from."""
    root = _root(doc, marks.start, marks.end)
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or not prep.i < marks.start <= prep.i + 3:
        return None
    if any(not _is_hedge(t) for t in doc[prep.i + 1 : marks.start]):
        return None  # only 'winds of [at least] 111 mph'
    noun = prep.head
    return noun if noun.pos_ == "NOUN" and noun.i < prep.i else None


def _is_hedge(tok: Token) -> bool:
    return tok.lower_ in _HEDGE_WORDS


def _phrase(doc: Doc, noun: Token, lo: int) -> Span:
    """The noun with its adjacent adjectives and compounds ('signed contracts')."""
    start, words = noun.i, 1
    while start - 1 >= lo and words < _MAX_COUNTS_TOKENS:
        tok = doc[start - 1]
        inside = start <= tok.head.i <= noun.i
        hyphen = tok.text == "-" and not tok.whitespace_ and start - 2 >= lo
        if not (inside and (tok.dep_ in _MODIFIER_DEPS or hyphen)) or _bad_modifier(tok):
            break
        start, words = start - 1, words + (not hyphen)
    glued = start - 2 >= lo and doc[start - 1].text == "-" and not doc[start - 2].whitespace_
    if glued and _is_word(doc[start - 2]):
        start -= 2  # keep 'world-wide' whole
    while doc[start].text == "-":
        start += 1
    return doc[start : noun.i + 1]


def _bad_modifier(tok: Token) -> bool:
    if tok.text == "-":
        return False
    return (
        tok.lower_ in _COMPARATIVES  # 'one more case' counts cases
        or tok.pos_ in _NOT_COUNTED
        or tok.like_num
        or tok.lower_ in vocab.NUMBER_WORDS
        or tok.ent_type_ in _NUMBER_LABELS
        or tok.ent_type_ in _DATE_LABELS
        or _is_unitlike(tok)
    )


# ---------------------------------------------------------------- assembling figures


def _figure_type(num: _Number, marks: _Marks) -> FigureType:
    if marks.kind is not None:
        return marks.kind
    whole = num.value.is_integer() and not num.decimal
    return "count" if num.scaled or num.vague or whole else "other"


def _candidate(doc: Doc, i: int, follow: bool = True) -> tuple[_Number, _Marks] | None:
    """The number expression (with its currency, unit, hedges) beginning at token ``i``."""
    glued = _read_glued_code(doc, i)
    if glued is not None:
        return glued[0], _read_markers(doc, glued[0], glued[1], i)
    currency = _currency_before(doc, i)
    start = i
    if currency is not None:
        i += 1
        if i >= len(doc) or doc[i].text[0] not in _ASCII_DIGITS:
            return None
    num = _read_number(doc, i)
    if num is None or _names_race(doc, num):
        return None
    _join_range(doc, num)
    if num.bare_b and currency is None:
        return None
    marks = _read_markers(doc, num, currency, start)
    if num.fraction:
        marks.kind, marks.unit, marks.end = "other", None, num.end
    if marks.kind is None and num.start > 0:
        _age_around(doc, num, marks)
    if marks.kind is None and num.start > 0:
        _unit_before(doc, num, marks)
    if follow and marks.end + 1 < len(doc) and doc[marks.end].lower_ in _RANGE_WORDS:
        other = _candidate(doc, marks.end + 1, follow=False)
        if other is not None and _rejected(doc, *other):
            marks.pair_rejected = True  # 'between one and five million years'
        elif other is not None:
            _inherit_forward(num, marks, *other)
    return num, marks


def _names_race(doc: Doc, num: _Number) -> bool:
    """'the 100m sprint', 'the 400 m hurdles': metres naming a race, not millions."""
    j = num.end
    glued = doc[j - 1].lower_.endswith("m")
    if not glued and j < len(doc) and doc[j].lower_ in _METRES:
        glued, j = True, j + 1
    return glued and num.digits and j < len(doc) and doc[j].lower_ in vocab.RACE_WORDS


def _unit_before(doc: Doc, num: _Number, marks: _Marks) -> None:
    """'magnitude 6.3'."""
    unit = vocab.UNITS_BEFORE.get(doc[num.start - 1].lower_)
    if unit is not None:
        marks.kind, marks.unit = "measure", unit


def _inherit_forward(num: _Number, marks: _Marks, other: _Number, omarks: _Marks) -> None:
    """'between $300 and 400 billion', 'three to six feet': the first takes the second's
    scale, and its unit when it has none."""
    if num.scale == 1.0 and other.scale != 1.0 and num.value < other.value / other.scale:
        num.value *= other.scale
        num.scale, num.scaled = other.scale, True
    if marks.kind is None and omarks.kind in ("money", "percent", "measure", "age", "duration"):
        marks.kind, marks.unit = omarks.kind, omarks.unit


def _inherit_back(doc: Doc, prev: _Marks | None, marks: _Marks) -> None:
    """'between US$300 and 400 billion': the second takes the first's currency symbol."""
    if prev is None or not prev.symbol or marks.kind is not None:
        return
    if marks.start == prev.end + 1 and doc[prev.end].lower_ in _RANGE_WORDS:
        marks.kind, marks.unit = "money", prev.unit


def _age_around(doc: Doc, num: _Number, marks: _Marks) -> None:
    """'aged 45', 'at the age of 95', 'ages 14 and 18' and 'John Smith, 45,' are ages."""
    prev = doc[num.start - 1]
    if num.scaled or num.vague or num.decimal or not 0 < num.value < 120:
        return
    word = _age_word_before(doc, num.start)
    if word is not None:
        marks.kind, marks.unit, marks.age_prefix, marks.age_word = "age", "years", True, word
        return
    after = doc[num.end].text if num.end < len(doc) else ""
    person = prev.text == "," and num.start > 1 and _may_have_age(doc[num.start - 2])
    appositive = person and after in (",", ")", ";") and num.digits
    if appositive or _is_age_predicate(doc, num):
        marks.kind, marks.unit = "age", "years"


def _age_word_before(doc: Doc, start: int) -> int | None:
    """'aged [45]', 'the age of [95]', 'ages of 14 and [18]', 'in age from 21 to [78]'."""
    for k in range(start - 1, max(start - 6, -1), -1):
        low = doc[k].lower_
        if low in _AGE_WORDS:
            return k
        if not (low in _AGE_LINKS or _is_digits(doc[k]) or low in vocab.NUMBER_WORDS):
            return None
    return None


def _may_have_age(tok: Token) -> bool:
    """'Sirhan, 75,': a name (the NER may call it a place) but not a month or a date."""
    if tok.ent_type_ == "PERSON":
        return True
    labels = _DATE_LABELS | _NUMBER_LABELS
    return tok.pos_ == "PROPN" and tok.ent_type_ not in labels and tok.text not in vocab.MONTHS


def _is_age_predicate(doc: Doc, num: _Number) -> bool:
    """'She was 26.', 'Hagan was 66.', 'He would have been 80 on February 20.'"""
    root = _root(doc, num.start, num.end)
    if root.dep_ != "attr" or root.head.lemma_ != "be" or not num.value.is_integer():
        return False
    nxt = doc[num.end] if num.end < len(doc) else None
    if nxt is not None and not (nxt.is_punct or nxt.lower_ in ("on", "at", "when", "in", "and")):
        return False
    return _age_subject(root.head) is not None


def _age_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and (
            child.pos_ == "PROPN" or child.lower_ in ("he", "she", "i", "you")
        ):
            return child
    return None


def _build(doc: Doc, num: _Number, marks: _Marks) -> Figure:
    start = doc[marks.start].idx
    last = doc[marks.end - 1]
    end = last.idx + len(last.text)
    counts = _counts(doc, num, marks)
    if marks.kind == "age" and counts is None:
        counts = _person_before(doc, marks)
    if marks.kind is None and counts is not None:
        unit = vocab.UNIT_NOUNS.get(counts.root.lower_)
        if unit is not None:
            marks.kind, marks.unit = "measure", unit
    if counts is not None and counts.root.lower_ == marks.unit:
        counts = None  # "a magnitude of 4.0" measures nothing more than its unit
    return Figure(
        start=start,
        end=end,
        surface=doc[marks.start : marks.end].text,
        value=num.value,
        unit=marks.unit,
        type=_figure_type(num, marks),
        approx=marks.approx,
        counts=counts.text if counts is not None else None,
        counts_start=counts.start_char if counts is not None else None,
        counts_end=counts.end_char if counts is not None else None,
    )


def _person_before(doc: Doc, marks: _Marks) -> Span | None:
    """'John Smith, 45,': the PERSON entity before the comma."""
    if marks.start < 2 or doc[marks.start - 1].text != ",":
        return None
    tok = doc[marks.start - 2]
    while tok.dep_ == "pobj" and tok.head.head.pos_ in _NOUNS and tok.head.head.i < tok.i:
        tok = tok.head.head  # 'Gutierrez of the diocese in the Philippines, 79,'
    if not _may_have_age(tok):
        return None
    if tok.ent_type_ == "PERSON":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return doc[start : tok.i + 1]


def _may_start(tok: Token) -> bool:
    return (
        tok.text[0] in _ASCII_DIGITS
        or (tok.text[0] == "~" and tok.text[1:2].isdigit())
        or tok.lower_ in _STARTERS
        or tok.text[:3] in vocab.CURRENCY_CODES
    )


def extract_figures(doc: Doc) -> list[Figure]:
    """Every number in ``doc`` that counts or measures something, in text order."""
    figures: list[Figure] = []
    i, n = 0, len(doc)
    prev: _Marks | None = None
    kept = -1  # token end of the last figure kept
    while i < n:
        found = _candidate(doc, i) if _may_start(doc[i]) else None
        if found is None:
            i += 1
            continue
        num, marks = found
        _inherit_back(doc, prev, marks)
        if not _rejected(doc, num, marks):
            fig = _build(doc, num, marks)
            if fig.counts is None and figures and _converts(doc, kept, marks.start):
                fig = _with_counts_of(fig, figures[-1])
            figures.append(fig)
            kept = marks.end
        i, prev = max(marks.end, i + 1), marks
    return _elliptical_shares(doc, _range_ends(doc.text, _share_out_of(doc.text, figures)))


def _share_out_of(text: str, figures: list[Figure]) -> list[Figure]:
    """'17 out of 18 districts': the first counts what the second counts."""
    for k in range(len(figures) - 1, 0, -1):
        fig, nxt = figures[k - 1], figures[k]
        if nxt.counts is not None and text[fig.end : nxt.start] == " out of ":
            figures[k - 1] = _with_counts_of(fig, nxt)
    return figures


_RANGE_GAPS = frozenset({" to ", " and ", " or ", "-", "–", " - ", " – ", "- to "})


def _range_ends(text: str, figures: list[Figure]) -> list[Figure]:
    """'between 40 and 50 percent of voters': both ends count what either counts."""
    for k in range(len(figures) - 1):
        a, b = figures[k], figures[k + 1]
        if a.type != b.type or text[a.end : b.start] not in _RANGE_GAPS:
            continue
        if a.counts is None and b.counts is not None:
            figures[k] = _with_counts_of(a, b)
        elif b.counts is None and a.counts is not None:
            figures[k + 1] = _with_counts_of(b, a)
    return figures


def _elliptical_shares(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """'29% of Americans ..., compared to [33%]', 'to 20 percent, down from [35 percent]':
    a percentage or sum that counts nothing counts what the previous one of its unit in the
    same sentence counts (guideline: an elliptical number counts the noun earlier on)."""
    for k in range(1, len(figures)):
        fig = figures[k]
        if fig.counts is not None or fig.type not in ("percent", "money"):
            continue
        prev = next(
            (p for p in reversed(figures[:k]) if p.type == fig.type and p.unit == fig.unit), None
        )
        if prev is None or prev.counts is None:
            continue
        here = doc.char_span(fig.start, fig.end, alignment_mode="expand")
        there = doc.char_span(prev.start, prev.end, alignment_mode="expand")
        if here is not None and there is not None and here.sent.start == there.sent.start:
            figures[k] = _with_counts_of(fig, prev)
    return figures


def _converts(doc: Doc, prev_end: int, start: int) -> bool:
    """'30 mph ([45 km/h])': a conversion in brackets right after the previous figure."""
    between = doc[prev_end:start] if prev_end >= 0 else doc[0:0]
    return (
        0 < len(between) <= 3
        and between[0].text == "("
        and all(t.text == "(" or t.lower_ in _CONVERSION_HEDGES for t in between)
    )


def _with_counts_of(fig: Figure, prev: Figure) -> Figure:
    return replace(
        fig, counts=prev.counts, counts_start=prev.counts_start, counts_end=prev.counts_end
    )
