"""Write demo tables exactly as the sources send them, so demo data goes through the real parsers.

Jobindsats: v3 `/data/{id}?format=json` → `{"columns": [...], "rows": [[...], ...]}`, one file per year
(a real fetch splits large tables by period too). Statistikbanken: BULK text, `;`, decimal comma, codes.
A value is a float; NaN is written as null (missing) and +inf as ".." (suppressed), never as 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ... import catalogue
from ...errors import RaaDataFejl
from ...periods import KVARTAL
from ...raw import RawEntry
from ..jobindsats import FORMAT_V3_JSON
from ..statbank import FORMAT_BULK
from .model import World

SUPPRESSED = ".."


@dataclass
class JobindsatsTable:
    """A table as (dimension combination × area × period) arrays, one per measure.

    `combos` lists the dimension values of each combination, in the order of `dimensions`; each measure is
    an array (len(combos), 104, n_periods) over World.areas and the table's periods (months, or quarters
    when the catalogue says frequency K)."""

    id: str
    dimensions: list[str]
    combos: list[tuple[str, ...]]
    measures: dict[str, np.ndarray]


def _spec(table_id: str, columns: list[str]) -> catalogue.TableSpec:
    """The catalogue entry, checked against what the generator writes, so the two cannot drift apart."""
    spec = catalogue.table(table_id)
    by_measure = [spec.measure_dimension] if spec.measure_dimension else []
    want = [spec.area_col, spec.period_col, *spec.dimensions, *by_measure, *spec.measures]
    if sorted(columns) != sorted(want):
        raise RaaDataFejl(f"Demodata for {table_id} har kolonnerne {columns}, men catalogue.yml beskriver {want}.")
    return spec


def _period_codes(world: World, quarterly: bool) -> list[str]:
    """As Jobindsats writes them: 2017M10, 2017QT3."""
    if quarterly:
        return [f"{p.aar}QT{p.nr}" for p in world.quarters]
    return [p.kode for p in world.months]


def _cells(values: np.ndarray) -> pd.Series:
    """Floats → JSON-ready cells: null for NaN, '..' for +inf, numbers as they are."""
    out = pd.Series(values, dtype=object)
    out[np.isnan(values)] = None
    out[np.isinf(values)] = SUPPRESSED
    return out


def jobindsats_files(world: World, table: JobindsatsTable) -> list[tuple[RawEntry, bytes]]:
    spec = _spec(table.id, ["Periode", "Område", *table.dimensions, *table.measures])
    quarterly = spec.frequency == KVARTAL
    periods = _period_codes(world, quarterly)
    years = np.array([int(p[:4]) for p in periods])
    names = [a.navn for a in world.areas]
    n_c, n_a = len(table.combos), len(names)
    files = []
    for year in np.unique(years):
        idx = np.flatnonzero(years == year)
        cols = {  # rows ordered by period, area, dimension values
            "Periode": np.repeat(np.array(periods, dtype=object)[idx], n_a * n_c),
            "Område": np.tile(np.repeat(np.array(names, dtype=object), n_c), len(idx)),
        }
        for j, dim in enumerate(table.dimensions):
            cols[dim] = np.tile(np.array([c[j] for c in table.combos], dtype=object), len(idx) * n_a)
        values = {label: np.transpose(arr[:, :, idx], (2, 1, 0)).reshape(-1) for label, arr in table.measures.items()}
        # a row whose every measure is missing is a combination that did not exist yet: leave it out
        keep = ~np.all([np.isnan(v) for v in values.values()], axis=0)
        frame = pd.DataFrame({k: v[keep] for k, v in cols.items()})
        for label, v in values.items():
            frame[label] = _cells(v[keep]).to_numpy()
        header = json.dumps(list(frame.columns), ensure_ascii=False)
        rows = frame.to_json(orient="values", force_ascii=False)
        body = ('{"columns": ' + header + ', "rows": ' + rows + "}").encode("utf-8")
        span = f"{periods[idx[0]]}-{periods[idx[-1]]}"
        ptype = "Q" if quarterly else "M"
        query = {f"period.{ptype}": ",".join(periods[i] for i in idx), "mgroup.*": "*",
                 **{f"hierarchy.{k}": v for k, v in spec.selection.items() if k.startswith("_")}, "format": "json"}
        entry = RawEntry(path=f"jobindsats/{table.id}/{span}.json", source="jobindsats", table=table.id,
                         url=f"demo:jobindsats/v3/data/{table.id}", query=query, demo=True, format=FORMAT_V3_JSON)
        files.append((entry, body))
    return files


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
