"""The formats beside a brief's HTML, each made from the finished HTML: PDF (headless Chromium) and xlsx.

A process that makes many briefs keeps one warm browser for all its PDFs (closed when the process ends).
"""

from __future__ import annotations

import atexit
from pathlib import Path

from ..errors import UgyldigParameter

_MOTOR = None


def motor():
    """The warm browser of this process (started on first use)."""
    global _MOTOR
    if _MOTOR is None:
        from .pdf import PdfMotor

        _MOTOR = PdfMotor()
        atexit.register(luk)
    return _MOTOR


def luk() -> None:
    """Close the warm browser, if one was started."""
    global _MOTOR
    if _MOTOR is not None:
        try:
            _MOTOR.luk()
        except RuntimeError:  # at interpreter exit the browser's thread pool may already be shut down
            pass
        finally:
            _MOTOR = None


def fodnote(job, side: str) -> str:
    """The PDF footer of `job`'s brief: its kommune and period as the job resolved them (never read back from the
    page), the brief's title, when it was made and whether it is demo data (`blokke.fodnote`)."""
    from .blokke import fodnote as fodnote_

    return fodnote_(side, kommune=job.omraade, periode=job.perioden)


def lav(fmt: str, job) -> Path:
    """Make `job`'s brief in `fmt` from its HTML (which must exist); the file goes beside the HTML."""
    html, ud = Path(job.html), job.fil(fmt)
    if fmt == "pdf":
        from .pdf import pdf_fra_html

        return pdf_fra_html(html, ud, fodnote(job, html.read_text(encoding="utf-8")), motor=motor())
    if fmt == "xlsx":
        from ..filer import skriv_bytes_atomisk
        from .xlsx import xlsx_fra_html

        skriv_bytes_atomisk(ud, xlsx_fra_html(html.read_text(encoding="utf-8")))
        return ud
    raise UgyldigParameter(f"Ukendt format '{fmt}'.")
