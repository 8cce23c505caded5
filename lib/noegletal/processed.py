"""The processed data as files: where a table's parquet lies, what the manifest beside it says, and the
status words every value carries.

The one low module that both the reading layer (data.py) and the building layer (pipeline.py) use, so
reading never imports building.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import config
from .errors import BeskadigetData, ManglendeData, fil_fejl

MANIFEST = "manifest.json"

OK = "ok"
MANGLER = "mangler"  # no value: an empty cell or "-"
DISKRETIONERET = "diskretioneret"  # suppressed by the source: ".." or "." in text, null in Jobindsats v3 JSON


def table_path(table_id: str, root: Path | None = None) -> Path:
    return (root or config.processed_dir()) / f"{table_id}.parquet"


def processed_manifest(out_dir: Path | None = None) -> dict:
    """The processed data's manifest (built_at, tables). Missing: ManglendeData; unreadable or damaged: a
    BeskadigetData or FilFejl that names the file and says `noegletal data build`."""
    path = Path(out_dir or config.processed_dir()) / MANIFEST
    if not path.exists():
        raise ManglendeData(
            "Der er ingen bearbejdede data endnu. Kør `make data` (eller `noegletal data demo` og "
            "`noegletal data build`)."
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise fil_fejl(e, path, handling="læses", igen="noegletal data build") from e
    except ValueError as e:  # not JSON (or not UTF-8)
        raise BeskadigetData(
            f"Manifestet for de bearbejdede data, {path}, er beskadiget ({e}). Byg data igen med "
            "`noegletal data build`."
        ) from e
    tables = manifest.get("tables") if isinstance(manifest, dict) else None
    if not isinstance(tables, dict) or not all(isinstance(v, dict) for v in tables.values()):
        raise BeskadigetData(
            f"Manifestet for de bearbejdede data, {path}, har ikke den forventede form (ingen tabeller). Byg data "
            "igen med `noegletal data build`."
        )
    manifest.setdefault("built_at", "ukendt")
    for info in tables.values():
        info.setdefault("demo", False)
        info.setdefault("retrieved_at", "")
    return manifest
