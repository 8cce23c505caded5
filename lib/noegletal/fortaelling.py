""""Hvad viser figuren?": plain Danish sentences computed from the data, never typed by hand.

Works on the tidy frames from `data.serie()` (columns omraade_kode, omraade, periode, vaerdi, …).
A missing value is said to be missing, not compared as if it were a number.
"""

from __future__ import annotations

import pandas as pd

from . import fmt, geo
from .periods import Periode, periode

ENHEDER = {"pct": "pct.", "personer": "personer", "fuldtidspersoner": "fuldtidspersoner", "antal": "",
           "forloeb": "forløb", "samtaler": "samtaler"}
# Differences smaller than this (in the unit shown) are called "på niveau med".
NIVEAU_TOLERANCE = {"pct": 0.05}


def vaerdi(df: pd.DataFrame, omraade, p: str | Periode) -> float:
    """The value for one area and period, NaN when absent or missing."""
    code, p = geo.omraade(omraade).kode, periode(p)
    row = df[(df["omraade_kode"] == code) & (df["periode"] == p.kode)]
    return float(row["vaerdi"].iloc[0]) if len(row) else float("nan")


def med_enhed(x, enhed: str) -> str:
    if fmt.er_mangler(x):
        return "ikke oplyst"
    if enhed == "pct":
        return fmt.pct(x)
    unit = ENHEDER.get(enhed, enhed)
    return f"{fmt.tal(x)} {unit}".strip()


def niveau(navn: str, x, enhed: str, p: str | Periode, hvad: str = "") -> str:
    """'I oktober 2017 var andelen 33,3 pct. i Ballerup.'"""
    p = periode(p)
    if fmt.er_mangler(x):
        return f"Der er ikke oplyst et tal for {navn} i {p.tekst}."
    subject = f"{hvad} " if hvad else ""
    return f"I {p.tekst} var {subject}{med_enhed(x, enhed)} i {navn}.".replace("  ", " ")


def aendring(navn: str, nu, foer, enhed: str, p: str | Periode, skridt: int = 12) -> str:
    """Change against `skridt` periods earlier: pct.-point for shares, number and pct. for counts."""
    p = periode(p)
    tidligere = p.shift(-skridt)
    if fmt.er_mangler(nu) or fmt.er_mangler(foer):
        return f"Udviklingen siden {tidligere.tekst} kan ikke opgøres for {navn}, fordi et af tallene mangler."
    d = nu - foer
    if enhed == "pct":
        if round(d, 1) == 0:
            return f"Andelen i {navn} er uændret siden {tidligere.tekst} ({fmt.pct(foer)})."
        retning = "steget" if d > 0 else "faldet"
        return f"Andelen i {navn} er {retning} {fmt.tal(abs(d), 1)} pct.-point siden {tidligere.tekst} ({fmt.pct(foer)})."
    if round(d) == 0:
        return f"Antallet i {navn} er uændret siden {tidligere.tekst} ({med_enhed(foer, enhed)})."
    retning = "steget" if d > 0 else "faldet"
    rel = f" ({fmt.aendring(100 * d / foer)})" if foer else ""
    return f"Antallet i {navn} er {retning} med {med_enhed(abs(d), enhed)}{rel} siden {tidligere.tekst}."


def sammenligning(navn: str, x, andre: list[tuple[str, float]], enhed: str,
                  interval: tuple[float, float] | None = None) -> str:
    """'Det er højere end Hele landet (33,2 pct.) og lavere end Region Hovedstaden (35,0 pct.).'

    With an `interval` (the uncertainty of x when it rests on few persons), a comparison value inside it
    is said to be within the uncertainty instead of higher or lower."""
    if fmt.er_mangler(x):
        return ""
    tol = NIVEAU_TOLERANCE.get(enhed, 0.5)
    parts = []
    for andet, y in andre:
        if fmt.er_mangler(y):
            parts.append(f"for {andet} er tallet ikke oplyst")
        elif interval and interval[0] <= y <= interval[1]:
            parts.append(f"ikke sikkert forskelligt fra {andet} ({med_enhed(y, enhed)}), for forskellen er "
                         "mindre end usikkerheden")
        elif abs(x - y) < tol:
            parts.append(f"på niveau med {andet} ({med_enhed(y, enhed)})")
        else:
            parts.append(f"{'højere' if x > y else 'lavere'} end {andet} ({med_enhed(y, enhed)})")
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"Det er {joined}."


def hvad_viser(df: pd.DataFrame, kommune, sammenlign: list, p: str | Periode, enhed: str,
               hvad: str = "", skridt: int = 12, interval: tuple[float, float] | None = None) -> list[str]:
    """The three standard sentences: latest value, change over `skridt` periods, comparison
    (within `interval`, the kommune's uncertainty, a difference is not called higher or lower)."""
    k = geo.omraade(kommune)
    p = periode(p)
    nu = vaerdi(df, k, p)
    out = [niveau(k.navn, nu, enhed, p, hvad)]
    if not fmt.er_mangler(nu):
        out.append(aendring(k.navn, nu, vaerdi(df, k, p.shift(-skridt)), enhed, p, skridt))
        comp = sammenligning(k.navn, nu, [(geo.omraade(o).navn, vaerdi(df, o, p)) for o in sammenlign], enhed, interval)
        if comp:
            out.append(comp)
    return out
