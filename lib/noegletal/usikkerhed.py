"""Small numbers, said honestly: when a share rests on few persons, say "k af n" and show an interval.

The threshold lives here and only here.
"""

from __future__ import annotations

import math

from . import fmt

SMAA_TAL_GRAENSE = 30  # below this many persons a share gets "k af n personer" and an interval
Z_95 = 1.959963984540054


def wilson(k: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for k of n, in pct. (behaves well for small n and for k = 0 or k = n)."""
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return math.nan, math.nan
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


def er_smaa_tal(n) -> bool:
    return not fmt.er_mangler(n) and n < SMAA_TAL_GRAENSE


def antal_beskaeftigede(andel: float, n: float) -> float:
    """The whole number of persons behind a share rounded to 1 decimal (k = round(andel × n / 100))."""
    if fmt.er_mangler(andel) or fmt.er_mangler(n):
        return math.nan
    return float(round(andel * n / 100))


def interval_tekst(k, n) -> str | float:
    """'4-40' (Wilson, 95 pct., in pct.) for k of n, for a table column; NaN (shown as '..') when unknown."""
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return math.nan
    lo, hi = wilson(k, n)
    return f"{fmt.tal(lo)}-{fmt.tal(hi)}"


def interval_celle(k, n):
    """The interval as a table cell: '4-40' on the page, its two ends as numbers (pct.) in the CSV and
    xlsx (`csvtal.interval`); NaN when unknown."""
    from .csvtal import interval

    tekst = interval_tekst(k, n)
    return tekst if isinstance(tekst, float) else interval(*wilson(k, n), tekst, "pct.")


def k_af_n(k, n) -> str:
    """'2 af 14 personer, svarende til 14 pct. (95 pct.-interval: 4-40 pct.)'"""
    if fmt.er_mangler(k) or fmt.er_mangler(n) or n <= 0:
        return fmt.MANGLER
    lo, hi = wilson(k, n)
    personer = "person" if n == 1 else "personer"
    return (f"{fmt.tal(k)} af {fmt.tal(n)} {personer}, svarende til {fmt.tal(100 * k / n)} pct. "
            f"({fmt.INTERVAL_95}: {fmt.tal(lo)}-{fmt.tal(hi)} pct.)")
