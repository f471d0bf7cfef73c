"""The name a reporter sees beside a statement, scored against names resolved by hand.

PolNeAR marks each attribution's speaker *span* ("he", "the Republican nominee"); the hand-made
set ``tests/gold/names/polnear_names.jsonl`` says who each span is (rules in its README). This
module ingests the gold articles of a split into a real store, so names pass through the same
corpus-wide resolution as a reporter's ingest, reads every stored statement with the name
shown for it (``statements.speaker_name``), matches statements to gold attributions with the
scorer's own rule (``../shared/eval/score.py``, coverage of the gold content >= 0.3, one to
one), and counts, for each matched gold mention:

- ``right``: the name shown is the gold name (or one of its aliases): case, accents,
  punctuation, titles and middle names or initials do not matter; an organisation, group
  or document may be shown by two or more words of its name ("Huffington Post review" for
  "Huffington Post review of FEC filings");
- ``surname``: only the gold person's surname is shown ("Trump" for Donald Trump);
- ``member``: one of several people the gold mention stands for ("Trump" for "Trump and
  Clinton");
- ``none``: no name is shown (the extractor abstained);
- ``wrong``: another name is shown.

For sources the gold leaves without a name (generic, unresolvable, not a source, or no source
at all) a shown name is ``named`` and no name is ``right``. End to end, a stored statement is
correct when it matches a gold attribution and its name is right in that sense: precision over
every stored statement of the scored articles, recall over every gold attribution.
"""

from __future__ import annotations

import importlib.util
import json
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from analysis import settings, store
from analysis.records import Article

GOLD_PATH = settings.PROJECT_ROOT / "tests" / "gold" / "names" / "polnear_names.jsonl"
NAMED = ("person", "organisation", "group", "document")
OUTCOMES = ("right", "surname", "member", "none", "wrong")
THRESHOLD = 0.3

# words that are not part of a name: titles, honorifics, articles
_TITLES = frozenset(
    """mr mrs ms miss dr sen senator rep representative gov governor president pres vice
    secretary sec gen general adm admiral col lt sgt rev judge justice chief mayor minister
    prime sir dame lord lady prof professor the a an of jr sr ii iii iv""".split()
)


# ------------------------------------------------------------------------------ names
def name_tokens(name: str) -> list[str]:
    """A name's comparable words: lower case, no accents, punctuation, titles or initials."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = folded.replace("'s", " ").replace("\u2019s", " ")
    words = re.findall(r"[a-z0-9]+", folded)
    return [w for w in words if w not in _TITLES and len(w) > 1]


def judge(shown: str | None, gold: dict[str, Any]) -> str:
    """One of :data:`OUTCOMES` for a gold mention with a name, or ``right``/``named`` for one
    without (the shown name should then be none)."""
    if gold.get("entity") not in NAMED:
        return "right" if not shown else "named"
    if not shown:
        return "none"
    got = name_tokens(shown)
    if not got:
        return "none"
    forms = [gold["name"], *gold.get("aliases", [])]
    for form in forms:
        want = name_tokens(form)
        if got == want:
            return "right"
        person = gold["entity"] == "person" and len(want) >= 2 and len(got) >= 2
        if person and got[0] == want[0] and got[-1] == want[-1]:
            return "right"  # "Donald J. Trump", "Hillary Rodham Clinton"
    # an organisation, group or document named by part of its name, in order or not:
    # "Huffington Post review" for "Huffington Post review of FEC filings"
    if (
        gold["entity"] != "person"
        and len(got) >= 2
        and any(set(got) <= set(name_tokens(f)) for f in forms)
    ):
        return "right"
    for member in gold.get("members", []):
        m = name_tokens(member)
        if got == m or (len(got) == 1 and m and got[0] == m[-1]):
            return "member"
    surname = any(name_tokens(f)[-1:] == got for f in forms if name_tokens(f))
    if gold["entity"] == "person" and len(got) == 1 and surname:
        return "surname"
    return "wrong"


# ------------------------------------------------------------------------------ data
def load_gold(path: Path = GOLD_PATH) -> dict[str, dict[str, Any]]:
    """The hand-resolved names by quote id."""
    with path.open(encoding="utf-8") as f:
        return {r["quote_id"]: r for r in map(json.loads, f) if r}


TRAIN_SEED, TRAIN_ARTICLES = 20261205, 80  # the draw of tests/gold/names/README.md


def drawn(gold_dir: Path, split: str) -> set[str]:
    """The articles whose speaker mentions were resolved by hand: every dev article; 40 train
    articles (sorted ids shuffled with ``random.Random(20261205)``, the first 40)."""
    import random

    with (gold_dir / "quotes.jsonl").open(encoding="utf-8") as f:
        ids = sorted({r["doc_id"] for r in map(json.loads, f) if r["split"] == split})
    if split == "train":
        random.Random(TRAIN_SEED).shuffle(ids)
        ids = ids[:TRAIN_ARTICLES]
    return set(ids)


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_rows(gold_dir: Path, split: str, docs: set[str]) -> dict[str, list[dict[str, Any]]]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (gold_dir / "quotes.jsonl").open(encoding="utf-8") as f:
        for row in map(json.loads, f):
            if row["split"] == split and row["doc_id"] in docs:
                by_doc[row["doc_id"]].append(row)
    return by_doc


def _articles(gold_dir: Path, docs: set[str]) -> Iterator[Article]:
    path = gold_dir / "articles.jsonl"
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            rec = json.loads(line)
            if rec["doc_id"] in docs:
                yield Article(
                    id=rec["doc_id"], text=rec["text"], title=rec.get("title") or "",
                    outlet=rec.get("source"), source=str(path), line=n,
                )  # fmt: skip


def stored_statements(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every stored statement of the text, in the scorer's format, with the name shown."""
    rows = store.query(
        db,
        """SELECT s.article_id, s.start_char, s.end_char, s.fragments, s.speaker_start,
                  s.speaker_end, s.speaker_name, s.speaker_mention, s.kind, s.text,
                  s.speaker_how, sp.kind AS speaker_kind
           FROM statements s LEFT JOIN speakers sp USING (speaker_id)
           WHERE s.section = 'text' ORDER BY s.article_id, s.ordinal""",
    )
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows.iter_rows(named=True):
        frags = json.loads(r["fragments"]) if r["fragments"] else [[r["start_char"], r["end_char"]]]
        out[r["article_id"]].append(
            {
                "quote_start": r["start_char"],
                "quote_end": r["end_char"],
                "quote_fragments": frags,
                "speaker_start": r["speaker_start"],
                "speaker_end": r["speaker_end"],
                "speaker": r["speaker_name"],
                "speaker_kind": r["speaker_kind"],
                "speaker_mention": r["speaker_mention"],
                "speaker_how": r["speaker_how"],
                "kind": r["kind"],
            }
        )
    return out


# ------------------------------------------------------------------------------ scores
@dataclass(slots=True)
class NameScores:
    """Outcome counts of matched gold mentions, by entity and mention type, and end to end."""

    split: str
    articles: int = 0
    gold: int = 0  # gold attributions of the scored articles
    predicted: int = 0  # stored statements of the scored articles
    matched: int = 0  # statement pairs (found at T=0.3)
    correct: int = 0  # matched, and the name right (or rightly none)
    by_entity: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_mention: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    unmatched: Counter[str] = field(default_factory=Counter)  # gold mentions not found, by entity
    # outcomes by how the speaker was found (statements.speaker_how), named sources only
    by_how: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    examples: list[dict[str, Any]] = field(default_factory=list)  # wrong names, for reading

    @property
    def precision(self) -> float:
        return 100 * self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.correct / self.gold if self.gold else 0.0

    def rate(self, group: Counter[str], outcome: str) -> float:
        total = sum(group.values())
        return 100 * group[outcome] / total if total else 0.0

    def headline(self) -> dict[str, float]:
        """The issue's targets, as measured."""
        people = self.by_entity["person"]
        pronouns = self.by_mention["pronoun/person"]
        return {
            "people right": self.rate(people, "right"),
            "people wrong": self.rate(people, "wrong"),
            "pronouns right": self.rate(pronouns, "right"),
            "pronouns wrong": self.rate(pronouns, "wrong"),
            "short names right": self.rate(self.by_mention["short_name"], "right"),
            "descriptions the article resolves right": self.rate(
                self.by_mention["description/resolved"], "right"
            ),
            "organisations right": self.rate(self.by_entity["organisation"], "right"),
            "generic sources named": self.rate(self.by_entity["generic"], "named"),
            "end to end P": self.precision,
            "end to end R": self.recall,
        }


def score(
    gold_dir: Path,
    split: str,
    db: Path,
    names: dict[str, dict[str, Any]],
    scorer: ModuleType,
    docs: set[str],
) -> NameScores:
    """Score the statements stored in ``db`` for ``docs`` against the gold of ``split``."""
    gold = _gold_rows(gold_dir, split, docs)
    preds = stored_statements(db)
    result = NameScores(split, articles=len(docs))
    for doc in sorted(docs):
        g_rows, p_rows = gold.get(doc, []), preds.get(doc, [])
        result.gold += len(g_rows)
        result.predicted += len(p_rows)
        pairs = scorer.match_document(
            [scorer.quote_spans(g) for g in g_rows],
            [scorer.quote_spans(p) for p in p_rows],
            THRESHOLD,
        )
        matched = {gi: pi for gi, pi, _, _ in pairs}
        for gi, g in enumerate(g_rows):
            label = names.get(g["quote_id"]) or {"entity": "no_source", "mention": "none"}
            if gi not in matched:
                result.unmatched[label["entity"]] += 1
                continue
            result.matched += 1
            p = p_rows[matched[gi]]
            outcome = judge(p["speaker"], label)
            if outcome == "right":
                result.correct += 1
            result.by_entity[label["entity"]][outcome] += 1
            for key in _mention_keys(label):
                result.by_mention[key][outcome] += 1
            result.by_how[p["speaker_how"] or "(none)"][outcome] += 1
            if outcome in ("wrong", "named", "none", "surname", "member"):
                result.examples.append({
                    "quote_id": g["quote_id"], "entity": label["entity"],
                    "mention": label["mention"], "gold": label.get("name"),
                    "shown": p["speaker"], "mention_text": p["speaker_mention"],
                    "outcome": outcome,
                })  # fmt: skip
    return result


def _mention_keys(label: dict[str, Any]) -> list[str]:
    mention = label.get("mention", "none")
    keys = [mention]
    if mention == "pronoun" and label["entity"] == "person":
        keys.append("pronoun/person")
    if mention == "description" and label["entity"] in NAMED and label.get("named_in_article"):
        keys.append("description/resolved")
    return keys


def merge(parts: list[NameScores], split: str) -> NameScores:
    """The scores of several groups of articles (the folds of train) as one."""
    out = NameScores(split)
    for p in parts:
        out.articles += p.articles
        out.gold += p.gold
        out.predicted += p.predicted
        out.matched += p.matched
        out.correct += p.correct
        for key, c in p.by_entity.items():
            out.by_entity[key].update(c)
        for key, c in p.by_mention.items():
            out.by_mention[key].update(c)
        for key, c in p.by_how.items():
            out.by_how[key].update(c)
        out.unmatched.update(p.unmatched)
        out.examples += p.examples
    return out


def evaluate(
    split: str,
    gold_dir: Path | None = None,
    names_path: Path = GOLD_PATH,
    n_process: int = 1,
    keep_db: Path | None = None,
    docs: set[str] | None = None,
) -> NameScores:
    """Ingest the split's hand-resolved articles (or ``docs`` of them) into a fresh store and
    score the names."""
    from analysis.ingest import ingest  # the whole write path, as a reporter's ingest

    shared = settings.shared_dir()
    gold_dir = gold_dir or shared / "gold" / "polnear"
    names = load_gold(names_path)
    docs = drawn(gold_dir, split) if docs is None else docs
    with tempfile.TemporaryDirectory(prefix="quotedesk-names-") as tmp:
        db = keep_db or Path(tmp) / f"names-{split}.duckdb"
        if db.exists():
            db.unlink()
        ingest([], db, n_process=n_process, progress=False,
               records=_articles(gold_dir, docs), command="eval")  # fmt: skip
        return score(gold_dir, split, db, names, _scorer(shared), docs)


# ------------------------------------------------------------------------------ tables
def format_tables(s: NameScores) -> str:
    """Markdown tables: by entity, by mention type, the headline figures."""
    lines = [
        f"names shown after corpus-wide resolution, {s.split}: {s.articles} articles, "
        f"{s.gold} gold attributions, {s.predicted} stored statements, {s.matched} matched",
        "",
        "| gold entity | matched | right | surname only | one member | none | wrong | named |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(s.by_entity, key=lambda k: -sum(s.by_entity[k].values())):
        lines.append(_row(key, s.by_entity[key], s))
    lines += [
        "",
        "| mention | matched | right | surname only | one member | none | wrong | named |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(s.by_mention):
        lines.append(_row(key, s.by_mention[key], s))
    lines += [
        "",
        "| how the name was found | matched | right | surname only | one member | none | wrong "
        "| named |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(s.by_how, key=lambda k: -sum(s.by_how[k].values())):
        lines.append(_row(key, s.by_how[key], s))
    lines += ["", "| measure | value |", "|---|---:|"]
    lines += [f"| {k} | {v:.1f} |" for k, v in s.headline().items()]
    lost = ", ".join(f"{k} {v}" for k, v in s.unmatched.most_common())
    lines += ["", f"gold attributions not found (by entity): {lost}"]
    return "\n".join(lines)


def _row(key: str, c: Counter[str], s: NameScores) -> str:
    total = sum(c.values())
    cells = [f"{s.rate(c, o):.1f}" for o in (*OUTCOMES, "named")]
    return f"| {key} | {total} | " + " | ".join(cells) + " |"


def examples(s: NameScores, limit: int = 40, outcomes: tuple[str, ...] = ("wrong", "named")
             ) -> Iterable[str]:  # fmt: skip
    for e in [e for e in s.examples if e["outcome"] in outcomes][:limit]:
        yield (f"{e['quote_id']}: {e['entity']}/{e['mention']} {e['mention_text']!r} "
               f"shown {e['shown']!r}, gold {e['gold']!r}")  # fmt: skip
