"""The speaker rules file: a reporter's hand-made merges, splits and renames of speakers.

Extraction resolves speakers within one article; ``analysis.identity`` then joins them across
the corpus by conservative rules. Where those rules are wrong or too timid, a reporter writes a
small TOML file (stdlib ``tomllib``, comments allowed) and the pipeline applies it after every
ingest and re-extraction, and on ``quotedesk speakers apply``::

    [[merge]]                      # these names are one speaker
    name = "Vladimir Putin"        # the name shown for them (its id is vladimir-putin)
    aliases = ["Putin", "V. Putin", "putin"]   # names as extracted, or speaker ids

    [[split]]                      # in one article (or one outlet) a name is someone else
    name = "Berg"
    article = "nl-20250311"        # or: outlet = "Northern Ledger"
    speaker = "Anna Berg"

    [[keep_apart]]                 # never join these automatically
    names = ["Berg", "Lars Berg"]

    [[rename]]                     # show a speaker under another name (the id stays)
    speaker = "donald-trump"
    name = "Donald J. Trump"

Names are compared as speaker ids are made (``store.speaker_key``: case, accents, dots and
spacing do not matter), after titles are stripped ("President Putin" is "Putin"). A malformed
file is refused as a whole with ``FILE:LINE: what is wrong``; nothing is applied from it.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from analysis import settings
from analysis.names import name_keys

Action = Literal["merge", "split", "keep_apart", "rename"]

# action → (required keys, optional keys)
_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "merge": (frozenset({"name", "aliases"}), frozenset()),
    "split": (frozenset({"name", "speaker"}), frozenset({"article", "outlet"})),
    "keep_apart": (frozenset({"names"}), frozenset()),
    "rename": (frozenset({"speaker", "name"}), frozenset()),
}
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_EOF = re.compile(r"\(at end of document\)")


class AliasFileError(RuntimeError):
    """A rules file that cannot be used, with the file and line to fix."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file, self.line, self.message = file, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the file. ``names`` holds a merge's aliases or a keep_apart's names."""

    action: Action
    line: int
    name: str = ""  # merge/rename: the display name; split: the name as extracted
    names: tuple[str, ...] = ()
    speaker: str = ""  # split: who the name is there; rename: the speaker to rename
    article: str | None = None
    outlet: str | None = None

    def describe(self) -> str:
        """One line a reporter recognises: ``merge Putin, V. Putin → Vladimir Putin``."""
        if self.action == "merge":
            return f"merge {', '.join(self.names)} → {self.name}"
        if self.action == "split":
            scope = f"article {self.article}" if self.article else f"outlet {self.outlet}"
            return f"split {self.name} in {scope} → {self.speaker}"
        if self.action == "keep_apart":
            return f"keep apart {' | '.join(self.names)}"
        return f"rename {self.speaker} → {self.name}"


@dataclass(frozen=True, slots=True)
class Rules:
    """The rules of one file (or the ones stored with the database), in file order."""

    rules: tuple[Rule, ...] = ()
    source: str = ""  # the file they came from

    def of(self, action: Action) -> list[Rule]:
        return [r for r in self.rules if r.action == action]


NO_RULES = Rules()


def rule_json(rule: Rule) -> str:
    """A rule as stored in ``speaker_rules.rule`` (read back by :func:`rules_from_rows`)."""
    return json.dumps(asdict(rule))


def rules_from_rows(source: str, rows: Sequence[str]) -> Rules:
    """Rules stored with a database (``speaker_rules.rule`` values, in order)."""
    rules = []
    for text in rows:
        data = json.loads(text)
        data["names"] = tuple(data["names"])
        rules.append(Rule(**data))
    return Rules(tuple(rules), source)


def configured_path() -> Path | None:
    """The rules file named by the ``aliases`` setting (QUOTEDESK_ALIASES), if any."""
    value = settings.get("aliases").strip()
    return Path(value) if value else None


def load(path: str | Path) -> Rules:
    """Read and check a rules file; raises AliasFileError naming file and line."""
    path = Path(path)
    if not path.is_file():
        raise AliasFileError(str(path), None, "no such speaker rules file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise AliasFileError(str(path), line, "not UTF-8 text") from exc
    return parse(text, str(path))


def parse(text: str, source: str = "<rules>") -> Rules:
    """Parse the TOML text of a rules file (see the module docstring for the format)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        line = int(m.group(1)) if m else len(text.splitlines()) or None  # "at end of document"
        msg = _TOML_EOF.sub("", _TOML_LINE.sub("", str(exc))).strip()
        raise AliasFileError(source, line, msg) from exc
    lines = text.splitlines()
    headers = _header_lines(lines)
    rules: list[Rule] = []
    for action, tables in data.items():
        where = headers.get(action) or [_key_line(lines, action, 1, len(lines) + 1)]
        if action not in _KEYS:
            known = ", ".join(f"[[{a}]]" for a in _KEYS)
            raise AliasFileError(source, where[0], f"unknown section {action!r} (use {known})")
        if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
            raise AliasFileError(source, where[0], f"write each rule as a [[{action}]] table")
        for i, table in enumerate(tables):
            start = where[i] if i < len(where) else where[-1]
            end = _block_end(headers, start, len(lines))
            rules.append(_rule(action, table, source, lines, start, end))
    rules.sort(key=lambda r: r.line)
    _check_conflicts(rules, source)
    return Rules(tuple(rules), source)


def _header_lines(lines: Sequence[str]) -> dict[str, list[int]]:
    """Action → 1-based line of each ``[[action]]`` header, in order."""
    out: dict[str, list[int]] = {}
    for no, line in enumerate(lines, 1):
        m = _HEADER.match(line)
        if m:
            out.setdefault(m.group(1), []).append(no)
    return out


def _block_end(headers: dict[str, list[int]], start: int, n_lines: int) -> int:
    later = [no for nos in headers.values() for no in nos if no > start]
    return min(later) if later else n_lines + 1


def _key_line(lines: Sequence[str], key: str, start: int, end: int) -> int:
    """The line of ``key = ...`` inside lines [start, end) (1-based), else ``start``."""
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for no in range(max(start, 1), min(end, len(lines) + 1)):
        if pat.match(lines[no - 1]):
            return no
    return max(start, 1)


def _rule(
    action: str, table: dict[str, Any], source: str, lines: Sequence[str], start: int, end: int
) -> Rule:
    required, optional = _KEYS[action]
    for key in table:
        if key not in required | optional:
            allowed = ", ".join(sorted(required | optional))
            raise AliasFileError(
                source,
                _key_line(lines, key, start, end),
                f"unknown key {key!r} in [[{action}]] (allowed: {allowed})",
            )
    for key in sorted(required):
        if key not in table:
            raise AliasFileError(source, start, f"[[{action}]] needs {key!r}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = _key_line(lines, key, start, end)
        values[key] = _checked(action, key, value, source, line)
    if action == "split" and ("article" in values) == ("outlet" in values):
        raise AliasFileError(source, start, "[[split]] needs either 'article' or 'outlet'")
    names = values.pop("aliases", None) or values.pop("names", None) or ()
    if action == "keep_apart" and len(names) < 2:
        raise AliasFileError(source, start, "[[keep_apart]] needs at least two names")
    return Rule(action=action, line=start, names=tuple(names), **values)  # type: ignore[arg-type]


def _checked(action: str, key: str, value: Any, source: str, line: int) -> Any:
    if key in ("aliases", "names"):
        if not isinstance(value, list) or not value:
            raise AliasFileError(source, line, f"{key!r} must be a list of names")
        return [_checked(action, key[:-1], v, source, line) for v in value]
    if not isinstance(value, str) or not value.strip():
        raise AliasFileError(source, line, f"{key!r} in [[{action}]] must be a non-empty string")
    return " ".join(value.split())


def _check_conflicts(rules: list[Rule], source: str) -> None:
    """A name merged into two speakers, or merged with one it must be kept apart from."""
    owner: dict[str, Rule] = {}
    for r in rules:
        if r.action != "merge":
            continue
        for n in (r.name, *r.names):
            for k in name_keys(n):
                prev = owner.get(k)
                if prev is not None and prev.name != r.name:
                    raise AliasFileError(
                        source,
                        r.line,
                        f"{n!r} is already merged into {prev.name!r} at line {prev.line}",
                    )
                owner[k] = r
    for r in rules:
        if r.action != "keep_apart":
            continue
        seen: dict[str, str] = {}  # merge target → the first kept-apart name merged into it
        for n in r.names:
            for k in name_keys(n):
                m = owner.get(k)
                if m is None:
                    continue
                if m.name in seen and seen[m.name] != n:
                    raise AliasFileError(
                        source,
                        r.line,
                        f"{seen[m.name]!r} and {n!r} are merged at line {m.line} "
                        "but this rule keeps them apart",
                    )
                seen[m.name] = n
