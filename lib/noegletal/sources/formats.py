"""Cell values as the sources send them, and the tidy long schema every processed table has.

Each source module parses its raw bytes into a *wide* frame: one column per source column, cells left as
received (str, number or None). `to_tidy()` turns that into the processed schema below, reading numbers
with `parse_value()`, which keeps a missing or suppressed value missing, never 0.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .. import geo
from ..errors import RaaDataFejl, UgyldigPeriode, UkendtOmraade
from ..periods import periode

# Processed schema: these columns first, then one column per dimension of the table.
KEY_COLUMNS = ["omraade_kode", "omraade", "niveau", "periode", "frekvens"]
VALUE_COLUMNS = ["maal", "vaerdi", "status"]

from ..processed import DISKRETIONERET, MANGLER, OK  # noqa: E402,F401  (the status words, one place)

_MISSING = {"", "-", "–", "nan", "none"}
_SUPPRESSED = {"..", ".", "x", "null"}
_DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def parse_value(cell) -> tuple[float, str]:
    """One cell → (value, status). Danish text numbers ('1.234,5') and JSON numbers both work.

    Text with a comma or with dots in thousands position is read the Danish way; a bare '12.5' in text
    (never seen from these sources) is read as a decimal point rather than guessed at.
    """
    if cell is None:  # Jobindsats v3 sends a suppressed or not yet available cell as JSON null [seen]
        return math.nan, DISKRETIONERET
    if isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool):
        return (math.nan, MANGLER) if math.isnan(float(cell)) else (float(cell), OK)
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
    if text.lower() in _MISSING:
        return math.nan, MANGLER
    if text in _SUPPRESSED:
        return math.nan, DISKRETIONERET
    if _DANISH_NUMBER.match(text):
        return float(text.replace(".", "").replace(",", ".")), OK
    try:
        return float(text), OK
    except ValueError:
        raise RaaDataFejl(f"Værdien '{cell}' er ikke et tal og ikke en kendt markering for en manglende værdi.")


def parse_column(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """`parse_value` over a whole column, parsing each distinct cell once (tables repeat values a lot)."""
    cells = cells.astype(object)
    none = np.fromiter((c is None for c in cells), dtype=bool, count=len(cells))
    if none.any():  # factorize would turn None (suppressed) into NaN (missing)
        cells = cells.where(~none, "null")
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    parsed = [parse_value(u) for u in uniques]
    values = np.array([v for v, _ in parsed], dtype="float64")
    status = np.array([st for _, st in parsed], dtype=object)
    return values[codes], status[codes]


def slug(label: str) -> str:
    """A column id for a dimension label: 'Køn' → 'koen', 'CPR-år' → 'cpr_aar'."""
    t = label.strip().lower().replace("å", "aa").replace("æ", "ae").replace("ø", "oe")
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


def to_tidy(
    wide: pd.DataFrame,
    *,
    area_col: str,
    period_col: str,
    measures: list[str],
    dimensions: dict[str, str] | None = None,
    table: str = "",
) -> pd.DataFrame:
    """Wide source frame → processed long frame (KEY_COLUMNS + dimension columns + VALUE_COLUMNS).

    `measures` are the value columns; every other column except area and period is a dimension,
    renamed by `dimensions` (source label → column id) or by `slug()`.
    """
    missing = [c for c in [area_col, period_col, *measures] if c not in wide.columns]
    if missing:
        raise RaaDataFejl(
            f"Tabel {table}: kolonnerne {missing} findes ikke i rådata (fandt {list(wide.columns)}). "
            "Kilden har måske ændret format: ret tabellens opsætning i catalogue.yml."
        )
    dimensions = dimensions or {}
    dim_cols = [c for c in wide.columns if c not in (area_col, period_col, *measures)]
    renames = {c: dimensions.get(c, slug(c)) for c in dim_cols}

    areas = _areas(wide[area_col].astype(str), table)
    periods = _periods(wide[period_col].astype(str), table)
    base = pd.concat([areas, periods, wide[dim_cols].rename(columns=renames).astype(str)], axis=1)

    frames = []
    for m in measures:
        values, status = parse_column(wide[m])
        part = base.copy()
        part["maal"] = m
        part["vaerdi"] = values
        part["status"] = status
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    return out[KEY_COLUMNS + list(renames.values()) + VALUE_COLUMNS]


def _areas(names: pd.Series, table: str) -> pd.DataFrame:
    """Area names or codes → code, canonical name and level. Areas we do not know are kept, level 'andet'."""
    codes, uniques = pd.factorize(names)
    found = []
    for name in uniques:
        try:
            o = geo.omraade(name)
            found.append((o.kode, o.navn, o.niveau))
        except UkendtOmraade:
            found.append(("", str(name), "andet"))
    cols = np.array(found, dtype=object).reshape(-1, 3)
    return pd.DataFrame({"omraade_kode": cols[codes, 0], "omraade": cols[codes, 1], "niveau": cols[codes, 2]},
                        index=names.index)


def _periods(raw: pd.Series, table: str) -> pd.DataFrame:
    codes, uniques = pd.factorize(raw)
    found = []
    for code in uniques:
        try:
            p = periode(code)
        except UgyldigPeriode as e:
            raise RaaDataFejl(f"Tabel {table}: perioden '{code}' i rådata kan ikke læses.") from e
        found.append((p.kode, p.frekvens))
    cols = np.array(found, dtype=object).reshape(-1, 2)
    return pd.DataFrame({"periode": cols[codes, 0], "frekvens": cols[codes, 1]}, index=raw.index)


def perioder(wide: pd.DataFrame, period_col: str, table: str = "") -> list[str]:
    """The periods a raw file holds, as codes ('2018M01'), oldest first (the raw manifest's `perioder`)."""
    if period_col not in wide.columns:
        return []
    p = _periods(wide[period_col].drop_duplicates().astype(str), table)["periode"]
    return sorted(set(p), key=lambda k: periode(k).foerste_dag())
