"""Words that say what kind of source a description is: vocabulary as data.

Used by ``analysis/extract/speakers.py`` to name descriptions the article itself resolves:
"a new Gallup poll" (a document whose name is in the phrase), "his campaign" (the campaign of
the person "his" is), "the network" (the one broadcaster the article named).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# heads of a document that "says" something; with a name in the phrase it is named by it
DOCUMENT_HEADS = _words(
    """poll polls survey surveys report reports study studies analysis review audit ad ads
    advertisement commercial video article editorial column op-ed memo memorandum letter
    statement filing filings records documents document book transcript tweet tweets post
    website brief ruling order opinion complaint lawsuit indictment affidavit data index
    projection forecast estimate estimates figures model"""
)

# words in front of a document's name that are not part of it ("a new Gallup poll")
DOCUMENT_NOISE = _words("a an the one new latest recent another this that its his her their")

# organisations known by the kind of thing they are, with the words that mark such a name
ORG_CLASSES: dict[str, frozenset[str]] = {
    "network": _words("cnn nbc abc cbs fox msnbc pbs bbc npr cnbc univision telemundo c-span"),
    "broadcaster": _words("cnn nbc abc cbs fox msnbc pbs bbc npr cnbc"),
    "newspaper": _words(
        "times post journal tribune herald gazette globe register chronicle "
        "inquirer examiner star sun telegraph guardian observer"
    ),
    "paper": _words("times post journal tribune herald gazette globe register chronicle"),
    "magazine": _words("magazine review atlantic yorker weekly time newsweek"),
    "campaign": _words("campaign"),
    "committee": _words("committee"),
    "bank": _words("bank fargo chase citigroup citi goldman"),
}

# abbreviated titles, as news style writes them before a name
TITLE_ABBREVIATIONS: dict[str, str] = {
    "gov.": "governor", "gov": "governor", "sen.": "senator", "sen": "senator",
    "rep.": "representative", "rep": "representative", "sec.": "secretary",
    "pres.": "president", "lt.": "lieutenant", "gen.": "general", "atty.": "attorney",
    "supt.": "superintendent", "amb.": "ambassador", "adm.": "admiral", "cmdr.": "commander",
}  # fmt: skip

# heads of a campaign's people or its own organisation: "his campaign", "Trump's campaign"
CAMPAIGN_HEADS = _words("campaign camp")

# plural heads of people known by whose they are: "Trump supporters", "Clinton aides"
GROUP_HEADS = _words(
    """supporters aides advisers advisors allies associates surrogates backers staffers
    loyalists donors voters senators lawmakers delegates members"""
)

# offices: a description naming one ("the Florida senator") does not fit a person known by
# another ("former Florida governor"); relational titles ("counterpart", "leader") fit any
OFFICES = _words(
    """governor senator president secretary representative congressman congresswoman mayor
    minister chancellor judge justice ambassador director chairman chairwoman chair ceo
    speaker treasurer attorney prosecutor sheriff commissioner premier king queen prince
    pope bishop general admiral nominee candidate spokesman spokeswoman"""
)
