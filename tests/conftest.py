"""Shared fixtures: the real spaCy pipeline (loaded once) and the ../shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language

from analysis import settings
from analysis.extract import nlp as nlp_loader

os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
# The dashboard turns a page's exception into a short message for readers; tests want the
# exception itself (AppTest's at.exception). tests/test_hostile_input.py unsets it to check
# the message.
os.environ.setdefault("QUOTEDESK_DASHBOARD_RAISE", "1")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_loader.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (or $QUOTEDESK_SHARED). CI always has it; a missing folder is an error."""
    return settings.shared_dir()
