"""quotedesk: who said what in the news, and which figures they cited.

Modules in data-flow order: ``articles`` (read input) → ``extract`` (spaCy, pure) →
``store`` (DuckDB) ← ``ingest`` (drives the three, and ``dedup`` links copies of one story) →
``topic_model`` (topics discovered over the store) → ``queries`` (Polars frames) → ``charts``
(Altair). ``desk`` is the notebook entry point over ``queries``; ``export`` writes CSV/Parquet.
"""

__version__ = "0.1.0"
