"""A brief as PDF, printed from the finished brief HTML by a headless Chromium (Playwright).

The PDF is the HTML page as the house print style lays it out (A4; no figure or short table split
across pages; a long table's header repeated on each page; the CSV links left out), with a footer on every
page: the caller's text ("kommune · periode · tema · stempel", made from the job by `formater.fodnote`) and
"side X af Y". It is tagged (PDF/UA structure, so screen readers and copy-paste follow the reading order) and
has an outline from the headings.

The browser is the one installed on the machine (`NOEGLETAL_CHROMIUM`, else /usr/bin/chromium or
chromium on the PATH); nothing is ever downloaded. The page is opened from its file with JavaScript off
and the network off (a brief needs neither). Without a browser `PdfFejl` says how to get one, and the
caller keeps the HTML.

    pdf_fra_html("ledighed.html", "ledighed.pdf", fodnote)     # one PDF: starts and stops a browser
    with PdfMotor() as motor:                                   # many: one warm browser
        for html, pdf, fodnote in par:
            motor.pdf(html, pdf, fodnote)

Playwright's sync API must not run inside an asyncio event loop (a Jupyter kernel has one), so the browser
lives in a thread of its own; the functions can be called from anywhere.
"""

from __future__ import annotations

import html as html_mod
import os
import queue
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

from ..errors import PdfFejl
from ..filer import skriv_bytes_atomisk

CHROMIUM_ENV = "NOEGLETAL_CHROMIUM"
STANDARD_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
MARGEN = {"top": "15mm", "right": "14mm", "bottom": "18mm", "left": "14mm"}
TIMEOUT_MS = 60_000
HJAELP = ("Installér Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), eller sæt "
          f"{CHROMIUM_ENV} til stien til en Chromium- eller Chrome-browser. HTML-briefen er lavet som sædvanlig.")


def chromium_sti() -> str:
    """The browser to print with: $NOEGLETAL_CHROMIUM, else /usr/bin/chromium, else chromium on the PATH."""
    sat = os.environ.get(CHROMIUM_ENV, "").strip()
    if sat:
        if Path(sat).is_file() and os.access(sat, os.X_OK):
            return sat
        raise PdfFejl(f"PDF'en kan ikke laves: {CHROMIUM_ENV} peger på {sat}, som ikke er en browser, der kan "
                      f"køres. {HJAELP}")
    if Path(STANDARD_CHROMIUM).is_file() and os.access(STANDARD_CHROMIUM, os.X_OK):
        return STANDARD_CHROMIUM
    for navn in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        fundet = shutil.which(navn)
        if fundet:
            return fundet
    raise PdfFejl(f"PDF'en kan ikke laves: der er ingen Chromium på denne maskine. {HJAELP}")


def fodnote_html(fodnote: str) -> str:
    """Playwright's footer template: the footer text left, 'side X af Y' right (Chromium fills the spans)."""
    return (
        '<div style="width:100%;margin:0 14mm;display:flex;justify-content:space-between;gap:6mm;'
        'font:7.5pt/1.3 \'DejaVu Sans\',\'Liberation Sans\',Arial,sans-serif;color:#444">'
        f'<span>{html_mod.escape(fodnote)}</span>'
        '<span style="white-space:nowrap">side <span class="pageNumber"></span> af '
        '<span class="totalPages"></span></span></div>'
    )


class _Traad:
    """One daemon thread that runs what it is given, in order (Playwright's sync objects belong to the
    thread that made them). A daemon, not a ThreadPoolExecutor: the executor refuses new work once the
    interpreter starts to exit, and an atexit handler must still be able to close the browser."""

    def __init__(self):
        self._koe: queue.Queue = queue.Queue()
        self._t = threading.Thread(target=self._loop, name="noegletal-pdf", daemon=True)
        self._t.start()

    def _loop(self):
        while True:
            opgave = self._koe.get()
            if opgave is None:
                return
            fremtid, fn, args = opgave
            if not fremtid.set_running_or_notify_cancel():
                continue
            try:
                fremtid.set_result(fn(*args))
            except BaseException as e:
                fremtid.set_exception(e)

    def submit(self, fn, *args) -> Future:
        fremtid: Future = Future()
        self._koe.put((fremtid, fn, args))
        return fremtid

    def shutdown(self, wait: bool = True):
        self._koe.put(None)
        if wait and self._t is not threading.current_thread():
            self._t.join()


class PdfMotor:
    """A headless Chromium kept running for many PDFs (a batch): start once, print many, close.

    Use as a context manager, or call `luk()`. Not for use from several threads at once.
    """

    def __init__(self, chromium: str | None = None):
        self.chromium = chromium or chromium_sti()
        self._traad: _Traad | None = _Traad()
        self._pw = self._browser = self._context = self._page = None
        try:
            self._traad.submit(self._start).result()
        except BaseException:
            self.luk()
            raise

    def _start(self):
        try:
            from playwright.sync_api import Error as PwError
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise PdfFejl("PDF'en kan ikke laves: Python-pakken playwright mangler. Installér den i miljøet "
                          "(`.venv/bin/pip install playwright`; hent ingen browser med den, den bruger "
                          "maskinens Chromium). " + HJAELP)
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.chromium, headless=True, args=CHROMIUM_ARGS, chromium_sandbox=False,
                timeout=TIMEOUT_MS,
            )
        except PwError as e:
            raise PdfFejl(f"PDF'en kan ikke laves: browseren {self.chromium} kunne ikke starte "
                          f"({str(e).strip().splitlines()[0]}). {HJAELP}")

    def _side(self):
        """The one page every PDF is printed from (a new context and page cost ~0.35 s per PDF): JavaScript
        off, offline, and every request but file: and data: refused."""
        if self._page is None:
            self._context = self._browser.new_context(java_script_enabled=False, offline=True)
            self._context.route("**/*", lambda route: route.continue_()
                                if route.request.url.startswith(("file:", "data:")) else route.abort())
            self._page = self._context.new_page()
        return self._page

    def _print(self, html_sti: Path, fodnote: str) -> bytes:
        try:
            page = self._side()
            page.goto(html_sti.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
            return page.pdf(
                format="A4", print_background=True, margin=MARGEN, display_header_footer=True,
                header_template="<span></span>", footer_template=fodnote_html(fodnote),
                tagged=True, outline=True,
            )
        except BaseException:
            self._ny_side()  # a crashed or stuck page is not used again
            raise

    def _ny_side(self):
        context, self._context, self._page = self._context, None, None
        if context is not None:
            try:
                context.close()
            except Exception:
                pass

    def pdf(self, html_sti: str | Path, pdf_sti: str | Path, fodnote: str) -> Path:
        """Print one brief to `pdf_sti` (written atomically: a temporary file, then a rename), with `fodnote`
        as the footer's text: the caller has the job, so the page is never read back for it."""
        html_sti, pdf_sti = Path(html_sti), Path(pdf_sti)
        if self._browser is None:
            raise PdfFejl("PDF-motoren er lukket.")
        try:
            data = self._traad.submit(self._print, html_sti, fodnote).result()
        except PdfFejl:
            raise
        except Exception as e:  # a Playwright error: the browser crashed, a timeout, …
            raise PdfFejl(f"PDF'en af {html_sti.name} kunne ikke laves: {str(e).strip().splitlines()[0]}") from e
        pdf_sti.parent.mkdir(parents=True, exist_ok=True)
        skriv_bytes_atomisk(pdf_sti, data)
        return pdf_sti

    def _stop(self):
        try:
            self._ny_side()
            if self._browser is not None:
                self._browser.close()
        finally:
            self._browser = None
            if self._pw is not None:
                self._pw.stop()
                self._pw = None

    def luk(self) -> None:
        """Stop the browser (and its driver); safe to call twice."""
        if self._traad is None:
            return
        try:
            self._traad.submit(self._stop).result()
        finally:
            self._traad.shutdown(wait=True)
            self._traad = None

    def __enter__(self) -> PdfMotor:
        return self

    def __exit__(self, *exc) -> None:
        self.luk()


def pdf_fra_html(html_sti: str | Path, pdf_sti: str | Path, fodnote: str, *,
                 motor: PdfMotor | None = None) -> Path:
    """The brief at `html_sti` as a PDF at `pdf_sti` (see the module text). With `motor`, its warm browser
    is used; without, a browser is started and stopped for this one PDF. Raises `PdfFejl` (Danish, says
    what to do) when there is no browser or printing fails; the HTML is never touched."""
    if motor is not None:
        return motor.pdf(html_sti, pdf_sti, fodnote)
    with PdfMotor() as m:
        return m.pdf(html_sti, pdf_sti, fodnote)
