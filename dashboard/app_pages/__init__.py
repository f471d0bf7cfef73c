"""One file per dashboard page; each is run by ``st.navigation`` in ``dashboard/app.py``."""
