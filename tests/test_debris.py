"""Page furniture scraped with a story is blanked before the parse, prose is not.

Every string here was written for this test, after the shapes of page furniture seen in the
AllSides corpus (gallery captions, photo credits, link cards, newsletter lines)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysis.extract import debris
from analysis.extract.pipeline import extract_texts

DEBRIS = [
    (
        "The dam opened in 1936. Hide Caption 3 of 12 Photos: Photos: The dam at dusk",
        "Hide Caption 3 of 12 Photos: Photos:",
    ),
    (
        "Crews cleared the road. (Photo: Ana Ruiz, Getty Images) Traffic resumed.",
        "(Photo: Ana Ruiz, Getty Images)",
    ),
    (
        "said Mayor Lena Dahl Lena Marit DahlDahl says bridge will reopen Council backs plan "
        "MORE on Friday",
        "Lena Marit DahlDahl says bridge will reopen Council backs plan MORE",
    ),
    (
        "The vote passed.\n\nSign up for Daily Newsletters Manage Newsletters\n\nMore text.",
        "Sign up for Daily Newsletters Manage Newsletters",
    ),
    (
        "Story ends.\n\nCopyright © 2025 The Harbour Ledger, LLC. "
        "Click here for reprint permission.",
        "Copyright © 2025 The Harbour Ledger, LLC. Click here for reprint permission.",
    ),
    ("First paragraph.\n\nAdvertisement\n\nSecond paragraph.", "Advertisement"),
    (
        "First paragraph.\n\nRelated: Port strike enters third week\n\nSecond.",
        "Related: Port strike enters third week",
    ),
]

PROSE = [
    "Three of the 12 judges said the ruling was wrong.",
    "The photo shows the mayor at the bridge, she said.",
    "Related issues were raised by the union, which said 300 jobs were at stake.",
    "Copyright law protects the authors, the minister said.",
    "Mayor Lena Dahl said the advertisement was misleading.",
    "Share prices fell 5% on Monday.",
]


@pytest.mark.parametrize(("text", "furniture"), DEBRIS)
def test_page_furniture_is_blanked_and_offsets_kept(text: str, furniture: str) -> None:
    blanked, n = debris.blank(text)
    assert n == 1 and len(blanked) == len(text)
    start = text.index(furniture)
    assert blanked[start : start + len(furniture)].strip() == ""
    assert blanked[:start] == text[:start]  # the prose before it is untouched


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_left_alone(text: str) -> None:
    assert debris.blank(text) == (text, 0)


def test_a_gallery_caption_yields_no_figure_and_is_counted(nlp: Language) -> None:
    text = "Hide Caption 10 of 16 Photos: Photos: The flood\n\nThe river rose two metres overnight."
    (ex,) = extract_texts(nlp, [(text, "", "a")])
    assert ex.skipped.get("page-debris") == 1
    assert [f.value for f in ex.figures] == [2.0]  # "two metres", not 10 or 16
