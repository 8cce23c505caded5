"""The scheduler: hand briefs to worker processes, watch them, and stop cleanly.

Worker processes are spawned (papermill and zmq are not fork- or thread-safe) and sit in their own process
group, so a Ctrl-C in the terminal reaches only the parent, which then stops them in order. A single brief
(one job, one worker) runs in this process instead: the same `koer_en`, without a process to start.
Interrupting (Ctrl-C, SIGTERM) lets the briefs in progress finish for a few seconds, then stops the rest
hard; kernels are always shut down, and no partial file is ever left.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..jobs import Job
from ..laas import afbryd_ved_sigterm
from ..status import DANNET, FEJLET, IKKE_KOERT, UAENDRET, Opsummering, Resultat
from . import kvittering
from .arbejder import Kerne, arbejder, koer_en
from .kerne import KERNEL

TIDSGRAENSE = 300.0  # seconds per cell before a brief is given up (the kernel is then restarted)
AFBRYD_FRIST = 10.0  # seconds the briefs in progress get to finish after Ctrl-C
LUK_FRIST = 15.0  # seconds a worker gets to shut its kernel down at the end
BRIEF_GANGE = 10  # a brief running longer than this many times the per-cell limit: its worker is stopped


class _Koe:
    """The briefs waiting: one line per notebook (tema), in kommune order within it.

    A worker stays on its tema while that has briefs left (the kernel has its tables loaded); then it takes
    the tema fewest other workers are on, the one with most briefs left first. So each tema's tables are
    mostly read by one kernel, and a kernel holds one tema's tables at a time (it lets go when the tema
    changes, see `nulstil_kerne`). At the end, workers that are done help with what is left.
    """

    def __init__(self, jobs: Iterable[tuple[int, Job]]):
        self.linjer: dict[str, deque] = {}
        for nr, opg in jobs:
            self.linjer.setdefault(opg.notesbog, deque()).append((nr, opg))

    def __len__(self) -> int:
        return sum(len(d) for d in self.linjer.values())

    def popleft(self) -> tuple[int, Job]:
        for d in self.linjer.values():
            if d:
                return d.popleft()
        raise IndexError("køen er tom")

    def naeste(self, nuvaerende: str | None, andres: list[str | None]) -> tuple[int, Job]:
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
    job: tuple[int, Job] | None = None
    notesbog: str | None = None  # the tema it is on (its kernel has that tema's tables)
    startet: float = 0.0  # when it was handed its brief (time.monotonic)
    grund: str = ""  # why the parent stopped it, if it did
    stoppet: bool = False  # told to stop (None sent)
    eof: bool = False  # its end of the pipe is closed (it has exited or is exiting)


def draeb(pid: int | None, gruppe: bool = False) -> None:
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGKILL) if gruppe else os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def lever(pid: int) -> bool:
    try:
        import psutil

        p = psutil.Process(pid)
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except Exception:
        return False


class _Koersel:
    def __init__(self, jobs: list[tuple[int, Job]], workers: int, kernel_name: str,
                 tidsgraense: float | None, keep_notebook: bool, fremdrift, ved_haendelse):
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")
        self.ventende = _Koe(jobs)
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
        p = self.ctx.Process(target=arbejder, args=(til, *self.args), name="noegletal-batch", daemon=True)
        p.start()
        til.close()
        self.handles.append(_Handle(p, mod))
        self.arbejdere.append(p.pid)

    def _resultat(self, res: Resultat) -> None:
        if self.afbrudt and res.status == FEJLET:  # killed by the stop itself (a scheduler's SIGTERM to the group)
            res.status, res.grund = IKKE_KOERT, "Afbrudt undervejs."
        self.resultater[res.nr] = res
        if self.fremdrift is not None:
            self.fremdrift.registrer(res)
        if self.ved_haendelse:
            self.ved_haendelse("faerdig", res, {})

    def _uddel(self) -> None:
        for h in self.handles:
            if self.afbrudt or not self.ventende:
                return
            if h.klar and h.job is None and not h.stoppet:
                h.job = self.ventende.naeste(h.notesbog, [a.notesbog for a in self.handles if a is not h])
                h.notesbog = h.job[1].notesbog
                h.startet = time.monotonic()
                try:
                    h.conn.send(h.job)
                except (BrokenPipeError, OSError):
                    continue  # it died: noticed by its sentinel
                if self.ved_haendelse:
                    self.ved_haendelse("start", h.job[1], {"arbejder_pid": h.proces.pid, "kerne_pid": h.kerne_pid})

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
            h.job = None
            self._resultat(res)

    def _doed(self, h: _Handle) -> None:
        """A worker ended without being told to: its brief failed, its kernel is killed, a new one starts.
        (After a stop, a brief still in its hands was not made: 'ikke kørt'.)"""
        self.handles.remove(h)
        h.conn.close()
        draeb(h.kerne_pid, gruppe=True)
        if h.job is not None:
            nr, opg = h.job
            kvittering.ryd_midlertidige(opg.html)
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
                draeb(h.proces.pid)

    def _travle(self) -> list[_Handle]:
        return [h for h in self.handles if h.job is not None]

    def _stop_ledige(self) -> None:
        """Nothing left to hand out: a worker without a brief shuts its kernel down now, while the others
        finish theirs, instead of after the last brief."""
        self._sig_stop([h for h in self.handles if h.klar and h.job is None])

    def _sig_stop(self, handles: list[_Handle] | None = None) -> None:
        for h in self.handles if handles is None else handles:
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
                if not self.ventende:
                    self._stop_ledige()
                self._vent(0.5)
                self._stop_haengende()
                if self.fremdrift is not None:
                    self.fremdrift.opdater()
                if not self.handles and self.ventende:
                    self._doed_alle()
        except KeyboardInterrupt as e:
            self.afbrudt = getattr(e, "signum", None) or True  # SIGTERM's number, so the exit code says so
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
                draeb(h.proces.pid)
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
                    draeb(h.proces.pid)
                    h.proces.join(5)
                self._doed(h)
            for pid in self.kerner:  # a kernel never outlives the batch
                if lever(pid):
                    draeb(pid, gruppe=True)
            slut = time.monotonic() + 5.0  # a killed process takes a moment to be gone
            while any(lever(pid) for pid in [*self.kerner, *self.arbejdere]) and time.monotonic() < slut:
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


def koer(jobs: Iterable[Job], *, workers: int | None = None, tving: bool = False,
         tidsgraense: float | None = TIDSGRAENSE, keep_notebook: bool = True, vis_fremdrift: bool = True,
         ved_haendelse: Callable[[str, object, dict], None] | None = None, kernel_name: str | None = None
         ) -> Opsummering:
    """Make every brief in `jobs` (skipping unchanged ones unless `tving`) in `workers` processes; one brief
    to make with one worker is made in this process (no process to spawn, the same `koer_en`).

    `ved_haendelse(navn, job_eller_resultat, info)` is called in this process on "start" (a brief is
    handed to a worker; info has arbejder_pid, kerne_pid) and "faerdig" (a Resultat). A KeyboardInterrupt,
    also one raised by `ved_haendelse` or by SIGTERM, stops the run cleanly: the result has `afbrudt=True`.
    """
    from dataclasses import replace

    t0 = time.perf_counter()
    jobs = list(jobs)
    kerne = None
    if len(jobs) == 1 and (workers or 1) == 1 and tving:  # one brief to make: its kernel boots while we go on
        kerne = Kerne(kernel_name or KERNEL, tidsgraense, tema=jobs[0].tema)
    resultater: dict[int, Resultat] = {}
    at_koere = []
    for nr, job in enumerate(jobs):
        # Only a brief made before can be kept unchanged; every other brief gets its fingerprint as it is made
        # (koer_en, from its kernel), so a first run imports no tema in this process.
        if not tving and kvittering.er_lavet(job):
            job = job if job.fingeraftryk else replace(
                job, fingeraftryk=kvittering.fingeraftryk(job, kvittering.tabeller_for(job.tema)))
            if kvittering.er_uaendret(job):
                resultater[nr] = Resultat(nr, job.tema, job.kommune, job.html, UAENDRET,
                                          filer={f: str(job.fil(f)) for f in job.formater})
                continue
        kvittering.ryd_midlertidige(job.html)  # left by a run that was killed outright
        at_koere.append((nr, job))
    workers = max(1, min(workers or default_workers(), len(at_koere) or 1))
    with afbryd_ved_sigterm():  # SIGTERM (timeout, cron, systemd) stops the run as Ctrl-C does
        if len(at_koere) == 1 and workers == 1:
            koersel = _EnIProces(at_koere[0], kernel_name, tidsgraense, keep_notebook, ved_haendelse, kerne)
            koersel.koer()
            fremdrift = None
        else:
            fremdrift = _Fremdrift(len(at_koere), vis_fremdrift) if at_koere else None
            koersel = _Koersel(at_koere, workers, kernel_name, tidsgraense, keep_notebook, fremdrift, ved_haendelse)
            try:
                if at_koere:
                    koersel.koer()
            finally:
                if fremdrift is not None:
                    fremdrift.luk()
    resultater.update(koersel.resultater)
    return Opsummering([resultater[nr] for nr in sorted(resultater)], time.perf_counter() - t0, koersel.afbrudt,
                       workers if at_koere else 0, arbejdere=koersel.arbejdere, kerner=koersel.kerner)


class _EnIProces:
    """One brief in this process: a kernel, the brief, the kernel shut down; Ctrl-C or SIGTERM stops it and
    leaves nothing behind (every file is written under a temporary name and renamed)."""

    def __init__(self, opgave: tuple[int, Job], kernel_name, tidsgraense, keep_notebook, ved_haendelse,
                 kerne: Kerne | None = None):
        self.nr, self.job = opgave
        self.kerne = kerne  # already booting, when the caller started it
        self.args = (kernel_name, tidsgraense, keep_notebook)
        self.ved_haendelse = ved_haendelse
        self.resultater: dict[int, Resultat] = {}
        self.afbrudt = False
        self.arbejdere: list[int] = []
        self.kerner: list[int] = []

    def koer(self) -> None:
        kernel_name, tidsgraense, keep_notebook = self.args
        kerne = self.kerne
        try:
            kerne = kerne or Kerne(kernel_name or KERNEL, tidsgraense, tema=self.job.tema)
            self.kerner.append(kerne.pid)
            if self.ved_haendelse:
                self.ved_haendelse("start", self.job, {"arbejder_pid": os.getpid(), "kerne_pid": kerne.pid})
            res = koer_en(kerne, self.nr, self.job, keep_notebook)
        except KeyboardInterrupt as e:
            self.afbrudt = getattr(e, "signum", None) or True
            kvittering.ryd_midlertidige(self.job.html)
            res = Resultat(self.nr, self.job.tema, self.job.kommune, self.job.html, IKKE_KOERT, "Afbrudt undervejs.")
        except Exception as e:  # the kernel did not start
            res = Resultat(self.nr, self.job.tema, self.job.kommune, self.job.html, FEJLET,
                           f"Jupyter-kernen kunne ikke starte: {type(e).__name__}: {e}")
            res.besked = res.grund
        finally:
            foer = _ignorer_sigint()  # the clean-up is not itself interrupted
            try:
                if kerne is not None:
                    kerne.stop()
                from ..render import formater

                formater.luk()
            finally:
                _gendan_sigint(foer)
        self.resultater[self.nr] = res
        if self.ved_haendelse:
            self.ved_haendelse("faerdig", res, {})


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


