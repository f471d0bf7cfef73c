"""A synthetic quotedesk store of any size, for benchmarks: ``python -m analysis.dev.synth``.

Real corpora of a million statements are not ours to ship, so the benchmark runs on a
generated one whose shape follows the sample and Wikinews stores: about five statements per
article, 85% of them attributed, speakers drawn from a Zipf law (a few people are quoted
everywhere, most once), outlets skewed the same way, one to three topics per article with
shares that drift over time, and a figure in about 40% of statements, each speaker returning to
the same counted things with changing values (so the figure tracker has series to draw).

Every row is consistent: offsets point at the statement, speaker, cue and figure inside the
article text, and every foreign key resolves. The rows are made by DuckDB itself with
``INSERT ... SELECT ... FROM range(n)``; randomness is ``hash(row, salt)``, so the same
``seed`` gives the same store whatever the thread count. The text is word salad from a fixed
vocabulary plus each topic's keywords, so full-text search finds topic words.

    python -m analysis.dev.synth --db bench-1m.duckdb --statements 1000000
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis import store
from analysis.extract.topics import load_taxonomy

STATEMENTS_PER_ARTICLE = 5  # mean; each article has 1..9
SPEAKERS_PER_STATEMENT = 1 / 50  # 20,000 speakers for a million statements
START = "2023-01-01"
DAYS = 3 * 365

WORDS = """
government plan week year people country city council report people public state local
minister leader official committee agency office board group members workers families
support cost money price rate number level figure share increase decrease rise fall
change reform policy law rule decision vote deal talks meeting statement interview
future past month today tomorrow yesterday early late long short strong weak clear
important serious difficult simple possible necessary real new old big small high low
national regional international local foreign domestic private federal rural urban
need want expect believe think know see say tell ask call make take give keep hold
work build open close start stop continue protect improve reduce raise cut spend
""".split()
FILLER = (
    """
The announcement came after weeks of debate. Critics were not convinced. The figures were
published on Monday. Talks are expected to continue. The office declined to comment further.
Reporters gathered outside the building. The decision surprised observers. Opposition members
asked for details. The meeting lasted three hours. A vote is planned for next month.
""".replace("\n", " ")
    .strip()
    .rstrip(".")
    .split(". ")
)
FIRST = [a + b for a in "Al Be Ca Da El Fa Ga Ha Il Jo".split()
         for b in "na ric mon lia ten vi ro sa del ko ra bel mir tor lan ny ssa mar dric "
                  "nor".split()]  # fmt: skip
LAST = [a + b for a in "Ander Bren Cal Dorn Eck Fal Gar Hal Is Jar Kel Lind Mar Nor Oster Pal "
                       "Quin Ros Stan Thal Ulm Vik Wes Yar Zel".split()
        for b in "berg sen ton vik dahl ström wood ley mark ford holm by stein gaard man ski ow "
                 "ez quist ard".split()][:499]  # fmt: skip
ROLES = """President; Prime Minister; Finance Minister; Defence Minister; spokesperson; Senator;
Mayor; professor of economics; chief executive; union leader; police chief; health minister;
central bank governor; opposition leader""".replace("\n", " ").split("; ")
OUTLETS = """The Harbour Times; Northern Ledger; Meridian Post; Capital Broadcast News;
Vastavia Daily Wire; The Evening Lantern; Coastline Courier; Ridgeway Gazette; Metro Bulletin;
The Valley Record; Eastgate Observer; Summit Tribune; Lakeside Journal; Plainsman Herald;
Crossroads Review; The Civic Standard; Harborview Express; Northstar Dispatch;
Old Quarter Chronicle; Tidewater News""".replace("\n", " ").split("; ")
CUES = ["said", "told reporters", "added", "warned", "argued", "insisted", "claimed", "noted"]
NOUNS = """contracts jobs soldiers homes cases votes patients schools refugees vehicles trees
tonnes visitors complaints arrests containers flights teachers nurses farms""".split()
KINDS = [("direct", 0.35), ("indirect", 0.90), ("mixed", 0.94), ("belief", 0.98), ("headline", 1.0)]


@dataclass(frozen=True, slots=True)
class SynthReport:
    db: Path
    articles: int
    statements: int
    speakers: int
    figures: int
    seconds: float
    index_seconds: float
    facts_seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.db}: {self.articles:,} articles, {self.statements:,} statements, "
            f"{self.speakers:,} speakers, {self.figures:,} figures in {self.seconds:.1f}s "
            f"(search index {self.index_seconds:.1f}s, dashboard facts {self.facts_seconds:.1f}s)"
        )


def build(
    db: str | Path,
    statements: int,
    seed: int = 0,
    outlets: int = len(OUTLETS),
    speakers: int | None = None,
    search_index: bool = True,
    overwrite: bool = False,
    memory_limit: str | None = None,
) -> SynthReport:
    """Write a synthetic store of ``statements`` statements to a new file ``db``.

    ``speakers`` defaults to one per 50 statements (at least 50). An existing file is
    refused unless ``overwrite``. ``memory_limit`` (e.g. ``"6GB"``) caps DuckDB's memory; past
    it, DuckDB spills to a temporary folder beside ``db`` (a 10M-statement build needs it on a
    shared machine). Returns the counts and the time taken.
    """
    path = Path(db)
    if path.exists():
        if not overwrite:
            raise FileExistsError(f"{path} exists; pass overwrite=True (--force) to replace it")
        for p in (path, Path(f"{path}.wal")):
            p.unlink(missing_ok=True)
    n_speakers = speakers or max(50, statements // round(1 / SPEAKERS_PER_STATEMENT))
    started = time.perf_counter()
    with store.writer(path) as con:
        if memory_limit:
            con.execute(f"SET memory_limit = '{memory_limit}'")
        for sql, params in _setup(seed, outlets, n_speakers):
            con.execute(sql, params)
        for sql in _STEPS:  # one transaction each: one for all is slower to commit
            con.execute(sql, {"n": statements} if "$n" in sql else None)
        con.execute("CHECKPOINT")
        built = time.perf_counter()
        if search_index:
            store.rebuild_search_index(con)
            con.execute("CHECKPOINT")
        indexed = time.perf_counter()
        store.refresh_facts(con)  # as ingest does
        con.execute("CHECKPOINT")
        counts = {}
        for table in ("articles", "statements", "speakers", "figures"):
            row = con.sql(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    done = time.perf_counter()
    return SynthReport(
        path, **counts, seconds=built - started, index_seconds=indexed - built,
        facts_seconds=done - indexed,
    )  # fmt: skip


def _setup(seed: int, outlets: int, n_speakers: int) -> list[tuple[str, list[Any] | None]]:
    """The vocabulary as a one-row temp table ``p``, and the random helpers, as SQL."""
    tax = load_taxonomy()
    topics = list(tax.labels)
    keywords = [[w for w, ts in tax.words.items() if t in ts] or ["news"] for t in topics]
    lists = {
        "topics": topics, "labels": [tax.labels[t] for t in topics], "words": WORDS,
        "filler": FILLER, "firsts": FIRST, "lasts": LAST, "roles": ROLES,
        "outlets": OUTLETS[:outlets], "cues": CUES, "nouns": NOUNS,
    }  # fmt: skip
    cols = ", ".join(f"?::VARCHAR[] AS {name}" for name in lists)
    return [
        (
            f"CREATE OR REPLACE TEMP TABLE p AS SELECT ?::INTEGER AS n_speakers, "
            f"?::VARCHAR[][] AS kw, {cols}",
            [n_speakers, keywords, *lists.values()],
        ),
        # u(i, k): uniform in [0, 1) for row i and purpose k, the same on every run.
        (
            "CREATE OR REPLACE TEMP MACRO u(i, k) AS "
            f"(hash(i, k, {int(seed)}) % 1000003) / 1000003.0",
            None,
        ),
        # pick(list, i, k): one element, uniformly; zipf(n, i, k): 1..n with P(r) ~ 1/r.
        (
            "CREATE OR REPLACE TEMP MACRO pick(l, i, k) AS l[1 + floor(u(i, k) * len(l))::INTEGER]",
            None,
        ),
        (
            "CREATE OR REPLACE TEMP MACRO zipf(n, i, k) AS "
            "least(n, floor(pow(n + 1, u(i, k)))::INTEGER)",
            None,
        ),
        (
            "CREATE OR REPLACE TEMP MACRO words(l, i, k, n) AS "
            "array_to_string(list_transform(range(n), x -> pick(l, i, k * 100 + x)), ' ')",
            None,
        ),
    ]


def _kind_case() -> str:
    whens = " ".join(f"WHEN u(j, 7) < {p} THEN '{k}'" for k, p in KINDS)
    return f"CASE {whens} END"


_STEPS: Sequence[str] = (
    # Speakers: rank r gets a unique first/last pair. m = r·7919 mod (200·499) is one-to-one
    # (7919 is prime to 200·499) and scatters neighbouring ranks over the name lists; past
    # 200·499 speakers a numeral is added.
    """CREATE TEMP TABLE sp AS
       SELECT r, name, lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g')) AS speaker_id,
              CASE WHEN u(r, 1) < 0.7 THEN pick(roles, r, 2) END AS role
       FROM (SELECT r, firsts[1 + m % len(firsts)] || ' ' || lasts[1 + m // len(firsts)]
                       || CASE WHEN r >= size THEN ' ' || (r // size + 1)::VARCHAR ELSE '' END
                       AS name, roles
             FROM (SELECT r, (r * 7919) % (len(firsts) * len(lasts)) AS m,
                          len(firsts) * len(lasts) AS size, firsts, lasts, roles
                   FROM p, range(1, (SELECT n_speakers FROM p) + 1) t(r)))""",
    # Articles: 1..9 statements each (mean 5), enough articles to hold $n statements.
    """CREATE TEMP TABLE art AS
       WITH a AS (
         SELECT k, 1 + floor(u(k, 10) * 9)::INTEGER AS n_st,
                (DATE '2023-01-01' + floor(u(k, 11) * 1095)::INTEGER) AS published,
                zipf(len(p.outlets), k, 12) AS outlet_rank,
                zipf(p.n_speakers, k, 13) AS s1, zipf(p.n_speakers, k, 14) AS s2,
                zipf(p.n_speakers, k, 15) AS s3
         FROM p, range(ceil($n / 5 * 1.05)::BIGINT + 10) t(k))
       SELECT *, sum(n_st) OVER (ORDER BY k) - n_st AS first_j FROM a""",
    """DELETE FROM art WHERE first_j >= $n""",
    # Topics drift: the leading topic is Zipf-skewed, rotated by one every half year.
    """CREATE TEMP TABLE art2 AS
       SELECT a.k, 'syn-' || lpad(a.k::VARCHAR, 8, '0') AS article_id,
              least(a.n_st, $n - a.first_j)::BIGINT AS n_st, a.first_j, a.published,
              p.outlets[a.outlet_rank] AS outlet,
              a.s1, a.s2, a.s3,
              (zipf(len(p.topics), a.k, 16) - 1
                 + ((a.published - DATE '2023-01-01') // 182)) % len(p.topics) AS t1,
              floor(u(a.k, 17) * len(p.topics))::INTEGER AS t2,
              u(a.k, 18) < 0.6 AS has_t2,
              u(a.k, 19) < 0.3 AS has_t3
       FROM art a, p""",
    # Statements, with their text and the piece of article text that holds them.
    f"""CREATE TEMP TABLE st AS
       WITH s AS (
         SELECT a.article_id, a.k, o AS ordinal, a.published, a.outlet,
                a.first_j + o AS j, a.t1, a.t2, a.has_t2,
                CASE WHEN u(a.first_j + o, 1) < 0.15 THEN NULL
                     WHEN u(a.first_j + o, 2) < 0.5 THEN a.s1
                     WHEN u(a.first_j + o, 2) < 0.8 THEN a.s2 ELSE a.s3 END AS speaker_rank
         FROM art2 a, range(a.n_st::BIGINT) t(o)),
       s2 AS (
         SELECT s.*, sp.speaker_id, sp.name AS speaker_name, sp.role AS speaker_role,
                {_kind_case()} AS kind, pick(p.cues, j, 8) AS cue,
                coalesce(sp.name, 'an official') AS mention,
                pick(p.filler, j, 9) || '.' AS filler,
                words(p.words, j, 3, 5) || ' ' || pick(p.kw[t1 + 1], j, 4) AS prefix,
                pick(p.kw[CASE WHEN has_t2 AND u(j, 5) < 0.3 THEN t2 ELSE t1 END + 1], j, 6)
                  || ' ' || words(p.words, j, 4, 6) AS suffix,
                u(j, 20) < 0.4 AS has_fig,
                p.nouns[1 + ((coalesce(speaker_rank, 0) * 7
                              + floor(u(j, 21) * 3)::INTEGER) % len(p.nouns))] AS noun,
                CASE WHEN u(j, 22) < 0.7 THEN 'count'
                     WHEN u(j, 22) < 0.9 THEN 'percent' ELSE 'money' END AS fig_type
         FROM s LEFT JOIN sp ON sp.r = s.speaker_rank, p),
       s3 AS (
         SELECT *,
                round(CASE fig_type WHEN 'percent' THEN 1 + u(j, 23) * 40
                       ELSE (10 + (hash(coalesce(speaker_rank, 0), noun) % 990))
                            * pow(10, (hash(noun) % 3) + 1) * (0.7 + 0.6 * u(j, 23)) END)
                  AS value
         FROM s2),
       s4 AS (
         SELECT *,
                CASE fig_type WHEN 'percent' THEN value::BIGINT::VARCHAR || '%'
                     WHEN 'money' THEN '$' || format('{{:,}}', value::BIGINT)
                     ELSE format('{{:,}}', value::BIGINT) END AS surface
         FROM s3),
       s5 AS (
         SELECT *,
                prefix || CASE WHEN has_fig THEN ' ' || surface || ' ' || noun ELSE '' END
                  || ' ' || suffix AS text
         FROM s4),
       s6 AS (
         SELECT *, filler || ' "' || text || '," ' || mention || ' ' || cue || '. ' AS piece
         FROM s5)
       SELECT *, sum(length(piece)) OVER (PARTITION BY k ORDER BY ordinal) - length(piece)
                 AS piece_start
       FROM s6""",
    """INSERT INTO topics SELECT unnest(p.topics), unnest(p.labels) FROM p
       ON CONFLICT DO NOTHING""",
    """INSERT INTO speakers SELECT speaker_id, name, 'person' FROM sp
       WHERE r IN (SELECT DISTINCT speaker_rank FROM st)""",
    """INSERT INTO speaker_aliases
       SELECT speaker_id, name FROM sp WHERE r IN (SELECT DISTINCT speaker_rank FROM st)
       UNION
       SELECT speaker_id, split_part(name, ' ', 2) FROM sp
       WHERE r IN (SELECT DISTINCT speaker_rank FROM st)""",
    """INSERT INTO articles
       SELECT a.article_id, md5(t.body), t.title, t.body, a.outlet, a.published,
              'https://synthetic.test/' || a.article_id, p.topics[a.t1 + 1],
              '{"synthetic": true}', len(string_split(t.body, ' ')), 'synth', NULL, 1,
              'synth', now()
       FROM art2 a, p,
            (SELECT k, string_agg(piece, '' ORDER BY ordinal) AS body,
                    coalesce(any_value(speaker_name), 'Officials') || ' on '
                      || any_value(prefix) AS title
             FROM st GROUP BY k) t
       WHERE t.k = a.k""",
    """INSERT INTO statements
       SELECT article_id || ':s' || ordinal, article_id, ordinal, 'text',
              piece_start + length(filler) + 2, piece_start + length(filler) + 2 + length(text),
              NULL, text, kind, cue,
              piece_start + length(filler) + 2 + length(text) + 3 + length(mention) + 1,
              piece_start + length(filler) + 2 + length(text) + 3 + length(mention) + 1
                + length(cue),
              mention, piece_start + length(filler) + 2 + length(text) + 3,
              piece_start + length(filler) + 2 + length(text) + 3 + length(mention),
              speaker_id, speaker_name, speaker_role,
              CASE WHEN speaker_id IS NULL THEN NULL ELSE 'name' END, NULL, NULL, NULL
       FROM st""",
    """INSERT INTO speaker_roles
       SELECT DISTINCT speaker_id, article_id, speaker_role FROM st
       WHERE speaker_id IS NOT NULL AND speaker_role IS NOT NULL""",
    """INSERT INTO figures
       SELECT article_id || ':f' || ordinal, article_id, ordinal,
              piece_start + length(filler) + 2 + length(prefix) + 1,
              piece_start + length(filler) + 2 + length(prefix) + 1 + length(surface),
              surface, value, CASE fig_type WHEN 'percent' THEN '%' WHEN 'money' THEN 'USD' END,
              fig_type, FALSE, CASE WHEN fig_type = 'count' THEN noun END,
              CASE WHEN fig_type = 'count'
                   THEN piece_start + length(filler) + 2 + length(prefix) + length(surface) + 2
              END,
              CASE WHEN fig_type = 'count'
                   THEN piece_start + length(filler) + 2 + length(prefix) + length(surface) + 2
                        + length(noun)
              END,
              article_id || ':s' || ordinal, speaker_id, speaker_name
       FROM st WHERE has_fig""",
    """INSERT INTO article_topics
       SELECT article_id, p.topics[t + 1], score FROM (
         SELECT article_id, t1 AS t, 1.0 AS score FROM art2
         UNION SELECT article_id, t2, 0.6 FROM art2 WHERE has_t2 AND t2 <> t1
         UNION SELECT a.article_id, (a.t1 + 3) % len(p.topics), 0.3 FROM art2 a, p
               WHERE a.has_t3 AND (a.t1 + 3) % len(p.topics) <> a.t2) x, p""",
    """INSERT INTO statement_topics
       SELECT DISTINCT article_id || ':s' || ordinal, p.topics[t + 1], score FROM (
         SELECT article_id, ordinal, t1 AS t, 1.0 AS score FROM st
         UNION ALL SELECT article_id, ordinal, t2, 0.5 FROM st
               WHERE has_t2 AND t2 <> t1 AND u(j, 30) < 0.35) x, p""",
    """INSERT INTO runs (command, started_at, finished_at, status, extractor_version,
                         settings, statements, figures, articles_new)
       SELECT 'synth', now(), now(), 'ok', 'synth', '{"synthetic": true}',
              (SELECT count(*) FROM st), (SELECT count(*) FROM st WHERE has_fig),
              (SELECT count(*) FROM art2)""",
)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m analysis.dev.synth",
        description="Build a synthetic quotedesk store for benchmarks.\n\nexample:\n"
        "  python -m analysis.dev.synth --db bench-1m.duckdb --statements 1000000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--db", required=True, help="DuckDB file to create")
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-index", action="store_true", help="skip the full-text index")
    ap.add_argument("--force", action="store_true", help="replace an existing file")
    ap.add_argument("--memory-limit", help="cap DuckDB's memory, e.g. 6GB (it spills past it)")
    args = ap.parse_args(argv)
    report = build(
        args.db, args.statements, seed=args.seed, search_index=not args.no_index,
        overwrite=args.force, memory_limit=args.memory_limit,
    )  # fmt: skip
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
