"""The ``quotedesk`` command: thin wrappers, each calling one library function.

Every command prints one line about what it produced; ``quotedesk COMMAND --help`` shows an
example.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from analysis import settings

SAMPLE_DIR = settings.PROJECT_ROOT / "data" / "sample"  # tests point it elsewhere


def _db_default() -> str:
    return settings.get("db")


def cmd_ingest(args: argparse.Namespace) -> int:
    from analysis.ingest import ingest

    report = ingest(args.paths, args.db, batch_size=args.batch_size, n_process=args.processes)
    for err in report.errors[:20]:
        print(f"error: {err}", file=sys.stderr)
    if len(report.errors) > 20:
        print(
            f"error: ... and {len(report.errors) - 20} more (table ingest_errors)", file=sys.stderr
        )
    if report.errors:  # by reason, so a reporter sees at once what kind of garbage it was
        from analysis.articles import summarise

        print(summarise(report.errors), file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_extract(args: argparse.Namespace) -> int:
    from analysis.dev.predictions import write_predictions

    started = time.perf_counter()
    n_docs, n_st, n_fig, words, errors = write_predictions(
        args.input, args.out, args.figures, limit=args.limit, n_process=args.processes
    )
    elapsed = time.perf_counter() - started
    for err in errors[:20]:
        print(f"error: {err}", file=sys.stderr)
    print(
        f"{n_docs} articles, {n_st} statements → {args.out}"
        + (f", {n_fig} figures → {args.figures}" if args.figures else "")
        + f"; {words:,} words in {elapsed:.1f}s ({words / max(elapsed, 1e-9):,.0f} words/s)"
    )
    return 0 if not errors else 1


def cmd_dashboard(args: argparse.Namespace) -> int:
    from analysis import sample

    db = Path(args.db).resolve()
    if db == sample.sample_path().resolve():  # the sample: built on first use
        sample.ensure(db)
    if not db.is_file():
        print(f"error: no database at {db}; build one with `quotedesk ingest`", file=sys.stderr)
        return 2
    app = settings.PROJECT_ROOT / "dashboard" / "app.py"
    # Always headless to Streamlit: otherwise its first run asks for an e-mail address on the
    # terminal (and exits 255 without one, under nohup or CI) and shows an "install skills"
    # toast over the page. The browser is opened by us instead, when there is one to open.
    env = {**os.environ, "QUOTEDESK_DB": str(db), "STREAMLIT_SERVER_HEADLESS": "true"}
    if args.corrections:
        env["QUOTEDESK_CORRECTIONS"] = "1"
    hosts = allowed_hosts(args.allowed_host)
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(args.port), "--server.address", args.address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # DNS rebinding: a page on another name pointed at this machine is refused
        *(x for host in hosts for x in ("--server.allowedHosts", host)),
    ]  # fmt: skip
    host = f"[{args.address}]" if ":" in args.address else args.address
    url = f"http://{host}:{args.port}"
    print(f"dashboard on {url} for {db} (Ctrl+C stops it)", flush=True)
    if not args.headless and can_open_browser():
        subprocess.Popen(  # waits for the server, opens the page, exits
            [sys.executable, "-c", f"from analysis.cli import open_when_up; open_when_up({url!r})"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    # Streamlit reads .streamlit/config.toml from the working directory; exec so that
    # stopping `quotedesk dashboard` stops the server too.
    os.chdir(app.parent)
    os.execve(sys.executable, cmd, env)


def can_open_browser() -> bool:
    """A person at a terminal with a display: not CI, nohup or a service."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()) or os.environ.get("CI"):
        return False
    return sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def open_when_up(url: str, timeout: float = 60.0) -> None:
    """Open ``url`` in the default browser once the dashboard answers its health check."""
    import urllib.request
    import webbrowser

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    webbrowser.open(url)
                    return
        except OSError:
            time.sleep(0.3)


def allowed_hosts(extra: Sequence[str] = ()) -> list[str]:
    """The host names the dashboard answers to: the setting (localhost names by default)
    and any ``--allowed-host``."""
    hosts = [h.strip() for h in settings.get("allowed_hosts").split(",") if h.strip()]
    return [*hosts, *(h for h in extra if h not in hosts)]


def cmd_sample(args: argparse.Namespace) -> int:
    from analysis import sample

    db = Path(args.db)
    if not args.force and not sample.is_stale(db, SAMPLE_DIR):
        sample.ensure(db)  # an older schema or stale facts: brought up to date
        print(f"{db} exists and is up to date (use --force to rebuild)")
        return 0
    report = sample.build(db, SAMPLE_DIR)
    print(f"sample database {db}: " + report.summary())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from analysis.dev.evaluate import run

    shared = settings.shared_dir()
    gold = Path(args.gold_dir) if args.gold_dir else shared / "gold" / "polnear"
    scorer = Path(args.scorer) if args.scorer else shared / "eval" / "score.py"
    cache = Path(args.cache) if args.cache else None
    with tempfile.TemporaryDirectory(prefix="quotedesk-eval-") as tmp:
        # the predictions are kept only when asked for (--out): nothing left in the cwd
        out = Path(args.out) if args.out else Path(tmp) / "predictions.jsonl"
        result = run(gold, args.split, out, scorer, n_process=args.processes, cache=cache)
    print(result.tables)
    if args.split in ("train", "dev") and not args.spans_only:
        from analysis.dev import name_training, names_eval

        names = (
            name_training.evaluate_out_of_fold(gold, n_process=args.processes)
            if args.split == "train"
            else names_eval.evaluate(args.split, gold, n_process=args.processes)
        )
        print()
        print(names_eval.format_tables(names))
    print(
        f"{result.articles} articles, {result.words:,} words in {result.seconds:.1f}s "
        f"({result.words_per_second:,.0f} words/s)"
        + (f"; predictions → {result.predictions}" if args.out else "")
    )
    return 0


def cmd_eval_figures(args: argparse.Namespace) -> int:
    from analysis import figures_eval as fe

    if args.gold:
        one = fe.evaluate(Path(args.gold), n_process=args.processes)
        scores = {"tune": one["tune"], "heldout": one["heldout"], "all": one["all"]}
    else:
        scores = fe.evaluate_all(n_process=args.processes)
    print(fe.format_markdown(scores) if args.markdown else fe.format_tables(scores))
    if args.errors:
        split = scores.get(args.errors_split) or scores[next(iter(scores))]
        print(fe.format_errors(split, limit=args.errors, kind=args.errors_kind))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from analysis import queries, store

    store.check_integrity(args.db)  # a damaged store: say so, rather than fail mid-query
    meta = store.info(args.db)
    counts = queries.overview(args.db)  # one copy per story
    copies = queries.overview(args.db, queries.Filters(distinct=False))["articles"]
    print(json.dumps({"db": str(args.db), **meta, **counts, "all_copies": copies}, default=str))
    return 0


def cmd_bench_queries(args: argparse.Namespace) -> int:
    from analysis import store
    from analysis.dev import bench

    if args.refresh_facts:
        with store.writer(args.db) as con:
            store.refresh_facts(con)
    facts = "fresh" if store.facts_fresh(args.db) else "stale: computed on the fly by every query"
    df = bench.run(args.db, repeat=args.repeat)
    print(bench.table(df))
    worst = df.row(0, named=True)
    print(
        f"{df.height} queries x {args.repeat} runs on {args.db} (dashboard facts {facts}); "
        f"slowest p95: {worst['p95_ms']:.0f} ms ({worst['query']}, {worst['filters']})"
    )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from analysis.dev import perf

    cfg = perf.BenchConfig(
        corpus=Path(args.corpus) if args.corpus else perf.default_corpus(),
        limit=args.limit,
        runs=args.runs,
        processes=tuple(args.processes),
        extraction="extraction" in args.measures,
        ingest="ingest" in args.measures,
        tiny=args.tiny if "tiny" in args.measures else 0,
        query_dbs=tuple(Path(p) for p in args.query_db),
        query_repeat=args.query_repeat,
    )
    log = (lambda line: print(line, file=sys.stderr, flush=True)) if not args.quiet else None
    result = perf.run_bench(cfg, log=log or (lambda _: None))
    print(perf.report(result))
    return 0


def cmd_cluster_extract(args: argparse.Namespace) -> int:
    from analysis.scaleout.cluster import run_job

    report = run_job(
        args.inputs, args.out, actors=args.actors, batch_size=args.batch_size, address=args.address
    )
    print(report.summary())
    return 0 if not report.errors else 1


def cmd_load(args: argparse.Namespace) -> int:
    from analysis.scaleout.load import load

    report = load(args.partitions, args.db, batch_size=args.batch_size)
    for err in report.errors[:20]:
        print(f"error: {err}", file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.export import export_store

    counts = export_store(args.db, args.out)
    print(f"{len(counts)} tables, {sum(counts.values()):,} rows → {args.out}/<table>.parquet")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from analysis import runs

    r = runs.migrate(args.db)
    print(f"{args.db}: schema {r.schema_version}; {r.linked} articles linked to stories; "
          f"copies: {r.copies}")  # fmt: skip
    if r.speakers is not None:
        print("speakers: " + r.speakers.summary())
    # facts from an older quotedesk (or left stale by a hand edit) would be computed on the
    # fly by every dashboard query: correct, but slow
    print("dashboard facts: " + ("rebuilt" if r.facts_rebuilt else "up to date"))
    return 0


def cmd_speakers_list(args: argparse.Namespace) -> int:
    from analysis import queries

    if args.suggest:
        rules = queries.suggestions(args.db, limit=args.limit)
        print("\n\n".join(rules) if rules else "# no suggestions")
        return 0
    if args.ambiguous:
        df = queries.ambiguous(args.db, limit=args.limit)
        for sid, name, n, arts, note in df.iter_rows():
            print(f"{name} [{sid}]: {n} statements in {arts} articles; {note}")
        print(f"{df.height} names left apart as ambiguous (quotedesk speakers show NAME)")
        return 0
    df = queries.speaker_index(args.db, search=args.search, limit=args.limit)
    for sid, name, kind, n, arts, names, by_hand in df.iter_rows():
        joined = f"; joined: {', '.join(x for x in names if x != name)}" if len(names) > 1 else ""
        hand = " [by hand]" if by_hand else ""
        print(f"{name} [{sid}] {kind}: {n} statements, {arts} articles{joined}{hand}")
    print(f"{df.height} speakers")
    return 0


def cmd_speakers_show(args: argparse.Namespace) -> int:
    from analysis import queries

    try:
        d = queries.speaker_detail(args.db, args.name)
    except ValueError as exc:  # no speaker or several by that name
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{d.name} [{d.speaker_id}] {d.kind}")
    print("aliases: " + "; ".join(d.aliases))
    print("roles over time:")
    for role, first, last, n in d.roles.iter_rows():
        print(f"  {role}: {first} – {last} ({n} articles)")
    print("joined from (name in article, rule, note, articles, statements):")
    for name, how, note, arts, n in d.members.iter_rows():
        print(f"  {name}: {how}" + (f" ({note})" if note else "") + f", {arts}, {n}")
    for rule in d.rules:
        print(f"hand rule: {rule}")
    return 0


def cmd_speakers_apply(args: argparse.Namespace) -> int:
    from analysis import runs

    print(runs.apply_speaker_rules(args.db, args.aliases).summary())
    return 0


def cmd_reextract(args: argparse.Namespace) -> int:
    from analysis.reextract import reextract

    report = reextract(
        args.db, force=args.force, aliases=args.aliases, batch_size=args.batch_size,
        n_process=args.processes,
    )  # fmt: skip
    print(report.summary())
    return 0


def cmd_corrections_list(args: argparse.Namespace) -> int:
    from analysis import corrections

    df = corrections.audit(args.db, orphaned=args.orphaned, who=args.who)
    for r in df.iter_rows(named=True):
        note = f" ({r['note']})" if r["note"] else ""
        print(f"{r['made_at']:%Y-%m-%d %H:%M} {r['who']}: {r['action']} {r['article_id']}"
              f"[{r['start_char']}:{r['end_char']}] {r['old_value']!r} → {r['new_value']!r}"
              f"{note} [{r['status']}]")  # fmt: skip
    print(f"{df.height} corrections" + (" orphaned" if args.orphaned else ""))
    return 0


def cmd_corrections_export(args: argparse.Namespace) -> int:
    from analysis import corrections

    n = corrections.export_jsonl(args.db, args.path)
    print(f"{n} corrections → {args.path}")
    return 0


def cmd_corrections_import(args: argparse.Namespace) -> int:
    from analysis import corrections

    read, new = corrections.import_jsonl(args.db, args.path)
    print(f"{read} corrections read from {args.path}, {new} new in {args.db}")
    return 0


def cmd_topics_discover(args: argparse.Namespace) -> int:
    from analysis.topic_model import discover_topics

    report = discover_topics(args.db, args.k, args.method)
    for t in report.topics:
        print(f"{t.topic}  {t.label}")
    print(report.summary())
    return 0


def cmd_topics_evaluate(args: argparse.Namespace) -> int:
    from analysis import articles
    from analysis.records import Article
    from analysis.topic_model import evaluate, format_agreement

    arts = [a for a in articles.read(args.paths) if isinstance(a, Article) and a.category]
    rows = evaluate(arts, args.k)
    print(format_agreement(rows, len({a.category for a in arts}), len(arts)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="quotedesk", description="Who said what in the news, and which figures they cited."
    )
    p.add_argument("--debug", action="store_true", help="on an error, print the full traceback")
    sub = p.add_subparsers(dest="command", required=True)
    fmt = argparse.RawDescriptionHelpFormatter

    s = sub.add_parser(
        "ingest",
        help="read articles into the database",
        formatter_class=fmt,
        description="Read JSONL, CSV, TXT, HTML files, folders or .gz of them; extract statements "
        "and figures; store them.\n\nexample:\n"
        "  quotedesk ingest articles.jsonl news/ --db news.duckdb",
    )
    s.add_argument("paths", nargs="+", help="files or folders")
    s.add_argument("--db", default=_db_default(), help="DuckDB file (default: %(default)s)")
    s.add_argument("--batch-size", type=int, default=None, help="articles per transaction")
    s.add_argument("--processes", type=int, default=None, help="spaCy worker processes")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser(
        "extract",
        help="extract to JSONL without a database (for scoring)",
        formatter_class=fmt,
        description="Write one statement per line in the scorer's format.\n\nexample:\n"
        "  quotedesk extract ../shared/gold/polnear/articles.jsonl --out preds.jsonl "
        "--figures figs.jsonl",
    )
    s.add_argument("input", help="articles file (JSONL, CSV, ...) or folder")
    s.add_argument("--out", required=True, help="statements JSONL to write")
    s.add_argument("--figures", default=None, help="also write figures JSONL here")
    s.add_argument("--limit", type=int, default=None, help="only the first N articles")
    s.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser(
        "dashboard",
        help="open the Streamlit dashboard",
        formatter_class=fmt,
        description="Serve the dashboard (read-only unless --corrections) on localhost."
        "\n\nexample:\n  quotedesk dashboard --db news.duckdb --port 8501\n"
        "  quotedesk dashboard --db news.duckdb --corrections",
    )
    s.add_argument(
        "--corrections",
        action="store_true",
        help="let reporters correct speakers, kinds and figures from the pages "
        "($QUOTEDESK_CORRECTIONS=1 does the same)",
    )
    s.add_argument("--db", default=_db_default(), help="DuckDB file (default: %(default)s)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--address", default="127.0.0.1", help="interface to serve on")
    s.add_argument(
        "--headless",
        action="store_true",
        help="do not open a browser (none is opened anyway without a terminal and a display)",
    )
    s.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        help="also answer to this host name (repeatable); by default only localhost names "
        "($QUOTEDESK_ALLOWED_HOSTS), so another site cannot read the dashboard by DNS rebinding",
    )
    s.set_defaults(func=cmd_dashboard)

    s = sub.add_parser(
        "sample",
        help="build the sample database from data/sample",
        formatter_class=fmt,
        description="Ingest the embedded fictional sample corpus.\n\nexample:\n"
        "  quotedesk sample --force",
    )
    s.add_argument(
        "--db", default=settings.get("sample_db"), help="where to build it (default: %(default)s)"
    )
    s.add_argument("--force", action="store_true", help="rebuild even if it is up to date")
    s.set_defaults(func=cmd_sample)

    s = sub.add_parser(
        "eval",
        help="score statement extraction on a gold corpus",
        formatter_class=fmt,
        description="Extract the gold articles of a split and print the scorer's tables "
        "(T=0.3/0.8, and symmetric T=0.5), then the names a reporter sees after corpus-wide "
        "resolution against the hand-resolved names (tests/gold/names; train: its 80 articles, "
        "the pronoun model out of fold).\n\nexample:\n  quotedesk eval --split dev",
    )
    s.add_argument("--gold-dir", default=None, help="default: $QUOTEDESK_SHARED/gold/polnear")
    s.add_argument("--scorer", default=None, help="default: $QUOTEDESK_SHARED/eval/score.py")
    s.add_argument("--split", default="dev", choices=["train", "dev", "all"])
    s.add_argument(
        "--out", default=None, help="also keep the predictions in this JSONL file (default: not)"
    )
    s.add_argument(
        "--spans-only",
        action="store_true",
        help="only the span tables, not the names shown (which ingest the split into a store)",
    )
    s.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    s.add_argument(
        "--cache",
        default=None,
        help="train only: a saved parse (DocBin) to read, or to write on the first run",
    )
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser(
        "eval-figures",
        help="score figure extraction on the hand-checked AllSides and Wikinews figures",
        formatter_class=fmt,
        description="Extract figures from the gold articles (tests/gold/README.md, guideline v2) "
        "and print, per split and per type (count, money, percent, duration, other), detection "
        "precision and recall, value right %%, what it counts right %%, unit, type and hedge.\n\n"
        "example:\n"
        "  quotedesk eval-figures --errors 50 --errors-split 'allsides tune' --errors-kind miss",
    )
    s.add_argument("--gold", default=None, help="score one gold file (its tune/heldout/all)")
    s.add_argument("--markdown", action="store_true", help="print the README's tables")
    s.add_argument("--errors", type=int, default=0, help="also list this many errors")
    s.add_argument(
        "--errors-split",
        default="allsides tune",
        help="which split's errors: 'allsides tune', 'wikinews tune', ... (tune/heldout/all "
        "with --gold)",
    )
    s.add_argument(
        "--errors-kind",
        default=None,
        choices=["miss", "false-positive", "value", "unit", "type", "counts"],
        help="only errors of this kind",
    )
    s.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    s.set_defaults(func=cmd_eval_figures)

    s = sub.add_parser(
        "info",
        help="print a database's versions and counts",
        formatter_class=fmt,
        description="Print schema/DuckDB/storage versions and headline counts as JSON.\n\n"
        "example:\n  quotedesk info --db news.duckdb",
    )
    s.add_argument("--db", default=_db_default())
    s.set_defaults(func=cmd_info)

    s = sub.add_parser(
        "bench-queries",
        help="time every dashboard query on a database",
        formatter_class=fmt,
        description="Run each query the dashboard pages make, under typical filters (none, a "
        "topic, an outlet, a date range, a speaker, a search), K times, and print p50/p95 "
        "milliseconds. Build a large store with `python -m analysis.dev.synth`.\n\nexample:\n"
        "  quotedesk bench-queries --db bench-1m.duckdb --repeat 20",
    )
    s.add_argument("--db", default=_db_default())
    s.add_argument("--repeat", type=int, default=10, help="timed runs per query (K)")
    s.add_argument(
        "--refresh-facts",
        action="store_true",
        help="first rebuild the dashboard's facts if the data changed (ingest does it; a "
        "store from an older quotedesk has none)",
    )
    s.set_defaults(func=cmd_bench_queries)

    s = sub.add_parser(
        "bench",
        help="measure extraction and ingest throughput and memory",
        formatter_class=fmt,
        description="Articles/s and words/s of quotedesk's extraction, of its spaCy pipeline "
        "alone and of the bare spaCy pipeline on the same texts, with 1 and 2 processes; "
        "end-to-end ingest into DuckDB; "
        "re-ingest with 1%% of the articles changed; peak memory; optionally the dashboard "
        "queries' latency on given stores. Each measure runs RUNS times in a fresh process; "
        "the table shows medians.\n\nexample:\n"
        "  quotedesk bench --limit 500 --runs 3\n"
        "  quotedesk bench --measures extraction --query-db bench-1m.duckdb\n"
        "  quotedesk bench --measures tiny --tiny 20000 --runs 3",
    )
    s.add_argument("--corpus", default=None, help="articles (default: AllSides articles-5k)")
    s.add_argument("--limit", type=int, default=None, help="only the first N articles")
    s.add_argument("--runs", type=int, default=3, help="runs per measure (default: %(default)s)")
    s.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="default: 1 2")
    s.add_argument(
        "--measures",
        nargs="*",
        choices=["extraction", "ingest", "tiny"],
        default=["extraction", "ingest"],
        help="extraction (bare spaCy, quotedesk's pipeline, quotedesk), ingest (and re-ingest), "
        "tiny (ingest of one-sentence records, see --tiny); default: extraction ingest",
    )
    s.add_argument(
        "--tiny", type=int, default=20_000, help="records for the tiny measure (default 20000)"
    )
    s.add_argument("--query-db", action="append", default=[], help="time queries on this store")
    s.add_argument("--query-repeat", type=int, default=10, help="runs per query")
    s.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    s.set_defaults(func=cmd_bench)

    s = sub.add_parser(
        "cluster-extract",
        help="extract on a Ray cluster into Parquet partitions",
        formatter_class=fmt,
        description="Read input files or folders (local or s3://, gs://, ...), extract every "
        "article on a pool of Ray actors that each load spaCy once, and write "
        "OUT/{articles,statements,figures,errors}/*.parquet; merge them into a store with "
        "`quotedesk load`. Needs `pip install 'quotedesk[cluster]'`.\n\nexample:\n"
        "  quotedesk cluster-extract corpus/ --out run-1/ --actors 2\n"
        "  quotedesk cluster-extract s3://news/2024/ --out s3://news-out/run-1 "
        "--address auto --actors 64",
    )
    s.add_argument("inputs", nargs="+", help="files or folders, local or object-store URIs")
    s.add_argument("--out", required=True, help="folder or URI for the Parquet partitions")
    s.add_argument("--actors", type=int, default=2, help="extraction actors (1 CPU each)")
    s.add_argument("--batch-size", type=int, default=16, help="articles per actor call")
    s.add_argument(
        "--address", default=None, help="Ray cluster ('auto', ray://host:10001); default: local"
    )
    s.set_defaults(func=cmd_cluster_extract)

    s = sub.add_parser(
        "load",
        help="merge cluster-extract partitions into a database",
        formatter_class=fmt,
        description="Merge OUT/articles/*.parquet (and input errors) written by "
        "`quotedesk cluster-extract` into a store, as `quotedesk ingest` would have stored the "
        "same input. Unchanged articles are skipped, so loading twice changes nothing."
        "\n\nexample:\n  quotedesk load run-1/ --db news.duckdb",
    )
    s.add_argument("partitions", help="the --out folder or URI of cluster-extract")
    s.add_argument("--db", default=_db_default(), help="DuckDB file (default: %(default)s)")
    s.add_argument("--batch-size", type=int, default=None, help="articles per transaction")
    s.set_defaults(func=cmd_load)

    s = sub.add_parser(
        "export",
        help="write every table to Parquet",
        formatter_class=fmt,
        description="Write each table of the database to DIR/<table>.parquet, for other tools."
        "\n\nexample:\n  quotedesk export --db news.duckdb --out news-parquet/",
    )
    s.add_argument("--db", default=_db_default())
    s.add_argument("--out", required=True, help="folder to write the Parquet files to")
    s.set_defaults(func=cmd_export)

    s = sub.add_parser(
        "migrate",
        help="bring a database to the current schema",
        formatter_class=fmt,
        description="Migrate an older database in place (rows are kept) and link its "
        "near-duplicate articles to their stories.\n\nexample:\n"
        "  quotedesk migrate --db news.duckdb",
    )
    s.add_argument("--db", default=_db_default())
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser(
        "speakers",
        help="list speakers across the corpus, or apply a speaker rules file",
        formatter_class=fmt,
        description="One speaker per person across the corpus, with aliases and roles; a "
        "reporter's rules file merges, splits and renames them (format in "
        "analysis/aliases.py).\n\nexample:\n  quotedesk speakers list --search Putin\n"
        '  quotedesk speakers show "Vladimir Putin"\n'
        "  quotedesk speakers apply --aliases speakers.toml",
    )
    spk = s.add_subparsers(dest="speakers_command", required=True)
    t = spk.add_parser(
        "list",
        help="speakers, most quoted first, with the names joined into each",
        formatter_class=fmt,
        description="List corpus speakers; --ambiguous lists names left apart because they "
        "could be several people; --suggest prints merge rules to consider.\n\nexample:\n"
        "  quotedesk speakers list --db news.duckdb --search Trump --limit 20",
    )
    t.add_argument("--db", default=_db_default())
    t.add_argument("--search", default=None, help="part of a name, id or alias")
    t.add_argument("--limit", type=int, default=50)
    t.add_argument("--ambiguous", action="store_true", help="names that could be several people")
    t.add_argument("--suggest", action="store_true", help="print merge rules to consider (TOML)")
    t.set_defaults(func=cmd_speakers_list)
    t = spk.add_parser(
        "show",
        help="one speaker: aliases, roles over time, names joined, hand rules",
        formatter_class=fmt,
        description="Everything the store knows about one speaker, by name, id or alias."
        "\n\nexample:\n  quotedesk speakers show Putin --db news.duckdb",
    )
    t.add_argument("name", help="name, id or alias")
    t.add_argument("--db", default=_db_default())
    t.set_defaults(func=cmd_speakers_show)
    t = spk.add_parser(
        "apply",
        help="apply a speaker rules file (merge, split, keep_apart, rename)",
        formatter_class=fmt,
        description="Check the rules file, recompute the corpus speakers with it and store the "
        "rules, so every later ingest and re-extraction applies them again. Without --aliases: "
        "$QUOTEDESK_ALIASES, else the rules stored last.\n\nexample:\n"
        "  quotedesk speakers apply --aliases speakers.toml --db news.duckdb",
    )
    t.add_argument("--db", default=_db_default())
    t.add_argument("--aliases", default=None, help="speaker rules file (TOML)")
    t.set_defaults(func=cmd_speakers_apply)

    s = sub.add_parser(
        "corrections",
        help="list, export or import reporters' corrections",
        formatter_class=fmt,
        description="Corrections reporters made (dashboard with --corrections, or the Desk), "
        "kept in the store and applied again after every ingest and re-extraction. A JSONL "
        "file carries them to a colleague's store; importing it twice adds nothing."
        "\n\nexample:\n  quotedesk corrections list --orphaned --db news.duckdb\n"
        "  quotedesk corrections export corrections.jsonl --db news.duckdb\n"
        "  quotedesk corrections import corrections.jsonl --db other.duckdb",
    )
    cor = s.add_subparsers(dest="corrections_command", required=True)
    t = cor.add_parser(
        "list",
        help="corrections, newest first, with their status",
        formatter_class=fmt,
        description="Every correction with who made it, when, the old and new value and its "
        "status (applied, superseded, orphaned: its words are no longer in the article)."
        "\n\nexample:\n  quotedesk corrections list --orphaned --db news.duckdb",
    )
    t.add_argument("--db", default=_db_default())
    t.add_argument("--orphaned", action="store_true", help="only those whose text is gone")
    t.add_argument("--who", default=None, help="only those made by this person")
    t.set_defaults(func=cmd_corrections_list)
    for name, what, func in (
        ("export", "write every correction to a JSONL file", cmd_corrections_export),
        ("import", "add the corrections of a JSONL file and apply them", cmd_corrections_import),
    ):
        t = cor.add_parser(
            name, help=what, formatter_class=fmt,
            description=f"{what[0].upper()}{what[1:]}.\n\nexample:\n"
            f"  quotedesk corrections {name} corrections.jsonl --db news.duckdb",
        )  # fmt: skip
        t.add_argument("path", help="JSONL file")
        t.add_argument("--db", default=_db_default())
        t.set_defaults(func=func)

    s = sub.add_parser(
        "reextract",
        help="run the current extractor again over the stored articles",
        formatter_class=fmt,
        description="Re-extract the articles an older extractor made (all with --force) from "
        "the text in the database, one transaction per batch, keeping hand speaker rules."
        "\n\nexample:\n  quotedesk reextract --db news.duckdb",
    )
    s.add_argument("--db", default=_db_default())
    s.add_argument("--force", action="store_true", help="also articles made by this version")
    s.add_argument("--aliases", default=None, help="speaker rules file (default: stored rules)")
    s.add_argument("--batch-size", type=int, default=None, help="articles per transaction")
    s.add_argument("--processes", type=int, default=None, help="spaCy worker processes")
    s.set_defaults(func=cmd_reextract)

    s = sub.add_parser(
        "topics",
        help="discover topics in a database, or measure topic methods",
        formatter_class=fmt,
        description="Topics discovered from the corpus (NMF over TF-IDF), beside the curated "
        "taxonomy.\n\nexample:\n  quotedesk topics discover --db news.duckdb --k 15\n"
        "  quotedesk topics evaluate ../shared/corpus/allsides/sample-300.jsonl",
    )
    topics = s.add_subparsers(dest="topics_command", required=True)
    t = topics.add_parser(
        "discover",
        help="fit topics over the stored articles and store them",
        formatter_class=fmt,
        description="Fit K topics on one copy per story, label each by its top terms and "
        "assign them to every article (replacing earlier discovered topics).\n\nexample:\n"
        "  quotedesk topics discover --db news.duckdb --k 15",
    )
    t.add_argument("--db", default=_db_default())
    t.add_argument("--k", type=int, default=12, help="number of topics (default: %(default)s)")
    t.add_argument("--method", choices=["nmf", "lda"], default="nmf")
    t.set_defaults(func=cmd_topics_discover)
    t = topics.add_parser(
        "evaluate",
        help="score taxonomy vs discovered topics against labelled articles",
        formatter_class=fmt,
        description="Print NMI, purity and one-to-one accuracy of the taxonomy and of "
        "discovered topics (NMF, LDA) against the articles' `category`.\n\nexample:\n"
        "  quotedesk topics evaluate ../shared/corpus/allsides/sample-300.jsonl",
    )
    t.add_argument("paths", nargs="+", help="labelled articles (JSONL/CSV with `category`)")
    t.add_argument("--k", type=int, default=None, help="topics (default: as many as taxonomy)")
    t.set_defaults(func=cmd_topics_evaluate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. An error ends in one line on stderr and exit status 2; the
    traceback only with ``--debug`` (or ``QUOTEDESK_DEBUG``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or bool(settings.get("debug"))  # accepted after a command too
    args = build_parser().parse_args([a for a in argv if a != "--debug"])
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted; what was committed before stays stored", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 2


def _one_line(exc: BaseException) -> str:
    """The error as one line a person can act on; unexpected ones say how to see more."""
    from analysis import runs, store

    if not isinstance(exc, store.StoreError) and (full := runs.disk_error(exc, "the database")):
        exc = full
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, FileNotFoundError | RuntimeError | ValueError | OSError):
        return text
    return f"unexpected {type(exc).__name__}: {text} (run again with --debug for the traceback)"


if __name__ == "__main__":
    raise SystemExit(main())
