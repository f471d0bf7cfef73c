"""Page debris scraped with an article's text, blanked out before extraction.

Scrapers keep what a page shows around the story: gallery captions ("Hide Caption 3 of 12
Photos: Photos: ..."), photo credits ("(Photo: Jewel Samad, AFP/Getty Images)"), inline link
cards (The Hill's "Rafael (Ted) Edward CruzCruz, Graham send well wishes ... MORE"), newsletter
and copyright lines, and lines that say only "Advertisement", "Related", "Share". Parsed as
prose they become statements ("Trump Donald" said ...), speakers and figures ("10 of 16").

Each such span is replaced by spaces of the same length, so every offset into the article's
text stays valid (the stored text is the original; a reporter still reads it whole) and the
parser sees a gap. :func:`blank` returns the blanked text and how many spans it removed, which
extraction counts among its refusals (``page-debris``). The patterns were written from the
AllSides and Wikinews corpora's recurring page furniture; they match page furniture, never
prose a journalist writes.
"""

from __future__ import annotations

import re

_LINE_WORDS = (
    "advertisement|advertisements|related|related articles|related stories|share|"
    "share this|tweet|email|print|comment|comments|close|read more|more|show more|"
    "story highlights|click here|skip|sponsored|image|video|photo|photos|subscribe"
)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # CNN galleries: "Hide Caption 3 of 12 Photos: Photos: Health care and the high court"
    ("gallery caption", re.compile(r"(?:Hide|Show) Caption \d+ of \d+(?: Photos:)?(?: Photos:)?")),
    ("gallery counter", re.compile(r"(?m)^\s*\d+ of \d+(?: Photos?)?\s*$")),
    # photo credits in brackets, and USA TODAY's "Story Highlights"
    ("photo credit",
     re.compile(r"\((?:AP |Reuters |Getty |AFP )?(?:Photo|Image|Credit)s?: [^)\n]{1,80}\)")),
    ("story highlights", re.compile(r"\bStory Highlights\b")),
    # newsletter, copyright and reprint lines
    ("newsletter", re.compile(r"(?m)^[^\n]{0,20}Sign up for [^\n]{0,60}Newsletters?[^\n]{0,40}$")),
    ("copyright",
     re.compile(r"(?m)^[^\n]{0,10}(?:©|\(c\)|Copyright (?:©|\(c\)|\d{4}))[^\n]{0,160}$")),
    # a line that is only a page control or a "Related: ..." link
    ("page control", re.compile(rf"(?im)^\s*(?:{_LINE_WORDS})\s*:?\s*$")),
    ("related link",
     re.compile(r"(?m)^\s*(?:Related|RELATED|Read more|READ MORE)\s*:[^\n]{0,160}$")),
)  # fmt: skip


_GLUED = re.compile(r"\b([A-Z][a-z'-]{2,})\1\b")
_CARD_WORD = re.compile(r"(?:\([A-Z][\w.'-]*\)|[A-Z][\w.'-]*) $")
_MORE = re.compile(r"\bMORE\b")


def _link_cards(text: str) -> list[tuple[int, int, str]]:
    """The Hill's link cards: after a name in the prose, the person's legal name with the
    surname glued to the linked headline ("President Trump Donald John TrumpTrump says ...
    MORE"): from the legal name (at most three words back, not the surname itself, which is
    the prose's own mention) to "MORE", or to the glued word when no "MORE" follows."""
    out = []
    for m in _GLUED.finditer(text):
        surname, start = m.group(1), m.start()
        for _ in range(3):
            w = _CARD_WORD.search(text, max(0, start - 40), start)
            if w is None or w.end() != start or w.group().strip() == surname:
                break
            start = w.start()
        if start == m.start():
            continue  # no legal name before it: a word that merely repeats
        more = _MORE.search(text, m.end(), m.end() + 200)
        end = more.end() if more is not None and "\n" not in text[m.end() : more.end()] else m.end()
        out.append((start, end, "link card"))
    return out


def spans(text: str) -> list[tuple[int, int, str]]:
    """The debris spans of ``text``: (start, end, what), in order, not overlapping."""
    found: list[tuple[int, int, str]] = _link_cards(text)
    for what, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if m.end() > m.start() and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), what))
    return sorted(found)


def blank(text: str) -> tuple[str, int]:
    """``text`` with every debris span replaced by as many spaces (line breaks kept), and
    the number of spans."""
    found = spans(text)
    if not found:
        return text, 0
    parts, last = [], 0
    for s, e, _ in found:
        parts.append(text[last:s])
        parts.append(re.sub(r"[^\n]", " ", text[s:e]))
        last = e
    parts.append(text[last:])
    return "".join(parts), len(found)
