"""The Streamlit dashboard: ``app.py`` routes to one thin page per view in ``app_pages/``."""
