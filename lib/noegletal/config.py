"""Where things live. Every path is anchored on the package location, never on the working directory,
so a notebook run by papermill from any folder finds the same data. `NOEGLETAL_DATA` and
`NOEGLETAL_OUTPUTS` move data and outputs elsewhere (tests use that to work in a temporary folder).

A relative `NOEGLETAL_DATA` or `NOEGLETAL_OUTPUTS` (e.g. `reldata`) is made absolute once, where it is read,
against the working directory of the command that read it, and written back to the environment: a notebook
kernel started in notebooks/ inherits the absolute path and sees the same folder. Set but empty (`VAR=`, or an
unset `$X` expanded to nothing) counts as unset, so it means the default folder, never the current folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parents[1]
REFERENCE_DIR = PACKAGE_DIR / "reference"
CATALOGUE_FILE = PACKAGE_DIR / "catalogue.yml"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"


def __getattr__(navn: str):
    """`TEMAER`: the briefs, each a theme module with a contract and a notebook `notebooks/<tema>.ipynb`, in
    their order (read from the theme registry, themes/__init__.py, each time: a new theme is seen at once)."""
    if navn == "TEMAER":
        from .themes import navne

        return navne()
    raise AttributeError(f"module {__name__!r} has no attribute {navn!r}")


JOBINDSATS_URL = "https://api.jobindsats.dk/v3"
STATBANK_URL = "https://api.statbank.dk/v1"
KEY_ENV = "JOBINDSATS_API_KEY"


def _mappe_fra_miljoe(navn: str, standard: Path) -> Path:
    """The folder an environment variable names, absolute (see the module's docstring), else `standard`."""
    vaerdi = os.environ.get(navn, "").strip()
    if not vaerdi:
        return standard
    sti = Path(vaerdi).expanduser()
    if not sti.is_absolute():
        sti = Path(os.path.abspath(sti))
        os.environ[navn] = str(sti)  # once: children (notebook kernels, workers) inherit the absolute path
    return sti


def data_dir() -> Path:
    return _mappe_fra_miljoe("NOEGLETAL_DATA", REPO_DIR / "data")


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"


def kommentarer_dir() -> Path:
    """The analyst's own words: kommentarer/<periode>/<kommune>/<tema>.md (NOEGLETAL_KOMMENTARER moves it)."""
    return Path(os.environ.get("NOEGLETAL_KOMMENTARER") or REPO_DIR / "kommentarer").absolute()


def outputs_dir() -> Path:
    return _mappe_fra_miljoe("NOEGLETAL_OUTPUTS", REPO_DIR / "outputs")


data_dir(), outputs_dir()  # relative paths made absolute as soon as the package is imported (see above)


def udmappe(rod: str | Path | None = None) -> Path:
    """The folder briefs are written under (`rod`, else `outputs_dir()`), made if missing. Checked before
    any brief runs: a file in its place or a folder without write access gets one clear message instead of
    a failure per brief; as every output error, a FilFejl (exit 74)."""
    from .errors import FilFejl, ekko

    rod = Path(os.path.abspath(Path(rod).expanduser())) if rod else outputs_dir()
    hvor = "med --ud eller miljøvariablen NOEGLETAL_OUTPUTS"
    try:
        rod.mkdir(parents=True, exist_ok=True)
        skrivbar = os.access(rod, os.W_OK)
    except (FileExistsError, NotADirectoryError):
        raise FilFejl(f"{ekko(rod, maks=None)} findes, men er en fil og ikke en mappe. Angiv en mappe til briefs "
                      f"{hvor}.", sti=rod)
    except PermissionError:
        skrivbar = False
    except OSError as e:  # a read-only filesystem (EROFS), a full disk, …
        if e.errno != errno.EROFS:
            from .errors import fil_fejl

            raise fil_fejl(e, rod, handling="oprettes") from e
        skrivbar = False
    if not skrivbar:
        try:
            skrivebeskyttet = bool(os.statvfs(_eksisterende(rod)).f_flag & os.ST_RDONLY)
        except OSError:
            skrivebeskyttet = False
        grund = " (filsystemet er skrivebeskyttet)" if skrivebeskyttet else ""
        raise FilFejl(f"Der må ikke skrives i {ekko(rod, maks=None)}{grund}. Angiv en anden mappe til briefs "
                      f"{hvor}.", sti=rod)
    return rod


def _eksisterende(sti: Path) -> Path:
    """`sti` or its nearest folder that exists."""
    while not sti.exists() and sti.parent != sti:
        sti = sti.parent
    return sti


def jobindsats_url() -> str:
    return os.environ.get("JOBINDSATS_API_URL", JOBINDSATS_URL).rstrip("/")


def statbank_url() -> str:
    return os.environ.get("STATBANK_API_URL", STATBANK_URL).rstrip("/")


def tema(navn: str) -> str:
    """A tema's name as config.TEMAER has it; an unknown one is refused with the list."""
    import sys

    from .errors import UgyldigParameter, ekko

    temaer = sys.modules[__name__].TEMAER
    t = str(navn).strip().lower()
    if t not in temaer:
        raise UgyldigParameter(f"Ukendt tema '{ekko(navn)}'. Vælg et af: {', '.join(temaer)}.")
    return t
