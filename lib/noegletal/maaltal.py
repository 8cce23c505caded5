"""The kommune's måltal (egne table `maaltal`): which target holds for an indicator, area and month.

A måltal is the committee's decision, not a statistic, so it is kept as egne data (imported and checked by
egne_import.py) and read here, once, for every block that shows one: the chart's target line, the table's
column, the sentence and the xlsx all take the same `Maaltal`. No table, no row for the month, or a missing
number: no måltal (never 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import data, fmt, geo
from .periods import MAANED, Periode, periode

TABEL = "maaltal"
INDIKATOR = "maaltal"  # the catalogue indicator a theme declares to read måltal
HOEJERE, LAVERE = "højere er bedre", "lavere er bedre"


@dataclass(frozen=True)
class Maaltal:
    indikator: str
    omraade: str
    vaerdi: float
    retning: str
    fra: str
    til: str  # "" while it holds until a new one replaces it
    note: str = ""

    @property
    def hoejere_er_bedre(self) -> bool:
        return self.retning != LAVERE

    def naaet(self, x: float) -> bool | None:
        """Whether `x` meets the måltal in its direction (None: x is missing)."""
        if fmt.er_mangler(x):
            return None
        return x >= self.vaerdi if self.hoejere_er_bedre else x <= self.vaerdi


def _maaned(p: Periode | str) -> str:
    """The month a måltal is looked up for: a quarter's or a year's last month."""
    p = periode(p) if isinstance(p, str) else p
    if p.frekvens == MAANED:
        return p.kode
    return f"{p.aar}M12" if p.frekvens == "Å" else f"{p.aar}M{3 * p.nr:02d}"


def alle() -> pd.DataFrame:
    """Every måltal row as imported (empty when the table is not built)."""
    if not data.har_tabel(TABEL):
        return pd.DataFrame(columns=["omraade_kode", "omraade", "periode", "indikator", "retning", "gaeldende_til",
                                     "note", "vaerdi"])
    return data.tabel(TABEL)


_FUNDET: tuple = (None, {})  # the måltal table last read, and what was found in it


def gaeldende(indikator: str, omraade, p: Periode | str) -> Maaltal | None:
    """The måltal for `indikator` in `omraade` that holds in the month `p` (a quarter or year: its last month):
    of those begun by then and not ended, the latest begun. Each answer is kept while the table is the same
    (a brief asks for the same few a dozen times, each a pass over the table)."""
    global _FUNDET
    df = alle()
    if df.empty:
        return None
    noegle = (indikator, geo.omraade(omraade).kode, _maaned(p))
    if _FUNDET[0] is not df:
        _FUNDET = (df, {})
    if noegle not in _FUNDET[1]:
        _FUNDET[1][noegle] = _gaeldende(df, *noegle)
    return _FUNDET[1][noegle]


def _gaeldende(df: pd.DataFrame, indikator: str, kode: str, m: str) -> Maaltal | None:
    d = df[(df["indikator"] == indikator) & (df["omraade_kode"] == kode) & (df["periode"] <= m)
           & df["vaerdi"].notna()]
    til = d["gaeldende_til"].fillna("").astype(str)
    d = d[(til == "") | (til >= m)]
    if d.empty:
        return None
    r = d.sort_values("periode").iloc[-1]
    return Maaltal(indikator, r["omraade"], float(r["vaerdi"]), " ".join(str(r["retning"]).lower().split()),
                   r["periode"], str(r["gaeldende_til"] or ""), "" if pd.isna(r["note"]) else str(r["note"]))


def med_enhed(v: float, enhed: str, maal: bool = False) -> str:
    """A value in its unit; a måltal as written (25 pct., not 25,0 pct.)."""
    decimaler = 0 if float(v).is_integer() and (maal or enhed != "pct") else 1
    return fmt.pct(v, decimaler) if enhed == "pct" else fmt.tal(v, decimaler)


def saetning(x: float, m: Maaltal, enhed: str) -> str:
    """'12,4 pct., under måltallet på 25 pct.' (or over, or på niveau med); empty when x is missing."""
    if fmt.er_mangler(x):
        return ""
    d = x - m.vaerdi
    tol = 0.05 if enhed == "pct" else 0.5
    hvor = "på niveau med" if abs(d) < tol else "over" if d > 0 else "under"
    return f"{med_enhed(x, enhed)}, {hvor} måltallet på {med_enhed(m.vaerdi, enhed, maal=True)}"
