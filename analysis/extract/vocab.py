"""Vocabulary is data: reporting verbs and nouns, titles, pronouns, number words and units.

Rules elsewhere look words up here instead of growing ``if`` chains. Lists follow textacy's
``REPORTING_VERBS`` and the SFU Gender Gap Tracker's quote-verb list, extended by hand for news
usage (Asr et al. 2021, "The Gender Gap Tracker", PLOS ONE).
"""

from __future__ import annotations

import json
from pathlib import Path

# ---------------------------------------------------------------- statements
# Lemmas of verbs that introduce speech ("said", "told reporters", "warned that").
REPORTING_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "claim",
        "argue",
        "warn",
        "announce",
        "insist",
        "explain",
        "note",
        "suggest",
        "report",
        "confirm",
        "deny",
        "affirm",
        "stress",
        "emphasize",
        "emphasise",
        "acknowledge",
        "admit",
        "point",
        "declare",
        "reply",
        "respond",
        "answer",
        "write",
        "tweet",
        "post",
        "comment",
        "remark",
        "observe",
        "recall",
        "predict",
        "promise",
        "vow",
        "pledge",
        "assert",
        "maintain",
        "contend",
        "allege",
        "concede",
        "complain",
        "accuse",
        "charge",
        "caution",
        "urge",
        "ask",
        "demand",
        "testify",
        "reveal",
        "disclose",
        "describe",
        "call",
        "reiterate",
        "repeat",
        "conclude",
        "estimate",
        "indicate",
        "mention",
        "boast",
        "joke",
        "quip",
        "lament",
        "agree",
        "disagree",
        "dispute",
        "counter",
        "retort",
        "shout",
        "scream",
        "whisper",
        "cry",
        "yell",
        "proclaim",
        "announce",
        "concede",
        "guarantee",
        "assure",
        "reassure",
        "threaten",
        "hint",
        "signal",
        "underline",
        "underscore",
        "highlight",
        "recount",
        "relate",
        "tell",
        "inform",
        "notify",
        "advise",
    ]
)

# Verbs that report speech only right beside a quotation ('"...," she continued.'); elsewhere
# they report nothing ("prices continued to rise"), so only the quote rule reads them.
QUOTE_VERBS: frozenset[str] = frozenset({"continue", "interject", "chant"})

# Verbs of belief or position: "officials believe that ...". Kept as their own kind so a
# reporter can filter them out (PolNeAR annotates them as attributions too).
BELIEF_VERBS: frozenset[str] = frozenset(
    [
        "believe",
        "think",
        "feel",
        "expect",
        "hope",
        "fear",
        "worry",
        "doubt",
        "know",
        "understand",
        "consider",
    ]
)

# Common nouns for people or bodies that can hold a position ("critics endorsed ...").
SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    critic supporter opponent voter resident official lawmaker leader member activist
    protester worker union expert analyst observer investor economist scientist people
    woman man parent student teacher citizen democrat republican conservative liberal
    administration campaign committee group organization organisation party country
    nation state city government court board council agency ministry company firm
    newspaper editorial report poll survey study magazine network outlet
    """.split()
)

# Verbs by which a poll, study or document reports: "the poll found that ...".
EVIDENCE_VERBS: frozenset[str] = frozenset(
    "show find reveal indicate conclude demonstrate suggest estimate project".split()
)

# Verbs whose object states a position: "endorsed Clinton", "called for a ban",
# "criticized the deal". PolNeAR annotates these as attributions; kept as kind "position".
POSITION_VERBS: frozenset[str] = frozenset(
    """
    endorse support back oppose criticize criticise praise condemn defend blame accuse
    urge demand seek want propose recommend favor favour advocate reject dismiss
    question cite welcome applaud slam attack denounce tout champion embrace decline
    refuse vow pledge plan hope intend offer call describe mention discuss address
    highlight push threaten attribute credit dispute challenge ask
    """.split()
)

# Cues that report something said, written or found. A clause after any other cue ("X wants
# to ...", "X seems to ...", "the truth is that ...") is a stance or the writer's own text, not
# a statement: it is stored as kind "position", which the default views leave out. On 240
# stored direct/indirect/mixed rows from 110 AllSides articles read by hand
# (tests/gold/statements_check), rows with these cues were 92% real statements, the rest 34%.
SPEECH_CUES: frozenset[str] = (
    REPORTING_VERBS
    | EVIDENCE_VERBS
    | QUOTE_VERBS
    | frozenset(
        """
    accord according detail reaffirm rule dub determine discover pronounce express voice echo
    quote outline issue release publish articulate email retweet imply plead wonder label
    liken blast slam criticize criticise condemn denounce lambast decry bemoan mock praise
    hail apologize apologise question acknowledge concur rebut recommend propose
    """.split()
    )
)

# Cue verbs learned from PolNeAR's train split by ``python -m analysis.dev.training`` (lemmas and
# counts only). Used like POSITION_VERBS.
LEARNED_CUES: frozenset[str] = frozenset(
    json.loads((Path(__file__).with_name("cues.json")).read_text(encoding="utf-8"))["verbs"]
)

# Nouns that carry a statement: "in a statement", "X's claim that ...".
REPORTING_NOUNS: frozenset[str] = frozenset(
    [
        "statement",
        "claim",
        "claims",
        "remarks",
        "comment",
        "comments",
        "interview",
        "speech",
        "testimony",
        "announcement",
        "tweet",
        "post",
        "letter",
        "report",
        "warning",
        "assertion",
        "argument",
        "allegation",
        "accusation",
        "denial",
    ]
)

# Multi-word attribution cues handled by dedicated rules.
ACCORDING_TO = ("according", "to")

# Pronouns that can stand for a speaker, with their grammatical gender/number.
PRONOUNS: dict[str, str] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": "p",
    "them": "p",
    "we": "p",
    "i": "s",
}

HONORIFICS: dict[str, str] = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dame": "f",
    "dr": "",
    "dr.": "",
}

# Head nouns of role/title phrases: "the Russian leader", "the Belarusian President".
TITLE_NOUNS: frozenset[str] = frozenset(
    [
        "president",
        "leader",
        "minister",
        "chancellor",
        "premier",
        "prime",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "mayor",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "speaker",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "chief",
        "ceo",
        "head",
        "commander",
        "general",
        "admiral",
        "ambassador",
        "official",
        "officer",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "bishop",
        "judge",
        "justice",
        "attorney",
        "counterpart",
        "candidate",
        "nominee",
        "lawmaker",
        "legislator",
        "councillor",
        "councilor",
        "deputy",
        "envoy",
        "diplomat",
        "monarch",
        "sheikh",
        "ayatollah",
        "dictator",
        "coach",
        "captain",
        "manager",
        "founder",
        "executive",
        "economist",
        "analyst",
        "professor",
        "scientist",
        "researcher",
        "doctor",
        "expert",
        "lawyer",
        "activist",
        "striker",
        "footballer",
        "midfielder",
        "defender",
        "goalkeeper",
        "player",
        "athlete",
        "singer",
        "actor",
        "actress",
        "author",
        "writer",
        "journalist",
        "reporter",
        "editor",
        "columnist",
        "historian",
        "epidemiologist",
        "nurse",
        "farmer",
        "teacher",
        "student",
        "pastor",
        "rabbi",
        "imam",
        "priest",
        "inspector",
        "detective",
        "sergeant",
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "commissioner",
        "superintendent",
        "prosecutor",
        "magistrate",
    ]
)

# Sources that are organisations even when the NER misses them ("the Kremlin").
ORG_HEADS: frozenset[str] = frozenset(
    [
        "kremlin",
        "pentagon",
        "ministry",
        "department",
        "agency",
        "government",
        "administration",
        "office",
        "council",
        "committee",
        "commission",
        "police",
        "army",
        "military",
        "court",
        "company",
        "firm",
        "campaign",
        "party",
        "white",
        "house",
        "spokesman",
        "union",
        "organization",
        "organisation",
        "group",
        "institute",
        "university",
        "bank",
    ]
)

# Organisations whose common noun is their name: "police said", "the Kremlin said".
SELF_NAMED_ORGS: frozenset[str] = frozenset(
    "police kremlin pentagon military army navy prosecutors firefighters".split()
)

# Quotation marks: opening → closing. Straight quotes are their own pair.
QUOTE_PAIRS: dict[str, str] = {
    '"': '"',
    "\u201c": "\u201d",  # “ ”
    "\u201e": "\u201c",  # „ “ (German style, sometimes seen in wires)
    "\u00ab": "\u00bb",  # « »
}

# Words after a colon at the end of a headline that are labels, not speakers.
HEADLINE_LABELS: frozenset[str] = frozenset(
    """
    live update updates analysis opinion video photos pictures explainer review report
    interview timeline factbox q&a breaking exclusive watch listen podcast editorial
    """.split()
)

# ---------------------------------------------------------------- figures
# (the figures extractor owns the section below)
# Everything below is looked up by ``analysis.extract.figures``. Keys are lower-cased token
# texts; multi-word entries are tuples of lower-cased tokens as spaCy splits them.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p.split()) for p in text.split(",") if p.strip())


# Cardinal number words and their values ("twenty-five" is read as twenty + five).
NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Multipliers written as words: "1.5 million", "two hundred thousand", "a dozen".
SCALE_WORDS: dict[str, float] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}

# Multipliers written as abbreviations, attached ("$2bn") or split off by spaCy ("5", "m").
# "m" is read as million (news style: "5m people"), never as metres; "b" only with money.
SCALE_SUFFIXES: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}

# Plural scale words used as vague quantities: "tens of thousands", "hundreds of people".
# The value is the order of magnitude and the figure is always approximate.
VAGUE_NUMBERS: dict[str, float] = {
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}

# Fractions that scale a following "a million": "half a million", "a quarter of a million".
FRACTION_WORDS: dict[str, float] = {"half": 0.5}

# Currency symbols written before the number ("$2bn", "US$5m", "£1.5 million").
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
    "s$": "SGD",
    "r$": "BRL",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₦": "NGN",
    "₪": "ILS",
}

# ISO 4217 codes, matched case-sensitively before or after the number ("USD 5m", "5bn EUR").
CURRENCY_CODES: frozenset[str] = _words(
    """
    USD GBP EUR JPY CNY RUB INR AUD CAD CHF HKD NZD SGD BRL MXN ZAR NGN KES EGP TRY UAH
    ILS AED IRR PKR BDT KRW SEK NOK DKK PLN CZK HUF
    """
)

# Currency names written after the number ("2 billion dollars", "500 million roubles").
CURRENCY_WORDS: dict[tuple[str, ...], str] = {
    ("dollars",): "USD",
    ("dollar",): "USD",
    ("us", "dollars"): "USD",
    ("u.s.", "dollars"): "USD",
    ("us", "dollar"): "USD",
    ("u.s.", "dollar"): "USD",
    ("american", "dollars"): "USD",
    ("australian", "dollars"): "AUD",
    ("canadian", "dollars"): "CAD",
    ("hong", "kong", "dollars"): "HKD",
    ("new", "zealand", "dollars"): "NZD",
    ("singapore", "dollars"): "SGD",
    ("euros",): "EUR",
    ("euro",): "EUR",
    ("pounds", "sterling"): "GBP",
    ("pounds",): "GBP",  # see POUND_WORDS
    ("pound",): "GBP",
    ("pound", "sterling"): "GBP",
    ("sterling",): "GBP",
    ("egyptian", "pounds"): "EGP",
    ("rubles",): "RUB",
    ("roubles",): "RUB",
    ("ruble",): "RUB",
    ("rouble",): "RUB",
    ("yuan",): "CNY",
    ("renminbi",): "CNY",
    ("rmb",): "CNY",
    ("yen",): "JPY",
    ("rupees",): "INR",
    ("rupee",): "INR",
    ("pakistani", "rupees"): "PKR",
    ("swiss", "francs"): "CHF",
    ("hryvnias",): "UAH",
    ("hryvnia",): "UAH",
    ("hryvnyas",): "UAH",
    ("shekels",): "ILS",
    ("riyals",): "SAR",
    ("rials",): "IRR",
    ("rand",): "ZAR",
    ("naira",): "NGN",
    ("reais",): "BRL",
    ("lira",): "TRY",
    ("liras",): "TRY",
    ("zlotys",): "PLN",
    ("zloty",): "PLN",
    ("kronor",): "SEK",
    ("won",): "KRW",  # only after a scale word: "5 billion won" (else the verb)
}

# "pounds" is GBP only when the context says money (a scale of a million or more, or a
# money verb such as "paid"); otherwise it is a weight ("lb").
POUND_WORDS: frozenset[str] = frozenset({"pound", "pounds"})
MONEY_VERBS: frozenset[str] = _words(
    """
    pay cost spend fine raise earn donate invest fund owe budget price sell buy award
    charge lend borrow loan pledge allocate grant compensate bill worth save lose
    """
)

# Percent markers after the number. "percentage points" gets its own unit, "pp".
PERCENT_WORDS: dict[tuple[str, ...], str] = {
    ("%",): "%",
    ("percent",): "%",
    ("per", "cent"): "%",
    ("pct",): "%",
    ("percentage", "points"): "pp",
    ("percentage", "point"): "pp",
    ("percentage", "-", "points"): "pp",
    ("percentage", "-", "point"): "pp",
}

# Units of measure after the number (or after a hyphen: "a 10-km stretch"), canonicalised.
UNITS: dict[tuple[str, ...], str] = {
    ("km",): "km",
    ("kms",): "km",
    ("kilometres",): "km",
    ("kilometers",): "km",
    ("kilometre",): "km",
    ("kilometer",): "km",
    ("metres",): "m",
    ("meters",): "m",
    ("metre",): "m",
    ("meter",): "m",
    ("cm",): "cm",
    ("centimetres",): "cm",
    ("centimeters",): "cm",
    ("µm",): "µm",
    ("micrometres",): "µm",
    ("micrometers",): "µm",
    ("microns",): "µm",
    ("micron",): "µm",
    ("mm",): "mm",
    ("millimetres",): "mm",
    ("millimeters",): "mm",
    ("miles",): "mi",
    ("mile",): "mi",
    ("feet",): "ft",
    ("foot",): "ft",
    ("ft",): "ft",
    ("inches",): "in",
    ("inch",): "in",
    ("yards",): "yd",
    ("light", "-", "years"): "ly",
    ("light", "-", "year"): "ly",
    ("light", "years"): "ly",
    ("astronomical", "units"): "AU",
    ("astronomical", "unit"): "AU",
    ("sq", "km"): "km2",
    ("square", "kilometres"): "km2",
    ("square", "kilometers"): "km2",
    ("km2",): "km2",
    ("km²",): "km2",
    ("square", "miles"): "mi2",
    ("sq", "miles"): "mi2",
    ("square", "metres"): "m2",
    ("square", "meters"): "m2",
    ("square", "feet"): "ft2",
    ("sq", "ft"): "ft2",
    ("acres",): "acre",
    ("acre",): "acre",
    ("hectares",): "ha",
    ("hectare",): "ha",
    ("ha",): "ha",
    ("kg",): "kg",
    ("kgs",): "kg",
    ("kilograms",): "kg",
    ("kilogrammes",): "kg",
    ("kilogram",): "kg",
    ("kilos",): "kg",
    ("grams",): "g",
    ("mg",): "mg",
    ("mole",): "mol",
    ("moles",): "mol",
    ("milligrams",): "mg",
    ("grammes",): "g",
    ("tonnes",): "t",
    ("tonne",): "t",
    ("tons",): "t",
    ("ton",): "t",
    ("pounds",): "lb",
    ("pound",): "lb",
    ("lbs",): "lb",
    ("lb",): "lb",
    ("ounces",): "oz",
    ("oz",): "oz",
    ("ml",): "ml",
    ("millilitres",): "ml",
    ("litres",): "l",
    ("liters",): "l",
    ("gallons",): "gal",
    ("barrels",): "bbl",
    ("barrel",): "bbl",
    ("bpd",): "bbl/d",
    ("cubic", "metres"): "m3",
    ("cubic", "meters"): "m3",
    ("bcm",): "bcm",
    ("degrees", "celsius"): "°C",
    ("degrees", "fahrenheit"): "°F",
    ("°", "celsius"): "°C",
    ("°", "fahrenheit"): "°F",
    ("°", "c"): "°C",
    ("°", "f"): "°F",
    ("°",): "°",
    ("degrees",): "°",
    ("degree",): "°",
    ("°c",): "°C",
    ("°f",): "°F",
    ("mph",): "mph",
    ("miles", "per", "hour"): "mph",
    ("mile", "per", "hour"): "mph",
    ("km", "/", "h"): "km/h",
    ("m", "/", "s"): "m/s",
    ("km", "per", "hour"): "km/h",
    ("kilometres", "per", "hour"): "km/h",
    ("kilometers", "per", "hour"): "km/h",
    ("km/h",): "km/h",
    ("kph",): "km/h",
    ("knots",): "kn",
    ("mw",): "MW",
    ("megawatts",): "MW",
    ("gw",): "GW",
    ("gigawatts",): "GW",
    ("kw",): "kW",
    ("kilowatts",): "kW",
    ("kwh",): "kWh",
    ("mwh",): "MWh",
    ("gwh",): "GWh",
    ("twh",): "TWh",
    ("magnitude",): "magnitude",
}

# Units only when written apart from the number: "a 75 m ship" (but "75m people" is millions).
SPACED_UNITS: dict[str, str] = {"m": "m"}

# "per <time or volume>" after a unit makes a rate: "37 miles per second" → "mi/s",
# "6.4 mg per liter" → "mg/l".
PER_UNITS: dict[tuple[str, ...], str] = {
    ("second",): "s",
    ("hour",): "h",
    ("day",): "d",
    ("week",): "wk",
    ("year",): "yr",
    ("liter",): "l",
    ("litre",): "l",
    ("cubic", "meter"): "m3",
    ("cubic", "metre"): "m3",
}

# Units written before the number: "a magnitude 5.2 earthquake".
UNITS_BEFORE: dict[str, str] = {"magnitude": "magnitude"}
# Nouns measured in a unit they do not name: "a 5.0 earthquake", "a magnitude of 4.0".
UNIT_NOUNS: dict[str, str] = {
    "earthquake": "magnitude",
    "quake": "magnitude",
    "tremor": "magnitude",
    "aftershock": "magnitude",
    "magnitude": "magnitude",
}

# "2.6 times more lethal", "2.4 times the mass": a multiplier, not a count of occasions.
MULTIPLIER_WORD = "times"
MULTIPLIER_FOLLOWERS: frozenset[str] = _words(
    """
    more less as the higher greater larger bigger smaller lower faster slower heavier
    stronger longer wider deeper older earth's its their that of
    """
)

# Denominators of fractions written in words: "two-thirds", "a quarter of", "three fifths".
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
    "tenth": 10, "tenths": 10, "fourth": 4, "fourths": 4, "seventh": 7, "sevenths": 7,
    "ninth": 9, "ninths": 9,
}  # fmt: skip
# Singular denominators that are also ordinals ("the third hurricane"): a fraction only
# before "of" ("a third of the budget") or in a hyphenated word ("one-third").
ORDINAL_DENOMINATORS: frozenset[str] = _words("third fourth fifth sixth seventh eighth ninth tenth")

# A number before these is a fraction, not a count ("three quarters of the states").
FRACTION_NOUNS: frozenset[str] = _words(
    """
    half halves third thirds quarter quarters fifth fifths sixth sixths seventh sevenths
    eighth eighths ninth ninths tenth tenths hundredth hundredths thousandth thousandths
    """
)

# A number as the object of these is a phone number ("phoned 911").
PHONE_VERBS: frozenset[str] = _words("call phone dial ring text")

# Words before a number that make it approximate ("over 300,000", "an estimated 2 million").
APPROX_BEFORE: frozenset[tuple[str, ...]] = _phrases(
    """
    about, around, over, nearly, almost, roughly, approximately, approx., circa, some, under,
    above, below, more than, less than, fewer than, up to, at least, at most, upwards of,
    upward of, an estimated, estimated, close to, as many as, as much as, as few as,
    as little as, in excess of, just over, just under, well over, well above, well under,
    more or less, in the region of, no fewer than, no less than, no more than, approaching
    maybe, perhaps, possibly, reportedly about
    """
)
# Words after a number that make it approximate ("300 or so", "a million-plus").
APPROX_AFTER: frozenset[tuple[str, ...]] = frozenset(
    {("or", "so"), ("or", "more"), ("-", "odd"), ("-", "plus"), ("odd",), ("plus",)}
)
# The approximation phrases above are at most this many tokens long.
APPROX_MAX_LEN = 4

# After a number these make it a clock time, not a figure ("at 5 pm").
TIME_WORDS: frozenset[str] = _words(
    "am pm a.m. p.m. a.m p.m o'clock gmt utc bst est edt pst pdt cet cest msk hrs"
)

# Units of time: "three days", "30 years" are durations, not figures (spaCy tags them DATE).
DURATION_WORDS: frozenset[str] = _words(
    """
    second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries fortnight fortnights night nights weekend weekends
    yr yrs hr hrs min mins sec secs
    """
)

# Month names, case-sensitive as written in dates ("5 March", "Sept. 11").
MONTHS: frozenset[str] = _words(
    """
    January February March April May June July August September October November December
    Jan Jan. Feb Feb. Mar Mar. Apr Apr. Jun Jun. Jul Jul. Aug Aug. Sep Sep. Sept Sept.
    Oct Oct. Nov Nov. Dec Dec.
    """
)

# A number right after one of these is a label, not a quantity ("Article 5", "page 3").
LABEL_WORDS: frozenset[str] = _words(
    """
    article articles section sections page pages chapter chapters paragraph paragraphs
    clause clauses resolution resolutions route flight flights room rooms number no no. nos #
    vol vol. volume issue item items part phase stage level levels grade version episode
    season series round category class gate platform terminal channel highway interstate
    bus line lot unit units amendment bill act proposition prop question exhibit figure
    table step game games match week day term title verse psalm door seat row box district
    ward precinct zone sector block building floor apartment suite pier track lane exit order
    junction tier type model generation gen mark mk pt sec art para ch p pp p. pp. rule
    rules law laws code codes protocol annex appendix schedule region division league
    formula apollo covid sars mh cop g ps windows iphone galaxy pixel boeing airbus
    """
)

# Street words: "10 Downing Street" is an address.
STREET_WORDS: frozenset[str] = _words(
    "street st st. road rd rd. avenue ave ave. lane boulevard blvd drive way place square"
)

# Era markers after a number make it a year ("664 b.c.e.", "AD 250").
# Durations (guideline v2, tests/gold/README.md): "for 18 months", "a 20-year sentence".
# The unit is stored singular. Nights, weekends and fortnights are left out: rare, and often
# dates ("two weekends ago").
DURATION_UNITS: dict[str, str] = {
    **dict.fromkeys(("second", "seconds", "sec", "secs"), "second"),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "minute"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), "hour"),
    **dict.fromkeys(("day", "days"), "day"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
    **dict.fromkeys(("year", "years", "yr", "yrs"), "year"),
    **dict.fromkeys(("decade", "decades"), "decade"),
    **dict.fromkeys(("century", "centuries"), "century"),
}
# Seconds in each unit, to join "320 minutes and 37 seconds" into 320.617 minutes.
DURATION_SECONDS: dict[str, float] = {
    "second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
    "month": 2629800, "year": 31557600, "decade": 315576000, "century": 3155760000,
}  # fmt: skip
# Gallery captions and photo counters ("Hide Caption 10 of 16 Photos", "Photos: ... 3 of 12")
# are page debris, never figures (guideline v2).
GALLERY_WORDS: frozenset[str] = _words(
    "photo photos image images picture pictures slide slides caption gallery video videos"
)
# Verbs whose subject a duration object measures: "the hearing lasted 320 minutes".
LASTING_VERBS: frozenset[str] = _words("last take run span")
# A duration followed by these places a date instead: "two years ago", "a few days later".
DATE_AFTER_DURATION: frozenset[str] = _words("ago earlier later before after into prior since")
# "a few", "several" (guideline v2: 3); "a couple" is 2.
FEW_VALUE = 3.0

ERA_WORDS: frozenset[str] = _words("bc b.c. b.c bce b.c.e. b.c.e ad a.d. a.d ce c.e. c.e")

# Compass words after a degree make it a position (latitude), not a measure.
COMPASS_WORDS: frozenset[str] = _words(
    "north south east west northern southern n s e w n. s. latitude longitude"
)

# Race distances name an event: "the 100m sprint" is metres, not 100 million.
RACE_WORDS: frozenset[str] = _words(
    """
    sprint sprints race races dash hurdles relay freestyle butterfly backstroke breaststroke
    medley final finals heat heats run swim
    """
)

# Capitalised nouns that still count people: "one MP", "40 MEPs", "three CEOs".
COUNTABLE_ACRONYMS: frozenset[str] = _words("mp mps mep meps ceo ceos mla mlas msp msps")

# Casualty verbs and adjectives: "killed twelve", "190 were dead", "dozens died" count the
# casualties even without a noun.
CASUALTY_LEMMAS: frozenset[str] = _words(
    "kill injure wound hurt die dead injured wounded killed missing"
)

# Verbs whose subject a sum of money values: "the contract is valued at $4.2bn",
# "the missions ran about $1.5bn apiece", "the deal is worth $5m".
VALUE_VERBS: frozenset[str] = _words(
    "value cost be run total amount estimate reach exceed worth price budget"
)

# Nouns after which "one" is not a count ("one day", "at one point").
ONE_BLOCKED_HEADS: frozenset[str] = _words(
    """
    day days time times way thing things point side hand another other case instance
    stage moment occasion reason hour week month year night morning evening afternoon
    respect sense example
    """
)

# Adjectives used as counted nouns: "39 dead", "12 injured".
CASUALTY_WORDS: frozenset[str] = _words(
    """
    dead injured wounded killed missing hurt homeless displaced arrested detained unaccounted
    hospitalised hospitalized infected stranded evacuated rescued
    """
)

# Verbs whose subject is what a figure measures: "unemployment rose to 5%",
# "the death toll reached 39".
CHANGE_VERBS: frozenset[str] = _words(
    """
    rise fall climb drop reach increase decrease stand grow jump surge soar decline plunge
    hit total be remain shrink slip slide tumble edge dip ease top exceed double triple
    halve swell mount pass surpass near approach
    """
)

# Nouns too generic to say what is counted ("a total of 39"): look past them or give None.
GENERIC_COUNT_NOUNS: frozenset[str] = _words(
    """
    total number figure figures estimate estimates average sum amount tally count
    increase decrease rise fall drop growth decline jump gain loss maximum minimum
    majority minority share proportion percentage rate ratio level value margin
    """
)
