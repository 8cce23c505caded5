"""Egne data: numbers no API serves, imported from the user's own spreadsheet in one long format.

The format (one row per område, periode and dimension values):

    område;periode;<dimension columns>;<measure columns>
    Ballerup;2017M10;2014;48;21;43,8

område is a name in any spelling or a DST code, periode any form the command line takes, numbers may use a
decimal comma and a thousands dot, and "..", "-" or an empty cell mean missing. The column names are the
catalogue's (`noegletal data skabelon ID` writes a template). The file is kept in data/raw/egne/<ID>/ exactly
as given; this module reads it into a wide frame like every other source's parser.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from ..catalogue import TableSpec
from ..errors import RaaDataFejl

FORMAT_EGNE_CSV = "egne-csv"
AREA = "område"
PERIOD = "periode"
MISSING_CELL = ".."


def _text(x) -> str:
    if isinstance(x, (float, np.floating)):
        if not np.isfinite(x):
            return MISSING_CELL
        return (f"{x:.1f}" if x != round(x) else f"{int(round(x))}").replace(".", ",")
    return str(x)


def egne_csv(frame: pd.DataFrame, spec: TableSpec) -> bytes:
    """A long frame (område, periode, dimension labels, measures) → the documented CSV: `;`, UTF-8 with BOM,
    decimal comma, '..' for missing. Used for the template's example and the demo's egne tables."""
    cols = [AREA, PERIOD, *spec.dimensions, *spec.measures]
    out = frame[cols].copy()
    for m in spec.measures:
        out[m] = [_text(v) for v in out[m].to_numpy()]
    return ("\ufeff" + out.to_csv(sep=";", index=False, lineterminator="\r\n")).encode("utf-8")


def parse_csv(data: bytes, table: str = "") -> pd.DataFrame:
    """The long CSV → a wide frame with columns Område, Periode, dimensions, measures; cells as text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RaaDataFejl(f"Tabel {table}: filen med egne data er ikke UTF-8 ({e}). Gem den som 'CSV UTF-8'.") from e
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.EmptyDataError) as e:
        raise RaaDataFejl(f"Tabel {table}: filen med egne data kan ikke læses: {e}.") from e
    lower = {c.strip().lower(): c for c in frame.columns}
    for want in (AREA, PERIOD):
        if want not in lower:
            raise RaaDataFejl(f"Tabel {table}: filen med egne data har ingen kolonne '{want}' (har {list(frame.columns)}).")
    frame = frame.rename(columns={lower[AREA]: "Område", lower[PERIOD]: "Periode"})
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame
