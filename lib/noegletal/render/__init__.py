"""Executed notebook → one self-contained, email-safe HTML page.

`html_for_notebook` runs nbconvert's HTMLExporter with our own template (templates/noegletal), found via
this package's path, so it works from any working directory and from an installed package.
`check_email_safe` is the final gate the runner and the tests apply to the result.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .safety import check_email_safe, rens_html

if TYPE_CHECKING:
    import nbformat

__all__ = ["TEMPLATE_DIR", "TEMPLATE_NAME", "check_email_safe", "forbered_eksport", "html_for_notebook", "rens_html",
           "titel_for"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "noegletal"
SKJULTE_TAGS = {"parameters", "injected-parameters", "skjul"}
STANDARD_TITEL = "Nøgletal"


def _synlige(nb: nbformat.NotebookNode):
    return (c for c in nb.cells if not SKJULTE_TAGS & set(c.get("metadata", {}).get("tags", [])))


def titel_for(nb: nbformat.NotebookNode) -> str:
    """The page title: metadata noegletal.titel, else the first markdown heading, else the first <h1>
    an output shows (e.g. brief.Overskrift), else 'Nøgletal'."""
    titel = nb.metadata.get("noegletal", {}).get("titel")
    if titel:
        return str(titel)
    for cell in _synlige(nb):
        if cell.cell_type == "markdown":
            m = re.search(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if m:
                return re.sub(r"[*_`]", "", m.group(1))
    for cell in _synlige(nb):
        for out in cell.get("outputs", []):
            m = re.search(r"<h1[^>]*>(.*?)</h1>", str(out.get("data", {}).get("text/html", "")), re.S | re.I)
            if m:
                return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()
    return STANDARD_TITEL


@functools.cache
def _exporter():
    """One exporter per process: building it (Jinja environment, template lookup) costs more than using it,
    and a batch renders hundreds of briefs in the same worker. `from_notebook_node` keeps no state.
    nbconvert is loaded here, not with the package: the overview page and the PDF need only `safety`."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_anchor_links=True,  # no '¶' after every heading
        # None: the template itself leaves out hidden cells and code, and nbconvert validates the whole notebook
        # after each preprocessor (the HTML exporter's three switched on did nothing to a brief).
        default_preprocessors=[],
    )
    exporter.register_filter("rens_html", rens_html)
    return exporter


def forbered_eksport() -> None:
    """Build the exporter now (a worker does it while its kernel boots)."""
    _exporter()


def html_for_notebook(nb: nbformat.NotebookNode) -> str:
    """The notebook's brief as one HTML string (no code, no scripts, nothing from the network).

    Rendered by the template alone: HTMLExporter.from_notebook_node would then parse the whole page with
    BeautifulSoup and write it out again only to add alt text to images without one and a tabindex to
    JupyterLab's cell classes. Our template has none of those classes, and `check_email_safe` refuses a page
    with an image without alt text; the parse cost a batch worker a tenth of its time."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    resources = {"noegletal": {"titel": titel_for(nb)}}
    body, _ = TemplateExporter.from_notebook_node(_exporter(), nb, resources=resources)
    return body
