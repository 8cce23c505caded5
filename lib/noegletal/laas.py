"""One run at a time per folder, and SIGTERM handled as Ctrl-C.

`with laas(mappe, "noegletal data build"):` takes an exclusive `fcntl.flock` on `mappe/.noegletal.laas` and
writes the holder's pid, command, host and start time into that file. The kernel releases a flock when the
holder's file is closed, so a run that is killed (SIGKILL, a crash, a reboot) never leaves a stale lock: the
file may stay, the lock does not. A second run stops at once with `Optaget` (which command holds the folder,
its pid and since when), or with `vent=True` says whom it waits for and waits.

Used for the data folder by build, demo, fetch and import (see `datamappe()`), and meant for an output folder
the same way. Re-entrant in one process: `data demo` holds the data folder and then builds, and the build takes
the same lock again without waiting for itself. A child made with fork() inherits the open lock file: while such
a child lives, the folder stays locked even if the parent is killed (start children with exec, or close
`laas_fd()` in them, if that matters).

`afbryd_ved_sigterm()` turns SIGTERM (`timeout`, cron, systemd) into `errors.Afbrudt`, a KeyboardInterrupt, so
the `finally` blocks that remove staging run as they do for Ctrl-C.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import Afbrudt, Optaget, fil_fejl

LAASFIL = ".noegletal.laas"

_holdt: dict[str, list] = {}  # lock file (resolved) → [fd, depth, pid]
_mutex = threading.Lock()


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its lock file says."""

    pid: int | None
    kommando: str
    start: float | None
    vaert: str = ""

    def tekst(self) -> str:
        """'`noegletal data build` (pid 4711, startet 2. december 2025 kl. 09:14:03, for 3 min. siden)'."""
        dele = []
        if self.pid:
            dele.append(f"pid {self.pid}" + (f" på {self.vaert}" if self.vaert and self.vaert != socket.gethostname() else ""))
        if self.start:
            dele.append(f"startet {_tidspunkt(self.start)}, for {_varighed(time.time() - self.start)} siden")
        hvem = f"`{self.kommando}`" if self.kommando else "en anden kørsel"
        return f"{hvem} ({', '.join(dele)})" if dele else hvem


def standard_kommando() -> str:
    return " ".join([Path(sys.argv[0]).name or "python", *sys.argv[1:]]) if sys.argv else "python"


@contextmanager
def laas(mappe: str | Path, kommando: str | None = None, *, vent: bool = False, hvad: str = "Mappen",
         vent_hint: str = "kør med --vent for at vente på den", besked=None):
    """Hold `mappe` for this run. `hvad` starts the message ('Datamappen'); `vent_hint` says how to wait instead
    of stopping; `besked(tekst)` is told when a wait begins (default: a line on stderr)."""
    mappe = Path(mappe)
    try:
        mappe.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise fil_fejl(e, mappe, handling="oprettes") from e
    sti = mappe / LAASFIL
    noegle = str(sti.resolve())
    with _mutex:
        holdt = _holdt.get(noegle)
        if holdt and holdt[2] == os.getpid():  # this process holds it already: re-enter
            holdt[1] += 1
            genindtraadt = True
        else:
            genindtraadt = False
    if genindtraadt:
        try:
            yield
        finally:
            with _mutex:
                _holdt[noegle][1] -= 1
        return
    try:
        fd = os.open(sti, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:  # the folder is what the user chose: name it, not the lock file
        e.filename = None
        raise fil_fejl(e, mappe, handling="skrives") from e
    laast = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = laes_holder(sti)
            if not vent:
                raise Optaget(f"{hvad} {mappe} bruges af {holder.tekst()}. Vent, til den er færdig, og prøv igen, "
                              f"eller {vent_hint}.") from None
            (besked or _til_stderr)(f"{hvad} {mappe} bruges af {holder.tekst()}; venter på, at den bliver færdig …")
            fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C or SIGTERM while waiting: the finally below closes fd
        laast = True
        _skriv_holder(fd, kommando or standard_kommando())
        with _mutex:
            _holdt[noegle] = [fd, 1, os.getpid()]
        yield
    finally:
        with _mutex:
            if _holdt.get(noegle, [None])[0] == fd:
                del _holdt[noegle]
        if laast:
            try:
                os.ftruncate(fd, 0)  # the lock file no longer names a holder
            except OSError:
                pass
        os.close(fd)  # releases the flock


def laas_fd(mappe: str | Path) -> int | None:
    """The open lock file of `mappe` if this process holds it (to close in a forked child)."""
    holdt = _holdt.get(str((Path(mappe) / LAASFIL).resolve()))
    return holdt[0] if holdt else None


def er_laast(mappe: str | Path) -> Holder | None:
    """Who holds `mappe` now (None: nobody). Does not take the lock for longer than the test."""
    sti = Path(mappe) / LAASFIL
    if not sti.exists():
        return None
    noegle = str(sti.resolve())
    if noegle in _holdt:
        return laes_holder(sti)
    try:
        fd = os.open(sti, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return laes_holder(sti)
    finally:
        os.close(fd)
    return None


def laes_holder(sti: Path) -> Holder:
    try:
        d = json.loads(Path(sti).read_text(encoding="utf-8") or "{}")
        return Holder(int(d["pid"]) if d.get("pid") else None, str(d.get("kommando", "")),
                      float(d["start"]) if d.get("start") else None, str(d.get("vaert", "")))
    except (OSError, ValueError, TypeError, AttributeError):  # being written, or unreadable: say less
        return Holder(None, "", None)


def _skriv_holder(fd: int, kommando: str) -> None:
    """Best effort: on a full disk the lock still holds, only without a name (a run that frees space must run)."""
    tekst = json.dumps({"pid": os.getpid(), "kommando": kommando, "start": time.time(),
                        "vaert": socket.gethostname()}, ensure_ascii=False).encode("utf-8")
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, tekst, 0)
    except OSError:
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass


def _til_stderr(tekst: str) -> None:
    print(tekst, file=sys.stderr, flush=True)


_MAANEDER = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december"]


def _tidspunkt(t: float) -> str:
    d = datetime.fromtimestamp(t)
    return f"{d.day}. {_MAANEDER[d.month - 1]} {d.year} kl. {d:%H:%M:%S}"


def _varighed(s: float) -> str:
    s = max(0, int(s))
    if s < 60:
        return f"{s} sek."
    if s < 3600:
        return f"{s // 60} min."
    return f"{s // 3600} t. {s % 3600 // 60} min."


@contextmanager
def afbryd_ved_sigterm():
    """SIGTERM raises `Afbrudt` (a KeyboardInterrupt) while the block runs, so cleanup runs as for Ctrl-C; the
    previous handler comes back afterwards. Outside the main thread (where Python allows no handler) a no-op."""
    def handler(signum, frame):
        raise Afbrudt(signum)

    try:
        forrige = signal.signal(signal.SIGTERM, handler)
    except ValueError:
        forrige = None
    try:
        yield
    finally:
        if forrige is not None:
            try:
                signal.signal(signal.SIGTERM, forrige)
            except ValueError:
                pass


@contextmanager
def datamappe(kommando: str | None = None, *, vent: bool = False):
    """Hold the data folder (config.data_dir()) for a run that writes in it (build, demo, fetch, import), with
    SIGTERM handled as Ctrl-C, and sweep what earlier, killed runs left behind (see raw.ryd_op) first."""
    from . import config, raw

    mappe = config.data_dir()
    with afbryd_ved_sigterm(), laas(mappe, kommando, vent=vent, hvad="Datamappen"):
        raw.ryd_op(mappe)
        yield mappe
