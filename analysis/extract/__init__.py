"""Extraction: spaCy ``Doc`` → records. Pure functions; no database, no files.

This package is the only place that imports spaCy.
"""
