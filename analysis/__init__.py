"""quotedesk: who said what in the news, and which figures they cited.

Modules in data-flow order: ``articles`` (read input) → ``extract`` (spaCy, pure) →
``store`` (DuckDB) → ``queries`` (Polars frames) → ``charts`` (Altair).
"""

__version__ = "0.1.0"
