"""The last step of every brief: an executed notebook → its checked HTML, written atomically, or the failure kept.

All or nothing: a brief that fails (in the notebook, in rendering, or at the e-mail check) writes no
HTML; its executed notebook is kept in `<out_html.parent>/_fejlede/<stem>.ipynb` for inspection, and the
error is raised as `BriefFejl` with a Danish message. A successful run writes the HTML through a temporary
file in the same folder and `os.replace`, so a reader (or a parallel batch) never sees half a file.
The notebooks are run by noegletal.batch, in kept kernels, alone or many at a time.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import nbformat
from papermill.exceptions import PapermillExecutionError

from .errors import BriefFejl, NoegletalFejl
from .filer import skriv_atomisk
from .render import check_email_safe, html_for_notebook
from .render.blokke import unikke_id

log = logging.getLogger(__name__)

FEJLMAPPE = "_fejlede"


def _gem_fejlet(koert: Path | nbformat.NotebookNode | None, out_html: Path) -> Path | None:
    """Keep a failed run's notebook as `_fejlede/<stem>.ipynb`: a file is moved (same file system: a rename),
    a notebook in memory is written atomically. None if there is none."""
    if koert is None or (isinstance(koert, Path) and not koert.exists()):
        return None
    mappe = out_html.parent / FEJLMAPPE
    maal = mappe / f"{out_html.stem}.ipynb"
    try:
        mappe.mkdir(parents=True, exist_ok=True)
        if isinstance(koert, Path):
            os.replace(koert, maal)
        else:
            skriv_atomisk(maal, nbformat.writes(koert))
    except OSError as e:  # a full disk or a read-only folder must not hide why the brief failed
        log.warning("Den kørte notesbog kunne ikke gemmes i %s: %s", mappe, e)
        return None
    return maal


def koerselsfejl(err: BaseException, navn: str, gemt: Path | None) -> BriefFejl:
    """The Danish `BriefFejl` for a notebook run that failed (a cell raised, the kernel died or timed out)."""
    if isinstance(err, PapermillExecutionError):
        return BriefFejl(
            f"Briefen '{navn}' fejlede i celle {err.exec_count}: {err.ename}: {err.evalue.rstrip('.')}. " + _hvor(gemt),
            notesbog=gemt, ename=err.ename, evalue=err.evalue,
        )
    ename = type(err).__name__  # kernel did not start, died, timed out, bad parameters …
    return BriefFejl(f"Briefen '{navn}' kunne ikke køres: {ename}: {err}. " + _hvor(gemt),
                     notesbog=gemt, ename=ename, evalue=str(err))


def koersel_fejlet(koert: Path | nbformat.NotebookNode | None, out_html: Path, navn: str,
                   err: BaseException) -> BriefFejl:
    """A notebook run that failed: its notebook kept in `_fejlede/`, and the `BriefFejl` for the caller to
    raise where the run failed."""
    return koerselsfejl(err, navn, _gem_fejlet(koert, out_html))


def skriv_brief(koert: Path | nbformat.NotebookNode | None, out_html: Path, navn: str, *,
                keep_notebook: bool = True, kommentar: str | None = None) -> Path:
    """An executed notebook (a file or in memory) → its brief: rendered, e-mail-checked, written atomically.

    The last step of every brief (noegletal.batch makes them all). When rendering or the e-mail check fails,
    no HTML is written: the notebook is kept in `_fejlede/` and `BriefFejl` raised (a run that failed before
    this: `koersel_fejlet`). On success an old failure there is removed. A write that fails (OSError) leaves
    neither the HTML nor a temporary file; the caller says it in Danish.
    """
    try:
        nb = nbformat.read(koert, as_version=4) if isinstance(koert, Path) else koert
        side = unikke_id(html_for_notebook(nb))  # two blocks of one title: their ids get -2, -3
        if kommentar:  # the analyst's own words, escaped Markdown, under the title and beside their blocks
            from . import kommentarer

            side = kommentarer.indsaet(side, kommentarer.laes(kommentar))
    except NoegletalFejl as err:  # e.g. a comment for a block the brief does not have
        gemt = _gem_fejlet(koert, out_html)
        raise BriefFejl(f"Briefen '{navn}' blev ikke skrevet: {err} " + _hvor(gemt), notesbog=gemt,
                        ename=type(err).__name__, evalue=str(err)) from err
    except Exception as err:
        gemt = _gem_fejlet(koert, out_html)
        raise BriefFejl(
            f"Briefen '{navn}' kunne ikke laves om til HTML: {type(err).__name__}: {err}. " + _hvor(gemt),
            notesbog=gemt, ename=type(err).__name__, evalue=str(err),
        ) from err
    problemer = check_email_safe(side)
    if problemer:
        gemt = _gem_fejlet(koert, out_html)
        raise BriefFejl(
            f"Briefen '{navn}' er ikke sikker at sende som e-mail: " + " ".join(problemer) + " "
            + _hvor(gemt), notesbog=gemt, ename="EmailTjek", evalue="; ".join(problemer),
        )

    skriv_atomisk(out_html, side)
    try:
        if keep_notebook:
            if isinstance(koert, Path):
                os.replace(koert, out_html.with_suffix(".ipynb"))
            else:
                skriv_atomisk(out_html.with_suffix(".ipynb"), nbformat.writes(nb))
    except BaseException:  # the disk filled after the HTML: a failed brief leaves no HTML either
        out_html.unlink(missing_ok=True)
        raise
    fejlmappe = out_html.parent / FEJLMAPPE
    (fejlmappe / f"{out_html.stem}.ipynb").unlink(missing_ok=True)  # an old failure is history
    if fejlmappe.is_dir() and not any(fejlmappe.iterdir()):
        fejlmappe.rmdir()
    log.info("Brief skrevet: %s", out_html)
    return out_html


def _hvor(gemt: Path | None) -> str:
    if gemt is None:
        return "Der blev ikke skrevet nogen HTML-fil, og der er ingen kørt notesbog gemt."
    return f"Der blev ikke skrevet nogen HTML-fil. Den kørte notesbog er gemt til fejlsøgning: {gemt}"
