"""Have the browser fetch the code of a page's charts, tables and filters while its queries run.

Streamlit downloads the JavaScript of an element type (Vega for charts, the data grid for
tables, the date picker, ...) only when the first element of that type arrives from the server.
On a fresh browser a page's first chart therefore waits for its query, *then* for about 1 MB of
Vega to download and compile. The small script tag from :func:`tag`, sent before any query
runs, imports the modules the page will need, its first chart's or table's first, so their
download and compilation overlap the server's work (tests/test_browser.py records each page's
time to its first chart).

The modules' file names carry a content hash that changes with every Streamlit release, so
they are read from the installed package; a name that is not found is left out, and the page
then loads that code the usual way, only later (a test checks that every one is found).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit

STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"

# Modules by the stem of their file in Streamlit's static/js. A chart loads its own module,
# then loadVegaEmbed, which loads embed (Vega itself) and vega-interpreter.
CHART = ("ArrowVegaLiteChart", "loadVegaEmbed", "embed", "vega-interpreter")
TABLE = ("DataFrame", "DownloadButton")
SIDEBAR = ("Multiselect", "DateInput", "Button", "TextInput")
# Each page's modules by its url path ("" is the Overview), what it shows first leading.
PAGES: dict[str, tuple[str, ...]] = {
    "": ("Metric", *CHART, *SIDEBAR, *TABLE),
    "statements": (*TABLE, "TextInput", *SIDEBAR),
    "article": (*TABLE, *SIDEBAR),
    "speakers": (*CHART, *SIDEBAR, *TABLE, "Selectbox"),
    "topics": ("ButtonGroup", *CHART, *SIDEBAR, *TABLE),
    "figures": ("TextInput", *TABLE, *SIDEBAR, "Selectbox", *CHART),
}
MODULES = tuple(dict.fromkeys(m for stems in PAGES.values() for m in stems))

# Resolved against the app's own entry script, so a server.baseUrlPath works too.
_SCRIPT = """<script>(function () {
  var entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  %s.forEach(function (name) {
    import(new URL("./" + name, entry.src).href).catch(function () {});
  });
})();</script>"""


@functools.cache
def module_file(stem: str) -> str | None:
    """The file name of module ``stem`` in the installed Streamlit, if there is one."""
    # "embed.<hash>.js", not "embedSomething.<hash>.js": the stem, then one dotted part
    exact = [m.name for m in sorted(STATIC_JS.glob(f"{stem}.*.js")) if m.name.count(".") == 2]
    return exact[0] if exact else None


def module_files(page: str | None = None) -> tuple[str, ...]:
    """The files of one page's modules (of every page's, for None), those found."""
    stems = MODULES if page is None else PAGES.get(page, MODULES)
    return tuple(f for f in map(module_file, stems) if f)


def tag(page: str | None = None) -> str:
    """The script tag that starts the imports for ``page`` (empty if no module was found)."""
    files = module_files(page)
    return _SCRIPT % json.dumps(list(files)) if files else ""
