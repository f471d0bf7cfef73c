"""Score figure extraction against the hand-checked gold sets, per split and per type.

Two gold sets, both under guideline v2 (``tests/gold/README.md``): 62 AllSides articles
(``tests/gold/allsides_figures.jsonl``, read from ``../shared/corpus/allsides/articles-5k``)
and 83 Wikinews articles (``tests/gold/wikinews_figures.jsonl``). Each holds, per article,
the sha256 of its text and every figure in it as offsets with the expected value, unit, type,
hedge, the span of what it counts and that span's head word; never the text itself.

Matching, per article (guideline v2, "Checking"): a predicted figure *detects* a gold figure
when their character spans overlap; pairs with equal values (relative 0.5%) are made first,
then pairs that overlap with a different value (a detection whose value is wrong), each figure
used once. On the matched pairs we score the value, unit, type, hedge and "what it counts":
right when both say nothing is counted, or when the predicted phrase's head (its last word)
overlaps the gold head word (v2; a v1 record without a head falls back to its counted span).

Rows are per type, the gold figure's type for misses and matches and the predicted type for
false positives, with measures, ages and other (fractions, rates) folded into "other".
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import settings
from analysis.records import Figure

GOLD_DIR = settings.PROJECT_ROOT / "tests" / "gold"
GOLD_PATH = GOLD_DIR / "wikinews_figures.jsonl"
ALLSIDES_GOLD = GOLD_DIR / "allsides_figures.jsonl"
SPLITS = ("tune", "heldout")
TYPES = ("count", "money", "percent", "duration", "other")
VALUE_TOLERANCE = 0.005  # relative: "1.5 million" vs 1,500,000; 2/3 vs 0.6667


@dataclass(frozen=True, slots=True)
class GoldFigure:
    start: int
    end: int
    value: float
    unit: str | None
    type: str
    approx: bool
    counts_start: int | None
    counts_end: int | None
    note: str = ""
    head_start: int | None = None
    head_end: int | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    sha256: str
    split: str
    figures: tuple[GoldFigure, ...]
    line: int  # 1-based line in the gold file


@dataclass(frozen=True, slots=True)
class Error:
    """A miss (gold figure not found), a false positive, or a wrong attribute of a match."""

    kind: str  # "miss", "false-positive", "value", "unit", "type", "counts"
    article_id: str
    start: int
    end: int
    detail: str
    type: str = ""  # the row it is counted in


@dataclass(slots=True)
class Scores:
    """Counts behind precision/recall and the attribute accuracies of one split or row."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_ok: int = 0
    unit_ok: int = 0
    type_ok: int = 0
    approx_ok: int = 0
    counts_ok: int = 0
    counted_gold: int = 0  # matched pairs whose gold names a counted thing
    counted_ok: int = 0  # ... of which the prediction's head overlaps the gold head
    errors: list[Error] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold if self.gold else 0.0

    def share(self, ok: int) -> float:
        return 100 * ok / self.matched if self.matched else 0.0


@dataclass(slots=True)
class SplitScores:
    """One split: the whole, and one row per type."""

    total: Scores = field(default_factory=Scores)
    by_type: dict[str, Scores] = field(default_factory=lambda: {t: Scores() for t in TYPES})

    def rows(self, key: str) -> list[Scores]:
        return [self.total, self.by_type[key]]


class GoldMismatch(ValueError):
    """The corpus text no longer matches the gold (changed or missing article)."""


def type_row(figure_type: str) -> str:
    """The row a figure type is reported in: measures and ages go to "other"."""
    return figure_type if figure_type in TYPES else "other"


def read_gold(path: Path = GOLD_PATH) -> list[GoldArticle]:
    """The gold articles, in file order."""
    out = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            rec = json.loads(line)
            figs = tuple(GoldFigure(**f) for f in rec["figures"])
            out.append(GoldArticle(rec["article_id"], rec["sha256"], rec["split"], figs, n))
    return out


def corpus_path(gold_path: Path = GOLD_PATH) -> Path:
    """The corpus a gold file was drawn from: AllSides for ``allsides_*``, else Wikinews."""
    corpus = settings.shared_dir() / "corpus"
    if gold_path.name.startswith("allsides"):
        return corpus / "allsides" / "articles-5k.jsonl.gz"
    return corpus / "wikinews" / "articles.jsonl"


def article_texts(gold: Iterable[GoldArticle], corpus: Path, gold_path: Path) -> list[str]:
    """The texts of the gold articles, checked against the sha256 the gold recorded."""
    gold = list(gold)
    wanted = {a.article_id for a in gold}
    texts: dict[str, str] = {}
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            rec = json.loads(line)
            if rec["id"] in wanted:
                texts[rec["id"]] = rec["text"]
    out = []
    for art in gold:
        text = texts.get(art.article_id)
        if text is None:
            raise GoldMismatch(f"{gold_path}:{art.line}: article {art.article_id} not in {corpus}")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != art.sha256:
            raise GoldMismatch(
                f"{gold_path}:{art.line}: the text of {art.article_id} in {corpus} has changed "
                "since it was annotated (sha256 differs); re-check its figures"
            )
        out.append(text)
    return out


def _same_value(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=1e-9)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _head_span(fig: Figure) -> tuple[int, int] | None:
    """Character span of the last word of the predicted counted phrase."""
    if fig.counts is None or fig.counts_end is None:
        return None
    words = fig.counts.rstrip(" .,;:").split()
    last = words[-1] if words else ""
    end = (fig.counts_start or 0) + len(fig.counts.rstrip(" .,;:"))
    return end - len(last), end


def counts_correct(pred: Figure, gold: GoldFigure) -> bool:
    """Both say nothing is counted, or the predicted head overlaps the gold head word
    (the gold counted span when the record has no head)."""
    head = _head_span(pred)
    if gold.counts_start is None or gold.counts_end is None:
        return head is None
    if gold.head_start is not None and gold.head_end is not None:
        want = gold.head_start, gold.head_end
    else:
        want = gold.counts_start, gold.counts_end
    return head is not None and _overlap(*head, *want)


def match(preds: list[Figure], gold: tuple[GoldFigure, ...]) -> list[tuple[Figure, GoldFigure]]:
    """One-to-one pairs of overlapping figures, those with equal values first, in gold order."""
    used: set[int] = set()
    pairs: dict[int, tuple[Figure, GoldFigure]] = {}
    for same in (True, False):
        for n, g in enumerate(gold):
            if n in pairs:
                continue
            for k, p in enumerate(preds):
                if k in used or not _overlap(p.start, p.end, g.start, g.end):
                    continue
                if not same or _same_value(p.value, g.value):
                    used.add(k)
                    pairs[n] = (p, g)
                    break
    return [pairs[n] for n in sorted(pairs)]


def score_article(split: SplitScores, art: GoldArticle, text: str, preds: list[Figure]) -> None:
    """Add one article's matches and errors to ``split`` (its total and its type rows)."""
    pairs = match(preds, art.figures)
    matched_p = {id(p) for p, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for g in art.figures:
        for s in split.rows(type_row(g.type)):
            s.gold += 1
        if id(g) not in matched_g:
            _error(
                split, type_row(g.type), "miss", art, g.start, g.end, f"want {_show_gold(g, text)}"
            )
    for p in preds:
        row = type_row(p.type)
        if id(p) not in matched_p:
            # a false positive lowers the precision of the type it claims to be
            for s in split.rows(row):
                s.predicted += 1
            _error(split, row, "false-positive", art, p.start, p.end, f"got {_show_pred(p)}")
    for p, g in pairs:
        row = type_row(g.type)
        for s in split.rows(row):
            s.predicted += 1
            s.matched += 1
        _score_pair(split, row, art, text, p, g)


def _score_pair(
    split: SplitScores, row: str, art: GoldArticle, text: str, p: Figure, g: GoldFigure
) -> None:
    ok = counts_correct(p, g)
    for s in split.rows(row):
        s.value_ok += _same_value(p.value, g.value)
        s.unit_ok += p.unit == g.unit
        s.type_ok += p.type == g.type
        s.approx_ok += p.approx == g.approx
        s.counts_ok += ok
        if g.counts_start is not None:
            s.counted_gold += 1
            s.counted_ok += ok
    want, got = _show_gold(g, text), _show_pred(p)
    for kind, wrong in (
        ("value", not _same_value(p.value, g.value)),
        ("unit", p.unit != g.unit),
        ("type", p.type != g.type),
        ("counts", not ok),
    ):
        if wrong:
            _error(split, row, kind, art, g.start, g.end, f"want {want}; got {got}")


def _error(
    split: SplitScores, row: str, kind: str, art: GoldArticle, start: int, end: int, msg: str
) -> None:
    split.total.errors.append(Error(kind, art.article_id, start, end, msg, row))


def _show_gold(g: GoldFigure, text: str) -> str:
    counted = text[g.counts_start : g.counts_end] if g.counts_start is not None else None
    head = text[g.head_start : g.head_end] if g.head_start is not None else None
    return (
        f"{text[g.start : g.end]!r} = {g.value:g} {g.unit or ''} {g.type} "
        f"counts={counted!r} head={head!r}"
    )


def _show_pred(p: Figure) -> str:
    return f"{p.surface!r} = {p.value:g} {p.unit or ''} {p.type} counts={p.counts!r}"


def evaluate(
    gold_path: Path = GOLD_PATH, corpus: Path | None = None, n_process: int = 1
) -> dict[str, SplitScores]:
    """Run the extractor on one gold set: scores for "tune", "heldout" and "all"."""
    from analysis.extract import nlp as nlp_loader
    from analysis.extract.figures import extract_figures

    gold = read_gold(gold_path)
    texts = article_texts(gold, corpus or corpus_path(gold_path), gold_path)
    scores = {name: SplitScores() for name in (*SPLITS, "all")}
    docs = nlp_loader.load().pipe(texts, n_process=n_process)
    for art, text, doc in zip(gold, texts, docs, strict=True):
        preds = extract_figures(doc)
        score_article(scores[art.split], art, text, preds)
        score_article(scores["all"], art, text, preds)
    return scores


def evaluate_all(n_process: int = 1) -> dict[str, SplitScores]:
    """The three reported splits: AllSides tune, AllSides held-out, Wikinews (all of it)."""
    allsides = evaluate(ALLSIDES_GOLD, n_process=n_process)
    wikinews = evaluate(GOLD_PATH, n_process=n_process)
    return {
        "allsides tune": allsides["tune"],
        "allsides heldout": allsides["heldout"],
        "wikinews": wikinews["all"],
        "wikinews tune": wikinews["tune"],
        "wikinews heldout": wikinews["heldout"],
    }


_COLUMNS: tuple[tuple[str, Callable[[Scores], str]], ...] = (
    ("gold", lambda s: f"{s.gold}"),
    ("pred", lambda s: f"{s.predicted}"),
    ("P", lambda s: _pct(s.matched, s.predicted)),
    ("R", lambda s: _pct(s.matched, s.gold)),
    ("value", lambda s: _pct(s.value_ok, s.matched)),
    ("counts", lambda s: _pct(s.counts_ok, s.matched)),
    ("counts*", lambda s: _pct(s.counted_ok, s.counted_gold)),
    ("unit", lambda s: _pct(s.unit_ok, s.matched)),
    ("type", lambda s: _pct(s.type_ok, s.matched)),
    ("hedge", lambda s: _pct(s.approx_ok, s.matched)),
)


def format_split(name: str, split: SplitScores) -> str:
    """One split as a table: a row per type and one for all figures."""
    lines = [f"{name:18}" + "".join(f"{label:>8}" for label, _ in _COLUMNS)]
    for row, s in (*split.by_type.items(), ("all", split.total)):
        lines.append(f"  {row:16}" + "".join(f"{cell(s):>8}" for _, cell in _COLUMNS))
    return "\n".join(lines)


def format_tables(scores: dict[str, SplitScores]) -> str:
    """Every split's table, then a key to the columns."""
    key = (
        "P/R: detection precision/recall %; value: value right % of detected; counts: what it "
        "counts right % of detected;\ncounts*: the same, of detected figures whose gold names "
        "a counted thing; unit/type/hedge: right % of detected"
    )
    return "\n\n".join([*(format_split(n, s) for n, s in scores.items()), key])


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.1f}" if n else "-"


def format_errors(split: SplitScores, limit: int | None = None, kind: str | None = None) -> str:
    """The misses, false positives and wrong attributes, grouped by kind and type."""
    errors = [e for e in split.total.errors if kind is None or e.kind == kind]
    errors.sort(key=lambda e: (e.kind, e.type, e.article_id, e.start))
    shown = errors if limit is None else errors[:limit]
    lines = [f"{e.kind:15} {e.type:9} {e.article_id} {e.start}-{e.end}: {e.detail}" for e in shown]
    if len(shown) < len(errors):
        lines.append(f"... {len(errors) - len(shown)} more")
    return "\n".join(lines)


def format_markdown(scores: dict[str, SplitScores]) -> str:
    """The README's tables: one per split, a row per type (detection P/R, value, counts)."""
    out = []
    for name, split in scores.items():
        out += [
            f"**{name}**",
            "",
            "| type | gold | precision | recall | value right | counts right |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row, s in (*split.by_type.items(), ("all", split.total)):
            cells = (
                _pct(s.matched, s.predicted),
                _pct(s.matched, s.gold),
                _pct(s.value_ok, s.matched),
                _pct(s.counts_ok, s.matched),
            )
            out.append(f"| {row} | {s.gold} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)
