"""Score figure extraction against the hand-checked Wikinews gold set.

The gold (``tests/gold/wikinews_figures.jsonl``, guideline in ``tests/gold/README.md``) holds,
per article, the sha256 of its text and every figure in it as offsets with the expected value,
unit, type, hedge and the span of what it counts; never the text itself. The articles are read
from ``../shared/corpus/wikinews/articles.jsonl``.

Matching, per article: a predicted figure matches a gold figure when their character spans
overlap and their values agree within rounding (relative 0.5%); each is used once. On the
matched pairs we score the unit, the type, the hedge and "what it counts": right when both
say nothing is counted, or when the predicted phrase's head (its last word) overlaps the gold
counted span.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import settings
from analysis.records import Figure

GOLD_PATH = settings.PROJECT_ROOT / "tests" / "gold" / "wikinews_figures.jsonl"
SPLITS = ("tune", "heldout")
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

    kind: str  # "miss", "false-positive", "unit", "type", "counts"
    article_id: str
    start: int
    end: int
    detail: str


@dataclass(slots=True)
class Scores:
    """Counts behind precision/recall and the attribute accuracies of one split."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    unit_ok: int = 0
    type_ok: int = 0
    approx_ok: int = 0
    counts_ok: int = 0
    counted_gold: int = 0  # matched pairs whose gold names a counted thing
    counted_ok: int = 0  # ... of which the prediction's head is inside it
    errors: list[Error] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold if self.gold else 0.0

    def share(self, ok: int) -> float:
        return 100 * ok / self.matched if self.matched else 0.0


class GoldMismatch(ValueError):
    """The corpus text no longer matches the gold (changed or missing article)."""


def read_gold(path: Path = GOLD_PATH) -> list[GoldArticle]:
    """The gold articles, in file order."""
    out = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            rec = json.loads(line)
            figs = tuple(GoldFigure(**f) for f in rec["figures"])
            out.append(GoldArticle(rec["article_id"], rec["sha256"], rec["split"], figs, n))
    return out


def corpus_path() -> Path:
    return settings.shared_dir() / "corpus" / "wikinews" / "articles.jsonl"


def article_texts(gold: Iterable[GoldArticle], corpus: Path, gold_path: Path) -> list[str]:
    """The texts of the gold articles, checked against the sha256 the gold recorded."""
    texts: dict[str, str] = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            rec = json.loads(line)
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
    """Both say nothing is counted, or the predicted head lies in the gold counted span."""
    head = _head_span(pred)
    if gold.counts_start is None or gold.counts_end is None:
        return head is None
    return head is not None and _overlap(*head, gold.counts_start, gold.counts_end)


def match(preds: list[Figure], gold: tuple[GoldFigure, ...]) -> list[tuple[Figure, GoldFigure]]:
    """One-to-one pairs of overlapping figures with equal values, in gold order."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for k, p in enumerate(preds):
            if k in used or not _overlap(p.start, p.end, g.start, g.end):
                continue
            if _same_value(p.value, g.value):
                used.add(k)
                pairs.append((p, g))
                break
    return pairs


def score_article(scores: Scores, art: GoldArticle, text: str, preds: list[Figure]) -> None:
    """Add one article's matches and errors to ``scores``."""
    pairs = match(preds, art.figures)
    scores.gold += len(art.figures)
    scores.predicted += len(preds)
    scores.matched += len(pairs)
    matched_p = {id(p) for p, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for g in art.figures:
        if id(g) not in matched_g:
            _error(scores, "miss", art, g.start, g.end, f"want {_show_gold(g, text)}")
    for p in preds:
        if id(p) not in matched_p:
            _error(scores, "false-positive", art, p.start, p.end, f"got {_show_pred(p)}")
    for p, g in pairs:
        _score_pair(scores, art, text, p, g)


def _score_pair(scores: Scores, art: GoldArticle, text: str, p: Figure, g: GoldFigure) -> None:
    scores.unit_ok += p.unit == g.unit
    scores.type_ok += p.type == g.type
    scores.approx_ok += p.approx == g.approx
    ok = counts_correct(p, g)
    scores.counts_ok += ok
    if g.counts_start is not None:
        scores.counted_gold += 1
        scores.counted_ok += ok
    want, got = _show_gold(g, text), _show_pred(p)
    if p.unit != g.unit:
        _error(scores, "unit", art, g.start, g.end, f"want {want}; got {got}")
    if p.type != g.type:
        _error(scores, "type", art, g.start, g.end, f"want {want}; got {got}")
    if not ok:
        _error(scores, "counts", art, g.start, g.end, f"want {want}; got {got}")


def _error(scores: Scores, kind: str, art: GoldArticle, start: int, end: int, msg: str) -> None:
    scores.errors.append(Error(kind, art.article_id, start, end, msg))


def _show_gold(g: GoldFigure, text: str) -> str:
    counted = text[g.counts_start : g.counts_end] if g.counts_start is not None else None
    return f"{text[g.start : g.end]!r} = {g.value:g} {g.unit or ''} {g.type} counts={counted!r}"


def _show_pred(p: Figure) -> str:
    return f"{p.surface!r} = {p.value:g} {p.unit or ''} {p.type} counts={p.counts!r}"


def evaluate(
    gold_path: Path = GOLD_PATH, corpus: Path | None = None, n_process: int = 1
) -> dict[str, Scores]:
    """Run the extractor on the gold articles: scores for "tune", "heldout" and "all"."""
    from analysis.extract import nlp as nlp_loader
    from analysis.extract.figures import extract_figures

    gold = read_gold(gold_path)
    texts = article_texts(gold, corpus or corpus_path(), gold_path)
    scores = {name: Scores() for name in (*SPLITS, "all")}
    docs = nlp_loader.load().pipe(texts, n_process=n_process)
    for art, text, doc in zip(gold, texts, docs, strict=True):
        preds = extract_figures(doc)
        score_article(scores[art.split], art, text, preds)
        score_article(scores["all"], art, text, preds)
    return scores


_ROWS: tuple[tuple[str, Callable[[Scores], str]], ...] = (
    ("gold figures", lambda s: f"{s.gold}"),
    ("predicted", lambda s: f"{s.predicted}"),
    ("matched", lambda s: f"{s.matched}"),
    ("precision %", lambda s: f"{s.precision:.1f}"),
    ("recall %", lambda s: f"{s.recall:.1f}"),
    ("unit ok % (matched)", lambda s: f"{s.share(s.unit_ok):.1f}"),
    ("type ok % (matched)", lambda s: f"{s.share(s.type_ok):.1f}"),
    ("hedge ok % (matched)", lambda s: f"{s.share(s.approx_ok):.1f}"),
    ("counts ok % (matched)", lambda s: f"{s.share(s.counts_ok):.1f}"),
    ("counts ok % (gold names one)", lambda s: _pct(s.counted_ok, s.counted_gold)),
)


def format_table(scores: dict[str, Scores]) -> str:
    """Precision/recall and attribute accuracies, one column per split."""
    lines = [f"{'':30}" + "".join(f"{name:>10}" for name in scores)]
    for label, cell in _ROWS:
        lines.append(f"{label:30}" + "".join(f"{cell(s):>10}" for s in scores.values()))
    return "\n".join(lines)


def _pct(ok: int, n: int) -> str:
    return f"{100 * ok / n:.1f}" if n else "-"


def format_errors(scores: Scores, limit: int | None = None) -> str:
    """The misses, false positives and wrong attributes, grouped by kind."""
    errors = sorted(scores.errors, key=lambda e: (e.kind, e.article_id, e.start))
    shown = errors if limit is None else errors[:limit]
    lines = [f"{e.kind:15} {e.article_id} {e.start}-{e.end}: {e.detail}" for e in shown]
    if len(shown) < len(errors):
        lines.append(f"... {len(errors) - len(shown)} more")
    return "\n".join(lines)
