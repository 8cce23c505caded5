"""Embedded demo data: deterministic raw files in the real sources' formats, calibrated to published figures.

No machine of ours reaches Jobindsats or Statistikbanken, so the product ships this generator. It writes
raw files exactly as the APIs would (Jobindsats v3 JSON, Statistikbanken BULK), flagged `demo` in the raw
manifest, so demo data flows through the same parsers, checks and briefs as real data.

The numbers are made up but plausible (seasons, trends, the 2020 Covid jump, small kommuner with small
counts), and for Ballerup, Region Hovedstaden and Hele landet they reproduce every figure in
`reference/published-figures.csv` that the catalogue covers (see `backtest.py`). Same bytes on every run.
"""

from __future__ import annotations

from tqdm import tqdm

from ... import laas
from ...errors import RaaDataFejl
from ...raw import RawEntry, RawStore, ryd_op
from . import aktivering, befolkning, integration, ledighed, loentimer, maaltal, ydelser
from .model import END, SEED, START, World
from .write import jobindsats_files, statbank_file

__all__ = ["generate", "SEED", "START", "END"]


def generate(store: RawStore | None = None, progress: bool = False) -> list[RawEntry]:
    """Write every demo table to the raw store (replacing earlier demo files) and return the entries.

    Refuses when the store holds real (fetched) files: demo rows must never mix with real ones, and
    overwriting fetched data would lose it. Holds the data folder's lock (laas.py) while it works, and writes
    all or nothing (RawStore.write_many): on a full disk or an interrupt the earlier demo files and the
    manifest stay as they were, and no file of this run is left behind."""
    store = store or RawStore()
    mappe = store.root.parent if store.root.name == "raw" else store.root
    with laas.laas(mappe, "noegletal data demo", hvad="Datamappen"):
        if store.root.name == "raw":
            ryd_op(mappe)
        return _generate(store, progress)


def _generate(store: RawStore, progress: bool) -> list[RawEntry]:
    real = sorted({e.table for e in store.entries().values() if not e.demo})
    if real:
        raise RaaDataFejl(
            f"{store.root} indeholder rigtige data ({', '.join(real)}); demodata skrives ikke oven i dem. "
            "Brug en anden datamappe til demoen (fx `NOEGLETAL_DATA=/tmp/demo noegletal data demo`), "
            "eller flyt de rigtige data væk først."
        )
    steps = tqdm(total=6, desc="Demodata", unit="trin", disable=not progress)
    w = World()
    pop = befolkning.build(w)
    yd = ydelser.build(w, pop)
    steps.update()
    tables = ydelser.tables(w, yd)
    steps.update()
    tables += aktivering.tables(w, yd)
    steps.update()
    tables += integration.tables(w, yd)
    tables += ledighed.tables(w, yd)  # y25i01, y25i09
    tables += loentimer.tables(w, yd)  # y60j01, per year
    steps.update()
    files = [f for t in tables for f in jobindsats_files(w, t)]
    files += [statbank_file(w, ledighed.aus08(w, yd)), statbank_file(w, befolkning.folk1am(w, pop))]
    files += maaltal.files() + maaltal.samarbejde_files()  # måltal (marked as demo) and Tabel 2 of 2020
    steps.update()
    # one step: the earlier demo files (of every source, egne included) go only once the new ones are written
    entries = store.write_many(files, drop=lambda e: e.demo)
    steps.update()
    steps.close()
    return entries
