"""Have the browser fetch the code of charts, tables and filters while the first query runs.

Streamlit downloads the JavaScript of an element type (Vega for charts, the data grid for
tables, the date picker, ...) only when the first element of that type arrives from the server.
On a fresh browser a page's first chart therefore waits for its query, *then* for about 1 MB of
Vega to download and compile. The small script tag sent by :func:`tag`, before any query runs,
imports those modules at once, so their download and compilation overlap the server's work
(measured in tests/test_browser.py, which records each page's time to its first chart).

The modules' file names carry a content hash that changes with every Streamlit release, so
they are read from the installed package; a name that is not found is left out, and the page
then loads that code the usual way, only later.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit

# The element types the pages draw, by the stem of their module (see Streamlit's static/js).
# loadVegaEmbed, embed and vega-interpreter are what a chart loads after its own module.
MODULES = (
    "ArrowVegaLiteChart",
    "loadVegaEmbed",
    "embed",
    "vega-interpreter",
    "DataFrame",
    "DownloadButton",
    "Multiselect",
    "DateInput",
    "Button",
    "Metric",
    "TextInput",
    "Selectbox",
    "ButtonGroup",
)
STATIC_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"

# The modules are resolved against the app's own entry script, so a server.baseUrlPath works.
_SCRIPT = """<script>(function () {
  var entry = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!entry) return;
  %s.forEach(function (name) {
    import(new URL("./" + name, entry.src).href).catch(function () {});
  });
})();</script>"""


@functools.cache
def module_files() -> tuple[str, ...]:
    """The file names of :data:`MODULES` in the installed Streamlit (found ones only)."""
    found = []
    for stem in MODULES:
        matches = sorted(STATIC_JS.glob(f"{stem}.*.js"))
        # "embed.<hash>.js", not "embedSomething.<hash>.js": the stem is followed by one part
        exact = [m.name for m in matches if m.name.count(".") == 2]
        found += exact[:1]
    return tuple(found)


def tag() -> str:
    """The script tag that starts the imports (empty when no module file was found)."""
    files = module_files()
    return _SCRIPT % json.dumps(list(files)) if files else ""
