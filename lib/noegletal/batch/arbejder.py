"""One kernel, many briefs: the kept Jupyter kernel and what makes one brief in it.

`koer_en` is the one route every brief takes, alone (`noegletal brief`, in this process) or in a batch (in a
worker process): the notebook is parameterised as papermill does it, run in the kept kernel after a reset
(see kerne.py), handed to `runner.skriv_brief` (rendered, e-mail-checked, written atomically, or kept in
`_fejlede/`), and then made into the other formats asked for.

The kernel is launched before nbconvert, papermill and pandas are loaded in this process (runner is
imported where a brief is written), so those imports run while the kernel boots on the other core.
"""

from __future__ import annotations

import copy
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .. import config
from ..errors import BriefFejl, FilFejl, NoegletalFejl, fil_fejl
from ..jobs import Job, temaer_med_notesbog
from ..status import DANNET, FEJLET, Resultat
from . import kvittering
from .kerne import KERNEL, KERNEL_ARGS, NULSTIL, TABELLER, forvarm

log = logging.getLogger(__name__)

INTET_EFTERLADT = "Briefen er ikke skrevet, og intet halvt er efterladt."


class Kerne:
    """One Jupyter kernel kept alive, and one nbclient NotebookClient kept with it.

    `NotebookClient(nb, km=km)`: the client does not own the kernel manager, so `execute(reset_kc=False)`
    leaves kernel and channels running after each notebook. Signals keep the handling the caller gave them,
    also while a notebook runs (see `_klient`).
    """

    def __init__(self, kernel_name: str = KERNEL, tidsgraense: float | None = None, tema: str | None = None):
        self.kernel_name = kernel_name
        self.tidsgraense = tidsgraense
        self.forvarm = forvarm(tema)
        self.km = None
        self.klient = None
        self._forvarmer = None  # the warm-up request still running in the kernel
        self._tabeller: dict[str, list[str] | None] = {}  # tema → the tables it reads, as the kernel said
        self.start()

    @property
    def pid(self) -> int | None:
        proces = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proces, "pid", None)

    def start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        # The asynchronous manager, as nbclient makes itself: its client never blocks the event loop, so
        # nbclient's watch on the kernel notices a kernel that died in the middle of a cell.
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        # As nbclient (and so papermill) starts a kernel: input history in memory, not in the shared
        # ~/.ipython history database (every cell would be a write there, with two kernels competing for it).
        run_sync(self.km.start_kernel)(cwd=str(config.NOTEBOOKS_DIR), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL,
                                       extra_arguments=["--HistoryManager.hist_file=:memory:", *KERNEL_ARGS])
        # While the kernel boots: nbclient, papermill, and nbconvert's exporter for the page.
        import nbformat
        import papermill.execute  # noqa: F401  (parametriser, koer_en)

        from ..render import forbered_eksport

        self.klient = _klient()(nbformat.v4.new_notebook(), km=self.km, kernel_name=self.kernel_name,
                                timeout=self.tidsgraense, startup_timeout=120)
        forbered_eksport()
        self.klient.start_new_kernel_client()
        # The kernel imports pandas, matplotlib and the reading layer while the caller goes on; `klar()` waits.
        self._forvarmer = self.klient.kc.execute(self.forvarm, silent=True, store_history=False)

    def klar(self) -> None:
        """Wait for the warm-up to finish (imports in the kernel); fail if it failed."""
        if self._forvarmer is None:
            return
        msg_id, self._forvarmer = self._forvarmer, None
        self._svar(self.klient.wait_for_reply(msg_id))

    def stop(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            _ryd_afbrudte_opgaver()
            if self.klient is not None and self.klient.kc is not None:
                self.klient.kc.stop_channels()
        except Exception:
            pass
        if self.km is not None:
            # Stopped outright: every brief's output is in already, and the kernel keeps nothing worth a clean
            # exit (history in memory), while tearing down ~1 GB of tables would take it a few seconds. Killed
            # and reaped here first: jupyter_client would look for it every 0.1 s (the last brief's wait).
            proces = getattr(getattr(self.km, "provisioner", None), "process", None)
            try:
                if proces is not None and proces.poll() is None:
                    proces.kill()
                    proces.wait(5)
            except Exception:
                pass
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:
                pass
        self.klient = None

    def genstart(self) -> None:
        log.info("Genstarter kernen (pid %s).", self.pid)
        self.stop()
        self.start()

    def _stille(self, kode: str, **udtryk: str) -> dict:
        """Run code in the kernel without output or history; fail if it fails. Returns the values of the
        expressions `udtryk` (as text) after the code has run."""
        self.klar()
        svar = self.klient.wait_for_reply(self.klient.kc.execute(kode, silent=True, store_history=False,
                                                                 user_expressions=udtryk))
        self._svar(svar)
        return {navn: v.get("data", {}).get("text/plain") for navn, v in svar["content"]["user_expressions"].items()}

    def tabeller(self, tema: str) -> list[str] | None:
        """The tables a tema reads, as the kernel (which has the tema imported) finds them; asked once per tema
        (the tema's code is what the kernel imported), not once more after every brief."""
        import ast

        if tema not in self._tabeller:
            self._tabeller[tema] = ast.literal_eval(self._stille(TABELLER.format(tema=tema), svar="_nt_svar")["svar"])
        return self._tabeller[tema]

    @staticmethod
    def _svar(svar) -> None:
        if svar is None or svar["content"].get("status") != "ok":
            indhold = (svar or {}).get("content", {})
            raise RuntimeError(f"Kernen kunne ikke nulstilles: {indhold.get('ename')}: {indhold.get('evalue')}")

    def koer(self, nb, notesbog: str):
        """Run one parameterised notebook after wiping the namespace; raises as nbclient does."""
        mappe = str(Path(notesbog).parent)
        nulstil = NULSTIL.format(mappe=mappe, notesbog=str(notesbog))
        try:
            self._stille(nulstil)
        except Exception:  # the kernel died between briefs, or will not reset: a fresh one
            self.genstart()
            self._stille(nulstil)
        self.klient.nb = nb
        self.klient.resources = {"metadata": {"path": mappe}}
        return self.klient.execute(reset_kc=False)


def _ryd_afbrudte_opgaver() -> None:
    """A notebook run cut off by Ctrl-C or SIGTERM leaves nbclient's tasks pending on this thread's event loop.
    Cancelled before the kernel goes, they do not wake to a dead kernel and log "Task exception was never
    retrieved … Kernel died" under the clean "Afbrudt" message."""
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    ventende = [] if loop.is_running() else [t for t in asyncio.all_tasks(loop) if not t.done()]
    for opgave in ventende:
        opgave.cancel()
    if ventende:
        loop.run_until_complete(asyncio.gather(*ventende, return_exceptions=True))


_KLIENT = None


def _klient():
    """nbclient's NotebookClient, except for signals. For the length of `execute` nbclient puts its own
    SIGINT and SIGTERM handlers on the event loop, and they only close the kernel's channels: a single brief
    stopped by Ctrl-C or a scheduler's SIGTERM then failed as "Kernel died" (exit 2) instead of stopping in
    order (exit 130/143, nothing left behind), and afterwards SIGTERM was left at its default (die at once).
    Here the handlers in force before `execute` stay in force: the caller's in a single brief, ignoring both
    in a worker. (A class made on first use: nbclient is imported while the kernel boots, see the module.)"""
    global _KLIENT
    if _KLIENT is None:
        import asyncio
        from contextlib import asynccontextmanager

        from nbclient import NotebookClient

        class Klient(NotebookClient):
            @asynccontextmanager
            async def async_setup_kernel(self, **kwargs):
                foer = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
                async with super().async_setup_kernel(**kwargs):
                    loop = asyncio.get_running_loop()
                    for s, handler in foer.items():
                        try:
                            loop.remove_signal_handler(s)  # nbclient's; its own removal then finds none
                            if handler is not None:
                                signal.signal(s, handler)
                        except (RuntimeError, ValueError):  # not the main thread: nbclient set none either
                            pass
                    yield

        _KLIENT = Klient
    return _KLIENT


_NOTESBOEGER: dict[tuple[str, float], object] = {}


def parametriser(job: Job):
    """The notebook as papermill's execute_notebook prepares it: loaded, parameterised, metadata set."""
    from papermill.execute import prepare_notebook_metadata, remove_error_markers
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    noegle = (job.notesbog, os.stat(job.notesbog).st_mtime)
    if noegle not in _NOTESBOEGER:
        _NOTESBOEGER[noegle] = load_notebook_node(job.notesbog)
    nb = copy.deepcopy(_NOTESBOEGER[noegle])
    if job.parametre:
        nb = parameterize_notebook(nb, dict(job.parametre), False, kernel_name=KERNEL, language=None,
                                   engine_name=None)
    nb = prepare_notebook_metadata(nb, job.notesbog, str(Path(job.html).with_suffix(".ipynb")), False)
    return remove_error_markers(nb)


def koer_en(kerne: Kerne, nr: int, job: Job, keep_notebook: bool = True) -> Resultat:
    """Make one brief in the kernel, in every format asked for. Never raises for a brief that fails: that
    is a result (with the whole Danish message in `besked`)."""
    from nbclient.exceptions import CellExecutionError
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import raise_for_execution_errors

    from .. import runner

    t0 = time.perf_counter()
    html, navn = Path(job.html), Path(job.notesbog).name
    res = Resultat(nr, job.tema, job.kommune, job.html, FEJLET)
    skrevet = False  # this run has put the brief's HTML in place
    try:
        html.parent.mkdir(parents=True, exist_ok=True)
        nb = parametriser(job)
        if not job.fingeraftryk:  # its code files are found (read with ast) while the kernel is still warming up
            kvittering.kode_filer(job.tema)
        try:
            kerne.koer(nb, job.notesbog)
        except CellExecutionError:
            try:  # papermill's own verdict and error markers, so the message matches papermill's
                raise_for_execution_errors(nb, None)
            except PapermillExecutionError as err:
                raise runner.koersel_fejlet(nb, html, navn, err) from err
        except Exception as err:  # the kernel died, a cell timed out, …: restart before the next brief
            try:
                kerne.genstart()
            finally:
                raise runner.koersel_fejlet(nb, html, navn, err) from err
        runner.skriv_brief(nb, html, navn, keep_notebook=keep_notebook, kommentar=job.kommentar)
        skrevet = True
        res.filer = {"html": str(html), **andre_formater(job, res.advarsler)}
        res.sekunder = time.perf_counter() - t0
        # A brief made whatever its receipt said (--tving, a single brief): its fingerprint is taken now,
        # with the tables its tema reads as the kernel names them (this process need not import the tema).
        aftryk = job.fingeraftryk or kvittering.fingeraftryk(job, kerne.tabeller(job.tema))
        kvittering.skriv_kvittering(job, aftryk, res.sekunder, res.filer)
        res.status = DANNET
    except BriefFejl as e:  # the reason in one line; the kept notebook has the whole story
        res.grund = f"{e.ename}: {(str(e.evalue).strip().splitlines() or [''])[0]}" if e.ename else str(e)
        res.besked, res.fejltype = str(e), e.ename or ""
        res.notesbog = str(e.notesbog) if e.notesbog else None
    except NoegletalFejl as e:  # a secret as parameter, an unknown block in a comment, …
        res.grund = res.besked = str(e)
        if isinstance(e, FilFejl):  # an output folder that cannot be written: exit 74
            res.fejltype = FilFejl.__name__
    except OSError as e:  # a full disk, a read-only or missing folder, a folder where a file should be, …
        res.grund = res.besked = str(fil_fejl(e, html, efterladt=INTET_EFTERLADT))
        res.fejltype = FilFejl.__name__
    except Exception as e:  # an unreadable notebook, …
        res.grund = res.besked = f"{type(e).__name__}: {e}"
    finally:
        if res.status == FEJLET:
            _fjern_brief(job, skrevet)
    res.sekunder = time.perf_counter() - t0
    return res


def _fjern_brief(job: Job, skrevet: bool) -> None:
    """A brief that failed leaves nothing half made: no temporary file, and when this run had already put
    its HTML in place (a format or the receipt failed after it), not that HTML nor its other files either."""
    try:
        if skrevet:
            for sti in (Path(job.html), Path(job.html).with_suffix(".ipynb"), kvittering.kvittering_for(job.html),
                        *(job.fil(f) for f in job.formater)):
                sti.unlink(missing_ok=True)
        kvittering.ryd_midlertidige(job.html)
    except OSError as e:  # the folder went read-only under us: the message already says what failed
        log.warning("Kunne ikke rydde op efter %s: %s", job.html, e)


def andre_formater(job: Job, advarsler: list) -> dict:
    """The formats besides HTML, each made from the brief's HTML. A format that cannot be made (no browser
    for PDF) is a warning, not a failed brief: the HTML is there."""
    filer = {}
    for fmt in job.formater:
        if fmt == "html":
            continue
        from ..render import formater

        try:
            filer[fmt] = str(formater.lav(fmt, job))
        except NoegletalFejl as e:
            advarsler.append(str(e))
    return filer


def _kode_filer() -> None:
    """Every tema's code files (for the receipts' fingerprints), found while the kernel warms up: the worker
    has nothing else to do then, and each tema's first brief would otherwise wait for them."""
    try:
        for tema in temaer_med_notesbog():
            kvittering.kode_filer(tema)
    except Exception:  # a tema module being written that does not parse: its brief says so itself
        pass


def arbejder(conn, kernel_name: str | None, tidsgraense: float | None, keep_notebook: bool) -> None:
    """A worker process: start a kernel, then make each brief the parent sends until it sends None."""
    os.setpgrp()  # Ctrl-C in the terminal goes to the parent only; it stops us in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a scheduler stops the whole group: the parent stops us in order
    kerne = None
    try:
        try:
            kerne = Kerne(kernel_name or KERNEL, tidsgraense)
            _kode_filer()  # while the kernel warms up
            kerne.klar()  # warm before the parent hands out a brief: its time limit is the brief's alone
        except Exception as e:
            conn.send(("startfejl", f"Jupyter-kernen kunne ikke starte: {type(e).__name__}: {e}"))
            return
        conn.send(("klar", kerne.pid))
        while True:
            besked = conn.recv()
            if besked is None:
                break
            nr, job = besked
            res = koer_en(kerne, nr, job, keep_notebook)
            conn.send(("resultat", res, kerne.pid))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone: shut down
    finally:
        if kerne is not None:
            kerne.stop()
        from ..render import formater

        formater.luk()
    # Every brief is written and the kernel is gone: leave without tearing the interpreter down (freeing
    # pandas, matplotlib and nbconvert takes ~0.3 s, which the parent would wait for at the end of a batch).
    conn.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
