"""Error analysis of statement extraction against PolNeAR's *train* split (never dev).

    .venv/bin/quotedesk eval --split train --out /tmp/train.jsonl
    .venv/bin/python tests/bench/attribution_errors.py /tmp/train.jsonl [--examples 5]

Matches predictions to gold with the scorer's own rule (``../shared/eval/score.py``, T=0.3)
and prints counts by class: misses by gold cue and by quoted/unquoted, false positives by
predicted kind and cue, span-boundary errors at T=0.8 (which end is off, and by how much), and
speaker errors by the gold mention's type (pronoun, title phrase, name, org, none).
Examples (``--examples``) print article text to the terminal only; never paste them into
the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from analysis import settings
from analysis.extract.vocab import PRONOUNS, TITLE_NOUNS

Row = dict[str, Any]


def _scorer() -> Any:
    path = settings.shared_dir() / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _mention_type(text: str | None) -> str:
    if not text:
        return "none"
    words = text.split()
    low = text.lower().strip()
    if low in PRONOUNS or low in ("i", "we", "you", "they", "it", "who", "which", "that"):
        return "pronoun"
    if any(w.lower().strip(",.") in TITLE_NOUNS for w in words) and not all(
        w[:1].isupper() for w in words
    ):
        return "title phrase"
    if all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return "name"
    return "common noun"


def _bucket_cue(cue: str | None) -> str:
    if not cue:
        return "(none)"
    return " ".join(cue.lower().split()[-2:])


def analyse(split: str, pred_path: Path, examples: int) -> None:
    if split != "train":
        raise SystemExit("error analysis runs on train only: dev stays a check, not a guide")
    sc = _scorer()
    gold_dir = settings.shared_dir() / "gold" / "polnear"
    texts, gold = sc.load_gold(str(gold_dir), split)
    preds, _ = sc.load_pred(str(pred_path), texts)
    miss_cue: Counter[str] = Counter()
    miss_quoted: Counter[str] = Counter()
    miss_partial: Counter[str] = Counter()
    fp_kind: Counter[str] = Counter()
    fp_cue: Counter[str] = Counter()
    bound: Counter[str] = Counter()
    spk_err: Counter[str] = Counter()
    spk_all: Counter[str] = Counter()
    spk_rel: Counter[str] = Counter()
    ex: dict[str, list[str]] = defaultdict(list)
    for d in sorted(gold):
        text, golds, ps = texts[d], gold[d], preds.get(d, [])
        g_sp = [sc.quote_spans(g) for g in golds]
        p_sp = [sc.quote_spans(p) for p in ps]
        pairs = sc.match_document(g_sp, p_sp, 0.3)
        pairs8 = {gi for gi, *_ in sc.match_document(g_sp, p_sp, 0.8)}
        mg = {gi: pi for gi, pi, *_ in pairs}
        mp = {pi for _, pi, *_ in pairs}
        for gi, g in enumerate(golds):
            quoted = "quoted" if sc.is_quoted(g, text) else "unquoted"
            if gi not in mg:
                key = _bucket_cue(g.get("cue"))
                miss_cue[key] += 1
                miss_quoted[quoted] += 1
                touched = any(sc.spans_overlap(g_sp[gi], p) for p in p_sp)
                miss_partial["overlapped <0.3 or taken" if touched else "no overlap"] += 1
                _add(ex, f"miss:{key}", text, g, examples)
                continue
            p = ps[mg[gi]]
            if gi not in pairs8:
                _boundary(bound, g, p, text, ex, examples)
            if g.get("speaker_start") is not None:
                kind = _mention_type(g.get("speaker"))
                spk_all[kind] += 1
                ok = sc.spans_overlap(sc.speaker_spans(g), sc.speaker_spans(p)) > 0
                if not ok:
                    why = "no pred" if p.get("speaker_start") is None else "other span"
                    spk_err[f"{kind} / {why}"] += 1
                    spk_rel[_cue_relation(sc, g, p)] += 1
                    _add(ex, f"spk:{kind}/{why}", text, g, examples, p)
        for pi, p in enumerate(ps):
            if pi not in mp:
                fp_kind[p.get("kind", "?")] += 1
                fp_cue[_bucket_cue(p.get("cue"))] += 1
                _add(ex, f"fp:{p.get('kind')}", text, None, examples, p)
    _print("misses by quoted", miss_quoted)
    _print("misses: partial overlap?", miss_partial)
    _print("misses by gold cue", miss_cue, 60)
    _print("false positives by kind", fp_kind)
    _print("false positives by cue", fp_cue, 40)
    _print("boundary errors (matched @0.3, not @0.8)", bound)
    _print("speaker mentions scored, by gold type", spk_all)
    _print("speaker errors by gold type", spk_err)
    _print("speaker errors by how our cue relates to the gold cue", spk_rel)
    if examples:
        for key in sorted(ex):
            print(f"\n=== {key}")
            for line in ex[key]:
                print(line)


def _cue_relation(sc: Any, g: Row, p: Row) -> str:
    """Same cue; the gold attribution nested in our content (we took the outer one); ours
    nested in the gold content (we took the inner one); other; or no cue to compare."""
    if g.get("cue_start") is None or p.get("cue_start") is None:
        return "no cue"
    gcue, pcue = [(g["cue_start"], g["cue_end"])], [(p["cue_start"], p["cue_end"])]
    if sc.spans_overlap(gcue, pcue):
        return "same cue"
    if sc.spans_overlap(sc.quote_spans(p), gcue):
        return "gold nested in ours (we took the outer)"
    if sc.spans_overlap(sc.quote_spans(g), pcue):
        return "ours nested in gold (we took the inner)"
    return "other cue"


def _boundary(bound: Counter[str], g: Row, p: Row, text: str, ex: Any, n: int) -> None:
    gs, ge, ps_, pe = g["quote_start"], g["quote_end"], p["quote_start"], p["quote_end"]

    def side(delta: int, name: str) -> str:
        if abs(delta) <= 2:
            return f"{name} ok"
        return f"{name} {'late' if delta > 0 else 'early'}"

    key = f"{side(ps_ - gs, 'start')}, {side(pe - ge, 'end')}"
    bound[key] += 1
    _add(ex, f"bound:{key}", text, g, n, p)


def _add(ex: Any, key: str, text: str, g: Row | None, n: int, p: Row | None = None) -> None:
    if len(ex[key]) >= n:
        return
    parts = []
    if g is not None:
        gs, ge = g["quote_start"], g["quote_end"]
        ctx = text[max(0, gs - 80) : gs] + "[[" + text[gs:ge] + "]]" + text[ge : ge + 60]
        parts.append(f"  GOLD spk={g.get('speaker')!r} cue={g.get('cue')!r}: {ctx!r}")
    if p is not None:
        ps_, pe = p["quote_start"], p["quote_end"]
        if g is None:
            ctx = text[max(0, ps_ - 80) : ps_] + "[[" + text[ps_:pe] + "]]" + text[pe : pe + 40]
        else:
            ctx = text[ps_:pe]
        parts.append(
            f"  PRED {p.get('kind')} spk={p.get('speaker_mention')!r} cue={p.get('cue')!r}: {ctx!r}"
        )
    ex[key].append("\n".join(parts))


def _print(title: str, c: Counter[str], n: int = 30) -> None:
    total = sum(c.values())
    print(f"\n## {title} (total {total})")
    for k, v in c.most_common(n):
        print(f"{v:6d}  {100 * v / max(total, 1):5.1f}%  {k}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    ap.add_argument("pred", type=Path)
    ap.add_argument("--split", default="train")
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args(argv)
    analyse(args.split, args.pred, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
