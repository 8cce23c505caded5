"""Write demo tables exactly as the sources send them, so demo data goes through the real parsers.

Jobindsats: as the live v3 `/data/{id}?format=json` answers (reference/jobindsats-v3.md): one answer per
area hierarchy (`_nykom`: Hele landet, the kommuner without "Kommune" and "Uoplyst område"; `_region`: Hele
landet and the regions), per cut of the catalogue's hierarchies and per year, with value names, the live
measure names and JSON `null` for a suppressed cell. Egne data: the long CSV the user imports (egne.py).
Statistikbanken: BULK text, `;`, decimal comma, codes. A value is a float; NaN and +inf are suppressed.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ... import catalogue, geo
from ...errors import RaaDataFejl
from ...periods import AAR, KVARTAL
from ...raw import RawEntry
from ..egne import FORMAT_EGNE_CSV, egne_csv
from ..jobindsats import FORMAT_V3_JSON, UOPLYST_OMRAADE
from ..statbank import FORMAT_BULK
from .model import World

SUPPRESSED = ".."


@dataclass
class JobindsatsTable:
    """A table as (dimension combination × area × period) arrays, one per measure.

    `combos` lists the dimension values of each combination, in the order of `dimensions` (the catalogue's
    hierarchy labels, or an egne table's dimension columns); each measure is an array (len(combos), 104,
    n_periods) over World.areas and the table's periods (months, or quarters when the catalogue says K, or
    years when it says Å).
    For a Jobindsats table the combos must hold every combination each cut asks for, with the hierarchies
    outside the cut at their total. Egne tables use the same shape."""

    id: str
    dimensions: list[str]
    combos: list[tuple[str, ...]]
    measures: dict[str, np.ndarray]


def _spec(table_id: str, columns: list[str]) -> catalogue.TableSpec:
    """The catalogue entry, checked against what the generator writes, so the two cannot drift apart."""
    spec = catalogue.table(table_id)
    by_measure = [spec.measure_dimension] if spec.measure_dimension else []
    want = [spec.area_col, spec.period_col, *spec.columns, *by_measure, *spec.measures]
    if sorted(columns) != sorted(want):
        raise RaaDataFejl(f"Demodata for {table_id} har kolonnerne {columns}, men catalogue.yml beskriver {want}.")
    return spec


def _period_codes(world: World, quarterly: bool, yearly: bool = False) -> list[str]:
    """As Jobindsats v3 writes them: 2017M10, 2017Q03, 2017Y01."""
    if yearly:
        return [f"{a}Y01" for a in sorted({p.aar for p in world.months})]
    if quarterly:
        return [f"{p.aar}Q{p.nr:02d}" for p in world.quarters]
    return [p.kode for p in world.months]


def _cells(values: np.ndarray) -> pd.Series:
    """Floats → JSON-ready cells: null for NaN and +inf (v3 sends suppressed cells as null)."""
    out = pd.Series(values, dtype=object)
    out[~np.isfinite(values)] = None
    return out


def _cut_combos(spec: catalogue.TableSpec, cut: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The combinations one cut asks for, in catalogue order: the cut's hierarchies over their names,
    every other hierarchy at its total."""
    axes = [h.names if h.id in cut else (h.total,) for h in spec.hierarchies]
    return list(itertools.product(*axes))


def _area_rows(world: World, hierarchy: str) -> tuple[list[str], list[int | None]]:
    """The area names one area hierarchy answers with, and each one's index in World.areas (None: no
    demo numbers, as for 'Uoplyst område', whose cells are suppressed)."""
    index = {a.kode: i for i, a in enumerate(world.areas)}
    land = [(geo.hele_landet().navn, index[geo.hele_landet().kode])]
    if hierarchy == "_region":
        return [n for n, _ in land] + [r.navn for r in geo.regioner()], [i for _, i in land] + [index[r.kode] for r in geo.regioner()]
    if hierarchy == "_hele_landet":
        return [n for n, _ in land], [i for _, i in land]
    names = [n for n, _ in land] + [k.navn for k in geo.kommuner()] + [UOPLYST_OMRAADE]
    return names, [i for _, i in land] + [index[k.kode] for k in geo.kommuner()] + [None]


def jobindsats_files(world: World, table: JobindsatsTable) -> list[tuple[RawEntry, bytes]]:
    spec = catalogue.table(table.id)
    if spec.source == "egne":
        return egne_files(world, table)
    spec = _spec(table.id, ["Periode", "Område", *table.dimensions, *table.measures])
    order = [table.dimensions.index(h.label) for h in spec.hierarchies]
    by_combo = {tuple(c[j] for j in order): i for i, c in enumerate(table.combos)}
    quarterly, yearly = spec.frequency == KVARTAL, spec.frequency == AAR
    periods = _period_codes(world, quarterly, yearly)
    years = np.array([int(p[:4]) for p in periods])
    ptype = "Q" if quarterly else ("Y" if yearly else "M")
    files = []
    for cut_no, cut in enumerate(spec.cuts or [()], 1):
        combos = _cut_combos(spec, cut)
        missing = [c for c in combos if c not in by_combo]
        if missing:
            raise RaaDataFejl(f"Demodata for {table.id} mangler kombinationen {missing[0]} (snit {list(cut)}).")
        rows_c = [by_combo[c] for c in combos]
        for area_h in spec.areas:
            names, idx_a = _area_rows(world, area_h)
            for year in np.unique(years):
                idx_t = np.flatnonzero(years == year)
                body = _answer(spec, table, combos, rows_c, names, idx_a, [periods[i] for i in idx_t], idx_t)
                span = f"{periods[idx_t[0]]}-{periods[idx_t[-1]]}"
                query = {f"period.{ptype}": ",".join(periods[i] for i in idx_t), "mgroup.*": "*",
                         f"hierarchy.{area_h}": "*",
                         **{f"hierarchy.{h.id}": ("*" if h.id in cut else "/") for h in spec.hierarchies},
                         "format": "json"}
                name = f"{area_h.strip('_')}_snit{cut_no}_{span}" if spec.cuts else f"{area_h.strip('_')}_{span}"
                entry = RawEntry(path=f"jobindsats/{table.id}/{name}.json", source="jobindsats", table=table.id,
                                 url=f"demo:jobindsats/v3/data/{table.id}", query=query, demo=True,
                                 format=FORMAT_V3_JSON)
                files.append((entry, body))
    return files


def _answer(spec, table, combos, rows_c, names, idx_a, periods, idx_t) -> bytes:
    """One v3 JSON answer: rows ordered by period, area, dimension values; a row whose every measure is
    missing (a combination that did not exist yet) is left out, as the service leaves it out."""
    n_c, n_a, n_t = len(combos), len(names), len(periods)
    cols = {
        "Periode": np.repeat(np.array(periods, dtype=object), n_a * n_c),
        "Område": np.tile(np.repeat(np.array(names, dtype=object), n_c), n_t),
    }
    for j, h in enumerate(spec.hierarchies):
        cols[h.label] = np.tile(np.array([c[j] for c in combos], dtype=object), n_t * n_a)
    values, real = {}, np.array([i is not None for i in idx_a])
    for label in spec.measures:
        arr = table.measures[label][rows_c]  # (n_c, 104, T)
        a = np.full((n_c, n_a, n_t), np.inf)  # 'Uoplyst område': suppressed
        a[:, real, :] = arr[:, [i for i in idx_a if i is not None], :][:, :, idx_t]
        values[label] = np.transpose(a, (2, 1, 0)).reshape(-1)
    keep = ~np.all([np.isnan(v) for v in values.values()], axis=0)
    frame = pd.DataFrame({k: v[keep] for k, v in cols.items()})
    for label, v in values.items():
        frame[label] = _cells(v[keep]).to_numpy()
    header = json.dumps(list(frame.columns), ensure_ascii=False)
    rows = frame.to_json(orient="values", force_ascii=False)
    return ('{"columns": ' + header + ', "rows": ' + rows + "}").encode("utf-8")


def egne_files(world: World, table: JobindsatsTable) -> list[tuple[RawEntry, bytes]]:
    """An egne-data table as the user would import it: one long CSV (område, periode, dimensions, measures)
    with kommuner, regions and Hele landet, written by the same code as the template."""
    spec = _spec(table.id, ["Periode", "Område", *table.dimensions, *table.measures])
    quarterly = spec.frequency == KVARTAL
    periods = [p.kode for p in (world.quarters if quarterly else world.months)]
    if spec.frequency == AAR:
        periods = sorted({str(p.aar) for p in world.months})
    n_c, n_a, n_t = len(table.combos), len(world.areas), len(periods)
    frame = pd.DataFrame({
        "område": np.tile(np.repeat(np.array([a.navn for a in world.areas], dtype=object), n_c), n_t),
        "periode": np.repeat(np.array(periods, dtype=object), n_a * n_c),
    })
    for j, dim in enumerate(table.dimensions):
        frame[dim] = np.tile(np.array([c[j] for c in table.combos], dtype=object), n_t * n_a)
    values = {label: np.transpose(arr, (2, 1, 0)).reshape(-1) for label, arr in table.measures.items()}
    keep = ~np.all([np.isnan(v) for v in values.values()], axis=0)
    frame = frame[keep].reset_index(drop=True)
    for label in spec.measures:
        frame[label] = values[label][keep]
    body = egne_csv(frame, spec)
    entry = RawEntry(path=f"egne/{table.id}/demodata.csv", source="egne", table=table.id,
                     url=f"demo:egne/{table.id}", query={"fil": "demodata.csv"}, demo=True, format=FORMAT_EGNE_CSV)
    return [(entry, body)]


@dataclass
class StatbankTable:
    """A Statbank table: one array (104, T) per code of its one variable besides OMRÅDE and TID."""

    id: str
    variable: str
    values: dict[str, np.ndarray]  # variable code → array
    decimals: dict[str, int] = field(default_factory=dict)


def _fmt(values: np.ndarray, decimals: int) -> np.ndarray:
    if decimals == 0:
        text = np.char.mod("%d", np.rint(values).astype("int64"))
    else:
        text = np.char.replace(np.char.mod(f"%.{decimals}f", values), ".", ",")
    return np.where(np.isfinite(values), text, SUPPRESSED)


def statbank_file(world: World, table: StatbankTable) -> tuple[RawEntry, bytes]:
    spec = _spec(table.id, ["OMRÅDE", table.variable, "TID", "INDHOLD"])
    if spec.measure_dimension == table.variable and sorted(spec.measure_labels) != sorted(table.values):
        raise RaaDataFejl(f"Demodata for {table.id}: {table.variable}-værdierne passer ikke med catalogue.yml.")
    codes = np.array([a.kode for a in world.areas])
    periods = np.array([p.kode for p in world.months])
    parts = []
    for value, arr in table.values.items():  # BULK order: OMRÅDE, the variable, TID
        n_a, n_t = arr.shape
        parts.append(pd.DataFrame({
            "OMRÅDE": np.repeat(codes, n_t),
            table.variable: value,
            "TID": np.tile(periods, n_a),
            "INDHOLD": _fmt(arr.reshape(-1), table.decimals.get(value, 0)),
        }))
    frame = pd.concat(parts, ignore_index=True)
    order = np.lexsort((frame["TID"].to_numpy(), frame[table.variable].to_numpy(), frame["OMRÅDE"].to_numpy()))
    frame = frame.iloc[order]
    body = ("\ufeff" + frame.to_csv(sep=";", index=False, lineterminator="\r\n")).encode("utf-8")
    query = {"table": table.id, "format": "BULK", "lang": "da", "valuePresentation": "Code",
             "variables": [{"code": code, "values": list(table.values) if code == table.variable else values}
                           for code, values in spec.selection.items()]}
    entry = RawEntry(path=f"statbank/{table.id}/data.csv", source="statbank", table=table.id,
                     url="demo:statbank/v1/data", query=query, demo=True, format=FORMAT_BULK)
    return entry, body
