"""The processed data as files: where a table's parquet lies, what the manifest beside it says (which
tables, from which sources, demo or not), and the status words every value carries. Nothing here reads a
table, so the overview page and the batch's parent need no pandas.

The one low module that both the reading layer (data.py) and the building layer (pipeline.py) use, so
reading never imports building.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import catalogue, config
from .errors import BeskadigetData, ManglendeData, fil_fejl
from .tid import dansk_dato

MANIFEST = "manifest.json"  # the name of both manifests, data/raw/'s and data/processed/'s

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


def kildeinfo(table_ids: list[str] | None = None) -> dict:
    """Where the data came from, for the stamp: sources, demo or not, retrieval times."""
    tables = processed_manifest()["tables"]
    chosen = {t: tables[t] for t in (table_ids or tables) if t in tables}
    return {
        "demo": any(v["demo"] for v in chosen.values()),
        "kilder": _kilder(chosen),
        "hentet": max((v["retrieved_at"] for v in chosen.values()), default=""),
        "tabeller": sorted(chosen),
        # the data folder's catalogue corrections the fetch used (catalogue.rettelser), per table
        "rettelser": {t: v["rettelser"] for t, v in sorted(chosen.items()) if v.get("rettelser")},
    }


def _kilder(tables: dict) -> list[str]:
    """The sources as a brief names them; imported egne data with their files and import dates:
    ['Jobindsats.dk (STAR)', 'egne data fra ministermaal.xlsx og barometer.xlsx, indlæst 12. marts 2026']."""
    kilder, filer = set(), {}
    for t, info in tables.items():
        spec = catalogue.table(t)
        if spec.source == "egne" and not info.get("demo") and info.get("original_name"):
            filer[info["original_name"]] = dansk_dato(info.get("imported_at", ""))
        else:
            kilder.add(spec.kilde)
    if filer:
        navne = sorted(filer)
        if len(set(filer.values())) == 1:
            kilder.add(f"{catalogue.KILDE_NAVN['egne']} fra {_og(navne)}, indlæst {filer[navne[0]]}")
        else:
            kilder.add(f"{catalogue.KILDE_NAVN['egne']} fra {_og([f'{n} (indlæst {filer[n]})' for n in navne])}")
    return sorted(kilder)


def _og(dele: list[str]) -> str:
    return dele[0] if len(dele) == 1 else ", ".join(dele[:-1]) + " og " + dele[-1]


def har_tabel(table_id: str) -> bool:
    """Whether a catalogue table has been built into the processed data."""
    catalogue.table(table_id)
    return table_path(table_id).exists()


def er_demo() -> bool:
    return kildeinfo()["demo"]


def processed_exists() -> bool:
    return (Path(config.processed_dir()) / MANIFEST).exists()


def hent_igen(source: str, demo: bool, table: str = "", name: str = "") -> str:
    """The one command that gets a table's raw data again (egne data: import the file again; demo: the demo),
    for every message that says how to repair a raw file or fill a gap."""
    if demo:
        return "noegletal data demo"
    if source == "egne":
        return f"noegletal data importer {name or 'FIL'} --tabel {table or 'TABEL'}"
    return f"noegletal data fetch --source {source}" + (f" --tabel {table}" if table else "")
