"""Kernel side: code that runs inside a kept Jupyter kernel, once at start and before every brief.

The worker sends these as ordinary import statements (`FORVARM`, `NULSTIL`); they run in the kernel's own
process, where `noegletal` is importable because the kernel runs in the same environment: the kernel is
"python3", and jupyter_client replaces the kernelspec's bare "python" by `sys.executable` (the project's
virtualenv).
"""

from __future__ import annotations

import os
import sys

KERNEL = "python3"
# The kernel talks to us over loopback only; its warning about unencrypted TCP would just alarm users.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]

_RC = None  # matplotlib's settings as a fresh kernel has them
_NOTESBOG = None  # the notebook of the last brief

_FORVARM = "from noegletal.batch.kerne import forbered_kerne as _nt_forbered\n_nt_forbered({tema!r})\ndel _nt_forbered"


def forvarm(tema: str | None = None) -> str:
    """The warm-up code; with a tema, its tables are read too (a single brief: while the caller fingerprints)."""
    return _FORVARM.format(tema=tema)

# What `%reset -f` does, less the magic's own second full garbage collection (the shell's reset already
# collects once, in its output cache's flush): ~5 ms a brief.
NULSTIL = ("get_ipython().reset(new_session=False)\n"
           "from noegletal.batch.kerne import nulstil_kerne as _nt_nulstil\n"
           "_nt_nulstil({mappe!r}, {notesbog!r})\ndel _nt_nulstil")


def forbered_kerne(tema: str | None = None) -> None:
    """Once after start: import what the briefs import and note matplotlib's settings. With `tema` (a single
    brief) only that tema is imported and the tables it reads are read at once, so the notebook finds them
    in memory; without (a batch worker, which goes from tema to tema) every tema is imported."""
    global _RC
    import gc
    import importlib
    import pkgutil

    import matplotlib
    import matplotlib.pyplot  # noqa: F401  (seaborn imports it too: the inline backend is set up as in a brief)
    import pandas  # noqa: F401

    from .. import brief, data, figures, fortaelling, params, themes  # noqa: F401

    for navn in [tema] if tema else [m.name for m in pkgutil.iter_modules(themes.__path__)]:
        try:
            importlib.import_module(f"{themes.__name__}.{navn}")
        except Exception:  # a theme being written may not import yet; its brief will say so itself
            pass
    _RC = matplotlib.rcParams.copy()
    _log_paa_niveau()
    try:
        for t in (tabeller(tema) or ()) if tema else ():
            if data.har_tabel(t):
                data.laes_ind(t)
    except Exception:  # a missing or damaged table, a notebook that is no tema's: the brief says so itself
        pass
    # The libraries' objects live as long as the kernel: keep them out of the garbage collector's sight, so
    # each collection (and `%reset`'s own) only looks at what the briefs make (~0.25 s saved per brief).
    gc.collect()
    gc.freeze()


def _log_paa_niveau() -> None:
    """The kernel's logger at the lowest level its handlers show (ERROR, see KERNEL_ARGS): traitlets leaves the
    logger itself at DEBUG, so the kernel built a debug record for every message it handled, each dropped."""
    from IPython import get_ipython

    log = getattr(getattr(get_ipython(), "kernel", None), "log", None)
    if log is not None and log.handlers and not log.propagate:
        log.setLevel(max(log.level, min(h.level for h in log.handlers)))


TABELLER = "from noegletal.batch.kerne import tabeller as _nt_tabeller\n_nt_svar = _nt_tabeller({tema!r})"


def tabeller(tema: str) -> list[str] | None:
    """The tables a tema reads, asked of the kernel (which imports the tema anyway) so the caller need not
    import it; see kvittering.tabeller_for."""
    from .kvittering import tabeller_for

    return tabeller_for(tema)


def nulstil_kerne(mappe: str, notesbog: str = "") -> None:
    """Before each brief (after the namespace is wiped as `%reset -f` wipes it): no figure, no changed setting
    left from the last.

    When the notebook changes (the batch hands out tema by tema), the tables the last tema read are let go,
    except those the next tema reads too (`data.behold`): a kernel then holds one tema's tables (~0.4-0.7 GB)
    instead of all of them (~1.2 GB), and does not read a shared table again. A notebook that is no tema's
    (its name is the tema's) keeps none.
    """
    global _NOTESBOG
    data = sys.modules.get("noegletal.data")
    if data is not None:  # the last brief's declared indicators are not this one's (params.valider declares)
        data.erklaer(None)
    if _NOTESBOG is not None and notesbog != _NOTESBOG and data is not None:
        import gc

        try:
            naeste = tabeller(os.path.splitext(os.path.basename(notesbog))[0]) or ()
        except Exception:  # a tema that does not import: its brief says so itself; keep nothing
            naeste = ()
        data.behold(naeste)
        gc.collect()
    _NOTESBOG = notesbog
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")
    if _RC is not None:
        import matplotlib

        matplotlib.rcParams.update(_RC)
    os.chdir(mappe)
