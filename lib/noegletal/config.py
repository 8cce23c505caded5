"""Where things live. Every path is anchored on the package location, never on the working directory,
so a notebook run by papermill from any folder finds the same data. `NOEGLETAL_DATA` and
`NOEGLETAL_OUTPUTS` move data and outputs elsewhere (tests use that to work in a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parents[1]
REFERENCE_DIR = PACKAGE_DIR / "reference"
CATALOGUE_FILE = PACKAGE_DIR / "catalogue.yml"
NOTEBOOKS_DIR = REPO_DIR / "notebooks"

# The briefs, each a notebook `notebooks/<tema>.ipynb`.
TEMAER = ("integration", "ledighed", "aktivering", "fleksjob", "overblik")

JOBINDSATS_URL = "https://api.jobindsats.dk/v3"
STATBANK_URL = "https://api.statbank.dk/v1"
KEY_ENV = "JOBINDSATS_API_KEY"


def data_dir() -> Path:
    return Path(os.environ.get("NOEGLETAL_DATA", REPO_DIR / "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"


def outputs_dir() -> Path:
    return Path(os.environ.get("NOEGLETAL_OUTPUTS", REPO_DIR / "outputs"))


def udmappe(rod: str | Path | None = None) -> Path:
    """The folder briefs are written under (`rod`, else `outputs_dir()`), made if missing. Checked before
    any brief runs: a file in its place or a folder without write access gets one clear message instead of
    a failure per brief."""
    from .errors import UgyldigParameter

    rod = Path(rod) if rod else outputs_dir()
    hvor = "med --ud eller miljøvariablen NOEGLETAL_OUTPUTS"
    try:
        rod.mkdir(parents=True, exist_ok=True)
        skrivbar = os.access(rod, os.W_OK)
    except (FileExistsError, NotADirectoryError):
        raise UgyldigParameter(f"{rod} findes, men er en fil og ikke en mappe. Angiv en mappe til briefs {hvor}.")
    except PermissionError:
        skrivbar = False
    if not skrivbar:
        raise UgyldigParameter(f"Der må ikke skrives i {rod}. Angiv en anden mappe til briefs {hvor}.")
    return rod


def jobindsats_url() -> str:
    return os.environ.get("JOBINDSATS_API_URL", JOBINDSATS_URL).rstrip("/")


def statbank_url() -> str:
    return os.environ.get("STATBANK_API_URL", STATBANK_URL).rstrip("/")
