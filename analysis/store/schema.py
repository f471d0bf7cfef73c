"""The store's schema, its migrations, and the meta table that records versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from analysis.store.errors import StoreError

SCHEMA_VERSION = 5
DUCKDB_VERSION = duckdb.__version__
Connection = duckdb.DuckDBPyConnection  # for modules that drive a connection they were given

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    """CREATE SEQUENCE IF NOT EXISTS run_seq START 1""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id INTEGER PRIMARY KEY DEFAULT nextval('run_seq'),
        command VARCHAR NOT NULL,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL DEFAULT 'running',
        extractor_version VARCHAR NOT NULL,
        spacy_model VARCHAR,
        settings JSON,
        inputs JSON,
        articles_new INTEGER DEFAULT 0,
        articles_updated INTEGER DEFAULT 0,
        articles_unchanged INTEGER DEFAULT 0,
        statements INTEGER DEFAULT 0,
        figures INTEGER DEFAULT 0,
        errors INTEGER DEFAULT 0,
        skipped JSON
    )""",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        outlet VARCHAR,
        published DATE,
        url VARCHAR,
        category VARCHAR,
        meta JSON,
        word_count INTEGER NOT NULL,
        source VARCHAR,
        source_line INTEGER,
        -- no FK: DuckDB turns an UPDATE of a foreign-key column into delete + insert,
        -- which fails while the article's rows are being replaced
        run_id INTEGER,
        extractor_version VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS speakers (
        speaker_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_aliases (
        speaker_id VARCHAR NOT NULL REFERENCES speakers (speaker_id),
        alias VARCHAR NOT NULL,
        PRIMARY KEY (speaker_id, alias)
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_roles (
        speaker_id VARCHAR NOT NULL REFERENCES speakers (speaker_id),
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        role VARCHAR NOT NULL,
        PRIMARY KEY (speaker_id, article_id, role)
    )""",
    """CREATE TABLE IF NOT EXISTS statements (
        statement_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        ordinal INTEGER NOT NULL,
        section VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        fragments JSON,
        text VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        cue VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_mention VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_id VARCHAR REFERENCES speakers (speaker_id),
        speaker_name VARCHAR,
        speaker_role VARCHAR,
        speaker_how VARCHAR,  -- the rule or model that found the name (schema 4)
        speaker_confidence DOUBLE,  -- the model's probability, where a model chose
        antecedent_start INTEGER,  -- the earlier mention the name came through
        antecedent_end INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS figures (
        figure_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        ordinal INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        surface VARCHAR NOT NULL,
        value DOUBLE,
        unit VARCHAR,
        type VARCHAR NOT NULL,
        approx BOOLEAN NOT NULL,
        counts VARCHAR,
        counts_start INTEGER,
        counts_end INTEGER,
        -- no FK: DuckDB cannot delete a referenced row and its referrers in one transaction
        statement_id VARCHAR,
        speaker_id VARCHAR REFERENCES speakers (speaker_id),
        speaker_name VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS topics (
        topic VARCHAR PRIMARY KEY,
        label VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS article_topics (
        article_id VARCHAR NOT NULL REFERENCES articles (article_id),
        topic VARCHAR NOT NULL REFERENCES topics (topic),
        score DOUBLE NOT NULL,
        PRIMARY KEY (article_id, topic)
    )""",
    """CREATE TABLE IF NOT EXISTS statement_topics (
        statement_id VARCHAR NOT NULL,  -- no FK, as in figures
        topic VARCHAR NOT NULL REFERENCES topics (topic),
        score DOUBLE NOT NULL,
        PRIMARY KEY (statement_id, topic)
    )""",
    """CREATE SEQUENCE IF NOT EXISTS error_seq START 1""",
    """CREATE TABLE IF NOT EXISTS ingest_errors (
        error_id INTEGER PRIMARY KEY DEFAULT nextval('error_seq'),
        run_id INTEGER REFERENCES runs (run_id),
        source VARCHAR NOT NULL,
        line INTEGER,
        reason VARCHAR NOT NULL,
        detail VARCHAR,
        recorded_at TIMESTAMP NOT NULL
    )""",
    # --- schema 2: near-duplicate articles (analysis/dedup.py) and discovered topics
    # (analysis/topic_model.py). Separate tables, not columns on `articles`: DuckDB cannot
    # ALTER a table other tables reference, and these rows are rewritten on their own.
    """CREATE TABLE IF NOT EXISTS article_stories (
        article_id VARCHAR PRIMARY KEY,  -- no FK, as in figures
        story_id VARCHAR NOT NULL,  -- the story's first copy ingested (the article itself if none)
        duplicate_of VARCHAR,  -- the earlier copy it matched best; NULL for a story's first copy
        similarity DOUBLE,  -- Jaccard similarity of word 5-shingles with duplicate_of
        shingles INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS story_bands (
        -- MinHash LSH: one row per band of an article's signature
        band SMALLINT NOT NULL,
        bucket BIGINT NOT NULL,
        article_id VARCHAR NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS discovered_topics (
        topic VARCHAR PRIMARY KEY,
        label VARCHAR NOT NULL,  -- its top terms
        terms JSON NOT NULL,  -- [[term, weight], ...], heaviest first
        method VARCHAR NOT NULL,
        articles INTEGER NOT NULL,  -- articles whose leading topic it is
        created_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS article_discovered_topics (
        article_id VARCHAR NOT NULL,  -- no FK, as in figures
        topic VARCHAR NOT NULL,
        score DOUBLE NOT NULL,  -- the topic's share of the article's topic weight
        PRIMARY KEY (article_id, topic)
    )""",
    """CREATE INDEX IF NOT EXISTS statements_article ON statements (article_id)""",
    """CREATE INDEX IF NOT EXISTS figures_article ON figures (article_id)""",
    # --- schema 3: speakers across the corpus (analysis/identity.py, analysis/aliases.py).
    # The speakers of each article as extraction resolved them; `speakers`, `speaker_aliases`,
    # `speaker_roles` and the speaker columns of statements and figures are derived from these
    # rows and the hand rules, so hand rules survive re-ingest and re-extraction.
    """CREATE TABLE IF NOT EXISTS article_speakers (
        article_id VARCHAR NOT NULL,  -- no FK, as in figures
        name VARCHAR NOT NULL,  -- as resolved within the article
        kind VARCHAR NOT NULL,
        aliases VARCHAR[] NOT NULL,  -- the forms seen in the article
        roles VARCHAR[] NOT NULL,  -- the titles and roles seen with them there
        statements INTEGER[] NOT NULL,  -- ordinals of their statements in the article
        speaker_id VARCHAR,  -- the corpus speaker they were placed in
        how VARCHAR,  -- the rule that placed them: name, cleaned, initials, surname, ...
        note VARCHAR,  -- the hand rule's line, or the candidates of an ambiguous name
        evidence VARCHAR[],  -- the text's evidence of gender: "honorific Mrs.", "pronoun she"
        PRIMARY KEY (article_id, name)
    )""",
    """CREATE TABLE IF NOT EXISTS speaker_rules (
        -- the hand rules last applied (a reporter's speaker rules file), re-applied after
        -- every ingest and re-extraction unless QUOTEDESK_ALIASES names a file
        rule_no INTEGER PRIMARY KEY,
        action VARCHAR NOT NULL,  -- merge, split, keep_apart, rename
        file VARCHAR NOT NULL,
        line INTEGER NOT NULL,
        rule JSON NOT NULL,
        description VARCHAR NOT NULL,
        speaker_id VARCHAR,  -- the one speaker it made or renamed, if one
        speaker_ids VARCHAR[] NOT NULL,  -- every speaker it touched
        matched INTEGER NOT NULL,  -- article speakers it applied to at the last apply
        applied_at TIMESTAMP NOT NULL
    )""",
    # --- schema 5: reporters' corrections (analysis/corrections.py). `corrections` is the
    # audit trail, only ever appended to; the other two are derived from it and the current
    # statements and figures each time the corrections are applied again.
    """CREATE SEQUENCE IF NOT EXISTS correction_seq START 1""",
    """CREATE TABLE IF NOT EXISTS corrections (
        uid VARCHAR PRIMARY KEY,  -- stable across export and import
        seq INTEGER NOT NULL DEFAULT nextval('correction_seq'),  -- order of arrival here
        target VARCHAR NOT NULL,  -- statement, figure
        article_id VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,  -- the target's offsets when it was corrected
        end_char INTEGER NOT NULL,
        target_text VARCHAR NOT NULL,  -- its text (a figure's surface) then
        action VARCHAR NOT NULL,
        old_value VARCHAR,  -- the value shown before
        new_value VARCHAR,
        who VARCHAR NOT NULL,
        made_at TIMESTAMP NOT NULL,
        note VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS correction_state (
        uid VARCHAR PRIMARY KEY,  -- no FK, as in figures
        status VARCHAR NOT NULL,  -- applied, superseded, orphaned
        target_id VARCHAR,  -- the statement or figure it applies to now
        checked_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS corrected_rows (
        target_id VARCHAR PRIMARY KEY,
        target VARCHAR NOT NULL,
        corrected BOOLEAN NOT NULL,  -- a correction other than verify applies to it
        verified BOOLEAN NOT NULL
    )""",
)

# version → statements that migrate a store from that version to the next.
# 1 → 2 only adds tables (and any index added to SCHEMA since). Every SCHEMA statement is
# CREATE ... IF NOT EXISTS, so replaying SCHEMA adds what is new and leaves every existing
# table and row alone. A v1 store's articles are linked to their stories afterwards, by the
# next ingest or `quotedesk migrate` (analysis.dedup.link_pending); until then each counts as
# its own story.
# 2 → 3 likewise only adds tables (speaker overrides and whatever else SCHEMA gained since):
# replaying SCHEMA is the whole migration, so a helper adding a table appends a CREATE ... IF NOT
# EXISTS statement to SCHEMA and both paths (v1 → v2 → v3, v2 → v3) pick it up.
# 3 → 4 adds columns: how each statement's speaker was resolved (issue 15) and the text's
# evidence of each article speaker's gender. Rows written before keep NULL there until they
# are re-extracted (`quotedesk reextract`). DuckDB adds a column to these tables in place:
# nothing references them.
SCHEMA_4 = (
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_how VARCHAR",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS speaker_confidence DOUBLE",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS antecedent_start INTEGER",
    "ALTER TABLE statements ADD COLUMN IF NOT EXISTS antecedent_end INTEGER",
    "ALTER TABLE article_speakers ADD COLUMN IF NOT EXISTS evidence VARCHAR[]",
)
# 4 → 5 only adds tables (the corrections): replaying SCHEMA again.
MIGRATIONS: dict[int, tuple[str, ...]] = {1: SCHEMA, 2: SCHEMA, 3: SCHEMA_4, 4: SCHEMA}

_CHILD_TABLES = (
    "statement_topics",
    "figures",
    "statements",
    "article_topics",
    "speaker_roles",
    "article_speakers",
    "article_discovered_topics",
)
# Rows that depend on the text alone, not on the extractor: re-extraction keeps them.
_TEXT_TABLES = ("article_discovered_topics",)


def statement_id(article_id: str, ordinal: int) -> str:
    """The id of an article's ``ordinal``-th statement."""
    return f"{article_id}:s{ordinal}"


STATEMENT_ID_SQL = "{article_id} || ':s' || {ordinal}"  # statement_id() in SQL


# -------------------------------------------------------------------- schema, versions
def _meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The store's meta table ({} for a file without one). Read directly: asking the
    catalog first cost ~4 ms more on every read-only open, and every dashboard query opens."""
    try:
        return dict(con.sql("SELECT key, value FROM meta").fetchall())
    except duckdb.CatalogException:
        return {}


def _check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    meta = _meta(con)
    if not meta:
        raise StoreError(f"{path} is not a quotedesk database (no meta table)")
    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this quotedesk ({SCHEMA_VERSION}); "
            "upgrade quotedesk"
        )
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}; run `quotedesk migrate --db {path}` "
            f"to bring it to {SCHEMA_VERSION}"
        )


def _ensure_schema(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    meta = _meta(con)
    version = int(meta.get("schema_version", "0"))
    if version > SCHEMA_VERSION:
        _check_version(con, path)
    if not meta:
        tables = con.sql("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            raise StoreError(f"{path} is a DuckDB file but not a quotedesk database")
        con.execute("BEGIN")
        for stmt in SCHEMA:
            con.execute(stmt)
        _write_meta(con, SCHEMA_VERSION, created=True)
        con.execute("COMMIT")
        return
    while version < SCHEMA_VERSION:
        con.execute("BEGIN")
        for stmt in MIGRATIONS[version]:
            con.execute(stmt)
        version += 1
        _write_meta(con, version, created=False)
        con.execute("COMMIT")


def _write_meta(con: duckdb.DuckDBPyConnection, version: int, created: bool) -> None:
    storage = con.sql("SELECT tags FROM duckdb_databases() WHERE NOT internal LIMIT 1").fetchone()
    storage_version = (storage[0] or {}).get("storage_version", "") if storage else ""
    rows = {
        "schema_version": str(version),
        "duckdb_version": DUCKDB_VERSION,
        "storage_version": storage_version,
        "updated_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    if created:
        rows["created_at"] = rows["updated_at"]
    for key, value in rows.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])
