"""`noegletal batch`: every kommune × every tema for one period, in parallel, and safe to interrupt.

Once a quarter all briefs are made again for a new period. One papermill run per brief pays ~10 s for a new
kernel, its imports and its data every time; here each worker process keeps ONE Jupyter kernel alive and
runs brief after brief in it, so imports, the tables read by `noegletal.data` and the nbconvert exporter
are paid once per worker.

Each brief stays isolated and is made exactly as `noegletal brief` makes it:
- the notebook is parameterised by papermill's own `parameterize_notebook` (same injected cell);
- before each brief the kernel's namespace is wiped (`%reset -f`), pyplot figures are closed, matplotlib's
  settings are put back as a fresh kernel has them and the working folder is the notebook's, so nothing
  one brief defines is visible to the next;
- the executed notebook goes through `runner.skriv_brief`, the same function the single brief uses:
  rendered, e-mail-checked and written atomically, or kept in `_fejlede/` when anything fails;
- a kernel that dies, or a cell that runs past `tidsgraense`, fails that brief and the kernel is restarted.

One failing brief never stops the others. Each brief that was made gets a small record beside it,
`<tema>.batch.json`, with a fingerprint of its inputs (data vintage, parameters, code version); a later run
skips a brief whose HTML exists and whose fingerprint is unchanged (`tving=True` makes it anyway).
Interrupting (Ctrl-C, SIGTERM) lets the briefs in progress finish for a few seconds, then stops the rest
hard; kernels are always shut down, and no partial HTML is ever left (every file is written to a temporary
name and renamed). `outputs/<periode>/index.html` lists every brief with its status.

Worker processes are spawned (papermill and zmq are not fork- or thread-safe) and sit in their own process
group, so a Ctrl-C in the terminal reaches only the parent, which then stops them in order.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import config, geo
from .errors import NoegletalFejl, UgyldigParameter
from .periods import periode as parse_periode

log = logging.getLogger(__name__)

# Status of a brief in a batch (the words the summary and the overview page use).
DANNET = "dannet"  # made in this run
UAENDRET = "uændret"  # skipped: the HTML exists and its inputs have not changed
TIDLIGERE = "tidligere"  # not in this run's grid, but made by an earlier run (shown on the overview)
FEJLET = "fejlet"  # failed: no HTML written (an older one may remain)
IKKE_KOERT = "ikke kørt"  # the run was interrupted before this brief was made
STATUSSER = (DANNET, UAENDRET, TIDLIGERE, FEJLET, IKKE_KOERT)

ALLE = "alle"
KVITTERING = ".batch.json"  # the record beside each brief: <tema>.batch.json
INDEX = "index.html"
TIDSGRAENSE = 300.0  # seconds per cell before a brief is given up (the kernel is then restarted)
AFBRYD_FRIST = 10.0  # seconds the briefs in progress get to finish after Ctrl-C
LUK_FRIST = 15.0  # seconds a worker gets to shut its kernel down at the end
BRIEF_GANGE = 10  # a brief running longer than this many times the per-cell limit: its worker is stopped
_KODE_ENDELSER = {".py", ".yml", ".yaml", ".csv", ".j2", ".json"}


# --- the grid ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opgave:
    """One brief to make: which notebook with which parameters, and where its HTML goes."""

    tema: str
    kommune: str
    periode: str
    notesbog: str
    html: str
    parametre: dict = field(default_factory=dict, compare=False)
    fingeraftryk: str = ""


def temaer_med_notesbog() -> list[str]:
    return [t for t in config.TEMAER if (config.NOTEBOOKS_DIR / f"{t}.ipynb").is_file()]


def _liste(vaerdi: str | Sequence[str]) -> list[str]:
    dele = vaerdi.split(",") if isinstance(vaerdi, str) else list(vaerdi)
    return [d.strip() for d in dele if str(d).strip()]


def vaelg_kommuner(kommuner: str | Sequence[str]) -> list[geo.Omraade]:
    """'alle' or names/codes (a list or comma-separated) → kommuner, in order, without repeats."""
    navne = _liste(kommuner)
    gyldige = ", ".join(k.navn for k in geo.kommuner())
    if not navne:
        raise UgyldigParameter(f"Angiv kommuner: '{ALLE}' eller navne adskilt af komma. Gyldige kommuner: {gyldige}.")
    if [n.lower() for n in navne] == [ALLE]:
        return geo.kommuner()
    valgt = []
    for navn in navne:
        try:
            o = geo.omraade(navn)
        except NoegletalFejl as e:
            raise UgyldigParameter(f"{e} Gyldige kommuner: {gyldige}.") from None
        if o.niveau != geo.KOMMUNE:
            raise UgyldigParameter(f"'{o.navn}' er ikke en kommune. Gyldige kommuner: {gyldige}.")
        valgt.append(o)
    return list(dict.fromkeys(valgt))


def vaelg_temaer(temaer: str | Sequence[str]) -> list[str]:
    """'alle' (every tema in config.TEMAER that has a notebook) or names → temaer, in order."""
    navne = _liste(temaer)
    med = temaer_med_notesbog()
    if not navne or [n.lower() for n in navne] == [ALLE]:
        if not med:
            raise UgyldigParameter(f"Der er ingen notesbøger i {config.NOTEBOOKS_DIR}.")
        return med
    valgt = []
    for navn in navne:
        t = navn.strip().lower()
        if t not in config.TEMAER:
            raise UgyldigParameter(f"Ukendt tema '{navn}'. Vælg '{ALLE}' eller et af: {', '.join(config.TEMAER)}.")
        if t not in med:
            raise UgyldigParameter(f"Temaet '{t}' har endnu ingen notesbog ({config.NOTEBOOKS_DIR / (t + '.ipynb')}). "
                                   f"Temaer med notesbog: {', '.join(med) or 'ingen'}.")
        valgt.append(t)
    return list(dict.fromkeys(valgt))


def udvid(kommuner: str | Sequence[str], temaer: str | Sequence[str], periode: str,
          ud: str | Path | None = None, parametre: dict | None = None) -> list[Opgave]:
    """The grid kommuner × temaer for one period, kommune by kommune, every name checked first.

    Extra `parametre` go to each notebook that has them (`maaneder` to every tema, `fra` to aktivering);
    one that no chosen notebook has is refused."""
    from .briefs import kontroller_ekstra

    p = parse_periode(periode)
    ks, ts = vaelg_kommuner(kommuner), vaelg_temaer(temaer)
    egne = kontroller_ekstra(parametre or {}, ts)
    rod = Path(ud) if ud else config.outputs_dir()
    return [opgave(t, k.navn, p.kode, rod / p.kode / k.navn / f"{t}.html", **egne[t]) for k in ks for t in ts]


def opgave(tema: str, kommune: str, periode: str, html: str | Path, notesbog: str | Path | None = None,
           **parametre) -> Opgave:
    """One brief; the parameters are those `noegletal brief` gives (kommune, periode) plus any extra."""
    nb = Path(notesbog) if notesbog else config.NOTEBOOKS_DIR / f"{tema}.ipynb"
    return Opgave(tema, kommune, periode, str(nb.resolve()), str(Path(html).resolve()),
                  {"kommune": kommune, "periode": periode, **parametre})


# --- fingerprints --------------------------------------------------------------------------------------


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def data_fingeraftryk() -> str:
    """The data vintage: the processed manifest's tables (raw sha256s, sources, retrieval times, demo or not).
    `built_at` is left out, so rebuilding the same raw files does not make every brief again."""
    from .errors import ManglendeData
    from .pipeline import processed_manifest

    try:
        tabeller = processed_manifest()["tables"]
    except ManglendeData:  # a notebook that reads no data can still be made; `batch()` insists on data
        tabeller = None
    return _sha(json.dumps(tabeller, sort_keys=True, ensure_ascii=False))


def kode_fingeraftryk() -> str:
    """The code version: every source, catalogue, reference and template file of the noegletal package."""
    h = hashlib.sha256()
    for sti in sorted(config.PACKAGE_DIR.rglob("*")):
        if sti.suffix in _KODE_ENDELSER and sti.is_file() and "__pycache__" not in sti.parts:
            h.update(sti.relative_to(config.PACKAGE_DIR).as_posix().encode() + b"\0" + sti.read_bytes() + b"\0")
    return h.hexdigest()


def fingeraftryk(opg: Opgave, data_fp: str, kode_fp: str) -> str:
    return _sha(json.dumps({"data": data_fp, "kode": kode_fp, "notesbog": _sha(Path(opg.notesbog).read_bytes()),
                            "parametre": opg.parametre}, sort_keys=True, ensure_ascii=False, default=str))


def kvittering_for(html: str | Path) -> Path:
    html = Path(html)
    return html.with_name(html.stem + KVITTERING)


def er_uaendret(opg: Opgave) -> bool:
    """The brief exists and was made from exactly these inputs."""
    k = kvittering_for(opg.html)
    if not (Path(opg.html).is_file() and k.is_file()):
        return False
    try:
        return json.loads(k.read_text(encoding="utf-8")).get("fingeraftryk") == opg.fingeraftryk
    except (OSError, ValueError):
        return False


def _ryd_midlertidige(html: str | Path) -> None:
    """Remove what an interrupted write of this brief can leave: '.<tema>.*' temporaries beside it and in
    _fejlede/ (never a finished file: those have no leading dot)."""
    html = Path(html)
    for mappe in (html.parent, html.parent / "_fejlede"):
        if mappe.is_dir():
            for sti in mappe.glob(f".{html.stem}.*"):
                shutil.rmtree(sti, ignore_errors=True) if sti.is_dir() else sti.unlink(missing_ok=True)


# --- results -------------------------------------------------------------------------------------------


@dataclass
class Resultat:
    nr: int
    tema: str
    kommune: str
    html: str
    status: str
    grund: str = ""
    notesbog: str | None = None  # the failed notebook kept in _fejlede/
    sekunder: float = 0.0


@dataclass
class Opsummering:
    resultater: list[Resultat]
    sekunder: float
    afbrudt: bool = False
    workers: int = 0
    index: Path | None = None
    arbejdere: list[int] = field(default_factory=list)  # worker pids (for tests: all gone afterwards)
    kerner: list[int] = field(default_factory=list)  # kernel pids (for tests: all gone afterwards)

    def med(self, status: str) -> list[Resultat]:
        return [r for r in self.resultater if r.status == status]

    @property
    def fejlede(self) -> list[Resultat]:
        return self.med(FEJLET)

    def tekst(self) -> str:
        """The Danish summary printed at the end."""
        m, s = divmod(round(self.sekunder), 60)
        tid = f"{m} min {s} s" if m else f"{self.sekunder:.1f} s"
        linjer = [f"{'Afbrudt' if self.afbrudt else 'Færdig'} efter {tid} med {self.workers} arbejdsprocesser: "
                  f"{len(self.med(DANNET))} dannet, {len(self.fejlede)} fejlet, "
                  f"{len(self.med(UAENDRET))} uændrede (sprunget over)"
                  + (f", {len(self.med(IKKE_KOERT))} ikke kørt" if self.med(IKKE_KOERT) else "") + "."]
        dannet = [r.sekunder for r in self.med(DANNET)]
        if dannet:
            linjer.append(f"Gennemsnitlig tid pr. brief i en arbejdsproces: {sum(dannet) / len(dannet):.1f} s.")
        if self.fejlede:
            linjer.append("Fejlede:")
            for r in self.fejlede:
                linjer.append(f"  {r.kommune}, {r.tema}: {r.grund}"
                              + (f" (notesbog: {r.notesbog})" if r.notesbog else ""))
        if self.index:
            linjer.append(f"Oversigt: {self.index}")
        return "\n".join(linjer)


# --- the worker: one process, one kernel, many briefs -----------------------------------------------------

_RC = None  # kernel side: matplotlib's settings as a fresh kernel has them
_NOTESBOG = None  # kernel side: the notebook of the last brief


def forbered_kerne() -> None:
    """Kernel side, once after start: import what the briefs import, and note matplotlib's settings."""
    global _RC
    import gc
    import importlib
    import pkgutil

    import matplotlib
    import matplotlib.pyplot  # noqa: F401  (seaborn imports it too: the inline backend is set up as in a brief)
    import pandas  # noqa: F401

    from . import brief, data, figures, fortaelling, params, themes  # noqa: F401

    for m in pkgutil.iter_modules(themes.__path__):
        try:
            importlib.import_module(f"{themes.__name__}.{m.name}")
        except Exception:  # a theme being written may not import yet; its brief will say so itself
            pass
    _RC = matplotlib.rcParams.copy()
    # The libraries' objects live as long as the kernel: keep them out of the garbage collector's sight, so
    # each collection (and `%reset`'s own) only looks at what the briefs make (~0.25 s saved per brief).
    gc.collect()
    gc.freeze()


def nulstil_kerne(mappe: str, notesbog: str = "") -> None:
    """Kernel side, before each brief (after `%reset -f`): no figure, no changed setting left from the last.

    When the notebook changes (the batch hands out tema by tema), the tables the last tema read are let go:
    a kernel then holds one tema's tables (~0.4-0.7 GB) instead of all of them (~1.2 GB).
    """
    global _NOTESBOG
    if _NOTESBOG is not None and notesbog != _NOTESBOG:
        import gc

        data = sys.modules.get("noegletal.data")
        for f in vars(data).values() if data else ():
            if callable(getattr(f, "cache_clear", None)):
                f.cache_clear()
        gc.collect()
    _NOTESBOG = notesbog
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    if _RC is not None:
        import matplotlib

        matplotlib.rcParams.update(_RC)
    os.chdir(mappe)


_FORVARM = "__import__('noegletal.batch', fromlist=['_']).forbered_kerne()"
_NULSTIL = ("get_ipython().run_line_magic('reset', '-f')\n"
            "__import__('noegletal.batch', fromlist=['_']).nulstil_kerne({mappe!r}, {notesbog!r})")


class _Kerne:
    """One Jupyter kernel kept alive by a worker, and one nbclient NotebookClient kept with it.

    `NotebookClient(nb, km=km)`: the client does not own the kernel manager, so `execute(reset_kc=False)`
    leaves kernel and channels running after each notebook. nbclient installs SIGINT/SIGTERM handlers on
    its event loop for the duration of `execute` and afterwards leaves SIGINT raising KeyboardInterrupt;
    the worker is in its own process group and ignores SIGINT again after each brief.
    """

    def __init__(self, kernel_name: str, tidsgraense: float | None):
        self.kernel_name = kernel_name
        self.tidsgraense = tidsgraense
        self.km = None
        self.klient = None
        self.start()

    @property
    def pid(self) -> int | None:
        proces = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proces, "pid", None)

    def start(self) -> None:
        import subprocess

        import nbformat
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync
        from nbclient import NotebookClient

        # The asynchronous manager, as nbclient makes itself: its client never blocks the event loop, so
        # nbclient's watch on the kernel notices a kernel that died in the middle of a cell.
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        # As nbclient (and so papermill) starts a kernel: input history in memory, not in the shared
        # ~/.ipython history database (every cell would be a write there, with two kernels competing for it).
        run_sync(self.km.start_kernel)(cwd=str(config.NOTEBOOKS_DIR), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL,
                                       extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self.klient = NotebookClient(nbformat.v4.new_notebook(), km=self.km, kernel_name=self.kernel_name,
                                     timeout=self.tidsgraense, startup_timeout=120)
        from .render import _exporter

        _exporter()  # nbconvert's exporter is built here while the kernel boots
        self.klient.start_new_kernel_client()
        self._stille(_FORVARM)

    def stop(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            if self.klient is not None and self.klient.kc is not None:
                self.klient.kc.stop_channels()
        except Exception:
            pass
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=False)  # a shutdown request; killed if it does not exit
            except Exception:
                try:
                    run_sync(self.km.shutdown_kernel)(now=True)
                except Exception:
                    pass
        self.klient = None

    def genstart(self) -> None:
        log.info("Genstarter kernen (pid %s).", self.pid)
        self.stop()
        self.start()

    def _stille(self, kode: str) -> None:
        """Run code in the kernel without output or history; fail if it fails."""
        kc = self.klient.kc
        svar = self.klient.wait_for_reply(kc.execute(kode, silent=True, store_history=False))
        if svar is None or svar["content"].get("status") != "ok":
            indhold = (svar or {}).get("content", {})
            raise RuntimeError(f"Kernen kunne ikke nulstilles: {indhold.get('ename')}: {indhold.get('evalue')}")

    def koer(self, nb, notesbog: str):
        """Run one parameterised notebook after wiping the namespace; raises as nbclient does."""
        mappe = str(Path(notesbog).parent)
        nulstil = _NULSTIL.format(mappe=mappe, notesbog=str(notesbog))
        try:
            self._stille(nulstil)
        except Exception:  # the kernel died between briefs, or will not reset: a fresh one
            self.genstart()
            self._stille(nulstil)
        self.klient.nb = nb
        self.klient.resources = {"metadata": {"path": mappe}}
        try:
            return self.klient.execute(reset_kc=False)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # nbclient left its own handling behind


_NOTESBOEGER: dict[tuple[str, float], object] = {}


def _parametriser(opg: Opgave):
    """The notebook as papermill's execute_notebook prepares it: loaded, parameterised, metadata set."""
    import copy

    from papermill.execute import prepare_notebook_metadata, remove_error_markers
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from .runner import KERNEL

    noegle = (opg.notesbog, os.stat(opg.notesbog).st_mtime)
    if noegle not in _NOTESBOEGER:
        _NOTESBOEGER[noegle] = load_notebook_node(opg.notesbog)
    nb = copy.deepcopy(_NOTESBOEGER[noegle])
    if opg.parametre:
        nb = parameterize_notebook(nb, dict(opg.parametre), False, kernel_name=KERNEL, language=None, engine_name=None)
    nb = prepare_notebook_metadata(nb, opg.notesbog, str(Path(opg.html).with_suffix(".ipynb")), False)
    return remove_error_markers(nb)


def _skriv_kvittering(opg: Opgave, sekunder: float) -> None:
    from .brief import nu
    from .runner import _skriv_atomisk

    _skriv_atomisk(kvittering_for(opg.html), json.dumps({
        "fingeraftryk": opg.fingeraftryk, "tema": opg.tema, "kommune": opg.kommune, "periode": opg.periode,
        "parametre": opg.parametre, "notesbog": opg.notesbog, "dannet": nu().isoformat(timespec="seconds"),
        "sekunder": round(sekunder, 2)}, ensure_ascii=False, indent=1, default=str) + "\n")


def koer_en(kerne: _Kerne, nr: int, opg: Opgave, keep_notebook: bool = True) -> Resultat:
    """Make one brief in the worker's kernel. Never raises for a brief that fails: that is a result."""
    from nbclient.exceptions import CellExecutionError
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import raise_for_execution_errors

    from . import runner
    from .errors import BriefFejl

    t0 = time.perf_counter()
    html, navn = Path(opg.html), Path(opg.notesbog).name
    res = Resultat(nr, opg.tema, opg.kommune, opg.html, FEJLET)
    try:
        runner.kontroller_parametre(opg.parametre)
        html.parent.mkdir(parents=True, exist_ok=True)
        nb = _parametriser(opg)
        try:
            kerne.koer(nb, opg.notesbog)
        except CellExecutionError:
            try:  # papermill's own verdict and error markers, so the message matches `noegletal brief`
                raise_for_execution_errors(nb, None)
            except PapermillExecutionError as err:
                runner.skriv_brief(nb, html, navn, fejl=err)
        except Exception as err:  # the kernel died, a cell timed out, …: restart before the next brief
            try:
                kerne.genstart()
            finally:
                runner.skriv_brief(nb, html, navn, fejl=err)
        runner.skriv_brief(nb, html, navn, keep_notebook=keep_notebook)
        res.sekunder = time.perf_counter() - t0
        _skriv_kvittering(opg, res.sekunder)
        res.status = DANNET
    except BriefFejl as e:  # the reason in one line; the kept notebook has the whole story
        res.grund = f"{e.ename}: {(str(e.evalue).strip().splitlines() or [''])[0]}" if e.ename else str(e)
        res.notesbog = str(e.notesbog) if e.notesbog else None
    except Exception as e:  # a secret as parameter, an unreadable notebook, a full disk, …
        res.grund = f"{type(e).__name__}: {e}"
    res.sekunder = time.perf_counter() - t0
    return res


def _arbejder(conn, kernel_name: str | None, tidsgraense: float | None, keep_notebook: bool) -> None:
    """A worker process: start a kernel, then make each brief the parent sends until it sends None."""
    os.setpgrp()  # Ctrl-C in the terminal goes to the parent only; it stops us in order
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kerne = None
    try:
        try:
            from .runner import KERNEL

            kerne = _Kerne(kernel_name or KERNEL, tidsgraense)
        except Exception as e:
            conn.send(("startfejl", f"Jupyter-kernen kunne ikke starte: {type(e).__name__}: {e}"))
            return
        conn.send(("klar", kerne.pid))
        while True:
            besked = conn.recv()
            if besked is None:
                break
            nr, opg = besked
            res = koer_en(kerne, nr, opg, keep_notebook)
            conn.send(("resultat", res, kerne.pid))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone: shut down
    finally:
        if kerne is not None:
            kerne.stop()


# --- the parent: hand out briefs, watch workers, stop cleanly ----------------------------------------------


class _Koe:
    """The briefs waiting: one line per notebook (tema), in kommune order within it.

    A worker stays on its tema while that has briefs left (the kernel has its tables loaded); then it takes
    the tema fewest other workers are on, the one with most briefs left first. So each tema's tables are
    mostly read by one kernel, and a kernel holds one tema's tables at a time (it lets go when the tema
    changes, see `nulstil_kerne`). At the end, workers that are done help with what is left.
    """

    def __init__(self, opgaver: Iterable[tuple[int, Opgave]]):
        self.linjer: dict[str, deque] = {}
        for nr, opg in opgaver:
            self.linjer.setdefault(opg.notesbog, deque()).append((nr, opg))

    def __len__(self) -> int:
        return sum(len(d) for d in self.linjer.values())

    def popleft(self) -> tuple[int, Opgave]:
        for d in self.linjer.values():
            if d:
                return d.popleft()
        raise IndexError("køen er tom")

    def naeste(self, nuvaerende: str | None, andres: list[str | None]) -> tuple[int, Opgave]:
        if self.linjer.get(nuvaerende):
            return self.linjer[nuvaerende].popleft()
        kandidater = [nb for nb, d in self.linjer.items() if d]
        valgt = min(kandidater, key=lambda nb: (andres.count(nb), -len(self.linjer[nb])))
        return self.linjer[valgt].popleft()


@dataclass
class _Handle:
    proces: object
    conn: object
    kerne_pid: int | None = None
    klar: bool = False
    opgave: tuple[int, Opgave] | None = None
    notesbog: str | None = None  # the tema it is on (its kernel has that tema's tables)
    startet: float = 0.0  # when it was handed its brief (time.monotonic)
    grund: str = ""  # why the parent stopped it, if it did
    stoppet: bool = False  # told to stop (None sent)
    eof: bool = False  # its end of the pipe is closed (it has exited or is exiting)


def _draeb(pid: int | None, gruppe: bool = False) -> None:
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL) if gruppe else os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _lever(pid: int) -> bool:
    try:
        import psutil

        p = psutil.Process(pid)
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except Exception:
        return False


class _Koersel:
    def __init__(self, opgaver: list[tuple[int, Opgave]], workers: int, kernel_name: str,
                 tidsgraense: float | None, keep_notebook: bool, fremdrift, ved_haendelse):
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")
        self.ventende = _Koe(opgaver)
        self.antal_workers = workers
        self.args = (kernel_name, tidsgraense, keep_notebook)
        # Backstop for a worker that hangs outside a cell (the per-cell limit is nbclient's, in the worker).
        self.brief_graense = None if not tidsgraense else BRIEF_GANGE * tidsgraense
        self.fremdrift = fremdrift
        self.ved_haendelse = ved_haendelse
        self.handles: list[_Handle] = []
        self.resultater: dict[int, Resultat] = {}
        self.startfejl: list[str] = []
        self.genstarter_tilbage = 2 * workers + 2
        self.arbejdere: list[int] = []
        self.kerner: list[int] = []
        self.afbrudt = False

    # workers
    def _start_worker(self) -> None:
        mod, til = self.ctx.Pipe()
        p = self.ctx.Process(target=_arbejder, args=(til, *self.args), name="noegletal-batch", daemon=True)
        p.start()
        til.close()
        self.handles.append(_Handle(p, mod))
        self.arbejdere.append(p.pid)

    def _resultat(self, res: Resultat) -> None:
        self.resultater[res.nr] = res
        if self.fremdrift is not None:
            self.fremdrift.registrer(res)
        if self.ved_haendelse:
            self.ved_haendelse("faerdig", res, {})

    def _uddel(self) -> None:
        for h in self.handles:
            if self.afbrudt or not self.ventende:
                return
            if h.klar and h.opgave is None and not h.stoppet:
                h.opgave = self.ventende.naeste(h.notesbog, [a.notesbog for a in self.handles if a is not h])
                h.notesbog = h.opgave[1].notesbog
                h.startet = time.monotonic()
                try:
                    h.conn.send(h.opgave)
                except (BrokenPipeError, OSError):
                    continue  # it died: noticed by its sentinel
                if self.ved_haendelse:
                    self.ved_haendelse("start", h.opgave[1], {"arbejder_pid": h.proces.pid, "kerne_pid": h.kerne_pid})

    def _modtag(self, h: _Handle) -> None:
        try:
            besked = h.conn.recv()
        except (EOFError, OSError):
            h.eof = True
            return
        art = besked[0]
        if art == "klar":
            h.klar, h.kerne_pid = True, besked[1]
            self.kerner.append(besked[1])
        elif art == "startfejl":
            self.startfejl.append(besked[1])
        elif art == "resultat":
            _, res, pid = besked
            if pid and pid != h.kerne_pid:
                h.kerne_pid = pid
                self.kerner.append(pid)
            h.opgave = None
            self._resultat(res)

    def _doed(self, h: _Handle) -> None:
        """A worker ended without being told to: its brief failed, its kernel is killed, a new one starts.
        (After a stop, a brief still in its hands was not made: 'ikke kørt'.)"""
        self.handles.remove(h)
        h.conn.close()
        _draeb(h.kerne_pid, gruppe=True)
        if h.opgave is not None:
            nr, opg = h.opgave
            _ryd_midlertidige(opg.html)
            if h.stoppet:
                res = Resultat(nr, opg.tema, opg.kommune, opg.html, IKKE_KOERT, "Afbrudt undervejs.")
            else:
                res = Resultat(nr, opg.tema, opg.kommune, opg.html, FEJLET, h.grund or "Arbejdsprocessen stoppede "
                               f"uventet (kode {h.proces.exitcode}), mens briefen blev lavet.")
            self._resultat(res)
        if self.ventende and not self.afbrudt and not h.stoppet:
            if self.genstarter_tilbage > 0 and (h.klar or not self.startfejl):
                self.genstarter_tilbage -= 1
                self._start_worker()
            elif not self.handles:
                grund = self.startfejl[-1] if self.startfejl else "Ingen arbejdsprocesser kunne holdes i gang."
                while self.ventende:
                    nr, opg = self.ventende.popleft()
                    self._resultat(Resultat(nr, opg.tema, opg.kommune, opg.html, FEJLET, grund))

    def _vent(self, timeout: float) -> None:
        from multiprocessing.connection import wait

        kilder = {h.conn: h for h in self.handles if not h.eof}
        kilder.update({h.proces.sentinel: h for h in self.handles})
        for klar in wait(list(kilder), timeout):
            h = kilder[klar]
            if klar is h.conn:
                self._modtag(h)
        for h in list(self.handles):  # after reading: a dead worker's last message is not lost
            if not h.proces.is_alive():
                while not h.eof and h.conn.poll():
                    self._modtag(h)
                self._doed(h)

    def _stop_haengende(self) -> None:
        if self.brief_graense is None:
            return
        for h in self._travle():
            if time.monotonic() - h.startet > self.brief_graense and not h.grund:
                h.grund = (f"Briefen blev ikke færdig på {self.brief_graense:.0f} s; arbejdsprocessen og dens kerne "
                           "blev stoppet.")
                _draeb(h.proces.pid)

    def _travle(self) -> list[_Handle]:
        return [h for h in self.handles if h.opgave is not None]

    def _sig_stop(self) -> None:
        for h in self.handles:
            if not h.stoppet:
                h.stoppet = True
                try:
                    h.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass

    # the run
    def koer(self) -> None:
        for _ in range(min(self.antal_workers, len(self.ventende))):
            self._start_worker()
        try:
            while self.ventende or self._travle():
                self._uddel()
                self._vent(0.5)
                self._stop_haengende()
                if self.fremdrift is not None:
                    self.fremdrift.opdater()
                if not self.handles and self.ventende:
                    self._doed_alle()
        except KeyboardInterrupt:
            self.afbrudt = True
            self._afbryd()
        finally:
            self._luk()

    def _doed_alle(self) -> None:
        while self.ventende:
            nr, opg = self.ventende.popleft()
            self._resultat(Resultat(nr, opg.tema, opg.kommune, opg.html, FEJLET,
                                    self.startfejl[-1] if self.startfejl else "Ingen arbejdsproces."))

    def _afbryd(self) -> None:
        """Ctrl-C: hand out nothing more; the briefs in progress get AFBRYD_FRIST seconds to finish."""
        if self.fremdrift is not None:
            self.fremdrift.skriv(f"Afbryder: venter op til {AFBRYD_FRIST:.0f} s på {len(self._travle())} brief(s) "
                                 "i gang (Ctrl-C igen stopper straks) …")
        self._sig_stop()
        frist = time.monotonic() + AFBRYD_FRIST
        try:
            while self._travle() and time.monotonic() < frist:
                self._vent(0.2)
        except KeyboardInterrupt:
            pass

    def _luk(self) -> None:
        """Stop every worker and kernel; whatever still runs after the grace period is killed."""
        self._sig_stop()
        if self.afbrudt:  # the grace period is over: a brief still in progress is cut off now
            for h in self._travle():
                _draeb(h.proces.pid)
        frist = time.monotonic() + LUK_FRIST
        try:
            while any(h.proces.is_alive() for h in self.handles) and time.monotonic() < frist:
                self._vent(0.2)
        except KeyboardInterrupt:
            pass
        foer = _ignorer_sigint()  # the last clean-up is not itself interrupted
        try:
            for h in list(self.handles):
                if h.proces.is_alive():
                    _draeb(h.proces.pid)
                    h.proces.join(5)
                self._doed(h)
            for pid in self.kerner:  # a kernel never outlives the batch
                if _lever(pid):
                    _draeb(pid, gruppe=True)
            slut = time.monotonic() + 5.0  # a killed process takes a moment to be gone
            while any(_lever(pid) for pid in [*self.kerner, *self.arbejdere]) and time.monotonic() < slut:
                time.sleep(0.05)
            while self.ventende:
                nr, opg = self.ventende.popleft()
                self._resultat(Resultat(nr, opg.tema, opg.kommune, opg.html, IKKE_KOERT))
        finally:
            _gendan_sigint(foer)


class _Fremdrift:
    """tqdm bar: briefs done of those to make, failures, what is left, and the time left."""

    def __init__(self, total: int, vis: bool):
        from tqdm import tqdm

        self.dannet = self.fejlet = 0
        self.total = total
        self.bar = tqdm(total=total, unit="brief", disable=not vis, dynamic_ncols=True, file=sys.stderr,
                        bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                   "[{elapsed} brugt, ca. {remaining} tilbage]")
        self._postfix()

    def _postfix(self) -> None:
        tilbage = self.total - self.dannet - self.fejlet
        self.bar.set_description_str(f"{self.dannet} dannet, {self.fejlet} fejlet, {tilbage} tilbage:", refresh=False)

    def registrer(self, res: Resultat) -> None:
        if res.status == DANNET:
            self.dannet += 1
        elif res.status == FEJLET:
            self.fejlet += 1
        else:
            return
        self._postfix()
        self.bar.update(1)

    def opdater(self) -> None:
        self.bar.refresh()

    def skriv(self, tekst: str) -> None:
        self.bar.write(tekst, file=sys.stderr)

    def luk(self) -> None:
        self.bar.close()


def koer(opgaver: Iterable[Opgave], *, workers: int | None = None, tving: bool = False,
         tidsgraense: float | None = TIDSGRAENSE, keep_notebook: bool = True, vis_fremdrift: bool = True,
         ved_haendelse: Callable[[str, object, dict], None] | None = None, kernel_name: str | None = None
         ) -> Opsummering:
    """Make every brief in `opgaver` (skipping unchanged ones unless `tving`) in `workers` processes.

    `ved_haendelse(navn, opgave_eller_resultat, info)` is called in this process on "start" (a brief is
    handed to a worker; info has arbejder_pid, kerne_pid) and "faerdig" (a Resultat). A KeyboardInterrupt,
    also one raised by `ved_haendelse`, stops the run cleanly: the result then has `afbrudt=True`.
    """
    t0 = time.perf_counter()
    opgaver = list(opgaver)
    if opgaver and not all(o.fingeraftryk for o in opgaver):
        data_fp, kode_fp = data_fingeraftryk(), kode_fingeraftryk()
        opgaver = [o if o.fingeraftryk else _med_fingeraftryk(o, data_fp, kode_fp) for o in opgaver]
    resultater: dict[int, Resultat] = {}
    at_koere = []
    for nr, opg in enumerate(opgaver):
        if not tving and er_uaendret(opg):
            resultater[nr] = Resultat(nr, opg.tema, opg.kommune, opg.html, UAENDRET)
        else:
            _ryd_midlertidige(opg.html)  # left by a run that was killed outright
            at_koere.append((nr, opg))
    workers = max(1, min(workers or default_workers(), len(at_koere) or 1))

    fremdrift = _Fremdrift(len(at_koere), vis_fremdrift) if at_koere else None
    koersel = _Koersel(at_koere, workers, kernel_name, tidsgraense, keep_notebook, fremdrift, ved_haendelse)
    forrige = _afbryd_ved_sigterm()
    try:
        if at_koere:
            koersel.koer()
    finally:
        _gendan_sigterm(forrige)
        if fremdrift is not None:
            fremdrift.luk()
    resultater.update(koersel.resultater)
    return Opsummering([resultater[nr] for nr in sorted(resultater)], time.perf_counter() - t0, koersel.afbrudt,
                       workers if at_koere else 0, arbejdere=koersel.arbejdere, kerner=koersel.kerner)


def _med_fingeraftryk(opg: Opgave, data_fp: str, kode_fp: str) -> Opgave:
    return Opgave(opg.tema, opg.kommune, opg.periode, opg.notesbog, opg.html, opg.parametre,
                  fingeraftryk(opg, data_fp, kode_fp))


def default_workers() -> int:
    """One worker per core: each keeps a kernel (~1 GB with every table read) and alternates with it."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def _ignorer_sigint():
    try:
        return signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        return None


def _gendan_sigint(forrige) -> None:
    if forrige is not None:
        try:
            signal.signal(signal.SIGINT, forrige)
        except ValueError:
            pass


def _afbryd_ved_sigterm():
    """SIGTERM to the parent stops the batch as Ctrl-C does (only possible in the main thread)."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


def _gendan_sigterm(forrige) -> None:
    if forrige is not None:
        try:
            signal.signal(signal.SIGTERM, forrige)
        except ValueError:
            pass


# --- the overview page --------------------------------------------------------------------------------


def _data_tekst() -> tuple[str, bool]:
    from . import data
    from .pipeline import processed_manifest

    if not data.processed_exists():
        return "ingen bearbejdede data fundet.", False
    info = data.kildeinfo()
    aargang = ("demodata (genereret af noegletal, ikke officielle tal)" if info["demo"]
               else f"hentet senest {_dato(info['hentet'])}")
    return (f"{' og '.join(info['kilder'])}; {aargang}; bearbejdet {_dato(processed_manifest().get('built_at'))}; "
            f"{len(info['tabeller'])} tabeller."), info["demo"]


def _dato(iso: str | None) -> str:
    """'2025-11-20T…' → '20. november 2025' (as given if it is not a date)."""
    from datetime import date

    from .periods import MAANEDER_LANG

    try:
        d = date.fromisoformat(str(iso)[:10])
    except ValueError:
        return str(iso or "ukendt")
    return f"{d.day}. {MAANEDER_LANG[d.month - 1]} {d.year}"


def skriv_index(opsummering: Opsummering, rod: Path, periode: str) -> Path:
    """Write `<rod>/<periode>/index.html` (atomically): this run's briefs plus those earlier runs left."""
    from .render import check_email_safe
    from .render.index import Linje, index_html
    from .runner import _skriv_atomisk

    p = parse_periode(periode)
    mappe = Path(rod) / p.kode
    mappe.mkdir(parents=True, exist_ok=True)
    linjer, set_ = [], set()
    for r in opsummering.resultater:
        html = Path(r.html)
        linjer.append(Linje(r.kommune, r.tema, _relativ(html, mappe), r.status, r.grund, html.is_file()))
        set_.add(html.resolve())
    for k in sorted(mappe.glob(f"*/*{KVITTERING}")):  # briefs of earlier runs not in this grid
        html = k.with_name(k.name.removesuffix(KVITTERING) + ".html")
        if html.is_file() and html.resolve() not in set_:
            try:
                info = json.loads(k.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            linjer.append(Linje(info.get("kommune", html.parent.name), info.get("tema", html.stem),
                                _relativ(html, mappe), TIDLIGERE, "", True))
    data_tekst, demo = _data_tekst()
    temaer = [t for t in config.TEMAER if any(lin.tema == t for lin in linjer)]
    side = index_html(linjer, periode_tekst=p.tekst, temaer=temaer, data_tekst=data_tekst, demo=demo,
                      afbrudt=opsummering.afbrudt)
    problemer = check_email_safe(side, relative_links=True)
    if problemer:  # our own page: a bug, not a user error
        raise RuntimeError("Oversigten er ikke e-mail-sikker: " + " ".join(problemer))
    sti = mappe / INDEX
    _skriv_atomisk(sti, side)
    return sti


def _relativ(html: Path, mappe: Path) -> str:
    try:
        return html.resolve().relative_to(mappe.resolve()).as_posix()
    except ValueError:
        return os.path.relpath(html, mappe).replace(os.sep, "/")


# --- all together ---------------------------------------------------------------------------------------


def batch(kommuner: str | Sequence[str] = ALLE, temaer: str | Sequence[str] = ALLE, periode: str = "",
          ud: str | Path | None = None, *, parametre: dict | None = None, workers: int | None = None,
          tving: bool = False, tidsgraense: float | None = TIDSGRAENSE, vis_fremdrift: bool = True,
          ved_haendelse: Callable | None = None) -> Opsummering:
    """Every brief of the grid for one period, then the overview page; what `noegletal batch` runs."""
    from .pipeline import processed_manifest

    opgaver = udvid(kommuner, temaer, periode, ud, parametre)  # every name checked before anything starts
    processed_manifest()  # no processed data: a clear message now, not one failure per brief
    rod = config.udmappe(ud)  # nor for an output folder that cannot be written
    opsummering = koer(opgaver, workers=workers, tving=tving, tidsgraense=tidsgraense,
                       vis_fremdrift=vis_fremdrift, ved_haendelse=ved_haendelse)
    opsummering.index = skriv_index(opsummering, rod, periode)
    return opsummering


def resultat_som_dict(r: Resultat) -> dict:
    return asdict(r)
