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


def jobindsats_url() -> str:
    return os.environ.get("JOBINDSATS_API_URL", JOBINDSATS_URL).rstrip("/")


def statbank_url() -> str:
    return os.environ.get("STATBANK_API_URL", STATBANK_URL).rstrip("/")
